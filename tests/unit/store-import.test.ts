import { beforeEach, describe, expect, it } from 'vitest';
import { parseExportJson, toExportJson } from '../../utils/export/json';
import { getContact, importData, openTouchpointDB, readAll, saveCapturedPerson, type TouchpointDatabase } from '../../utils/store';

let db: TouchpointDatabase;
beforeEach(async () => {
  db = await openTouchpointDB();
});

describe('import', () => {
  it('merges a contact from another device by email, keeps both values of a changed field, and moves its timeline', async () => {
    // This device knows Anna as CTO.
    const here = await saveCapturedPerson(
      db,
      { person: { name: 'Anna Svensson', jobTitle: 'CTO', emails: ['anna@acme.com'], phones: [], links: [], sources: {} }, kind: 'lead', page: { url: 'https://a.test', site: 'generic' } },
      { now: () => Date.parse('2026-01-01T00:00:00Z') },
    );
    // Another device's export: same email, different id, newer title, a note.
    const other = await openTouchpointDB({ name: 'other-device' });
    const there = await saveCapturedPerson(
      other,
      { person: { name: 'Anna Svensson', jobTitle: 'CEO', emails: ['anna@acme.com', 'anna@home.se'], phones: ['+46701234567'], links: [], sources: {} }, kind: 'prospect', note: 'from the other laptop', page: { url: 'https://b.test', site: 'generic' } },
      { now: () => Date.parse('2026-02-01T00:00:00Z') },
    );
    const file = parseExportJson(toExportJson(await readAll(other), '2026-02-02T00:00:00Z'));

    expect(await importData(db, file, { now: () => Date.parse('2026-03-01T00:00:00Z') })).toBe(1);
    expect(await db.count('contacts')).toBe(1);
    const { contact, notes, touchpoints } = await getContact(db, here.contact.id);
    expect(contact.emails).toEqual(['anna@acme.com', 'anna@home.se']);
    expect(contact.phones).toEqual(['+46701234567']);
    expect(contact.jobTitle).toBe('CEO'); // the newer side wins…
    expect(contact.history).toContainEqual(expect.objectContaining({ field: 'jobTitle', value: 'CTO' })); // …the other is kept
    expect(contact.kind).toBe('prospect');
    expect(notes.map((n) => n.body)).toEqual(['from the other laptop']);
    expect(touchpoints).toHaveLength(2);
    expect(there.contact.id).not.toBe(here.contact.id);
    other.close();
  });
});
