/**
 * The extension's own store and sync code, bundled for the bench to run where the extension runs it (an extension
 * page shares the background's IndexedDB origin; the service worker is the background).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_GLOBAL, bundleSource } from './browser-bundle';

/** What the bench calls, and the module the extension itself uses for each. */
const MODULES: [file: string, names: string[]][] = [
  ['utils/store/db.ts', ['openTouchpointDB']],
  ['utils/store/contacts.ts', ['saveCapturedPerson']],
  ['utils/store/search.ts', ['searchContacts']],
  ['utils/store/outbox-port.ts', ['createOutboxPort', 'outboxCounts']],
  ['utils/sync/engine.ts', ['drainOutbox']],
  ['utils/sync/webhook.ts', ['createWebhookConnector']],
];

/** The store bundle as source text; throws (with esbuild's reason) when a module or an export is missing. */
export async function bundleStore(root: string): Promise<string> {
  for (const [file] of MODULES) if (!existsSync(join(root, file))) throw new Error(`${file} does not exist yet`);
  const lines = MODULES.map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(join(root, file))};`);
  const all = MODULES.flatMap(([, names]) => names);
  // zod compiles validators with new Function when its eval probe passes. Code evaluated through DevTools passes that
  // probe even where the extension's CSP forbids eval, then fails later; the extension itself always ends up jitless.
  // zod reads this global config when it first loads, before any schema is built.
  const jitless = 'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };';
  return `${jitless}\n${await bundleSource(root, `${lines.join('\n')}\nglobalThis.${STORE_GLOBAL} = { ${all.join(', ')} };\n`)}`;
}

/** The functions the bundle exposes, as the bench calls them inside the browser (loosely typed on purpose). */
export interface StoreApi {
  openTouchpointDB(options?: object): Promise<unknown>;
  saveCapturedPerson(db: unknown, input: object): Promise<{ created: boolean }>;
  searchContacts(db: unknown, q: { query: string; limit: number }): Promise<{ items: unknown[]; total: number }>;
  createOutboxPort(db: unknown): unknown;
  outboxCounts(db: unknown): Promise<{ pending: number; dead: number; lastError?: string }>;
  drainOutbox(opts: { port: unknown; connector: unknown; batchSize?: number; maxBatches?: number }): Promise<{ requests: number; acked: number; retried: number; dead: number; lastError?: string }>;
  createWebhookConnector(opts: { url: string; maxBatch?: number }): unknown;
}
