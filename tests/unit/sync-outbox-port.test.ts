import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson, OutboxEntry } from '../../utils/model';
import { createOutboxPort, openTouchpointDB, saveCapturedPerson, updateContact, type TouchpointDatabase } from '../../utils/store';
import { NEVER } from '../../utils/store/outbox';

// The IndexedDB outbox port issues a batch's requests together: these pin down that it still does, per
// record, what one-by-one writes did.

let db: TouchpointDatabase;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const LEASE = 120_000;

async function saveOne(email: string) {
  const person: CapturedPerson = { name: 'Anna', emails: [email], phones: [], links: [], sources: {} };
  return saveCapturedPerson(db, { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } }, { now: () => T0 });
}

const allEntries = () => db.getAll('outbox');

beforeEach(async () => {
  db = await openTouchpointDB();
});

describe('IndexedDB outbox port', () => {
  it('claims the oldest due pending entries, counts an attempt and leases them', async () => {
    await saveOne('a@x.test');
    await saveOne('b@x.test');
    const port = createOutboxPort(db);
    const claimed = await port.claimDue(T0, 3, LEASE);
    expect(claimed).toHaveLength(3);
    for (const e of claimed) expect(e).toMatchObject({ attempts: 1, nextAttemptAt: T0 + LEASE });
    const stored = await allEntries();
    expect(stored.filter((e) => e.attempts === 1 && e.nextAttemptAt === T0 + LEASE)).toHaveLength(3);
    // Leased: not claimed again before the lease runs out, and the 4th is.
    expect((await port.claimDue(T0 + 1, 10, LEASE)).map((e) => e.id)).toEqual(stored.filter((e) => e.attempts === 0).map((e) => e.id));
  });

  it('skips a due entry that is not pending, even when it fills the first look', async () => {
    await saveOne('a@x.test'); // a contact upsert and a touchpoint
    const [first] = await allEntries();
    const odd: OutboxEntry = { ...first!, id: 'dead-but-due', status: 'dead', nextAttemptAt: 0 };
    await db.put('outbox', odd);
    const claimed = await createOutboxPort(db).claimDue(T0, 1, LEASE);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.id).not.toBe('dead-but-due');
    expect((await db.get('outbox', 'dead-but-due'))?.attempts).toBe(first!.attempts);
  });

  it('acks two upserts of one contact in one batch: both removed, the remote id given by either is kept', async () => {
    const { contact } = await saveOne('a@x.test');
    const port = createOutboxPort(db);
    const firstClaim = await port.claimDue(T0, 10, LEASE);
    // Changed after it was sent: a new entry (the sent one is never reused).
    await updateContact(db, contact.id, { set: { jobTitle: { from: contact.jobTitle ?? '', to: 'CTO' } } });
    const first = firstClaim.filter((e) => e.entity === 'contact');
    // (the store stamps the new entry with the real clock, so claim at that time: the first is due again too)
    const second = (await port.claimDue(Date.now() + 1, 10, LEASE)).filter((e) => e.entity === 'contact' && e.id !== first[0]!.id);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    const before = await db.get('contacts', contact.id);
    await port.ack('webhook', [{ id: first[0]!.id, remoteId: 'crm-1' }, { id: second[0]!.id }]);
    expect((await db.get('contacts', contact.id))?.sync.webhook).toMatchObject({ remoteId: 'crm-1', lastResult: 'ok' });
    expect(await db.get('outbox', first[0]!.id)).toBeUndefined();
    expect(await db.get('outbox', second[0]!.id)).toBeUndefined();
    // An unknown id is ignored; sync bookkeeping is not a change (updatedAt stays).
    await port.ack('webhook', [{ id: 'gone' }]);
    const c = await db.get('contacts', contact.id);
    expect(c?.sync.webhook?.remoteId).toBe('crm-1');
    expect(c?.updatedAt).toBe(before?.updatedAt);
  });

  it('marks dead, reschedules and drops exactly the entries named', async () => {
    const { contact } = await saveOne('a@x.test');
    await saveOne('b@x.test');
    const port = createOutboxPort(db);
    const claimed = await port.claimDue(T0, 10, LEASE);
    const mine = claimed.find((e) => e.entity === 'contact' && e.entityId === contact.id)!;
    const others = claimed.filter((e) => e !== mine);
    await port.markDead('webhook', [{ id: mine.id, error: 'HTTP 400: no' }, { id: 'missing', error: 'x' }]);
    await port.reschedule([{ id: others[0]!.id, nextAttemptAt: T0 + 5000, error: 'HTTP 500' }]);
    await port.drop([others[1]!.id]);
    expect(await db.get('outbox', mine.id)).toMatchObject({ status: 'dead', nextAttemptAt: NEVER, lastError: 'HTTP 400: no' });
    expect((await db.get('contacts', contact.id))?.sync.webhook).toMatchObject({ lastResult: 'error', lastError: 'HTTP 400: no' });
    expect(await db.get('outbox', others[0]!.id)).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 5000, lastError: 'HTTP 500' });
    expect(await db.get('outbox', others[1]!.id)).toBeUndefined();
    expect(await db.get('outbox', others[2]!.id)).toMatchObject({ status: 'pending', nextAttemptAt: T0 + LEASE });
    expect(await port.nextDueAt()).toBe(T0 + 5000);
  });

  it('loads current state, the contact’s remote id on its touchpoints, and supersedes what is gone', async () => {
    const { contact } = await saveOne('a@x.test');
    const port = createOutboxPort(db);
    const claimed = await port.claimDue(T0, 10, LEASE);
    await port.ack('webhook', claimed.filter((e) => e.entity === 'contact').map((e) => ({ id: e.id, remoteId: 'crm-9' })));
    const tp = claimed.find((e) => e.entity === 'touchpoint')!;
    const vanished: OutboxEntry = { ...tp, id: 'vanished', entityId: 'no-such-touchpoint' };
    const { events, superseded } = await port.loadEvents([tp, vanished], 'webhook');
    expect(superseded).toEqual(['vanished']);
    expect(events).toEqual([expect.objectContaining({ id: tp.id, entity: 'touchpoint', remote: { contactId: 'crm-9' }, data: expect.objectContaining({ contactId: contact.id }) })]);
  });
});
