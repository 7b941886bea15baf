import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson, ParsedRequestOf } from '../../utils/model';
import {
  deleteContact,
  discardEmptyCall,
  getCompany,
  renameCompany,
  searchContacts,
  getContact,
  openTouchpointDB,
  outboxCounts,
  promoteContact,
  saveCapturedPerson,
  saveNote,
  updateContact,
  type TouchpointDatabase,
} from '../../utils/store';

let db: TouchpointDatabase;
let clock = Date.parse('2026-01-01T10:00:00Z');
const now = () => clock;

function person(p: Partial<CapturedPerson>): CapturedPerson {
  return { name: 'Anna Svensson', emails: [], phones: [], links: [], sources: {}, ...p };
}
function save(p: Partial<CapturedPerson>, extra: Partial<ParsedRequestOf<'contacts.save'>> = {}) {
  return saveCapturedPerson(
    db,
    { person: person(p), kind: 'lead', page: { url: 'https://example.org/team', site: 'generic' }, ...extra },
    { now },
  );
}

beforeEach(async () => {
  db = await openTouchpointDB();
  clock = Date.parse('2026-01-01T10:00:00Z');
});

describe('saveCapturedPerson', () => {
  it('creates a contact, a touchpoint and outbox entries in one go', async () => {
    const r = await save({ emails: ['Anna@Acme.com'], company: 'Acme', sources: { name: 'jsonld' } }, { note: 'met at fair' });
    expect(r.created).toBe(true);
    expect(r.contact.emails).toEqual(['anna@acme.com']);
    expect(r.contact.provenance.name?.source).toBe('jsonld');
    const full = await getContact(db, r.contact.id);
    expect(full.touchpoints.map((t) => t.type)).toEqual(['web-visit']);
    expect(full.notes[0]?.body).toBe('met at fair');
    const entries = await db.getAll('outbox');
    // The captured organisation is a company record too, queued before its person (queue order).
    expect(entries.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt).map((e) => e.entity)).toEqual(['company', 'contact', 'touchpoint', 'note']);
  });

  it('merges by email without dropping values; the old scalar goes to history', async () => {
    const a = await save({ emails: ['anna@acme.com'], phones: ['+46701234567'], jobTitle: 'CTO', sources: { jobTitle: 'linkedin' } });
    clock += 3_600_000;
    const b = await save(
      { emails: ['ANNA@acme.com', 'anna@private.se'], phones: ['+46 70 123 45 67', '+4681234567'], jobTitle: 'CEO', sources: { jobTitle: 'signature' } },
      { page: { url: 'https://mail.example/x', site: 'gmail' } },
    );
    expect(b.created).toBe(false);
    expect(b.contact.id).toBe(a.contact.id);
    expect(b.contact.emails).toEqual(['anna@acme.com', 'anna@private.se']);
    expect(b.contact.phones).toEqual(['+46701234567', '+4681234567']);
    expect(b.contact.jobTitle).toBe('CEO');
    expect(b.contact.history).toContainEqual(expect.objectContaining({ field: 'jobTitle', value: 'CTO', source: 'linkedin' }));
    expect(b.contact.provenance.jobTitle).toMatchObject({ source: 'signature', url: 'https://mail.example/x' });
    expect(await db.count('contacts')).toBe(1);
  });

  it('merges by canonical profile link when no email matches', async () => {
    const a = await save({ links: ['https://www.linkedin.com/in/anna-svensson/'] });
    const b = await save({ name: 'Anna S.', links: ['https://linkedin.com/in/anna-svensson'], emails: ['a@x.se'] });
    expect(b.contact.id).toBe(a.contact.id);
    expect(b.contact.emails).toEqual(['a@x.se']);
    expect(b.contact.history).toContainEqual(expect.objectContaining({ field: 'name', value: 'Anna Svensson' }));
  });

  it('does not merge on a shared company link, nor on name + company alone (flags a possible duplicate)', async () => {
    const a = await save({ company: 'Acme', links: ['https://acme.com'] });
    const b = await save({ company: 'Acme', links: ['https://acme.com'] });
    expect(b.created).toBe(true);
    expect(b.contact.id).not.toBe(a.contact.id);
    expect(b.possibleDuplicates).toEqual([a.contact.id]);
  });

  it('records a campaign response when the page had a campaign, and does not double-count a repeat save', async () => {
    const campaign = { source: 'newsletter', medium: 'email', name: 'spring' };
    const a = await save({ emails: ['x@y.se'] }, { page: { url: 'https://ex.org/?utm_source=newsletter', site: 'generic', campaign } });
    expect(a.touchpoint?.type).toBe('campaign-response');
    expect(a.contact.campaign).toEqual(campaign);
    clock += 60_000;
    const b = await save({ emails: ['x@y.se'] }, { page: { url: 'https://ex.org/?utm_source=newsletter', site: 'generic', campaign } });
    expect(b.touchpoint).toBeUndefined();
    expect((await getContact(db, a.contact.id)).touchpoints).toHaveLength(1);
  });

  it('repeated views of one page on one day are one stored entry with a count (tracking parameters aside); the next day is a new one', async () => {
    clock = new Date(2026, 0, 5, 9, 0).getTime();
    const url = 'https://www.linkedin.com/in/anna/';
    const a = await save({ emails: ['a@b.se'], role: 'profile' }, { page: { url, site: 'linkedin-profile' } });
    const first = a.touchpoint!;
    const queued = (await db.getAll('outbox')).length;
    for (const [h, u] of [[11, `${url}?trk=feed`], [15, url], [20, `${url}?utm_source=x`]] as const) {
      clock = new Date(2026, 0, 5, h, 0).getTime();
      const again = await save({ emails: ['a@b.se'], role: 'profile' }, { page: { url: u, site: 'linkedin-profile' } });
      expect(again.touchpoint?.id).toBe(first.id);
    }
    const views = (await getContact(db, a.contact.id)).touchpoints.filter((t) => t.type === 'profile-view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ id: first.id, count: 4, at: new Date(2026, 0, 5, 20, 0).toISOString() });
    // nothing more to send: the CRM has today's view, or gets this record with its count when its upsert goes
    expect((await db.getAll('outbox')).length).toBe(queued);
    // another page, and the next day, are entries of their own
    await save({ emails: ['a@b.se'], role: 'profile' }, { page: { url: 'https://acme.example/team', site: 'generic' } });
    clock = new Date(2026, 0, 6, 8, 0).getTime();
    await save({ emails: ['a@b.se'], role: 'profile' }, { page: { url, site: 'linkedin-profile' } });
    const all = (await getContact(db, a.contact.id)).touchpoints;
    expect(all.map((t) => t.count ?? 1).sort()).toEqual([1, 1, 4]);
  });

  it('an aborted transaction leaves neither the change nor its outbox entry', async () => {
    const r = await save({ emails: ['x@y.se'] });
    const before = await db.getAll('outbox');
    // Simulate a failure after the write inside the same transaction (as a quota error would).
    const tx = db.transaction(['contacts', 'outbox'], 'readwrite');
    const c = (await tx.objectStore('contacts').get(r.contact.id))!;
    await tx.objectStore('contacts').put({ ...c, name: 'Changed' });
    const { enqueueChange } = await import('../../utils/store/outbox');
    await enqueueChange(tx.objectStore('outbox'), { entity: 'contact', entityId: c.id, op: 'delete' }, clock);
    tx.abort();
    await expect(tx.done).rejects.toThrow();
    expect((await db.get('contacts', r.contact.id))?.name).toBe('Anna Svensson');
    expect(await db.getAll('outbox')).toEqual(before);
  });
});

