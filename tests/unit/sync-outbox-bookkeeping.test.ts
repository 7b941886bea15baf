// The drain's bookkeeping on IndexedDB (utils/store/outbox-port.ts): one transaction between two requests, an
// acknowledged batch removed as one key range, and nothing else removed with it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CapturedPerson, OutboxEntry } from '../../utils/model';
import { createOutboxPort, NEVER, openTouchpointDB, saveCapturedPerson, saveNote, seedContacts, type TouchpointDatabase } from '../../utils/store';
import { queueId } from '../../utils/store/ids';
import { drainOutbox } from '../../utils/sync/engine';
import { createWebhookConnector } from '../../utils/sync/webhook';

let db: TouchpointDatabase;
let clock: number;
const now = () => clock;
const URL_A = 'https://crm.test/hook';

type WireEvent = { id: string; type: string; data: { id: string; contactId?: string }; remote?: { id?: string; contactId?: string } };

/** A webhook endpoint answering every event ok with a remote id; records the events of each request. */
function receiver() {
  const requests: WireEvent[][] = [];
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    const events = (JSON.parse(String(init?.body)) as { events: WireEvent[] }).events;
    requests.push(events);
    return Response.json({ results: events.map((e) => ({ id: e.id, status: 'ok', remoteId: `crm-${e.data.id}` })) });
  }) as typeof fetch;
  return { requests, fetchImpl };
}

function drain(fetchImpl: typeof fetch, batchSize: number, database: TouchpointDatabase = db) {
  return drainOutbox({ port: createOutboxPort(database), connector: createWebhookConnector({ url: URL_A, fetch: fetchImpl, now }), now, random: () => 0.5, batchSize });
}

