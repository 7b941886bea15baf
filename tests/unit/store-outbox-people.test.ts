import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson } from '../../utils/model';
import { getContact, openTouchpointDB, outboxCounts, reviveDead, saveCapturedPerson, type TouchpointDatabase } from '../../utils/store';
import { outboxPeople } from '../../utils/store/outbox-people';

let db: TouchpointDatabase;
const person = (name: string, email: string): CapturedPerson => ({ name, emails: [email], phones: [], links: [], sources: {} });
const save = (name: string, email: string, note?: string) =>
  saveCapturedPerson(db, { person: person(name, email), kind: 'lead', page: { url: 'https://example.org/team', site: 'generic' }, ...(note ? { note } : {}) });

beforeEach(async () => {
  db = await openTouchpointDB();
});

describe('who the outbox is about', () => {
  it('counts people, not events: a contact with its touchpoint and note is one person', async () => {
    await save('Ann Lee', 'ann@acme.example', 'met at the fair');
    await save('Bo Ek', 'bo@acme.example');
    const counts = await outboxCounts(db);
    expect(counts.pending).toBeGreaterThan(2);
    const p = await outboxPeople(db);
    // companies are not people: only the two contacts count
    expect(p.pendingPeople).toBe(2);
    expect(p.refused).toEqual([]);
  });

  it('names the contacts the CRM refused a change of, with its reason, once each', async () => {
    const ann = await save('Ann Lee', 'ann@acme.example', 'met at the fair');
    await save('Bo Ek', 'bo@acme.example');
    const full = await getContact(db, ann.contact.id);
    const hers = new Set([ann.contact.id, ...full.touchpoints.map((t) => t.id), ...full.notes.map((n) => n.id)]);
    const tx = db.transaction('outbox', 'readwrite');
    for (const e of await tx.store.getAll()) if (hers.has(e.entityId)) await tx.store.put({ ...e, status: 'dead', lastError: 'HTTP 422: email is invalid' });
    await tx.done;
    const p = await outboxPeople(db);
    expect(p.refused).toEqual([{ contactId: ann.contact.id, error: 'HTTP 422: email is invalid', name: 'Ann Lee' }]);
    expect(p.pendingPeople).toBe(1);
  });

  it('Retry for one contact revives only its refused changes (its own, its timeline\'s and notes\'); Retry all, the rest', async () => {
    const ann = await save('Ann Lee', 'ann@acme.example', 'met at the fair');
    const bo = await save('Bo Ek', 'bo@acme.example');
    const tx = db.transaction('outbox', 'readwrite');
    for (const e of await tx.store.getAll()) await tx.store.put({ ...e, status: 'dead', lastError: 'HTTP 422: refused', nextAttemptAt: Number.MAX_SAFE_INTEGER });
    await tx.done;
    const dead = (await outboxCounts(db)).dead;
    const annFull = await getContact(db, ann.contact.id);
    const hers = new Set([ann.contact.id, ...annFull.touchpoints.map((t) => t.id), ...annFull.notes.map((n) => n.id)]);
    expect(await reviveDead(db, Date.now(), { contactId: ann.contact.id })).toBe(hers.size);
    const after = await db.getAll('outbox');
    expect(after.filter((e) => e.status === 'pending').map((e) => e.entityId).sort()).toEqual([...hers].sort());
    expect((await outboxPeople(db)).refused.map((r) => r.contactId)).toEqual([bo.contact.id]);
    // all: Bo's, and what is nobody's (the company)
    expect(await reviveDead(db)).toBe(dead - hers.size);
    expect((await outboxCounts(db)).dead).toBe(0);
  });
});
