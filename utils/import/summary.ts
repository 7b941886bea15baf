import type { ImportFormat, ImportResult } from '../model/import';

/** Words for the options page. No zod here: the page imports this at run time. */
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  'touchpoint-json': 'Touchpoint export',
  'hubspot-csv': 'HubSpot export',
  'salesforce-csv': 'Salesforce export',
  'linkedin-csv': 'LinkedIn connections export',
  'google-csv': 'Google Contacts export',
  vcard: 'vCard file',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "LinkedIn connections export: 2 new, 1 merged, 4 already there. 1 row skipped (no name, email or link)."
 * Says what happened to each person, never just how many lines the file had.
 */
export function importSummary(r: ImportResult, fileName?: string): string {
  const c = r.contacts;
  const people = [`${c.added} new`, ...(c.merged ? [`${c.merged} merged`] : []), `${c.unchanged} already there`].join(', ');
  const parts = [`${fileName ? `${fileName} (${IMPORT_FORMAT_LABELS[r.format]})` : IMPORT_FORMAT_LABELS[r.format]}: ${people}.`];
  const n = r.notes;
  const t = r.touchpoints;
  const extra: string[] = [];
  if (n.added || n.merged) extra.push(`${plural(n.added + n.merged, 'note')} added`);
  if (n.keptBoth) extra.push(`${plural(n.keptBoth, 'note')} kept beside a different saved note with the same id`);
  if (t.added) extra.push(`${plural(t.added, 'timeline entry', 'timeline entries')} added`);
  if (r.tasks.added) extra.push(`${plural(r.tasks.added, 'follow-up')} added`);
  if (r.tasks.unchanged) extra.push(`${plural(r.tasks.unchanged, 'follow-up')} already there`);
  if (r.companies.added) extra.push(`${plural(r.companies.added, 'company', 'companies')} added`);
  if (r.companies.unchanged) extra.push(`${plural(r.companies.unchanged, 'company', 'companies')} already there`);
  if (extra.length) parts.push(`${extra.join(', ')}.`.replace(/^./, (ch) => ch.toUpperCase()));
  if (r.possibleDuplicates) {
    parts.push(`${plural(r.possibleDuplicates, 'person', 'people')} ${r.possibleDuplicates === 1 ? 'shares' : 'share'} an email or profile link with a saved contact of another name: added apart, to review as possible duplicates.`);
  }
  if (r.skipped) parts.push(`${plural(r.skipped, 'row')} skipped (no name, email or link, or no contact to attach to).`);
  parts.push(r.queued ? `${plural(r.queued, 'change')} queued to sync.` : 'Nothing new to sync.');
  return parts.join(' ');
}
