import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson } from '../../utils/model';
import {
  createOutboxPort,
  deleteContact,
  openTouchpointDB,
  outboxCounts,
  saveCapturedPerson,
  saveNote,
  seedContacts,
  type TouchpointDatabase,
} from '../../utils/store';
import { backoffMs, parseRetryAfter } from '../../utils/sync/backoff';
import { createDrainLock, DEFAULT_LEASE_MS, drainOutbox } from '../../utils/sync/engine';
import type { OutboxPort } from '../../utils/sync/types';
import { createWebhookConnector, idempotencyKey } from '../../utils/sync/webhook';

let db: TouchpointDatabase;
let clock: number;
const now = () => clock;

interface Received {
  key: string | null;
  signature: string | null;
  events: { id: string; entity: string; op: string; data: { id: string }; at: string }[];
}

/** A CRM endpoint: records every request; `respond` decides the answer. Dedupes by event id like a good receiver. */
function receiver(respond: (r: Received, n: number) => Response | Promise<Response>) {
  const requests: Received[] = [];
  const applied = new Map<string, number>();
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const body = JSON.parse(String(init?.body)) as { events: Received['events'] };
    const r: Received = { key: headers.get('Idempotency-Key'), signature: headers.get('X-Touchpoint-Signature'), events: body.events };
    requests.push(r);
    const res = await respond(r, requests.length);
    if (res.ok) for (const e of body.events) applied.set(e.id, (applied.get(e.id) ?? 0) + 1);
    return res;
  }) as typeof fetch;
  return { requests, applied, fetchImpl };
}

const okAll = (r: Received) =>
  Response.json({ results: r.events.map((e) => ({ id: e.id, status: 'ok', remoteId: `crm-${e.data.id}` })) });

async function saveOne(email = 'anna@acme.com') {
  const person: CapturedPerson = { name: 'Anna', emails: [email], phones: [], links: [], sources: {} };
  return saveCapturedPerson(db, { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } }, { now });
}

function drain(fetchImpl: typeof fetch, extra: { port?: OutboxPort; batchSize?: number; random?: () => number } = {}) {
  return drainOutbox({
    port: extra.port ?? createOutboxPort(db),
    connector: createWebhookConnector({ url: 'https://crm.test/hook', secret: 's3cret', fetch: fetchImpl, now }),
    now,
    random: extra.random ?? (() => 0.5),
    batchSize: extra.batchSize,
  });
}

beforeEach(async () => {
  db = await openTouchpointDB();
  clock = Date.parse('2026-03-01T12:00:00Z');
});

