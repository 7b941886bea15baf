import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Result } from '../../utils/model';
import { test, expect, type ExtensionHarness } from './fixtures';
import { testSecret, WebhookReceiver } from './support/webhook-receiver';

/**
 * The fault suite: the built extension in Chromium drains 1,000+ events per scenario to an independent
 * receiver on 127.0.0.1 (it verifies every signature with the official standardwebhooks package) that
 * misbehaves as each scenario says. Every scenario must end with 0 lost, 0 innocent events dead, and
 * duplicates only under the same event id. The table is printed and written into docs/sync.md.
 *
 * Time: backoff (30 s and up), Retry-After 60 and the 2-minute lease run on the engine's clock, which the
 * e2e build lets a test move forward (`debug.sync { advanceMs }`, compiled only into that build); so the
 * engine honours "Retry-After: 60" exactly — the test checks nothing is sent at +59 s and something is at
 * +60 s — without waiting a minute of real time. The request timeout is shortened the same way (1 s).
 * Events are seeded through the e2e build's `debug.seed` (the store's own seeding code), not UI clicks.
 */

const EVENTS = 1000;
const LEASE_MS = 2 * 60_000;

interface Row {
  scenario: string;
  events: number;
  requests: number;
  delivered: number;
  lost: number;
  innocentDead: number;
  poisonDead: number;
  dupSameId: number;
  dupOtherId: number;
  seconds: number;
}
const rows: Row[] = [];

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`background answered ${r.error.code}: ${r.error.message}`);
  return r.data;
}

async function configure(extension: ExtensionHarness, url: string, secret: string): Promise<void> {
  unwrap(
    await extension.sendMessage('settings.save', {
      settings: { defaultKind: 'prospect', ownDomains: [], autoSync: false, destination: { type: 'webhook', url, secret } },
    }),
  );
}

interface Entry {
  id: string;
  status: string;
  entityId: string;
}

