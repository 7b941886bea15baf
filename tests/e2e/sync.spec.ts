import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapturedPerson, RequestOf, Result } from '../../utils/model';
import { test, expect, type ExtensionHarness } from './fixtures';

/**
 * The outbox against a real CRM endpoint: the built extension's service worker POSTs to an HTTP receiver
 * this file starts on 127.0.0.1 (the harness lets local hosts through and blocks the rest).
 *
 * Retries are scheduled with real backoff (30 s and up) and a claimed entry is leased for 2 minutes.
 * Rather than wait, the tests "let time pass" by moving the due time of pending entries to now, in the
 * extension's own IndexedDB (makeDue below); nothing else about the outbox is touched from outside.
 */

interface WireEvent {
  id: string;
  entity: 'contact' | 'touchpoint' | 'note';
  op: 'upsert' | 'delete';
  data: { id: string };
  at: string;
}

interface Hit {
  key: string | undefined;
  authorization: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  rawBody: string;
  events: WireEvent[];
  /** the browser hung up before we answered (the worker was stopped) */
  aborted: boolean;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** default: a per-event acknowledgement with remote ids */
  body?: string;
  /** hold the answer until this resolves */
  hold?: Promise<void>;
}

/** A fake CRM: records every request; answers from a queue, then acknowledges everything. */
class Receiver {
  readonly hits: Hit[] = [];
  private readonly answers: Answer[] = [];
  private server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queue the answers to the next requests, in order. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  /** How many times each event id arrived. */
  arrivals(): Map<string, number> {
    const n = new Map<string, number>();
    for (const h of this.hits) for (const e of h.events) n.set(e.id, (n.get(e.id) ?? 0) + 1);
    return n;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    let events: WireEvent[] = [];
    try {
      events = (JSON.parse(rawBody) as { events: WireEvent[] }).events;
    } catch {
      // recorded with no events; the test will notice
    }
    const hit: Hit = {
      key: header('idempotency-key'),
      authorization: header('authorization'),
      signature: header('x-touchpoint-signature'),
      contentType: header('content-type'),
      rawBody,
      events,
      aborted: false,
    };
    res.on('close', () => {
      if (!res.writableFinished) hit.aborted = true;
    });
    this.hits.push(hit);
    const a = this.answers.shift() ?? { status: 200 };
    if (a.hold) await a.hold;
    if (res.destroyed) return;
    const body = a.body ?? JSON.stringify({ results: events.map((e) => ({ id: e.id, status: 'ok', remoteId: `crm-${e.data.id}` })) });
    res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers });
    res.end(body);
  }
}

function person(name: string, email: string): CapturedPerson {
  return { name, emails: [email], phones: [], links: [], role: 'profile', sources: { name: 'jsonld', emails: 'text' } };
}

function saveRequest(p: CapturedPerson, note?: string): RequestOf<'contacts.save'> {
  return {
    person: p,
    kind: 'prospect',
    ...(note ? { note } : {}),
    page: { url: 'https://people.example.org/team', site: 'generic' },
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`background answered ${result.error.code}: ${result.error.message}`);
  return result.data;
}

const SECRET = 'e2e-webhook-secret';

/** Point the extension at the receiver. autoSync off: only `sync.now` sends, so each request is the test's doing. */
async function configure(extension: ExtensionHarness, url: string): Promise<void> {
  unwrap(
    await extension.sendMessage('settings.save', {
      settings: { defaultKind: 'prospect', ownDomains: [], autoSync: false, destination: { type: 'webhook', url, secret: SECRET } },
    }),
  );
}

/** Two contacts (each with its first touchpoint) and a note: returns the outbox's event count. */
async function saveSomePeople(extension: ExtensionHarness): Promise<{ contactIds: string[]; noteId: string; queued: number }> {
  const a = unwrap(await extension.sendMessage('contacts.save', saveRequest(person('Ada Lindqvist', 'ada@lindqvist.example'))));
  const b = unwrap(await extension.sendMessage('contacts.save', saveRequest(person('Bo Sørensen', 'bo@sorensen.example'))));
  const note = unwrap(await extension.sendMessage('notes.save', { contactId: a.contact.id, body: 'Wants pricing for 40 seats.' }));
  const status = unwrap(await extension.sendMessage('outbox.status', {}));
  expect(status.dead).toBe(0);
  return { contactIds: [a.contact.id, b.contact.id], noteId: note.note.id, queued: status.pending };
}

