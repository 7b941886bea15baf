import Papa from 'papaparse';
import { hasCampaign } from '../domain';
import { fromHubspotLeadStatus, fromHubspotLifecycle, fromSalesforceLeadStatus } from './crm-vocab';
import { parseDate } from './dates';
import { batchFromPeople, cleanLine, emailsOf, emptyPerson, linkOf, phoneOf, splitList, type ImportedPerson } from './person';
import { ImportError, type ImportBatch, type ParseOptions } from './types';

/**
 * CSV exports of the tools people move here from. The format is told by the header row (LinkedIn's
 * Connections.csv puts a few note lines before it, so the first rows are searched for it); the values
 * are read by column name, so column order and extra columns do not matter.
 */

type Row = (name: string) => string | undefined;
interface Reader {
  row: Row;
  /** every non-empty value of the columns whose names match */
  all: (re: RegExp) => string[];
}

type CsvFormat = 'hubspot-csv' | 'salesforce-csv' | 'linkedin-csv' | 'google-csv';

function headerKey(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Which export a header row comes from, if any. Order matters: HubSpot also has "Lead Status". */
export function detectCsvFormat(header: readonly string[]): CsvFormat | undefined {
  const h = new Set(header.map(headerKey));
  const has = (...names: string[]) => names.some((n) => h.has(n));
  if ((has('record id') && has('email', 'first name', 'last name')) || (has('lifecycle stage') && has('email'))) return 'hubspot-csv';
  if (has('firstname', 'lastname') || has('contact id', 'lead id', 'lead status', 'lead source', 'mailing city', 'mailing country', 'account name')) {
    return 'salesforce-csv';
  }
  if ([...h].some((k) => /^e-mail \d+ - value$/.test(k)) || (has('given name') && has('family name')) || (has('organization name') && has('labels'))) {
    return 'google-csv';
  }
  if (has('first name') && has('last name') && (has('connected on') || (has('url') && has('position')))) return 'linkedin-csv';
  return undefined;
}

function reader(header: readonly string[], cells: readonly string[]): Reader {
  const keys = header.map(headerKey);
  const row: Row = (name) => {
    const i = keys.indexOf(name);
    const v = i >= 0 ? cells[i]?.trim() : undefined;
    return v || undefined;
  };
  return {
    row,
    all: (re) => keys.flatMap((k, i) => (re.test(k) && cells[i]?.trim() ? [cells[i]!.trim()] : [])),
  };
}

const first = (r: Row, ...names: string[]) => names.map(r).find(Boolean);
const place = (...parts: (string | undefined)[]) => cleanLine(parts.filter(Boolean).join(', '));

function campaignOf(r: Row): ImportedPerson['campaign'] {
  const c = { source: r('utm source'), medium: r('utm medium'), name: r('utm campaign'), term: r('utm term'), content: r('utm content') };
  return hasCampaign(c) ? c : undefined;
}

function hubspot(p: ImportedPerson, { row: r }: Reader): void {
  p.key = r('record id');
  p.firstName = r('first name');
  p.lastName = r('last name');
  p.emails = emailsOf([r('email'), r('additional email addresses')]);
  p.phones = [r('phone number'), r('mobile phone number')].map(phoneOf).filter((x): x is string => !!x);
  p.jobTitle = r('job title');
  p.company = first(r, 'company name', 'associated company');
  p.location = place(r('city'), r('state/region'), r('country/region'));
  p.links = [r('linkedin url'), r('website url')].map(linkOf).filter((x): x is string => !!x);
  const lifecycle = fromHubspotLifecycle(r('lifecycle stage'));
  if (lifecycle) {
    p.kind = lifecycle.kind;
    p.stage = lifecycle.stage;
  }
  const status = r('lead status');
  if (!p.kind && fromHubspotLeadStatus('prospect', status) === 'lost') p.kind = 'prospect';
  const byStatus = p.kind ? fromHubspotLeadStatus(p.kind, status) : undefined;
  // The lead status is the finer grain, except that a customer stays a customer, and a lead's status
  // only moves it from new (HubSpot's MQL with "In progress" is still marketing-qualified).
  if (byStatus && p.stage !== 'customer' && (p.kind === 'prospect' || !p.stage || p.stage === 'new')) p.stage = byStatus;
  p.createdAt = parseDate(r('create date'));
  p.updatedAt = parseDate(first(r, 'last modified date', 'last activity date'));
  p.campaign = campaignOf(r);
}

function salesforce(p: ImportedPerson, { row: r }: Reader, isLeads: boolean): void {
  p.key = first(r, 'id', 'contact id', 'lead id');
  p.firstName = first(r, 'firstname', 'first name');
  p.lastName = first(r, 'lastname', 'last name');
  p.jobTitle = r('title');
  p.company = first(r, 'company', 'account name', 'account.name', 'company / account');
  p.emails = emailsOf([r('email')]);
  p.phones = [r('phone'), first(r, 'mobilephone', 'mobile', 'mobile phone')].map(phoneOf).filter((x): x is string => !!x);
  p.location = place(first(r, 'mailingcity', 'mailing city', 'city'), first(r, 'mailingstate', 'mailing state/province', 'state', 'state/province'), first(r, 'mailingcountry', 'mailing country', 'country'));
  p.links = [first(r, 'linkedin', 'linkedin url', 'linkedin profile'), r('website')].map(linkOf).filter((x): x is string => !!x);
  const description = r('description');
  if (description) p.notes.push(description);
  if (isLeads) {
    p.kind = 'lead';
    p.stage = fromSalesforceLeadStatus(first(r, 'status', 'lead status'));
  } else {
    p.kind = 'prospect';
  }
  p.createdAt = parseDate(first(r, 'createddate', 'created date'));
  p.updatedAt = parseDate(first(r, 'lastmodifieddate', 'last modified date'));
  p.campaign = campaignOf(r);
}

function linkedin(p: ImportedPerson, { row: r }: Reader): void {
  p.firstName = r('first name');
  p.lastName = r('last name');
  const url = linkOf(r('url'));
  if (url) {
    p.links = [url];
    p.key = url.toLowerCase().replace(/\/+$/, '');
  }
  p.emails = emailsOf([r('email address')]);
  p.company = r('company');
  p.jobTitle = r('position');
  // When you connected, not when the record changed: a saved value is never replaced by this file.
  p.createdAt = parseDate(r('connected on'));
}

const GOOGLE_SYSTEM_LABELS = /^\*?\s*(mycontacts|starred|my contacts|other contacts)$/i;

function google(p: ImportedPerson, { row: r, all }: Reader): void {
  p.name = r('name') ?? place(first(r, 'name prefix'), first(r, 'first name', 'given name'), first(r, 'middle name', 'additional name'), first(r, 'last name', 'family name'), r('name suffix'))?.replace(/,/g, '');
  p.firstName = first(r, 'first name', 'given name');
  p.lastName = first(r, 'last name', 'family name');
  p.company = first(r, 'organization name', 'organization 1 - name');
  p.jobTitle = first(r, 'organization title', 'organization 1 - title');
  p.emails = emailsOf(all(/^e-mail \d+ - value$/).flatMap((v) => v.split(' ::: ')));
  p.phones = all(/^phone \d+ - value$/).flatMap((v) => v.split(' ::: ')).map(phoneOf).filter((x): x is string => !!x);
  p.links = all(/^website \d+ - value$/).flatMap((v) => v.split(' ::: ')).map(linkOf).filter((x): x is string => !!x);
  p.location = r('address 1 - formatted')?.replace(/\n+/g, ', ') ?? place(r('address 1 - city'), r('address 1 - region'), r('address 1 - country'));
  p.tags = splitList(first(r, 'labels', 'group membership')?.replace(/ ::: /g, ';'))
    .map((t) => t.replace(/^\*\s*/, ''))
    .filter((t) => !GOOGLE_SYSTEM_LABELS.test(t));
  const notes = r('notes');
  if (notes) p.notes.push(notes);
}

const LABELS: Record<CsvFormat, string> = {
  'hubspot-csv': 'HubSpot',
  'salesforce-csv': 'Salesforce',
  'linkedin-csv': 'LinkedIn',
  'google-csv': 'Google Contacts',
};

export function parseCsv(text: string, opts: ParseOptions): ImportBatch {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    throw new ImportError(`This CSV is damaged: a quoted value that starts on row ${(broken.row ?? 0) + 1} is never closed. Nothing was imported.`);
  }
  const rows = parsed.data;
  const headerAt = rows.slice(0, 20).findIndex((r) => detectCsvFormat(r) !== undefined);
  if (headerAt < 0) {
    throw new ImportError(
      'This CSV’s header row is not one we know. Touchpoint reads contacts exported from HubSpot, Salesforce (contacts or leads), ' +
        'LinkedIn (Connections.csv) and Google Contacts, vCard files, and its own JSON export. Nothing was imported.',
    );
  }
  const header = rows[headerAt]!;
  const format = detectCsvFormat(header)!;
  const keys = new Set(header.map(headerKey));
  const isLeads = format === 'salesforce-csv' && ['company', 'lead id', 'lead status', 'status', 'lead source', 'leadsource'].some((k) => keys.has(k)) && !keys.has('account name') && !keys.has('accountid') && !keys.has('contact id');
  const people: ImportedPerson[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    const line = i + 1;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      throw new ImportError(`This ${LABELS[format]} CSV is damaged: row ${line} has ${cells.length} values but the header has ${header.length} columns. Nothing was imported.`);
    }
    const p = emptyPerson(line);
    const rd = reader(header, cells);
    if (format === 'hubspot-csv') hubspot(p, rd);
    else if (format === 'salesforce-csv') salesforce(p, rd, isLeads);
    else if (format === 'linkedin-csv') linkedin(p, rd);
    else google(p, rd);
    people.push(p);
  }
  // HubSpot and Salesforce say what kind each person is; LinkedIn and Google do not.
  return batchFromPeople(format, people, opts);
}