describe('backoff', () => {
  it('grows exponentially with jitter and a cap', () => {
    expect(backoffMs(1, () => 0)).toBe(15_000);
    expect(backoffMs(1, () => 1)).toBe(30_000);
    expect(backoffMs(4, () => 0.5)).toBe(180_000);
    expect(backoffMs(40, () => 1)).toBe(6 * 3600_000);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(90_000).toUTCString(), 30_000)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('drainOutbox with the webhook connector', () => {
  it('200: sends each change once with its id as the Idempotency-Key, removes it, records the remote id', async () => {
    const { contact } = await saveOne();
    const rx = receiver(okAll);
    const report = await drain(rx.fetchImpl, { batchSize: 1 });
    expect(report).toMatchObject({ acked: 2, retried: 0, dead: 0 });
    expect(rx.requests).toHaveLength(2);
    for (const r of rx.requests) expect(r.key).toBe(r.events[0]!.id);
    expect(rx.requests[0]!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(rx.requests.map((r) => r.events[0]!.entity).sort()).toEqual(['contact', 'touchpoint']);
    expect(await db.count('outbox')).toBe(0);
    const stored = await db.get('contacts', contact.id);
    expect(stored?.sync.webhook).toMatchObject({ remoteId: `crm-${contact.id}`, lastResult: 'ok' });
    expect(stored?.updatedAt).toBe(contact.updatedAt);
  });

  it('500: keeps the entries and retries later with backoff', async () => {
    await saveOne();
    const rx = receiver(() => new Response('boom', { status: 500 }));
    const report = await drain(rx.fetchImpl);
    expect(report.retried).toBe(2);
    const entries = await db.getAll('outbox');
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.attempts).toBe(1);
      expect(e.nextAttemptAt).toBe(clock + backoffMs(1, () => 0.5));
      expect(e.lastError).toMatch(/HTTP 500/);
    }
    // Not due yet: nothing is sent.
    await drain(rx.fetchImpl);
    expect(rx.requests).toHaveLength(1);
  });

  it('429 honours Retry-After', async () => {
    await saveOne();
    const rx = receiver(() => new Response('slow down', { status: 429, headers: { 'Retry-After': '3600' } }));
    await drain(rx.fetchImpl);
    for (const e of await db.getAll('outbox')) expect(e.nextAttemptAt).toBe(clock + 3600_000);
  });

  it('a 2xx with a garbage body is not an acknowledgement: retried', async () => {
    await saveOne();
    const rx = receiver(() => new Response('<html>OK</html>', { status: 200 }));
    const report = await drain(rx.fetchImpl);
    expect(report.retried).toBe(2);
    expect(report.lastError).toMatch(/without a JSON acknowledgement/);
    expect(await db.count('outbox')).toBe(2);
    const rx2 = receiver(() => Response.json({ results: 'yes' }));
    clock += 10 * 60_000;
    expect((await drain(rx2.fetchImpl)).retried).toBe(2);
  });

  it('a network error is retried', async () => {
    await saveOne();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const report = await drain(failing);
    expect(report.retried).toBe(2);
    expect((await outboxCounts(db)).lastError).toMatch(/network: Failed to fetch/);
  });

  it('4xx (not 408/429) is dead, with the error kept and shown on the contact', async () => {
    const { contact } = await saveOne();
    const rx = receiver(() => new Response('{"error":"bad field"}', { status: 422 }));
    const report = await drain(rx.fetchImpl);
    expect(report.dead).toBe(2);
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 2, lastError: expect.stringMatching(/HTTP 422.*bad field/) });
    expect((await db.get('contacts', contact.id))?.sync.webhook).toMatchObject({ lastResult: 'error' });
    // Dead entries never come due again on their own.
    clock += 365 * 86_400_000;
    await drain(rx.fetchImpl);
    expect(rx.requests).toHaveLength(1);
  });

  it('per-event results: rejected is dead, missing is retried, ok is removed', async () => {
    await saveOne('a@x.se');
    await saveOne('b@x.se');
    const rx = receiver((r) =>
      Response.json({ results: [{ id: r.events[0]!.id, status: 'ok' }, { id: r.events[1]!.id, status: 'rejected', error: 'no' }] }),
    );
    const report = await drain(rx.fetchImpl);
    expect(report).toMatchObject({ acked: 1, dead: 1, retried: 2 });
  });

  it('a worker stopped between send and ack loses nothing; the retry carries the same idempotency keys', async () => {
    await saveOne();
    await saveOne('second@acme.com');
    const rx = receiver(okAll);
    const real = createOutboxPort(db);
    // The CRM answered, but the worker died before the ack was written.
    const crashing: OutboxPort = { ...real, ack: async () => Promise.reject(new Error('worker stopped')) };
    await expect(drain(rx.fetchImpl, { port: crashing })).rejects.toThrow('worker stopped');
    const firstKeys = rx.requests.flatMap((r) => r.events.map((e) => e.id)).sort();
    expect(await db.count('outbox')).toBe(4);

    // A new worker before the lease expires does not send them again…
    const rx2 = receiver(okAll);
    rx2.applied.clear();
    await drain(rx2.fetchImpl);
    expect(rx2.requests).toHaveLength(0);
    // …after it, it does, with the same ids, and the receiver applies each once.
    clock += DEFAULT_LEASE_MS + 1;
    await drain(rx.fetchImpl);
    const secondKeys = rx.requests.slice(1).flatMap((r) => r.events.map((e) => e.id)).sort();
    expect(secondKeys).toEqual(firstKeys);
    expect(rx.requests[1]!.key).toBe(rx.requests[0]!.key);
    expect(await db.count('outbox')).toBe(0);
    expect([...rx.applied.values()].every((n) => n === 2)).toBe(true); // delivered twice, keyed the same: the CRM dedupes
  });

  it('drains a queue of 250 in batches of 100', async () => {
    await seedContacts(db, 250, { queue: true, now: clock });
    const rx = receiver(okAll);
    const report = await drain(rx.fetchImpl, { batchSize: 100 });
    expect(rx.requests.map((r) => r.events.length)).toEqual([100, 100, 50]);
    expect(new Set(rx.requests.map((r) => r.key)).size).toBe(3);
    expect(report.acked).toBe(250);
    expect(await db.count('outbox')).toBe(0);
    expect(rx.requests[0]!.events[0]).toMatchObject({ entity: 'contact', op: 'upsert', data: { id: expect.any(String), name: expect.any(String) } });
    expect(rx.requests[0]!.events[0]!.data).not.toHaveProperty('searchKey');
  });

  it('drops upserts of things deleted since, and sends the delete with the remote id', async () => {
    const { contact } = await saveOne();
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'hi' }, { now });
    const rx = receiver(okAll);
    await drain(rx.fetchImpl); // contact gets a remote id
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'hi again' }, { now });
    await deleteContact(db, contact.id, { now });
    const rx2 = receiver(okAll);
    await drain(rx2.fetchImpl);
    const events = rx2.requests.flatMap((r) => r.events);
    expect(events.every((e) => e.op === 'delete')).toBe(true);
    const contactDelete = events.find((e) => e.entity === 'contact') as unknown as { remote?: { id?: string } };
    expect(contactDelete.remote?.id).toBe(`crm-${contact.id}`);
    expect(await db.count('outbox')).toBe(0);
  });
});

describe('webhook idempotency key', () => {
  const ev = (id: string) => ({ id, entity: 'contact' as const, op: 'upsert' as const, data: { id: `c-${id}` }, at: '2026-11-27T09:00:00.000Z' });

  it('is the event id alone, and for a batch the same whatever the order of its events', async () => {
    expect(await idempotencyKey([ev('a')])).toBe('a');
    const k = await idempotencyKey([ev('a'), ev('b'), ev('c')]);
    expect(k).toMatch(/^batch-[0-9a-f]{64}$/);
    expect(await idempotencyKey([ev('c'), ev('a'), ev('b')])).toBe(k);
    expect(await idempotencyKey([ev('a'), ev('b')])).not.toBe(k);
  });
});

describe('drain lock', () => {
  it('never runs two drains at once, and folds requests made during a drain into one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const drainNow = createDrainLock(async () => {
      running++;
      runs++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return runs;
    });
    await Promise.all([drainNow(), drainNow(), drainNow(), drainNow()]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });
});
