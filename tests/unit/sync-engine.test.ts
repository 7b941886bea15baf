import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson } from '../../utils/model';
import {
  addTouchpoint,
  createOutboxPort,
  deleteContact,
  openTouchpointDB,
  outboxCounts,
  queueFullSync,
  readDeliveries,
  readEndpoint,
  reviveDead,
  saveCapturedPerson,
  saveNote,
  seedContacts,
  type TouchpointDatabase,
} from '../../utils/store';
import { backoffMs, parseRetryAfter } from '../../utils/sync/backoff';
import { CIRCUIT_COOLDOWN_MS, CIRCUIT_THRESHOLD, createDrainLock, DEFAULT_LEASE_MS, drainOutbox, resumeEndpoint } from '../../utils/sync/engine';
import type { OutboxPort } from '../../utils/sync/types';
import { createWebhookConnector, webhookDestination } from '../../utils/sync/webhook';

let db: TouchpointDatabase;
let clock: number;
const now = () => clock;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const URL_A = 'https://crm.test/hook';
const URL_B = 'https://other.test/hook';

interface WireEvent {
  id: string;
  type: string;
  data: { id: string; contactId?: string };
  remote?: { id?: string; contactId?: string };
}
interface Received {
  url: string;
  headers: Headers;
  body: string;
  events: WireEvent[];
  init: RequestInit;
}

/** A webhook endpoint: records every request; `respond` decides the answer. */
function receiver(respond: (r: Received, n: number) => Response | Promise<Response> = okAll) {
  const requests: Received[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const body = String(init?.body);
    const r: Received = { url: String(url), headers: new Headers(init?.headers), body, events: (JSON.parse(body) as { events: WireEvent[] }).events, init: init ?? {} };
    requests.push(r);
    return respond(r, requests.length);
  }) as typeof fetch;
  const delivered = () => requests.flatMap((r) => r.events.map((e) => e.id));
  return { requests, fetchImpl, delivered };
}

function okAll(r: Received): Response {
  return Response.json({ results: r.events.map((e) => ({ id: e.id, status: 'ok', remoteId: `crm-${e.data.id}` })) });
}

async function saveOne(email = 'anna@acme.com') {
  const person: CapturedPerson = { name: 'Anna', emails: [email], phones: [], links: [], sources: {} };
  return saveCapturedPerson(db, { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } }, { now });
}

let ids = 0;
function drain(fetchImpl: typeof fetch, extra: { port?: OutboxPort; batchSize?: number; url?: string; maxBatches?: number } = {}) {
  return drainOutbox({
    port: extra.port ?? createOutboxPort(db),
    connector: createWebhookConnector({ url: extra.url ?? URL_A, secret: SECRET, fetch: fetchImpl, now }),
    now,
    random: () => 0.5,
    newId: () => `split-${++ids}`,
    batchSize: extra.batchSize,
    maxBatches: extra.maxBatches,
  });
}

/** Drain until nothing is left to send now (bounded). */
async function drainAll(fetchImpl: typeof fetch, extra: Parameters<typeof drain>[1] = {}) {
  for (let i = 0; i < 100; i++) {
    const r = await drain(fetchImpl, extra);
    if (r.requests === 0) return;
  }
  throw new Error('did not settle');
}

const pending = async () => (await outboxCounts(db)).pending;
const endpointA = () => readEndpoint(db, webhookDestination(URL_A));

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

