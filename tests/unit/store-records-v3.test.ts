import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedPerson } from '../../utils/model';
import { companyDomainOf, companyNameKey, effectiveDue, followUpDue, followUpOnDate, isDue, sameCompanyByDomain, typedValueProblem } from '../../utils/domain';
import {
  createContact,
  createOutboxPort,
  createTask,
  deleteContact,
  dueTasks,
  eraseAll,
  getCompany,
  importBatch,
  InvalidInputError,
  mergeContacts,
  openTouchpointDB,
  queueFullSync,
  readAll,
  saveCapturedPerson,
  searchContacts,
  takeDueForNotification,
  tasksOfContact,
  updateContact,
  updateTask,
  type TouchpointDatabase,
} from '../../utils/store';
import { parseImportFile } from '../../utils/import';
import { toExportJson } from '../../utils/export/json';

let db: TouchpointDatabase;
let clock = Date.parse('2026-12-01T10:00:00Z');
const now = () => clock;

function person(p: Partial<CapturedPerson>): CapturedPerson {
  return { name: 'Anna Svensson', emails: [], phones: [], links: [], sources: {}, ...p };
}
const save = (p: Partial<CapturedPerson>) =>
  saveCapturedPerson(db, { person: person(p), kind: 'prospect', page: { url: 'https://example.org/team', site: 'generic' } }, { now });

beforeEach(async () => {
  db = await openTouchpointDB();
  clock = Date.parse('2026-12-01T10:00:00Z');
});

