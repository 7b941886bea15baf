import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Contact, Note, OutboxEntry, Touchpoint } from '../model';
import { searchTokensOf } from './tokens';

export const DB_NAME = 'touchpoint';
/** Bump with a new `migrations` entry; never edit a shipped migration. */
export const DB_VERSION = 2;

/** A contact as stored: the model plus derived fields the indexes need (stripped before leaving the store). */
export type StoredContact = Contact & {
  /** v2: normalised words of name, company and emails, for prefix search (multiEntry index) */
  searchTokens?: string[];
};

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface TouchpointDB extends DBSchema {
  contacts: {
    key: string;
    value: StoredContact;
    indexes: {
      byEmail: string; // multiEntry: every email
      byLink: string; // multiEntry: every (canonical) link
      byUpdatedAt: string;
      byKindStage: [string, string];
      /** v2 */
      bySearchToken: string; // multiEntry
      /** v2: most recent first within one kind, without scanning the other */
      byKindUpdatedAt: [string, string];
    };
  };
  touchpoints: {
    key: string;
    value: Touchpoint;
    indexes: { byContactAt: [string, string] };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { byContactUpdatedAt: [string, string] };
  };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: {
      byNextAttemptAt: number;
      /** to coalesce repeated changes of one entity into one unsent entry */
      byEntity: [string, string];
      /** v2: count pending/dead for the badge without reading every entry */
      byStatus: string;
    };
  };
  meta: { key: string; value: MetaRecord };
}

export type TouchpointDatabase = IDBPDatabase<TouchpointDB>;
export type UpgradeTx = IDBPTransaction<TouchpointDB, StoreNames<TouchpointDB>[], 'versionchange'>;

/**
 * Migrations by the version they produce. Each runs inside the upgrade transaction, so it may only
 * touch the database (no network, no messaging, no awaiting anything else).
 */
export const migrations: Record<number, (db: TouchpointDatabase, tx: UpgradeTx) => Promise<void> | void> = {
  1(db) {
    const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
    contacts.createIndex('byEmail', 'emails', { multiEntry: true });
    contacts.createIndex('byLink', 'links', { multiEntry: true });
    contacts.createIndex('byUpdatedAt', 'updatedAt');
    contacts.createIndex('byKindStage', ['kind', 'stage']);

    const touchpoints = db.createObjectStore('touchpoints', { keyPath: 'id' });
    touchpoints.createIndex('byContactAt', ['contactId', 'at']);

    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('byContactUpdatedAt', ['contactId', 'updatedAt']);

    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('byNextAttemptAt', 'nextAttemptAt');
    outbox.createIndex('byEntity', ['entity', 'entityId']);

    db.createObjectStore('meta', { keyPath: 'key' });
  },

  /**
   * v2: search-as-you-type at 100,000 contacts. v1 searched by scanning every contact; v2 keeps the
   * normalised words of name/company/emails in a multiEntry index so a prefix is one key range.
   * Existing contacts are backfilled here, in the same upgrade transaction.
   */
  async 2(_db, tx) {
    const contacts = tx.objectStore('contacts');
    contacts.createIndex('bySearchToken', 'searchTokens', { multiEntry: true });
    contacts.createIndex('byKindUpdatedAt', ['kind', 'updatedAt']);
    tx.objectStore('outbox').createIndex('byStatus', 'status');
    let cursor = await contacts.openCursor();
    while (cursor) {
      const c = cursor.value;
      await cursor.update({ ...c, searchTokens: searchTokensOf(c) });
      cursor = await cursor.continue();
    }
  },
};

export interface SchemaInfo {
  version: number;
  /** every upgrade this database went through: from → to, when */
  upgrades: { from: number; to: number; at: string }[];
}