describe('a delivered batch', () => {
  it('is signed the Standard Webhooks way, carries its batch id as webhook-id and Idempotency-Key, and never the secret', async () => {
    await saveOne();
    const rx = receiver();
    expect(await drain(rx.fetchImpl)).toMatchObject({ requests: 1, acked: 2, dead: 0 });
    const [r] = rx.requests;
    const id = r!.headers.get('webhook-id')!;
    const ts = r!.headers.get('webhook-timestamp')!;
    expect(id).toBeTruthy();
    expect(r!.headers.get('Idempotency-Key')).toBe(id);
    expect(Number(ts)).toBe(Math.floor(clock / 1000));
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${r!.body}`).digest('base64');
    expect(r!.headers.get('webhook-signature')).toBe(`v1,${expected}`);
    expect(r!.headers.get('authorization')).toBeNull();
    const everything = JSON.stringify([...r!.headers.entries()]) + r!.body;
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(SECRET.slice('whsec_'.length));
    expect(r!.init.redirect).toBe('manual');
    expect(r!.init.credentials).toBe('omit');
  });

  it('is removed from the outbox, and remote ids are kept under the destination identity, not the connector type', async () => {
    const { contact } = await saveOne();
    const rx = receiver();
    await drain(rx.fetchImpl);
    expect(await db.count('outbox')).toBe(0);
    const stored = await db.get('contacts', contact.id);
    expect(stored?.sync[webhookDestination(URL_A)]).toMatchObject({ remoteId: `crm-${contact.id}`, lastResult: 'ok' });
    expect(stored?.sync.webhook).toBeUndefined();
    expect(stored?.updatedAt).toBe(contact.updatedAt);
  });

  it('puts a contact’s event before its touchpoints and notes, in one batch and across batches of one', async () => {
    const { contact } = await saveOne();
    await saveNote(db, { contactId: contact.id, body: 'Wants pricing.' }, { now });
    await addTouchpoint(db, { contactId: contact.id, type: 'call' }, { now });
    for (const batchSize of [100, 1]) {
      await db.clear('outbox');
      await queueFullSync(db, clock);
      const rx = receiver();
      await drainAll(rx.fetchImpl, { batchSize });
      const types = rx.requests.flatMap((r) => r.events.map((e) => e.type));
      expect(types[0]).toBe('contact.upserted');
      expect(types.slice(1).map((t) => t.split('.')[0]).sort()).toEqual(['note', 'touchpoint', 'touchpoint']);
    }
  });

  it('says note.created the first time a destination gets a note, note.updated after', async () => {
    const { contact } = await saveOne();
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'first' }, { now });
    const rx = receiver();
    await drainAll(rx.fetchImpl);
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'second' }, { now });
    await drainAll(rx.fetchImpl);
    const noteTypes = rx.requests.flatMap((r) => r.events).filter((e) => e.type.startsWith('note.')).map((e) => e.type);
    expect(noteTypes).toEqual(['note.created', 'note.updated']);
  });
});

describe('a failing endpoint', () => {
  it('500: the batch waits whole, then goes again with the same members under the same id', async () => {
    await seedContacts(db, 30, { queue: true, now: clock });
    const rx = receiver((r, n) => (n === 1 ? new Response('boom', { status: 500 }) : okAll(r)));
    const first = await drain(rx.fetchImpl, { batchSize: 10 });
    expect(first).toMatchObject({ requests: 1, retried: 10, acked: 0 });
    expect(await pending()).toBe(30);
    clock += 60_000;
    await drainAll(rx.fetchImpl, { batchSize: 10 });
    const [failed, retried] = rx.requests;
    expect(retried!.headers.get('webhook-id')).toBe(failed!.headers.get('webhook-id'));
    expect(retried!.events.map((e) => e.id)).toEqual(failed!.events.map((e) => e.id));
    expect(await pending()).toBe(0);
  });

  it('backs off the endpoint, not each event: nothing is sent before the endpoint is due, and waits grow', async () => {
    await seedContacts(db, 5, { queue: true, now: clock });
    const rx = receiver(() => new Response('down', { status: 503 }));
    const sentAt: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const before = rx.requests.length;
      await drain(rx.fetchImpl);
      if (rx.requests.length > before) sentAt.push(clock);
      clock += 5_000;
      if (sentAt.length === 5) break;
    }
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    expect(gaps.length).toBe(4);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    expect(gaps[0]!).toBeGreaterThanOrEqual(backoffMs(1, () => 0.5));
  });

  it('429 with Retry-After 60: not one request before 60 s, one right after', async () => {
    await saveOne();
    const rx = receiver((r, n) => (n === 1 ? new Response('slow down', { status: 429, headers: { 'Retry-After': '60' } }) : okAll(r)));
    const t0 = clock;
    await drain(rx.fetchImpl);
    clock = t0 + 59_999;
    await drain(rx.fetchImpl);
    expect(rx.requests).toHaveLength(1);
    clock = t0 + 60_000;
    await drain(rx.fetchImpl);
    expect(rx.requests).toHaveLength(2);
    expect(await pending()).toBe(0);
  });

  it('a 3xx is a failure and is never followed; the redirect target’s answer does not count', async () => {
    await saveOne();
    const rx = receiver(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.test/ok' } }));
    const r = await drain(rx.fetchImpl);
    expect(r).toMatchObject({ acked: 0, retried: 2 });
    expect(r.lastError).toMatch(/redirect/);
    expect(rx.requests.every((x) => x.url === URL_A)).toBe(true);
    expect(await pending()).toBe(2);
  });

  it('a 2xx without a valid acknowledgement is not a delivery', async () => {
    await saveOne();
    for (const body of ['<html>OK</html>', '{"results":"yes"}', '{"ok":false}', '']) {
      clock += 24 * 3600_000;
      const rx = receiver(() => new Response(body, { status: 200 }));
      expect(await drain(rx.fetchImpl)).toMatchObject({ acked: 0, retried: 2 });
    }
    expect(await pending()).toBe(2);
  });

  it(`opens a circuit after ${CIRCUIT_THRESHOLD} consecutive failures: paused, then one probe per cool-down; a success closes it`, async () => {
    await seedContacts(db, 3, { queue: true, now: clock });
    let up = false;
    const rx = receiver((r) => (up ? okAll(r) : new Response('down', { status: 500 })));
    for (let i = 0; i < CIRCUIT_THRESHOLD; i++) {
      await drain(rx.fetchImpl);
      clock += 7 * 3600_000;
    }
    expect(rx.requests).toHaveLength(CIRCUIT_THRESHOLD);
    const ep = await endpointA();
    expect(ep?.paused?.reason).toBe('circuit');
    expect(ep!.nextAttemptAt - ep!.paused!.since).toBeGreaterThanOrEqual(CIRCUIT_COOLDOWN_MS);
    up = true;
    await drain(rx.fetchImpl);
    expect((await endpointA())?.paused).toBeUndefined();
    expect(await pending()).toBe(0);
  });

  it('timeouts, resets and a network error keep every event', async () => {
    await saveOne();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const r = await drain(failing);
    expect(r).toMatchObject({ retried: 2, dead: 0 });
    expect((await outboxCounts(db)).lastError).toMatch(/network: Failed to fetch/);
  });
});

describe('refusals are isolated to the events that caused them', () => {
  it('one poison event in a batch of 100 answered 400 as a whole: the batch is split until it is alone; only it dies', async () => {
    await seedContacts(db, 100, { queue: true, now: clock });
    const entries = await db.getAll('outbox');
    const poison = entries[37]!.entityId;
    const rx = receiver((r) => (r.events.some((e) => e.data.id === poison) ? Response.json({ error: 'bad email' }, { status: 400 }) : okAll(r)));
    await drainAll(rx.fetchImpl, { batchSize: 100 });
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 1 });
    const dead = (await db.getAll('outbox'))[0]!;
    expect(dead.entityId).toBe(poison);
    expect(dead.lastError).toMatch(/HTTP 400: bad email/);
    expect(new Set(rx.delivered()).size).toBe(100);
    expect(rx.requests.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
  });

  it('413 splits the batch until it fits; nothing dies unless one event alone is too large', async () => {
    await seedContacts(db, 40, { queue: true, now: clock, noteChars: 1500 });
    const LIMIT = 16 * 1024;
    const rx = receiver((r) => (r.body.length > LIMIT ? new Response('too big', { status: 413 }) : okAll(r)));
    await drainAll(rx.fetchImpl, { batchSize: 100 });
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 0 });
    const huge = receiver(() => new Response('too big', { status: 413 }));
    await saveOne('x@y.test');
    await drainAll(huge.fetchImpl);
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 2 });
  });

  it('per-event results: rejected dies alone, retry stays (regrouped under a new id), ok is removed', async () => {
    await saveOne('a@x.se');
    await saveOne('b@x.se');
    const rx = receiver((r, n) =>
      n === 1
        ? Response.json({ results: [{ id: r.events[0]!.id, status: 'ok' }, { id: r.events[1]!.id, status: 'rejected', error: 'no' }, { id: r.events[2]!.id, status: 'retry' }] })
        : okAll(r),
    );
    // four events: ok, rejected, retry, and one the answer forgot (retried too)
    expect(await drain(rx.fetchImpl)).toMatchObject({ acked: 1, dead: 1, retried: 2 });
    clock += 3600_000;
    await drainAll(rx.fetchImpl);
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 1 });
    expect(rx.requests[1]!.headers.get('webhook-id')).not.toBe(rx.requests[0]!.headers.get('webhook-id'));
    expect(rx.requests[1]!.events).toHaveLength(2);
  });

  it('401/403 pause the destination: nothing dies, nothing is sent until it is resumed', async () => {
    await saveOne();
    const rx = receiver((r, n) => (n === 1 ? new Response('{"error":"invalid signature"}', { status: 401 }) : okAll(r)));
    expect(await drain(rx.fetchImpl)).toMatchObject({ paused: 'auth', dead: 0, retried: 2 });
    clock += 30 * 86_400_000;
    expect(await drain(rx.fetchImpl)).toMatchObject({ requests: 0, paused: 'auth' });
    await saveOne('later@acme.com'); // captured during the outage: waits too
    expect(await outboxCounts(db)).toMatchObject({ pending: 4, dead: 0 });
    await createOutboxPort(db).putEndpoint(resumeEndpoint((await endpointA())!));
    await drainAll(rx.fetchImpl);
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 0 });
  });

  it('stores short errors with no credentials, even when the endpoint echoes them', async () => {
    await saveOne();
    const echo = JSON.stringify({ error: `Authorization: Bearer ${SECRET} rejected; token=abc123def456ghi789 api_key=SECRETKEY99` });
    const rx = receiver(() => new Response(echo + 'x'.repeat(5000), { status: 400 }));
    await drainAll(rx.fetchImpl);
    const { lastError } = await outboxCounts(db);
    expect(lastError).toMatch(/^HTTP 400/);
    expect(lastError!.length).toBeLessThanOrEqual(160);
    for (const secret of [SECRET, 'abc123def456ghi789', 'SECRETKEY99', 'xxxxxxxx']) expect(lastError).not.toContain(secret);
  });
});

describe('exactly once, eventually', () => {
  it('a worker stopped between send and ack loses nothing; the retry carries the same ids and batch id', async () => {
    await saveOne();
    await saveOne('second@acme.com');
    const rx = receiver();
    const real = createOutboxPort(db);
    const crashing: OutboxPort = { ...real, ack: async () => Promise.reject(new Error('worker stopped')) };
    await expect(drain(rx.fetchImpl, { port: crashing })).rejects.toThrow('worker stopped');
    expect(await db.count('outbox')).toBe(4);
    // A new worker before the lease expires sends nothing (the head of the queue is in flight)…
    await drain(rx.fetchImpl);
    expect(rx.requests).toHaveLength(1);
    // …after it, the same batch goes again.
    clock += DEFAULT_LEASE_MS + 1;
    await drain(rx.fetchImpl);
    expect(rx.requests[1]!.headers.get('webhook-id')).toBe(rx.requests[0]!.headers.get('webhook-id'));
    expect(rx.requests[1]!.events.map((e) => e.id)).toEqual(rx.requests[0]!.events.map((e) => e.id));
    expect(await db.count('outbox')).toBe(0);
  });

  it('drains a queue of 250 in batches of 100, each under its own id', async () => {
    await seedContacts(db, 250, { queue: true, now: clock });
    const rx = receiver();
    const report = await drain(rx.fetchImpl, { batchSize: 100 });
    expect(rx.requests.map((r) => r.events.length)).toEqual([100, 100, 50]);
    expect(new Set(rx.requests.map((r) => r.headers.get('webhook-id'))).size).toBe(3);
    expect(report.acked).toBe(250);
  });

  it('drops upserts of things deleted since, and sends the delete with the remote id', async () => {
    const { contact } = await saveOne();
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'hi' }, { now });
    const rx = receiver();
    await drainAll(rx.fetchImpl);
    await saveNote(db, { id: 'n1', contactId: contact.id, body: 'hi again' }, { now });
    await deleteContact(db, contact.id, { now });
    const rx2 = receiver();
    await drainAll(rx2.fetchImpl);
    const events = rx2.requests.flatMap((r) => r.events);
    expect(events.map((e) => e.type).sort()).toEqual(['contact.deleted', 'note.deleted']);
    expect(events.find((e) => e.type === 'contact.deleted')?.remote?.id).toBe(`crm-${contact.id}`);
    expect(await db.count('outbox')).toBe(0);
  });
});

describe('a new destination', () => {
  it('never receives the old endpoint’s remote ids, and a full sync brings it contacts already synced elsewhere', async () => {
    const { contact } = await saveOne();
    const a = receiver();
    await drainAll(a.fetchImpl, { url: URL_A });
    expect(await db.count('outbox')).toBe(0);
    await saveNote(db, { contactId: contact.id, body: 'after the switch' }, { now });
    expect(await queueFullSync(db, clock)).toBe(3); // the contact, its touchpoint, and the note (folded into its queued upsert)
    const b = receiver((r) => Response.json({ results: r.events.map((e) => ({ id: e.id, status: 'ok', remoteId: `b-${e.data.id}` })) }));
    await drainAll(b.fetchImpl, { url: URL_B });
    const events = b.requests.flatMap((r) => r.events);
    expect(events.map((e) => e.type)).toEqual(['contact.upserted', 'touchpoint.created', 'note.created']);
    expect(JSON.stringify(events)).not.toContain('crm-');
    const stored = await db.get('contacts', contact.id);
    expect(stored?.sync[webhookDestination(URL_A)]?.remoteId).toBe(`crm-${contact.id}`);
    expect(stored?.sync[webhookDestination(URL_B)]?.remoteId).toBe(`b-${contact.id}`);
  });

  it('"Retry" puts refused events back in their original order', async () => {
    await seedContacts(db, 3, { queue: true, now: clock });
    const order = (await db.getAll('outbox')).sort((x, y) => x.nextAttemptAt - y.nextAttemptAt).map((e) => e.id);
    await drainAll(receiver(() => new Response('no', { status: 422 })).fetchImpl);
    expect((await outboxCounts(db)).dead).toBe(3);
    expect(await reviveDead(db, clock)).toBe(3);
    const rx = receiver();
    await drainAll(rx.fetchImpl);
    expect(rx.delivered()).toEqual(order);
  });
});

describe('delivery log', () => {
  it('records each request: events by type, status, duration, a short error, what to redeliver', async () => {
    await saveOne();
    const rx = receiver((r, n) => (n === 1 ? new Response('x', { status: 500 }) : okAll(r)));
    await drain(rx.fetchImpl);
    clock += 3600_000;
    await drain(rx.fetchImpl);
    const log = await readDeliveries(db);
    expect(log.map((d) => [d.outcome, d.status, d.events])).toEqual([
      ['delivered', 200, 2],
      ['failed', 500, 2],
    ]);
    expect(log[1]!.types).toEqual({ 'contact.upserted': 1, 'touchpoint.created': 1 });
    expect(log[1]!.error).toBe('HTTP 500');
    expect(log[0]!.refs.map((r) => r.entity).sort()).toEqual(['contact', 'touchpoint']);
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