/**
 * "Let time pass": every pending entry not yet due (backoff, or the lease of a request the stopped
 * worker never finished) becomes due now. Runs in an extension page, on the extension's own database.
 */
async function makeDue(extension: ExtensionHarness): Promise<number> {
  return extension.inExtension(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const now = Date.now();
    let moved = 0;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      const cursor = tx.objectStore('outbox').openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        const e = c.value as { status: string; nextAttemptAt: number };
        if (e.status === 'pending' && e.nextAttemptAt > now) {
          c.update({ ...e, nextAttemptAt: now });
          moved++;
        }
        c.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return moved;
  }, null);
}

const ids = (h: Hit) => h.events.map((e) => e.id).sort();

test.describe('sync to a webhook', () => {
  let rx: Receiver;
  test.beforeEach(async () => {
    rx = new Receiver();
    await rx.start();
  });
  test.afterEach(async () => rx.stop());

  test('sync.now delivers each change exactly once, signed, with an Idempotency-Key, and empties the outbox', async ({ extension }) => {
    await configure(extension, rx.url);
    const { contactIds, noteId, queued } = await saveSomePeople(extension);
    expect(queued).toBeGreaterThanOrEqual(3); // 2 contacts + the note (+ their first touchpoints)

    const after = unwrap(await extension.sendMessage('sync.now', {}));
    expect(after).toEqual({ pending: 0, dead: 0 });

    const events = rx.hits.flatMap((h) => h.events);
    expect(events).toHaveLength(queued);
    expect([...rx.arrivals().values()].every((n) => n === 1)).toBe(true);
    const upserted = (entity: WireEvent['entity']) => events.filter((e) => e.entity === entity && e.op === 'upsert').map((e) => e.data.id);
    expect(upserted('contact').sort()).toEqual([...contactIds].sort());
    expect(upserted('note')).toEqual([noteId]);

    for (const h of rx.hits) {
      expect(h.key).toBeTruthy();
      // docs/sync.md: the event id for one event, else batch-<sha256 of the sorted ids, comma-joined>
      const batchKey = `batch-${createHash('sha256').update(ids(h).join(',')).digest('hex')}`;
      expect(h.key).toBe(h.events.length === 1 ? h.events[0]!.id : batchKey);
      expect(h.contentType).toMatch(/^application\/json/);
      expect(h.authorization).toBe(`Bearer ${SECRET}`);
      expect(h.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(h.rawBody).digest('hex')}`);
    }

    // The acknowledgement's remote ids are recorded on the contact.
    const got = unwrap(await extension.sendMessage('contacts.get', { id: contactIds[0]! }));
    expect(got.contact.sync.webhook).toMatchObject({ remoteId: `crm-${contactIds[0]}`, lastResult: 'ok' });

    // Nothing left to send: another sync sends nothing.
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.arrivals().size).toBe(queued);
    expect(rx.hits.flatMap((h) => h.events)).toHaveLength(queued);
  });

  test('500, 429, a garbage 200, then 200: nothing is lost, the same events come again, the outbox ends empty', async ({ extension }) => {
    await configure(extension, rx.url);
    const { queued } = await saveSomePeople(extension);
    rx.answer(
      { status: 500, body: 'Internal Server Error' },
      { status: 429, headers: { 'Retry-After': '1' }, body: '{"error":"slow down"}' },
      { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>OK</html>' },
    );

    const steps: Array<{ error: RegExp }> = [{ error: /HTTP 500/ }, { error: /HTTP 429/ }, { error: /without a JSON acknowledgement/ }];
    for (const [i, step] of steps.entries()) {
      if (i > 0) expect(await makeDue(extension)).toBe(queued);
      const status = unwrap(await extension.sendMessage('sync.now', {}));
      expect(rx.hits).toHaveLength(i + 1);
      expect(status).toMatchObject({ pending: queued, dead: 0, lastError: expect.stringMatching(step.error) });
      expect(unwrap(await extension.sendMessage('outbox.status', {}))).toMatchObject({ pending: queued, lastError: expect.stringMatching(step.error) });
      // Backing off: an immediate "Sync now" does not hammer the CRM.
      unwrap(await extension.sendMessage('sync.now', {}));
      expect(rx.hits).toHaveLength(i + 1);
    }

    expect(await makeDue(extension)).toBe(queued);
    expect(unwrap(await extension.sendMessage('sync.now', {}))).toEqual({ pending: 0, dead: 0 });
    expect(rx.hits).toHaveLength(4);
    // Every attempt carried the same events, under the same key.
    const first = rx.hits[0]!;
    expect(first.events).toHaveLength(queued);
    for (const h of rx.hits) {
      expect(ids(h)).toEqual(ids(first));
      expect(h.key).toBe(first.key);
    }
  });

  test('a worker stopped mid-request resumes after restart: everything arrives, duplicates only under the same key', async ({ extension }) => {
    await configure(extension, rx.url);
    const { queued } = await saveSomePeople(extension);
    let release!: () => void;
    rx.answer({ status: 200, hold: new Promise<void>((r) => (release = r)) });

    // The request reaches the CRM, which is slow to answer; meanwhile Chrome stops the worker.
    const interrupted = extension.sendMessage('sync.now', {}).then(
      (r) => r,
      (e: Error) => e,
    );
    await expect.poll(() => rx.hits.length).toBe(1);
    await extension.stopServiceWorker();
    release();
    const answer = await interrupted;
    // The page's message died with the worker (never an 'ok' with an empty outbox).
    expect(answer instanceof Error || !answer.ok || answer.data.pending > 0).toBe(true);
    await expect.poll(() => rx.hits[0]!.aborted).toBe(true);

    // A fresh worker: the entries are still there, leased to the request that never finished.
    expect(unwrap(await extension.sendMessage('outbox.status', {}))).toMatchObject({ pending: queued, dead: 0 });
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.hits).toHaveLength(1); // the lease holds: no second copy while the first may still be in flight
    // An alarm waits for the lease to run out, so an autoSync worker resumes on its own.
    const soon = await extension.inExtension(
      () => (globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } } }).chrome.alarms.get('outbox-soon'),
      null,
    );
    expect(soon?.scheduledTime).toBeGreaterThan(Date.now() + 60_000);

    // The lease runs out: the same events go again, under the same key, and the outbox empties.
    expect(await makeDue(extension)).toBe(queued);
    expect(unwrap(await extension.sendMessage('sync.now', {}))).toEqual({ pending: 0, dead: 0 });
    expect(rx.hits).toHaveLength(2);
    const [held, resent] = rx.hits as [Hit, Hit];
    expect(held.events).toHaveLength(queued);
    expect(ids(resent)).toEqual(ids(held));
    expect(resent.key).toBe(held.key);
    // Deduplicating on the key (or on each event id), the CRM applies every change exactly once.
    const byKey = new Map(rx.hits.map((h) => [h.key, h]));
    expect(byKey.size).toBe(1);
    expect([...byKey.values()].flatMap((h) => h.events)).toHaveLength(queued);
  });

  test('a 400 makes the entries dead, outbox.status shows it, outbox.retry revives and sends them', async ({ extension }) => {
    await configure(extension, rx.url);
    const { contactIds, queued } = await saveSomePeople(extension);
    rx.answer({ status: 400, body: '{"error":"email domain not allowed"}' });

    expect(unwrap(await extension.sendMessage('sync.now', {}))).toEqual({
      pending: 0,
      dead: queued,
      lastError: expect.stringMatching(/HTTP 400.*email domain not allowed/),
    });
    expect(unwrap(await extension.sendMessage('outbox.status', {}))).toMatchObject({ dead: queued, lastError: expect.stringMatching(/HTTP 400/) });
    const refused = unwrap(await extension.sendMessage('contacts.get', { id: contactIds[0]! }));
    expect(refused.contact.sync.webhook).toMatchObject({ lastResult: 'error', lastError: expect.stringMatching(/HTTP 400/) });

    // Dead entries are never retried on their own, even when "due".
    await makeDue(extension);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(rx.hits).toHaveLength(1);

    expect(unwrap(await extension.sendMessage('outbox.retry', {}))).toEqual({ pending: 0, dead: 0 });
    expect(rx.hits).toHaveLength(2);
    expect(ids(rx.hits[1]!)).toEqual(ids(rx.hits[0]!));
    const synced = unwrap(await extension.sendMessage('contacts.get', { id: contactIds[0]! }));
    expect(synced.contact.sync.webhook).toMatchObject({ lastResult: 'ok', remoteId: `crm-${contactIds[0]}` });
  });
});