describe('promote, update, delete, notes', () => {
  it('promotes a lead to a prospect keeping every touchpoint and note', async () => {
    const a = await save({ emails: ['p@q.se'] }, { note: 'first' });
    await saveNote(db, { contactId: a.contact.id, body: 'second' }, { now });
    clock += 1000;
    const p = await promoteContact(db, a.contact.id, { now });
    expect(p.kind).toBe('prospect');
    expect(p.stage).toBe('new');
    expect(p.promotedAt).toBeDefined();
    const full = await getContact(db, a.contact.id);
    expect(full.notes.map((n) => n.body).sort()).toEqual(['first', 'second']);
    expect(full.touchpoints.map((t) => t.type)).toEqual(['stage-change', 'web-visit']);
    expect(p.history).toContainEqual(expect.objectContaining({ field: 'kind', value: 'lead' }));
  });

  it('defect 2: capturing a lead again with another default kind does not promote it; only an explicit promote does; nothing demotes', async () => {
    const a = await save({ emails: ['p@q.se'] }, { stage: 'engaged' });
    const b = await save({ emails: ['p@q.se'] }, { kind: 'prospect' });
    expect(b.contact.kind).toBe('lead');
    expect(b.contact.stage).toBe('engaged');
    const c = await save({ emails: ['p@q.se'] }, { kind: 'prospect', edits: { promote: true } });
    expect(c.contact.kind).toBe('prospect');
    expect(c.contact.stage).toBe('new');
    const d = await save({ emails: ['p@q.se'] }, { kind: 'lead', edits: { stage: 'engaged' } });
    expect(d.contact.kind).toBe('prospect');
    expect(d.contact.id).toBe(a.contact.id);
  });

  it('update keeps removed values in history and records a stage change', async () => {
    const a = await save({ emails: ['a@b.se', 'c@d.se'] });
    clock += 1000;
    const { contact: u } = await updateContact(db, a.contact.id, { remove: { emails: ['c@d.se'] }, set: { stage: { from: 'new', to: 'engaged' } } }, { now });
    expect(u.emails).toEqual(['a@b.se']);
    expect(u.history).toContainEqual(expect.objectContaining({ field: 'emails', value: 'c@d.se' }));
    expect(u.provenance.emails?.source).toBe('user');
    expect((await getContact(db, a.contact.id)).touchpoints[0]?.type).toBe('stage-change');
  });

  it('notes.save is idempotent and keeps a single unsent outbox entry per note while typing', async () => {
    const a = await save({ emails: ['a@b.se'] });
    const n1 = await saveNote(db, { id: 'note-1', contactId: a.contact.id, body: 'h' }, { now });
    for (const body of ['he', 'hel', 'hell', 'hello']) await saveNote(db, { id: 'note-1', contactId: a.contact.id, body }, { now });
    const again = await saveNote(db, { id: 'note-1', contactId: a.contact.id, body: 'hello' }, { now });
    expect(again.id).toBe(n1.id);
    expect((await db.get('notes', 'note-1'))?.body).toBe('hello');
    const noteEntries = (await db.getAll('outbox')).filter((e) => e.entity === 'note');
    expect(noteEntries).toHaveLength(1);
  });

  it('a call note puts a call on the timeline', async () => {
    const a = await save({ emails: ['a@b.se'] });
    await saveNote(db, { id: 'n', contactId: a.contact.id, body: 'x', call: { startedAt: '2026-01-01T10:00:00.000Z' } }, { now });
    await saveNote(db, { id: 'n', contactId: a.contact.id, body: 'xy', call: { startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:05:00.000Z', outcome: 'connected' } }, { now });
    const calls = (await getContact(db, a.contact.id)).touchpoints.filter((t) => t.type === 'call');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.summary).toBe('Call: connected');
  });

  it('a call whose notes were typed then cleared, with no outcome, is discarded: note and call entry go', async () => {
    const a = await save({ emails: ['a@b.se'] });
    const startedAt = '2026-01-01T10:00:00.000Z';
    await saveNote(db, { id: 'n', contactId: a.contact.id, body: 'typo', call: { startedAt } }, { now });
    await saveNote(db, { id: 'n', contactId: a.contact.id, body: '  ', call: { startedAt } }, { now });
    expect(await discardEmptyCall(db, 'n', { now })).toBe(true);
    expect(await db.get('notes', 'n')).toBeUndefined();
    expect((await getContact(db, a.contact.id)).touchpoints.filter((t) => t.type === 'call')).toHaveLength(0);
    // never sent: the queued upserts went with the deletes, nothing about the call reaches the CRM
    const queued = (await db.getAll('outbox')).filter((e) => e.entity === 'note' || e.entityId === 'call-n');
    expect(queued.filter((e) => e.op === 'upsert')).toHaveLength(0);
  });

  it('a call with an outcome or words is never discarded', async () => {
    const a = await save({ emails: ['a@b.se'] });
    const startedAt = '2026-01-01T10:00:00.000Z';
    await saveNote(db, { id: 'v', contactId: a.contact.id, body: '', call: { startedAt, endedAt: '2026-01-01T10:01:00.000Z', outcome: 'voicemail' } }, { now });
    await saveNote(db, { id: 'w', contactId: a.contact.id, body: 'Budget approved', call: { startedAt } }, { now });
    await saveNote(db, { id: 'plain', contactId: a.contact.id, body: '' }, { now });
    for (const id of ['v', 'w', 'plain', 'missing']) expect(await discardEmptyCall(db, id, { now })).toBe(false);
    expect(await db.count('notes')).toBe(3);
    expect((await getContact(db, a.contact.id)).touchpoints.filter((t) => t.type === 'call')).toHaveLength(2);
  });

  it('delete removes the contact with its timeline and queues deletes with the remote id', async () => {
    const a = await save({ emails: ['a@b.se'] }, { note: 'n' });
    const c = (await db.get('contacts', a.contact.id))!;
    await db.put('contacts', { ...c, sync: { webhook: { remoteId: 'crm-1' } } });
    expect(await deleteContact(db, a.contact.id, { now })).toBe(true);
    expect(await db.count('touchpoints')).toBe(0);
    expect(await db.count('notes')).toBe(0);
    const entries = await db.getAll('outbox');
    // unsent upserts were superseded by the deletes
    expect(entries.every((e) => e.op === 'delete')).toBe(true);
    expect(entries.find((e) => e.entity === 'contact')?.remoteIds).toEqual({ webhook: 'crm-1' });
    expect((await outboxCounts(db)).pending).toBe(entries.length);
    expect(await deleteContact(db, a.contact.id, { now })).toBe(false);
  });
});

describe('per-kind counts', () => {
  it('stay exact through saves, merges, promotion, deletion, import and erase', async () => {
    const { searchContacts, importBatch, eraseAll, readAll } = await import('../../utils/store');
    const counts = async () => (await searchContacts(db, { query: '', limit: 1 })).counts;
    const truth = async () => {
      const all = await db.getAll('contacts');
      return { lead: all.filter((c) => c.kind === 'lead').length, prospect: all.filter((c) => c.kind === 'prospect').length };
    };
    const a = await save({ emails: ['a@x.se'] });
    await save({ emails: ['b@x.se'] }, { kind: 'prospect' });
    await save({ emails: ['a@x.se'], jobTitle: 'CTO' }); // merge: no new contact
    expect(await counts()).toEqual({ lead: 1, prospect: 1 });
    await promoteContact(db, a.contact.id, { now });
    expect(await counts()).toEqual(await truth());
    expect(await counts()).toEqual({ lead: 0, prospect: 2 });
    const file = await readAll(db);
    await deleteContact(db, a.contact.id, { now });
    expect(await counts()).toEqual({ lead: 0, prospect: 1 });
    await importBatch(db, { format: 'touchpoint-json', ...file, undated: [], kindIsDecided: true, skipped: [] }, { now });
    expect(await counts()).toEqual({ lead: 0, prospect: 2 });
    await eraseAll(db);
    expect(await counts()).toEqual({ lead: 0, prospect: 0 });
  });
});

describe('renameCompany', () => {
  it('renames the company and its people\'s company name (old name to history); a later save links to it, not a new one', async () => {
    const a = await save({ emails: ['ann@initech.example'], company: 'Initech' });
    await save({ name: 'Bo Ek', emails: ['bo@initech.example'], company: 'Initech' });
    const id = (await db.getAll('companies'))[0]!.id;
    clock += 60_000;
    const renamed = await renameCompany(db, id, '  Initech Group ', { now });
    expect(renamed).toMatchObject({ id, name: 'Initech Group' });
    const { people } = await getCompany(db, id);
    expect(people.map((p) => p.company)).toEqual(['Initech Group', 'Initech Group']);
    const ann = (await getContact(db, a.contact.id)).contact;
    expect(ann.history).toContainEqual(expect.objectContaining({ field: 'company', value: 'Initech' }));
    expect(ann.provenance.company?.source).toBe('user');
    // found by the new name; queued for the CRM: the company and both people
    expect((await searchContacts(db, { query: 'initech group', limit: 10 })).items).toHaveLength(2);
    const queued = (await db.getAll('outbox')).filter((e) => e.op === 'upsert');
    expect(queued.some((e) => e.entity === 'company' && e.entityId === id)).toBe(true);
    // saving Ann again under the new name: the same company, still one
    await save({ emails: ['ann@initech.example'], company: 'Initech Group' });
    expect(await db.count('companies')).toBe(1);
  });

  it('refuses an empty name or one another company has, and changes nothing', async () => {
    await save({ emails: ['ann@initech.example'], company: 'Initech' });
    await save({ name: 'Cy Dahl', emails: ['cy@globex.example'], company: 'Globex' });
    const [initech] = (await db.getAll('companies')).filter((c) => c.name === 'Initech');
    await expect(renameCompany(db, initech!.id, 'globex', { now })).rejects.toThrow('Another company is already called “Globex”.');
    await expect(renameCompany(db, initech!.id, '   ', { now })).rejects.toThrow('A company needs a name.');
    await expect(renameCompany(db, 'nope', 'X', { now })).rejects.toThrow('no longer exists');
    expect((await db.get('companies', initech!.id))?.name).toBe('Initech');
    expect((await getCompany(db, initech!.id)).people.map((p) => p.company)).toEqual(['Initech']);
  });
});
