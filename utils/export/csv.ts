import type { Contact } from '../model';

/**
 * CSV (RFC 4180) of contacts, safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) gets a leading apostrophe so it is read as text, never as a formula (CSV injection).
 */

const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

export function csvCell(value: string | undefined): string {
  let v = value ?? '';
  if (FORMULA_START.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_COLUMNS = [
  'id', 'kind', 'stage', 'name', 'firstName', 'lastName', 'jobTitle', 'company', 'emails', 'phones',
  'location', 'links', 'tags', 'sourceUrl', 'sourceSite', 'capturedAt', 'createdAt', 'updatedAt',
] as const;

function row(c: Contact): string[] {
  const list = (xs: readonly string[]) => xs.join('; ');
  return [
    c.id, c.kind, c.stage, c.name, c.firstName ?? '', c.lastName ?? '', c.jobTitle ?? '', c.company ?? '',
    list(c.emails), list(c.phones), c.location ?? '', list(c.links), list(c.tags),
    c.source.url, c.source.site, c.source.capturedAt, c.createdAt, c.updatedAt,
  ];
}

/** With a UTF-8 BOM so spreadsheet programs read names like "Åsa" correctly; CRLF line ends. */
export function contactsToCsv(contacts: Iterable<Contact>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of contacts) lines.push(row(c).map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
