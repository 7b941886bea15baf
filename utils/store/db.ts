import { openDB } from 'idb';
import { BLOCKED_MESSAGE, StorageError, toStorageError } from './errors';
import { DB_NAME, DB_VERSION, migrations, type SchemaInfo, type TouchpointDB, type TouchpointDatabase } from './schema';

export interface OpenOptions {
  name?: string;
  /** open an older schema version (tests of migrations); defaults to the current one */
  version?: number;
  /** called when a newer version wants this connection closed (we close it; reopen lazily) */
  onVersionChange?: () => void;
  /** how long an upgrade may stay blocked by another connection before we give up with a readable error */
  blockedTimeoutMs?: number;
}

/**
 * Open (creating or upgrading) the Touchpoint database. Rejects with a StorageError whose message
 * can be shown to the user (quota, a database from a newer version, an upgrade blocked by another copy).
 */
export async function openTouchpointDB(options: OpenOptions = {}): Promise<TouchpointDatabase> {
  const { name = DB_NAME, version = DB_VERSION, blockedTimeoutMs = 5000 } = options;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let rejectBlocked: (e: Error) => void = () => {};
  const blocked = new Promise<never>((_, reject) => (rejectBlocked = reject));
  const opening = openDB<TouchpointDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      const to = newVersion ?? version;
      for (let v = oldVersion + 1; v <= to; v++) {
        const migrate = migrations[v];
        if (!migrate) throw new Error(`no migration to version ${v}`);
        await migrate(db, tx);
      }
      const meta = tx.objectStore('meta');
      const prev = (await meta.get('schema'))?.value as SchemaInfo | undefined;
      const info: SchemaInfo = {
        version: to,
        upgrades: [...(prev?.upgrades ?? []), { from: oldVersion, to, at: new Date().toISOString() }],
      };
      await meta.put({ key: 'schema', value: info });
    },
    blocked() {
      // Another connection (an older service worker, a stale page) holds the old version open.
      blockedTimer = setTimeout(() => rejectBlocked(new StorageError(BLOCKED_MESSAGE, 'blocked')), blockedTimeoutMs);
    },
    blocking() {
      db?.close();
      options.onVersionChange?.();
    },
    terminated() {
      options.onVersionChange?.();
    },
  });
  let db: TouchpointDatabase | undefined;
  blocked.catch(() => {}); // handled through the race below
  try {
    db = await Promise.race([opening, blocked]);
    return db;
  } catch (e) {
    // If the open completes after we gave up, do not leave the connection dangling.
    opening.then((late) => late.close()).catch(() => {});
    throw toStorageError(e);
  } finally {
    if (blockedTimer) clearTimeout(blockedTimer);
  }
}
