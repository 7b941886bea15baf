import type { Company, Contact, Touchpoint } from '../model';
import { splitName } from '../capture/normalize/name';
import { HUBSPOT_LEAD_STATUS, HUBSPOT_LIFECYCLE, SALESFORCE_LEAD_STATUS } from '../import/crm-vocab';
import { touchpointLabel } from '../model/labels';

/**
 * CSV (RFC 4180) of contacts, safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) gets a leading apostrophe so it is read as text, never as a formula (CSV injection).
 * Phone numbers in strict E.164 are the exception: "+" and digits alone cannot make a formula do
 * anything, and a CRM importing "'+46701234567" would store the apostrophe.
 */

const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;
/** One or more strict E.164 numbers ("+46701234567", "+46701234567; +14155550101"). */
const E164_LIST = /^\+[1-9]\d{6,14}(?:; \+[1-9]\d{6,14})*$/;

export function csvCell(value: string | undefined): string {
  let v = value ?? '';
  if (FORMULA_START.test(v) && !E164_LIST.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export type CsvPreset = 'plain' | 'hubspot' | 'salesforce';

/** What a row is built from: the contact and its last touch (not a stage change: that is bookkeeping). */
interface RowInput {
  c: Contact;
  first: string;
  last: string;
  lastTouch?: Touchpoint;
}

type Column = [header: string, value: (r: RowInput) => string | undefined];

const list = (xs: readonly string[]) => xs.join('; ');
const isLinkedIn = (l: string) => /^https?:\/\/([a-z]+\.)?linkedin\.com\/in\//i.test(l);
const linkedin = (c: Contact) => c.links.find(isLinkedIn);
const website = (c: Contact) => c.links.find((l) => !isLinkedIn(l));
const stageKey = (c: Contact) => `${c.kind}/${c.stage}`;

const TOUCH_COLUMNS = (names: [string, string, string, string, string]): Column[] => [
  [names[0], (r) => r.c.campaign?.source],
  [names[1], (r) => r.c.campaign?.medium],
  [names[2], (r) => r.c.campaign?.name],
  [names[3], (r) => (r.lastTouch ? touchpointLabel(r.lastTouch.type) : undefined)],
  [names[4], (r) => r.lastTouch?.at],
];

/**
 * Column sets. "plain" is ours (every field, lists joined with "; "); "hubspot" and "salesforce" use the
 * column names those CRMs' import wizards map by themselves (HubSpot contact properties; Salesforce's
 * Data Import Wizard lead fields), plus campaign and last-touch columns to map to custom fields.
 */
export const CSV_PRESETS: Record<CsvPreset, Column[]> = {
  plain: [
    ['id', (r) => r.c.id],
    ['kind', (r) => r.c.kind],
    ['stage', (r) => r.c.stage],
    ['name', (r) => r.c.name],
    ['firstName', (r) => r.first],
    ['lastName', (r) => r.last],
    ['jobTitle', (r) => r.c.jobTitle],
    ['company', (r) => r.c.company],
    ['emails', (r) => list(r.c.emails)],
    ['phones', (r) => list(r.c.phones)],
    ['location', (r) => r.c.location],
    ['links', (r) => list(r.c.links)],
    ['tags', (r) => list(r.c.tags)],
    ...TOUCH_COLUMNS(['utmSource', 'utmMedium', 'utmCampaign', 'lastTouch', 'lastTouchAt']),
    ['sourceUrl', (r) => r.c.source.url],
    ['sourceSite', (r) => r.c.source.site],
    ['capturedAt', (r) => r.c.source.capturedAt],
    ['createdAt', (r) => r.c.createdAt],
    ['updatedAt', (r) => r.c.updatedAt],
  ],
  hubspot: [
    ['First Name', (r) => r.first],
    ['Last Name', (r) => r.last],
    ['Email', (r) => r.c.emails[0]],
    ['Additional Email Addresses', (r) => r.c.emails.slice(1).join(';')],
    ['Phone Number', (r) => r.c.phones[0]],
    ['Mobile Phone Number', (r) => r.c.phones[1]],
    ['Job Title', (r) => r.c.jobTitle],
    ['Company Name', (r) => r.c.company],
    ['City', (r) => r.c.location],
    ['Website URL', (r) => website(r.c)],
    ['LinkedIn URL', (r) => linkedin(r.c)],
    ['Lifecycle Stage', (r) => HUBSPOT_LIFECYCLE[stageKey(r.c)]],
    ['Lead Status', (r) => HUBSPOT_LEAD_STATUS[stageKey(r.c)]],
    ...TOUCH_COLUMNS(['UTM Source', 'UTM Medium', 'UTM Campaign', 'Last Touch', 'Last Touch Date']),
  ],
  salesforce: [
    ['First Name', (r) => r.first],
    // Salesforce requires a last name (and a company) on a lead.
    ['Last Name', (r) => r.last || r.first],
    ['Title', (r) => r.c.jobTitle],
    ['Company', (r) => r.c.company || '[not provided]'],
    ['Email', (r) => r.c.emails[0]],
    ['Phone', (r) => r.c.phones[0]],
    ['Mobile', (r) => r.c.phones[1]],
    ['City', (r) => r.c.location],
    ['Website', (r) => website(r.c) ?? linkedin(r.c)],
    ['Lead Source', (r) => (r.c.campaign?.source ? 'Web' : undefined)],
    ['Lead Status', (r) => SALESFORCE_LEAD_STATUS[stageKey(r.c)]],
    ['Description', (r) => r.c.tags.length ? `Tags: ${r.c.tags.join(', ')}` : undefined],
    ...TOUCH_COLUMNS(['UTM Source', 'UTM Medium', 'UTM Campaign', 'Last Touch', 'Last Touch Date']),
  ],
};

/** The header row of a preset (also what import recognises; see tests/unit/export-crm.test.ts). */
export const CSV_COLUMNS = CSV_PRESETS.plain.map(([h]) => h);

/** First and last name: the contact's own, else the name split at its first space. */
export function nameParts(c: Pick<Contact, 'name' | 'firstName' | 'lastName'>): { first: string; last: string } {
  if (c.firstName || c.lastName) return { first: c.firstName ?? '', last: c.lastName ?? '' };
  const split = splitName(c.name);
  return split.firstName ? { first: split.firstName, last: split.lastName ?? '' } : { first: c.name.trim(), last: '' };
}

/** Each contact's latest touchpoint that is a touch (a stage change is not). */
export function lastTouches(touchpoints: Iterable<Touchpoint>): Map<string, Touchpoint> {
  const out = new Map<string, Touchpoint>();
  for (const t of touchpoints) {
    if (t.type === 'stage-change') continue;
    const seen = out.get(t.contactId);
    if (!seen || t.at > seen.at) out.set(t.contactId, t);
  }
  return out;
}

/** With a UTF-8 BOM so spreadsheet programs read names like "Åsa" correctly; CRLF line ends. */
export function contactsToCsv(contacts: Iterable<Contact>, opts: { preset?: CsvPreset; touchpoints?: Iterable<Touchpoint> } = {}): string {
  const columns = CSV_PRESETS[opts.preset ?? 'plain'];
  const touches = lastTouches(opts.touchpoints ?? []);
  const lines = [columns.map(([h]) => csvCell(h)).join(',')];
  for (const c of contacts) {
    const r: RowInput = { c, ...nameParts(c), lastTouch: touches.get(c.id) };
    lines.push(columns.map(([, value]) => csvCell(value(r))).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The companies CSV's header (ours: HubSpot's company import maps "name" and "domain" by itself). */
export const COMPANY_CSV_COLUMNS = ['id', 'name', 'domain', 'people', 'contacts', 'lastTouch', 'lastTouchAt', 'createdAt', 'updatedAt'];

/**
 * One row per company: its people (how many, and their names with title), and the latest touch of any of them.
 * Escaped like the contacts CSV (a company called "=cmd" is text), with the same BOM and line ends.
 */
export function companiesToCsv(
  companies: Iterable<Company>,
  opts: { contacts?: Iterable<Contact>; companyOf?: ReadonlyMap<string, string>; touchpoints?: Iterable<Touchpoint> } = {},
): string {
  const people = new Map<string, Contact[]>();
  for (const c of opts.contacts ?? []) {
    const id = opts.companyOf?.get(c.id);
    if (!id) continue;
    const list = people.get(id) ?? [];
    list.push(c);
    people.set(id, list);
  }
  const touches = lastTouches(opts.touchpoints ?? []);
  const lines = [COMPANY_CSV_COLUMNS.map(csvCell).join(',')];
  for (const co of companies) {
    const members = (people.get(co.id) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    let last: Touchpoint | undefined;
    for (const m of members) {
      const t = touches.get(m.id);
      if (t && (!last || t.at > last.at)) last = t;
    }
    const row = [
      co.id,
      co.name,
      co.domain,
      String(members.length),
      list(members.map((m) => (m.jobTitle ? `${m.name} (${m.jobTitle})` : m.name))),
      last ? touchpointLabel(last.type) : undefined,
      last?.at,
      co.createdAt,
      co.updatedAt,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
