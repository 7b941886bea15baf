import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson, ParsedRequestOf } from '../../utils/model';
import {
  findDuplicatePairs, dismissDuplicate, getContact, lookupPeople, mergeContacts, openTouchpointDB, saveCapturedPerson, saveNote,
  unmergeContacts, updateContact, createOutboxPort, type TouchpointDatabase,
} from '../../utils/store';

let db: TouchpointDatabase;
let clock = Date.parse('2026-01-01T10:00:00Z');
const now = () => clock;

function person(p: Partial<CapturedPerson>): CapturedPerson {
  return { name: 'Maya Chen', emails: [], phones: [], links: [], sources: {}, ...p };
}
type Extra = Partial<ParsedRequestOf<'contacts.save'>>;
function save(p: Partial<CapturedPerson>, extra: Extra = {}) {
  return saveCapturedPerson(
    db,
    { person: person(p), kind: 'prospect', page: { url: 'https://www.linkedin.com/in/mayachen', site: 'linkedin' }, ...extra },
    { now },
  );
}
const MAYA = 'https://www.linkedin.com/in/mayachen';

beforeEach(async () => {
  db = await openTouchpointDB();
  clock = Date.parse('2026-01-01T10:00:00Z');
});

describe('a saved person is kept as their record', () => {
  it('defect 1: re-saving keeps stage and tags; kind, stage and tags change only through edits', async () => {
    const a = await save({ links: [MAYA], role: 'profile' }, { stage: 'meeting-booked', tags: ['vip'] });
    clock += 2 * 86_400_000;
    // What the old popup sent: the default stage and no tags, plus a note.
    const b = await save({ links: [MAYA], role: 'profile', jobTitle: 'CTO' }, { stage: 'new', note: 'follow up in May' });
    expect(b.contact.id).toBe(a.contact.id);
    expect(b.contact.stage).toBe('meeting-booked');
    expect(b.contact.tags).toEqual(['vip']);
    expect(b.contact.jobTitle).toBe('CTO');
    const full = await getContact(db, a.contact.id);
    expect(full.touchpoints.some((t) => t.type === 'stage-change')).toBe(false);
    expect(full.notes.map((n) => n.body)).toEqual(['follow up in May']);
    // What the user changed on the card does apply.
    clock += 1000;
    const c = await save({ links: [MAYA] }, { edits: { stage: 'qualified', addTags: ['q3'], removeTags: ['vip'] } });
    expect(c.contact.stage).toBe('qualified');
    expect(c.contact.tags).toEqual(['q3']);
  });

  it('defect 6: a prospect replying to a campaign gets a campaign-response touchpoint and stays a prospect', async () => {
    const a = await save({ emails: ['maya@acme.example'] }, { stage: 'customer' });
    clock += 86_400_000;
    const campaign = { source: 'newsletter', medium: 'email', name: 'spring' };
    const b = await save(
      { emails: ['maya@acme.example'], role: 'sender' },
      { kind: 'lead', page: { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Re: spring' }, campaign } },
    );
    expect(b.contact.id).toBe(a.contact.id);
    expect(b.contact.kind).toBe('prospect');
    expect(b.contact.stage).toBe('customer');
    expect(b.touchpointType).toBe('campaign-response');
  });

  it('defect 10: the people you replied to get an email-replied touchpoint', async () => {
    const r = await save(
      { emails: ['maya@acme.example'], role: 'recipient' },
      { page: { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Re: hi' } } },
    );
    expect(r.touchpointType).toBe('email-replied');
    expect((await getContact(db, r.contact.id)).touchpoints[0]?.type).toBe('email-replied');
  });

  it('the card sees the stored record and its last touch', async () => {
    const a = await save({ links: [MAYA], role: 'profile' }, { stage: 'meeting-booked', tags: ['vip'] });
    const [l] = await lookupPeople(db, [person({ links: [MAYA] })]);
    expect(l!.matchId).toBe(a.contact.id);
    expect(l!.known?.contact.stage).toBe('meeting-booked');
    expect(l!.known?.contact.tags).toEqual(['vip']);
    expect(l!.known?.lastTouch?.type).toBe('profile-view');
  });

  it('a note saved twice with its draft id is one note', async () => {
    const a = await save({ links: [MAYA] }, { note: 'hello', noteId: 'n-1' });
    await save({ links: [MAYA] }, { note: 'hello', noteId: 'n-1' });
    expect((await getContact(db, a.contact.id)).notes).toHaveLength(1);
    await saveNote(db, { id: 'n-2', contactId: a.contact.id, body: 'x' }, { now });
    await saveNote(db, { id: 'n-2', contactId: a.contact.id, body: 'x' }, { now });
    expect((await getContact(db, a.contact.id)).notes).toHaveLength(2);
  });
});

describe('identity is evidence', () => {
  it('defect 3: a shared link with a clearly different name is a possible duplicate, not a merge', async () => {
    // The owner's record carries a followed person's link (an old capture's mistake).
    const owner = await save({ name: 'Maya Chen', links: [MAYA, 'https://www.linkedin.com/in/jordanlee'], jobTitle: 'CTO', company: 'Acme' });
    const jordan = await save({ name: 'Jordan Lee', links: ['https://www.linkedin.com/in/jordanlee'], jobTitle: 'Designer', company: 'Globex' });
    expect(jordan.created).toBe(true);
    expect(jordan.duplicates).toEqual([expect.objectContaining({ id: owner.contact.id, reasons: ['link'] })]);
    const stored = (await getContact(db, owner.contact.id)).contact;
    expect([stored.name, stored.jobTitle, stored.company]).toEqual(['Maya Chen', 'CTO', 'Acme']);
  });

  it('only the links capture says are the person\'s own identify them', async () => {
    const a = await save({ name: 'Maya Chen', links: [MAYA] });
    const b = await save({ name: 'M. Chen', links: [MAYA], ownLinks: [] });
    expect(b.created).toBe(true);
    const c = await save({ name: 'Maya Chen', links: [MAYA, 'https://github.com/mchen'], ownLinks: [MAYA] });
    expect(c.contact.id).toBe(a.contact.id);
  });

  it('defect 7: a person with a name only is their saved record (same name and company), and a re-save makes no other', async () => {
    const a = await save({ name: 'Jordan Lee', company: 'Globex' }, { page: { url: 'https://outlook.office.com/mail/inbox/id/1', site: 'outlook' } });
    const [l] = await lookupPeople(db, [person({ name: 'jordan lee', company: 'Globex' })]);
    expect(l!.matchId).toBe(a.contact.id);
    const b = await save({ name: 'Jordan Lee', company: 'Globex' }, { page: { url: 'https://outlook.office.com/mail/inbox/id/2', site: 'outlook' } });
    expect(b.created).toBe(false);
    expect(b.contact.id).toBe(a.contact.id);
    // Two namesakes without a company: not guessed.
    await save({ name: 'Sam Park' });
    await save({ name: 'Sam Park', emails: ['sam@initech.example'] });
    const [s] = await lookupPeople(db, [person({ name: 'Sam Park' })]);
    expect(s!.matchId).toBeNull();
    expect(s!.duplicates.length).toBeGreaterThan(0);
  });

  it('defect 7: the same person from Gmail (email) and LinkedIn (link) is offered as a possible duplicate', async () => {
    const gmail = await save(
      { name: 'Maya Chen', company: 'Acme', emails: ['maya@acme.example'] },
      { page: { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Hi' } } },
    );
    const li = await save({ name: 'Maya Chen', company: 'Acme', links: [MAYA] });
    expect(li.created).toBe(true);
    expect(li.duplicates).toEqual([expect.objectContaining({ id: gmail.contact.id, reasons: ['name-company'] })]);
    const [l] = await lookupPeople(db, [person({ name: 'Maya Chen', links: [MAYA] })]);
    expect(l!.matchId).toBe(li.contact.id);
    expect(l!.duplicates.map((d) => d.id)).toEqual([gmail.contact.id]);
    const pairs = await findDuplicatePairs(db);
    expect(pairs).toHaveLength(1);
    expect(new Set([pairs[0]!.a.id, pairs[0]!.b.id])).toEqual(new Set([gmail.contact.id, li.contact.id]));
    await dismissDuplicate(db, gmail.contact.id, li.contact.id);
    expect(await findDuplicatePairs(db)).toHaveLength(0);
  });

  it('name + company email domain is a possible duplicate; a mailbox provider is not', async () => {
    const a = await save({ name: 'Maya Chen', emails: ['maya@acme.example'] });
    const b = await save({ name: 'Maya Chen', emails: ['m.chen@acme.example'] });
    expect(b.duplicates.map((d) => d.reasons)).toEqual([['name-domain']]);
    expect(b.duplicates[0]!.id).toBe(a.contact.id);
    const c = await save({ name: 'Ann Lee', emails: ['ann@gmail.com'] });
    const d = await save({ name: 'Ann Lee', emails: ['annlee@gmail.com'] });
    expect(d.duplicates.map((x) => x.id)).not.toContain(c.contact.id);
  });
});

describe('edits are patches (defect 8)', () => {
  it('two panels editing one contact keep both changes; a scalar changed meanwhile is reported, not overwritten', async () => {
    const a = await save({ emails: ['maya@acme.example'], company: 'Acme' }, { tags: ['webinar'] });
    const seen = a.contact; // both panels loaded this version
    clock += 1000;
    const p1 = await updateContact(db, seen.id, { add: { tags: ['nordics'] } }, { now });
    expect(p1.conflicts).toEqual([]);
    clock += 1000;
    const p2 = await updateContact(db, seen.id, { set: { company: { from: 'Acme', to: 'Acme AB' } }, add: { tags: ['vip'] } }, { now });
    expect(p2.contact.tags).toEqual(['webinar', 'nordics', 'vip']);
    expect(p2.contact.company).toBe('Acme AB');
    clock += 1000;
    const p3 = await updateContact(db, seen.id, { set: { company: { from: 'Acme', to: 'Acme Inc' } }, remove: { tags: ['webinar'] } }, { now });
    expect(p3.conflicts).toEqual([{ field: 'company', base: 'Acme', yours: 'Acme Inc', theirs: 'Acme AB' }]);
    expect(p3.contact.company).toBe('Acme AB');
    expect(p3.contact.tags).toEqual(['nordics', 'vip']);
    expect(p3.contact.history).toContainEqual(expect.objectContaining({ field: 'tags', value: 'webinar' }));
  });
});

describe('merge and undo', () => {
  async function twoRecords() {
    const gmail = await save(
      { name: 'Maya Chen', company: 'Acme', emails: ['maya@acme.example'], jobTitle: 'Head of Ops' },
      { kind: 'lead', stage: 'engaged', tags: ['newsletter'], note: 'from the inbox', page: { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Hi' } } },
    );
    clock += 60_000;
    const li = await save({ name: 'Maya Chen', company: 'Acme', links: [MAYA], jobTitle: 'COO', role: 'profile' }, { stage: 'meeting-booked', tags: ['vip'], note: 'met at fair' });
    clock += 60_000;
    return { gmail: gmail.contact, li: li.contact };
  }

  it('keeps every touchpoint, note and history entry; picks per field; queues one merge change', async () => {
    const { gmail, li } = await twoRecords();
    await db.clear('outbox');
    const r = await mergeContacts(db, li.id, gmail.id, { jobTitle: 'merged' }, { now });
    const full = await getContact(db, li.id);
    expect(full.contact.kind).toBe('prospect');
    expect(full.contact.stage).toBe('meeting-booked');
    expect(full.contact.jobTitle).toBe('Head of Ops');
    expect(full.contact.emails).toEqual(['maya@acme.example']);
    expect(full.contact.links).toEqual([MAYA]);
    expect(full.contact.tags.sort()).toEqual(['newsletter', 'vip']);
    expect(full.contact.history).toContainEqual(expect.objectContaining({ field: 'jobTitle', value: 'COO' }));
    expect(full.notes.map((n) => n.body).sort()).toEqual(['from the inbox', 'met at fair']);
    expect(full.touchpoints.map((t) => t.type).sort()).toEqual(['email-received', 'profile-view']);
    await expect(getContact(db, gmail.id)).rejects.toThrow(/no longer exists/);
    const merges = (await db.getAll('outbox')).filter((e) => e.op === 'merge');
    expect(merges).toEqual([expect.objectContaining({ entity: 'contact', entityId: li.id, mergedId: gmail.id })]);
    // The CRM hears it with the merged record's id.
    const port = createOutboxPort(db);
    const claimed = await port.claimDue(Date.now() + 1, 100, 60_000);
    const { events } = await port.loadEvents(claimed.filter((e) => e.op === 'merge'), 'webhook');
    expect(events[0]).toEqual(expect.objectContaining({ op: 'merge', entity: 'contact' }));
    expect(events[0]!.data).toEqual(expect.objectContaining({ id: li.id, mergedId: gmail.id }));

    expect(r.undoId).toBeTruthy();
  });

  it('undo before the CRM heard of it: both records as they were, the merge never sent', async () => {
    const { gmail, li } = await twoRecords();
    const r = await mergeContacts(db, li.id, gmail.id, {}, { now });
    clock += 1000;
    const u = await unmergeContacts(db, r.undoId, { now });
    expect(u.restored.id).toBe(gmail.id);
    const g = await getContact(db, gmail.id);
    const l = await getContact(db, li.id);
    expect(g.contact.kind).toBe('lead');
    expect(g.notes.map((n) => n.body)).toEqual(['from the inbox']);
    expect(l.notes.map((n) => n.body)).toEqual(['met at fair']);
    expect(l.contact.tags).toEqual(['vip']);
    expect((await db.getAll('outbox')).some((e) => e.op === 'merge')).toBe(false);
    await expect(unmergeContacts(db, r.undoId, { now })).rejects.toThrow(/can no longer be undone/);
  });

  it('a merge never demotes a prospect by default, and refuses merging a record with itself', async () => {
    const { gmail, li } = await twoRecords();
    const r = await mergeContacts(db, gmail.id, li.id, {}, { now });
    expect(r.contact.id).toBe(gmail.id);
    expect(r.contact.kind).toBe('prospect');
    expect(r.contact.stage).toBe('meeting-booked');
    await expect(mergeContacts(db, gmail.id, gmail.id, {}, { now })).rejects.toThrow();
  });
});