/** The outbox as stored, read in an extension page. */
async function outbox(extension: ExtensionHarness): Promise<Entry[]> {
  return extension.inExtension(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<Entry[]>((resolve, reject) => {
      const req = db.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => resolve((req.result as Entry[]).map((e) => ({ id: e.id, status: e.status, entityId: e.entityId })));
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all;
  }, null);
}

const advance = async (extension: ExtensionHarness, ms: number) => unwrap(await extension.sendMessage('debug.sync', { advanceMs: Math.max(0, Math.ceil(ms)) }));

/** "Sync now" until the outbox is empty, letting engine time pass as the engine asks (bounded). */
async function drainAll(extension: ExtensionHarness, opts: { maxRounds?: number } = {}): Promise<'empty' | 'paused'> {
  for (let round = 0; round < (opts.maxRounds ?? 200); round++) {
    const after = unwrap(await extension.sendMessage('sync.now', {}));
    if (after.pending === 0) return 'empty';
    const status = unwrap(await extension.sendMessage('sync.status', {}));
    if (status.paused?.reason === 'auth') return 'paused';
    // the endpoint's backoff / Retry-After / circuit cool-down, else a lease held by a request that never finished
    await advance(extension, status.retryAt !== undefined ? status.retryAt - Date.now() + 50 : LEASE_MS + 1000);
  }
  throw new Error('the outbox did not empty');
}

/** Hits that sent the same events again must carry the same batch id, and no request ever carries the secret. */
function checkHeaders(rx: WebhookReceiver, secret: string): void {
  const membersOf = new Map<string, string>();
  for (const h of rx.requests) {
    expect(h.signatureValid, `request ${h.n} has a valid Standard Webhooks signature`).toBe(true);
    expect(h.authorization).toBeUndefined();
    expect(h.rawBody).not.toContain(secret.slice(6));
    expect(h.idempotencyKey).toBe(h.webhookId);
    const members = h.events.map((e) => e.id).join(',');
    const seen = membersOf.get(h.webhookId!);
    if (seen !== undefined) expect(members, `batch ${h.webhookId} keeps its members`).toBe(seen);
    membersOf.set(h.webhookId!, members);
  }
}

function measure(scenario: string, started: number, queued: Set<string>, final: Entry[], receivers: WebhookReceiver[], poison: Set<string> = new Set()): Row {
  const delivered = new Set<string>();
  let dupSameId = 0;
  const idsByContent = new Map<string, Set<string>>();
  for (const rx of receivers) {
    for (const [id, n] of rx.acked) {
      if (delivered.has(id)) dupSameId += n;
      else dupSameId += n - 1;
      delivered.add(id);
    }
    for (const e of rx.ackedEvents) {
      const key = `${rx.url} ${e.type} ${e.data.id} ${e.data.updatedAt ?? ''}`;
      const ids = idsByContent.get(key) ?? new Set<string>();
      ids.add(e.id);
      idsByContent.set(key, ids);
    }
  }
  const dead = final.filter((e) => e.status === 'dead');
  const row: Row = {
    scenario,
    events: queued.size,
    requests: receivers.reduce((n, rx) => n + rx.requests.length, 0),
    delivered: [...queued].filter((id) => delivered.has(id)).length,
    lost: [...queued].filter((id) => !delivered.has(id) && !dead.some((d) => d.id === id)).length,
    innocentDead: dead.filter((d) => !poison.has(d.entityId)).length,
    poisonDead: dead.filter((d) => poison.has(d.entityId)).length,
    dupSameId,
    dupOtherId: [...idsByContent.values()].filter((ids) => ids.size > 1).length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  rows.push(row);
  expect(final.filter((e) => e.status === 'pending')).toHaveLength(0);
  expect(row).toMatchObject({ lost: 0, innocentDead: 0, dupOtherId: 0 });
  return row;
}

function table(): string {
  const head = '| scenario | events | requests | delivered | lost | innocent dead | poison dead | duplicates (same id) | duplicates (other id) | time (s) |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) => `| ${r.scenario} | ${r.events} | ${r.requests} | ${r.delivered} | ${r.lost} | ${r.innocentDead} | ${r.poisonDead} | ${r.dupSameId} | ${r.dupOtherId} | ${r.seconds} |`);
  return [head, sep, ...lines].join('\n');
}

test.describe.configure({ mode: 'serial' });

test.describe('sync under faults: 1,000 events per scenario', () => {
  const secret = testSecret();
  let rx: WebhookReceiver;
  let started = 0;

  test.beforeEach(async ({ extension }) => {
    rx = new WebhookReceiver(secret);
    await rx.start();
    await configure(extension, rx.url, secret);
    unwrap(await extension.sendMessage('debug.sync', { timeoutMs: 1000 }));
    started = Date.now();
  });
  test.afterEach(async () => rx.stop());

  test.afterAll(() => {
    if (rows.length === 0) return;
    const text = table();
    console.log(`\nSync fault suite (${new Date().toISOString()})\n${text}\n`);
    const doc = path.resolve(import.meta.dirname, '../../docs/sync.md');
    const md = readFileSync(doc, 'utf8');
    const start = '<!-- fault-table:start -->';
    const end = '<!-- fault-table:end -->';
    if (md.includes(start) && md.includes(end) && rows.length >= 12) {
      writeFileSync(doc, `${md.slice(0, md.indexOf(start) + start.length)}\n${text}\n${md.slice(md.indexOf(end))}`);
    }
  });

  async function seed(extension: ExtensionHarness, contacts = EVENTS, noteChars?: number): Promise<Set<string>> {
    unwrap(await extension.sendMessage('debug.seed', { contacts, queue: true, seed: 7, ...(noteChars ? { noteChars } : {}) }));
    const ids = new Set((await outbox(extension)).map((e) => e.id));
    expect(ids.size).toBeGreaterThanOrEqual(EVENTS);
    return ids;
  }

  test('500s: the batch waits whole, under the same id, while the endpoint backs off', async ({ extension }) => {
    const queued = await seed(extension);
    rx.plan = (h) => (h.n <= 5 ? { status: 500, body: 'Internal Server Error' } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    const failed = rx.requests.slice(0, 6);
    expect(new Set(failed.map((h) => h.webhookId)).size).toBe(1);
    checkHeaders(rx, secret);
    measure('500 ×5', started, queued, await outbox(extension), [rx]);
  });

  test('429 + Retry-After 60: nothing before 60 s of engine time, then it goes on', async ({ extension }) => {
    const queued = await seed(extension);
    rx.plan = (h) => (h.n === 1 || h.n === 4 ? { status: 429, headers: { 'Retry-After': '60' }, body: '{"error":"slow down"}' } : undefined);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.requests).toHaveLength(1);
    unwrap(await extension.sendMessage('sync.now', {}));
    await advance(extension, 59_000);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.requests).toHaveLength(1);
    await advance(extension, 1_000);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.requests.length).toBeGreaterThanOrEqual(4); // 2 delivered, then the second 429 stops the drain
    expect(rx.requests.length).toBe(4);
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders(rx, secret);
    measure('429 + Retry-After 60', started, queued, await outbox(extension), [rx]);
  });

  test('302: a redirect is a failure, never followed', async ({ extension }) => {
    const queued = await seed(extension);
    rx.plan = (h) => (h.path === '/hook' && h.n <= 3 ? { status: 302, headers: { Location: `${rx.origin}/elsewhere` }, body: '' } : h.path !== '/hook' ? { status: 200, body: '{"ok":true}' } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    expect(rx.hits.filter((h) => h.path !== '/hook')).toHaveLength(0);
    checkHeaders(rx, secret);
    measure('302 ×3', started, queued, await outbox(extension), [rx]);
  });

  test('413 behind a 64 KB limit: batches split until they fit, nothing dies', async ({ extension }) => {
    const queued = await seed(extension, EVENTS / 2, 1200);
    rx.plan = (h) => (h.bytes > 64 * 1024 ? { status: 413, body: '{"error":"request entity too large"}' } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    expect(rx.requests.some((h) => h.status === 413)).toBe(true);
    expect(rx.requests.filter((h) => h.status === 200).every((h) => h.bytes <= 64 * 1024)).toBe(true);
    checkHeaders(rx, secret);
    measure('413 behind 64 KB', started, queued, await outbox(extension), [rx]);
  });

  test('timeouts: a receiver that does not answer in time', async ({ extension }) => {
    const queued = await seed(extension);
    rx.plan = (h) => (h.n <= 3 ? { status: 200, delayMs: 2500 } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    expect(rx.requests.slice(0, 3).every((h) => h.aborted)).toBe(true);
    checkHeaders(rx, secret);
    measure('timeouts ×3', started, queued, await outbox(extension), [rx]);
  });

  test('connection resets', async ({ extension }) => {
    const queued = await seed(extension);
    rx.plan = (h) => (h.n <= 3 ? { status: 200, reset: true } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders(rx, secret);
    measure('connection resets ×3', started, queued, await outbox(extension), [rx]);
  });

  test('garbage 2xx: an answer that is not an acknowledgement delivers nothing', async ({ extension }) => {
    const queued = await seed(extension);
    const garbage = ['<html>OK</html>', '{"ok":false}', '{"results":"yes"}'];
    rx.plan = (h) => (h.n <= 3 ? { status: 200, body: garbage[h.n - 1] } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders(rx, secret);
    measure('garbage 2xx ×3', started, queued, await outbox(extension), [rx]);
  });

  test('401 → Reconnect: the destination pauses, nothing dies, Test connection resumes it', async ({ extension }) => {
    const queued = await seed(extension);
    let broken = true;
    rx.plan = () => (broken ? { status: 401, body: `{"error":"bad credentials for Bearer ${secret}"}` } : undefined);
    expect(await drainAll(extension)).toBe('paused');
    const status = unwrap(await extension.sendMessage('sync.status', {}));
    expect(status).toMatchObject({ paused: { reason: 'auth' }, dead: 0, pending: EVENTS });
    expect(status.paused!.error).not.toContain(secret.slice(6));
    // Paused: nothing is sent, whatever the time; a capture made during the outage waits too.
    await advance(extension, 7 * 86_400_000);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.requests).toHaveLength(1);
    const saved = unwrap(
      await extension.sendMessage('contacts.save', {
        person: { name: 'Outage Capture', emails: ['outage@capture.example'], phones: [], links: [], sources: {} },
        kind: 'lead',
        page: { url: 'https://capture.example/', site: 'generic' },
      }),
    );
    expect(saved.created).toBe(true);
    for (const e of await outbox(extension)) queued.add(e.id);
    const failedTest = unwrap(await extension.sendMessage('sync.test', {}));
    expect(failedTest).toMatchObject({ ok: false, kind: 'auth' });
    broken = false; // the user fixed the receiver's key
    expect(unwrap(await extension.sendMessage('sync.test', {}))).toMatchObject({ ok: true });
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders({ ...rx, requests: rx.requests.filter((h) => h.events[0]?.type !== 'ping') } as WebhookReceiver, secret);
    measure('401 → reconnect', started, queued, await outbox(extension), [rx]);
  });

  test('one poison 400 in a batch of 100: only that event dies', async ({ extension }) => {
    const queued = await seed(extension);
    const poison = 'seed-00003f';
    rx.plan = (h) => (h.events.some((e) => e.data.id === poison) ? { status: 400, body: '{"error":"invalid email"}' } : undefined);
    expect(await drainAll(extension)).toBe('empty');
    const final = await outbox(extension);
    expect(final.filter((e) => e.status === 'dead').map((e) => e.entityId)).toEqual([poison]);
    checkHeaders(rx, secret);
    measure('poison 400 in a batch of 100', started, queued, final, [rx], new Set([poison]));
  });

  test('worker stopped mid-request', async ({ extension }) => {
    const queued = await seed(extension);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    rx.plan = (h) => (h.n === 3 ? { status: 200, hold: held } : undefined);
    const interrupted = extension.sendMessage('sync.now', {}).catch((e: Error) => e);
    await expect.poll(() => rx.requests.length).toBe(3);
    await extension.stopServiceWorker();
    release();
    await interrupted;
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders(rx, secret);
    measure('worker stopped mid-request', started, queued, await outbox(extension), [rx]);
  });

  test('browser restarted mid-drain', async ({ extension }) => {
    const queued = await seed(extension);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    rx.plan = (h) => (h.n === 3 ? { status: 200, hold: held } : undefined);
    const interrupted = extension.sendMessage('sync.now', {}).catch((e: Error) => e);
    await expect.poll(() => rx.requests.length).toBe(3);
    await extension.relaunch();
    release();
    await interrupted;
    expect(await drainAll(extension)).toBe('empty');
    checkHeaders(rx, secret);
    measure('browser restarted mid-drain', started, queued, await outbox(extension), [rx]);
  });

  test('destination switched: the new endpoint gets every contact, never the old one’s remote ids', async ({ extension }) => {
    const queued = await seed(extension);
    rx.remotePrefix = 'old';
    rx.plan = (h) => (h.n > 4 ? { status: 503, body: 'maintenance' } : undefined);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.acked.size).toBe(400);
    const next = new WebhookReceiver(secret);
    await next.start();
    try {
      next.remotePrefix = 'new';
      await configure(extension, next.url, secret);
      expect(unwrap(await extension.sendMessage('sync.status', {}))).toMatchObject({ fullSyncOffer: true, pending: 600 });
      // every company, and every contact except the 100 of the batch the old endpoint refused last (attempted: they go as they are)
      const { queued: fullSyncQueued } = unwrap(await extension.sendMessage('sync.fullSync', { accept: true }));
      const all = new Set((await outbox(extension)).map((e) => e.id));
      expect(await drainAll(extension)).toBe('empty');
      const contactsAtNew = new Set(next.ackedEvents.filter((e) => e.type === 'contact.upserted').map((e) => e.data.id));
      const companiesAtNew = new Set(next.ackedEvents.filter((e) => e.type === 'company.upserted').map((e) => e.data.id));
      expect(contactsAtNew.size).toBe(EVENTS);
      expect(companiesAtNew.size).toBeGreaterThan(0);
      expect(fullSyncQueued).toBe(EVENTS - 100 + companiesAtNew.size);
      expect(next.requests.some((h) => h.rawBody.includes('"old-'))).toBe(false);
      checkHeaders(next, secret);
      // Lost here means: an event queued for the new endpoint (the 600 left and the 400 of the full sync) that never reached it.
      measure('destination switched', started, all, await outbox(extension), [next]);
      rows[rows.length - 1]!.requests += rx.requests.length;
      expect(queued.size).toBe(EVENTS);
    } finally {
      await next.stop();
    }
  });
});