describe('follow-up and company rules (utils/domain)', () => {
  it('due presets land at 09:00 local on the right day; snoozing moves the effective due time', () => {
    const mon = new Date(2026, 10, 30, 15, 30); // Monday 30 Nov 2026, 15:30 local
    expect(followUpDue('tomorrow', mon)).toEqual(new Date(2026, 11, 1, 9));
    expect(followUpDue('2-days', mon)).toEqual(new Date(2026, 11, 2, 9));
    expect(followUpDue('next-week', mon)).toEqual(new Date(2026, 11, 7, 9));
    expect(followUpDue('next-week', new Date(2026, 11, 6, 8))).toEqual(new Date(2026, 11, 7, 9)); // Sunday → Monday
    expect(followUpOnDate('2026-12-24')).toEqual(new Date(2026, 11, 24, 9));
    expect(followUpOnDate('2026-02-30')).toBeUndefined();
    expect(followUpOnDate('next tuesday')).toBeUndefined();
    const t = { status: 'open', due: '2026-12-01T09:00:00.000Z', snoozedUntil: '2026-12-01T11:00:00.000Z' };
    expect(effectiveDue(t)).toBe(t.snoozedUntil);
    expect(isDue(t, Date.parse('2026-12-01T10:00:00Z'))).toBe(false);
    expect(isDue(t, Date.parse('2026-12-01T11:00:00Z'))).toBe(true);
    expect(isDue({ ...t, status: 'done' }, Date.parse('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('company names fold to one key; a shared domain joins only names that could be one company', () => {
    expect(companyNameKey('ACME, Inc.')).toBe('acme');
    expect(companyNameKey('Acmé Inc')).toBe('acme');
    expect(companyNameKey('The Lindqvist Group AB')).toBe('lindqvist');
    expect(companyNameKey('Inc.')).toBeUndefined();
    expect(companyNameKey('  ')).toBeUndefined();
    expect(companyDomainOf(['ada@gmail.com', 'ada@Acme.com'])).toBe('acme.com');
    expect(sameCompanyByDomain('acme', 'acme labs')).toBe(true);
    expect(sameCompanyByDomain('acme', 'northwind consulting')).toBe(false);
  });

  it('typed values: a clear sentence for each bad one', () => {
    expect(typedValueProblem('emails', 'ada@')).toMatch(/not an email address/);
    expect(typedValueProblem('emails', 'Ada@Example.com')).toBeUndefined();
    expect(typedValueProblem('links', 'javascript:alert(1)')).toMatch(/not a web address/);
    expect(typedValueProblem('links', 'github.com/ada')).toBeUndefined();
    expect(typedValueProblem('phones', 'call me')).toMatch(/not a phone number/);
    expect(typedValueProblem('phones', '+46 70 123 45 67')).toBeUndefined();
    expect(typedValueProblem('name', ' ')).toMatch(/needs a name/);
  });
});

describe('follow-ups (tasks store)', () => {
  it('are created once per id, queued for sync, listed per contact and in Due, notified once, done and snoozed', async () => {
    const { contact } = await save({ emails: ['anna@acme.com'] });
    const input = { id: 't1', contactId: contact.id, title: 'Call back about pricing', due: '2026-12-01T12:00:00.000Z' };
    const t = await createTask(db, input, { now });
    expect(await createTask(db, input, { now })).toEqual(t); // a repeated request is one follow-up
    expect(t).toMatchObject({ status: 'open', kind: 'follow-up', createdAt: '2026-12-01T10:00:00.000Z' });
    expect((await db.getAllFromIndex('outbox', 'byEntity', ['task', 't1'])).length).toBe(1);
    await createTask(db, { contactId: contact.id, title: 'Send the deck', due: '2026-12-09T09:00:00.000Z' }, { now });

    const until = Date.parse('2026-12-01T23:59:59Z');
    let due = await dueTasks(db, clock, until);
    expect(due.items.map((x) => x.title)).toEqual(['Call back about pricing']);
    expect(due.items[0]!.contactName).toBe('Anna Svensson');
    expect(due.dueNow).toBe(0);
    expect(due.next).toBe('2026-12-09T09:00:00.000Z');

    // Nothing due yet: nothing notified; the next alarm is at noon.
    expect(await takeDueForNotification(db, clock)).toEqual({ fresh: [], nextDueAt: Date.parse('2026-12-01T12:00:00Z') });
    clock = Date.parse('2026-12-01T12:30:00Z');
    const first = await takeDueForNotification(db, clock);
    expect(first.fresh.map((x) => x.id)).toEqual(['t1']);
    expect((await takeDueForNotification(db, clock)).fresh).toEqual([]); // a second alarm shows nothing twice
    due = await dueTasks(db, clock, until);
    expect(due.dueNow).toBe(1);

    // Snoozed an hour: not due now, due (and notified) again after it.
    await updateTask(db, 't1', { snoozedUntil: '2026-12-01T13:30:00.000Z' }, { now });
    expect((await dueTasks(db, clock, until)).dueNow).toBe(0);
    clock = Date.parse('2026-12-01T13:31:00Z');
    expect((await takeDueForNotification(db, clock)).fresh.map((x) => x.id)).toEqual(['t1']);

    const done = await updateTask(db, 't1', { done: true }, { now });
    expect(done).toMatchObject({ status: 'done', doneAt: '2026-12-01T13:31:00.000Z' });
    expect((await dueTasks(db, clock, until)).items).toEqual([]);
    expect((await tasksOfContact(db, contact.id)).map((x) => [x.title, x.status])).toEqual([
      ['Send the deck', 'open'],
      ['Call back about pricing', 'done'],
    ]);
    // Done again changes nothing and queues nothing new.
    const before = await db.count('outbox');
    await updateTask(db, 't1', { done: true }, { now });
    expect(await db.count('outbox')).toBe(before);
  });

  it('sync: task.created until acknowledged, then task.updated; they carry the contact remote id', async () => {
    const { contact } = await save({ emails: ['anna@acme.com'], company: 'Acme' });
    await createTask(db, { id: 't1', contactId: contact.id, title: 'Call', due: '2026-12-02T09:00:00.000Z' }, { now });
    const port = createOutboxPort(db);
    let batch = (await port.claimBatch(clock, 100, 60_000))!;
    let { events } = await port.loadEvents(batch.entries, 'hubspot:1');
    expect(events.map((e) => e.type)).toEqual(['company.upserted', 'contact.upserted', 'touchpoint.created', 'task.created']);
    await port.ack('hubspot:1', events.map((e, i) => ({ id: e.id, remoteId: `r${i}` })), clock);
    await updateTask(db, 't1', { done: true }, { now });
    batch = (await port.claimBatch(clock, 100, 60_000))!;
    ({ events } = await port.loadEvents(batch.entries, 'hubspot:1'));
    expect(events).toEqual([expect.objectContaining({ type: 'task.updated', remote: { id: 'r3', contactId: 'r1' } })]);
  });

  it('go with their contact on delete, move with a merge and back with undo', async () => {
    const a = (await save({ name: 'Anna Svensson', emails: ['anna@acme.com'] })).contact;
    const b = (await save({ name: 'Anna Svensson', emails: ['anna.s@gmail.com'] })).contact;
    await createTask(db, { id: 'tb', contactId: b.id, title: 'Call', due: '2026-12-02T09:00:00.000Z' }, { now });
    const { undoId } = await mergeContacts(db, a.id, b.id, {}, { now });
    expect((await db.get('tasks', 'tb'))?.contactId).toBe(a.id);
    const { unmergeContacts } = await import('../../utils/store');
    await unmergeContacts(db, undoId, { now });
    expect((await db.get('tasks', 'tb'))?.contactId).toBe(b.id);
    await deleteContact(db, b.id, { now });
    expect(await db.get('tasks', 'tb')).toBeUndefined();
  });
});

describe('companies', () => {
  it('one record per organisation, linked to its people, with each person’s latest touch', async () => {
    const ada = (await save({ name: 'Ada Lindqvist', company: 'Acme, Inc.', emails: ['ada@acme.com'], jobTitle: 'CTO' })).contact;
    clock += 60_000;
    const bo = (await save({ name: 'Bo Berg', company: 'ACME', emails: ['bo@gmail.com'] })).contact;
    clock += 60_000;
    const cy = (await save({ name: 'Cy Holm', company: 'Acme Labs', emails: ['cy@acme.com'] })).contact;
    const other = (await save({ name: 'Di Ek', company: 'Northwind Consulting', emails: ['di@acme.com'] })).contact;
    const companies = await db.getAll('companies');
    expect(companies.map((c) => [c.name, c.domain]).sort()).toEqual([
      ['Acme, Inc.', 'acme.com'],
      ['Northwind Consulting', undefined],
    ]);
    const acme = companies.find((c) => c.name === 'Acme, Inc.')!;
    const view = await getCompany(db, acme.id);
    expect(view.people.map((p) => p.name)).toEqual(['Cy Holm', 'Bo Berg', 'Ada Lindqvist']);
    expect(view.people[2]).toMatchObject({ jobTitle: 'CTO', lastTouch: { type: 'web-visit' } });
    expect(view.people.map((p) => p.id)).not.toContain(other.id);
    void ada;
    void bo;
    void cy;
    // A person who moves is linked to their new company.
    await updateContact(db, bo.id, { set: { company: { from: 'ACME', to: 'Northwind Consulting' } } }, { now });
    expect((await getCompany(db, acme.id)).people.map((p) => p.name)).toEqual(['Cy Holm', 'Ada Lindqvist']);
  });

  it('export → erase → import restores companies and follow-ups and queues nothing new', async () => {
    const { contact } = await save({ name: 'Ada Lindqvist', company: 'Acme', emails: ['ada@acme.com'] });
    await createTask(db, { id: 't1', contactId: contact.id, title: 'Call', due: '2026-12-02T09:00:00.000Z' }, { now });
    // Delivered: nothing owed.
    const port = createOutboxPort(db);
    const batch = (await port.claimBatch(clock, 100, 60_000))!;
    const { events } = await port.loadEvents(batch.entries, 'webhook:x');
    await port.ack('webhook:x', events.map((e) => ({ id: e.id })), clock);
    const all = await readAll(db);
    const file = toExportJson(all, new Date(clock).toISOString());
    await eraseAll(db);
    expect(await db.count('companies')).toBe(0);
    expect(await db.count('tasks')).toBe(0);
    await importBatch(db, parseImportFile(file, { defaultKind: 'lead', at: new Date(clock).toISOString() }), { now });
    expect(await db.getAll('companies')).toEqual(all.companies);
    expect((await db.getAll('tasks')).map(({ notifiedAt: _n, ...t }) => t)).toEqual(all.tasks);
    expect(await db.count('outbox')).toBe(0);
    expect((await getCompany(db, all.companies[0]!.id)).people.map((p) => p.id)).toEqual([contact.id]);
  });

  it('a full sync sends companies first, then each contact with its touchpoints, notes and follow-ups', async () => {
    const { contact } = await save({ name: 'Ada Lindqvist', company: 'Acme', emails: ['ada@acme.com'] });
    await createTask(db, { id: 't1', contactId: contact.id, title: 'Call', due: '2026-12-02T09:00:00.000Z' }, { now });
    await db.clear('outbox');
    await queueFullSync(db, clock);
    const entries = (await db.getAll('outbox')).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    expect(entries.map((e) => e.entity)).toEqual(['company', 'contact', 'touchpoint', 'task']);
  });
});

describe('contacts by hand', () => {
  it('are created with every field, found by name, company, email, city and tag, and refuse bad values', async () => {
    const r = await createContact(
      db,
      {
        id: 'm1',
        kind: 'lead',
        stage: 'engaged',
        name: 'Maja Holm',
        jobTitle: 'Head of Growth',
        company: 'Fjordline',
        location: 'Bergen',
        emails: ['Maja@Fjordline.no'],
        phones: ['+47 912 34 567'],
        links: ['linkedin.com/in/majaholm'],
        tags: ['webinar-2026', 'nordics'],
      },
      { now },
    );
    expect(r.created).toBe(true);
    expect(r.contact).toMatchObject({ kind: 'lead', stage: 'engaged', emails: ['maja@fjordline.no'], location: 'Bergen', tags: ['webinar-2026', 'nordics'], source: { site: 'manual' } });
    expect(r.contact.provenance.name?.source).toBe('user');
    expect((await createContact(db, { id: 'm1', kind: 'lead', name: 'Maja Holm', emails: [], phones: [], links: [], tags: [] }, { now })).created).toBe(false);
    for (const q of ['maja', 'fjordl', 'maja@fjordline', 'bergen', 'nordics', 'webinar']) {
      expect((await searchContacts(db, { query: q, limit: 10 })).items.map((c) => c.id), q).toEqual(['m1']);
    }
    expect((await db.getAll('companies')).map((c) => c.name)).toEqual(['Fjordline']);

    const bad = await createContact(db, { kind: 'lead', name: 'X', emails: ['x@'], phones: ['call me'], links: [], tags: [] }, { now }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect((bad as Error).message).toMatch(/“x@” is not an email address\. “call me” is not a phone number\./);
    expect(await db.count('contacts')).toBe(1); // nothing written

    // Edit every list by patch; a bad added email is refused and changes nothing.
    const up = await updateContact(db, 'm1', { add: { emails: ['maja@holm.no'], phones: ['+47 22 00 00 00'], links: ['https://github.com/majah'] }, remove: { emails: ['maja@fjordline.no'] } }, { now });
    expect(up.contact.emails).toEqual(['maja@holm.no']);
    expect(up.contact.phones).toHaveLength(2);
    expect(up.contact.links).toHaveLength(2);
    await expect(updateContact(db, 'm1', { add: { emails: ['nope'] } }, { now })).rejects.toBeInstanceOf(InvalidInputError);
    // A second hand-made record with the same email is added, and reported as a possible duplicate.
    const twin = await createContact(db, { kind: 'prospect', name: 'Maja Holm', emails: ['maja@holm.no'], phones: [], links: [], tags: [] }, { now });
    expect(twin.duplicates.map((d) => d.id)).toEqual(['m1']);
  });
});