/** The same database, counting the transactions opened on it. */
function counted(database: TouchpointDatabase) {
  const opened: string[][] = [];
  const proxy = new Proxy(database, {
    get(target, prop, recv) {
      if (prop === 'transaction') {
        return (stores: string | string[], ...rest: unknown[]) => {
          opened.push([stores].flat());
          return (target.transaction as (...a: unknown[]) => unknown)(stores, ...rest);
        };
      }
      const v = Reflect.get(target, prop, recv) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: proxy, opened };
}

beforeEach(async () => {
  db = await openTouchpointDB();
  clock = Date.parse('2026-03-01T12:00:00Z');
});
afterEach(() => vi.restoreAllMocks());

describe('outbox ids (queueId)', () => {
  it('are UUID v7 whose order is the queue order, down to 1/1024 ms, and unique', () => {
    const base = Date.parse('2026-11-30T07:00:00Z');
    const positions = [base - 3 / 1024, base, base + 1 / 1024, base + 1023 / 1024, base + 1, base + 1 + 5 / 1024, base + 86_400_000];
    const ids = positions.map(queueId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // the first 48 bits are the millisecond, as RFC 9562 says
    expect(parseInt(ids[1]!.replace('-', '').slice(0, 12), 16)).toBe(base);
    expect(new Set(Array.from({ length: 1000 }, () => queueId(base))).size).toBe(1000);
  });
});

describe('the drain’s bookkeeping', () => {
  it('is one transaction between two requests: the last ack, the next claim and its reading together', async () => {
    await seedContacts(db, 300, { queue: true, now: clock });
    const rx = receiver();
    const { db: spy, opened } = counted(db);
    const report = await drain(rx.fetchImpl, 100, spy);
    expect(rx.requests.map((r) => r.length)).toEqual([100, 100, 100]);
    expect(report.acked).toBe(300);
    expect(await db.count('outbox')).toBe(0);
    // the endpoint read, the first claim, one per request after it (the ack before with the claim after), the last
    // ack, the endpoint, the delivery log and the wake-up time: not three per request
    const outboxTx = opened.filter((s) => s.includes('outbox'));
    expect(outboxTx.length).toBeLessThanOrEqual(3 + 2);
  });

  it('removes an acknowledged batch as one key range, and never an entry of the range that was not in it', async () => {
    await seedContacts(db, 5, { queue: true, now: clock });
    const queued = (await db.getAll('outbox')).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    // A refused entry whose id falls inside the batch's key range (an id sorts where its position was; this one was
    // revived and refused again, or came from an older version): it is out of the queue and must stay.
    const between: OutboxEntry = { ...queued[2]!, id: `${queued[2]!.id.slice(0, -1)}${queued[2]!.id.endsWith('f') ? 'e' : 'f'}`, entityId: 'someone-else', status: 'dead', nextAttemptAt: NEVER, lastError: 'refused' };
    expect(between.id > queued[0]!.id && between.id < queued[4]!.id).toBe(true);
    await db.put('outbox', between);
    const deletes: unknown[] = [];
    const proto = Object.getPrototypeOf(db.transaction('outbox').store) as { delete: (k: unknown) => Promise<void> };
    const original = proto.delete;
    vi.spyOn(proto, 'delete').mockImplementation(function (this: unknown, key: unknown) {
      deletes.push(key);
      return original.call(this, key);
    });
    const rx = receiver();
    await drain(rx.fetchImpl, 100);
    expect(rx.requests.map((r) => r.length)).toEqual([5]);
    const left = await db.getAll('outbox');
    expect(left.map((e) => e.id)).toEqual([between.id]);
    // …so that batch went entry by entry; a batch alone in its range goes in one request
    expect(deletes.filter((k) => typeof k === 'string')).toHaveLength(5);
    await db.delete('outbox', between.id);
    clock += 1000;
    await seedContacts(db, 5, { queue: true, now: clock, seed: 2 });
    deletes.length = 0;
    await drain(rx.fetchImpl, 100);
    expect(await db.count('outbox')).toBe(0);
    expect(deletes).toHaveLength(1);
    expect(typeof deletes[0]).not.toBe('string');
  });

  it('writes the last request’s acknowledgement too: remote ids recorded, the queue empty, the next change carries them', async () => {
    const person: CapturedPerson = { name: 'Anna', emails: ['anna@acme.com'], phones: [], links: [], sources: {} };
    await saveCapturedPerson(db, { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } }, { now });
    const rx = receiver();
    await drain(rx.fetchImpl, 1);
    expect(rx.requests.map((r) => r.map((e) => e.type))).toEqual([['contact.upserted'], ['touchpoint.created']]);
    expect(await db.count('outbox')).toBe(0);
    const contactId = rx.requests[0]![0]!.data.id;
    const touchpointId = rx.requests[1]![0]!.data.id;
    const destination = createWebhookConnector({ url: URL_A }).destination;
    expect((await db.get('contacts', contactId))!.sync[destination]?.remoteId).toBe(`crm-${contactId}`);
    expect((await db.get('touchpoints', touchpointId))!.sync?.[destination]?.remoteId).toBe(`crm-${touchpointId}`);
    await saveNote(db, { contactId, body: 'Called, wants a demo' }, { now });
    await drain(rx.fetchImpl, 100);
    expect(rx.requests[2]!.map((e) => [e.type, e.remote?.contactId])).toEqual([['note.created', `crm-${contactId}`]]);
  });

  it('a batch loaded while the previous request was on the wire gets the remote ids that request’s answer gave', async () => {
    const person: CapturedPerson = { name: 'Anna', emails: ['anna@acme.com'], phones: [], links: [], sources: {} };
    const saved = await saveCapturedPerson(db, { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } }, { now });
    const contactId = saved.contact.id;
    const first = await saveNote(db, { contactId, body: 'Called' }, { now });
    const rx = receiver();
    // one event a request: each request's successor was loaded before its answer came
    await drain(rx.fetchImpl, 1);
    const types = rx.requests.map((r) => [r[0]!.type, r[0]!.remote?.id, r[0]!.remote?.contactId]);
    expect(types).toEqual([
      ['contact.upserted', undefined, undefined],
      ['touchpoint.created', undefined, `crm-${contactId}`],
      ['note.created', undefined, `crm-${contactId}`],
    ]);
    expect(first.id).toBe(rx.requests[2]![0]!.data.id);
  });
});
