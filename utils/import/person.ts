import { Contact, MAX_LIST, isStageOf, type Campaign, type ContactKind, type Note } from '../model';
import { nameFromEmail } from '../capture/normalize/name';
import { emailKey, hasCampaign, looksLikeEmail, webLink } from '../domain';
import { normalizePhone } from '../capture/normalize/phone';
import { stableHash } from './hash';
import { ImportError, type ImportBatch, type ImportFormat, type ParseOptions } from './types';

/** One person as a CSV row or a vCard describes them, before it becomes a Contact. */
export interface ImportedPerson {
  /** 1-based row (CSV, counting the header) or card number, for messages */
  row: number;
  /** the source's own identity for this person (HubSpot record id, Salesforce id, vCard UID, profile URL) */
  key?: string;
  /** use this contact id as is (our own vCard's UID) */
  id?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  company?: string;
  location?: string;
  emails: string[];
  phones: string[];
  links: string[];
  tags: string[];
  kind?: ContactKind;
  stage?: string;
  createdAt?: string;
  updatedAt?: string;
  notes: string[];
  campaign?: Campaign;
  sourceUrl?: string;
}

export function emptyPerson(row: number): ImportedPerson {
  return { row, emails: [], phones: [], links: [], tags: [], notes: [] };
}

/** One line of text: no control characters, no runs of white space (a hostile name cannot add lines). */
export function cleanLine(s: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const v = s?.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return v || undefined;
}

/** Note text: line breaks kept, other control characters removed. */
export function cleanText(s: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const v = s?.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return v || undefined;
}


export function splitList(s: string | undefined): string[] {
  return (s ?? '').split(/[;,\n]|\s:::\s/).map((x) => x.trim()).filter(Boolean);
}

export function emailsOf(values: (string | undefined)[]): string[] {
  return values.flatMap((v) => splitList(v)).map(emailKey).filter(looksLikeEmail);
}

/** A phone in E.164 when it says its country (+ or 00); otherwise as written, since the country is unknown. */
export function phoneOf(raw: string | undefined): string | undefined {
  const s = cleanLine(raw?.replace(/^tel:/i, ''));
  if (!s || (s.match(/\d/g) ?? []).length < 5) return undefined;
  if (/^(\+|00)/.test(s)) return normalizePhone(s, { regions: [] }, true) ?? s;
  return s;
}

/** http(s) links only: a javascript: or data: URL in a file is not a link to a person. */
export const linkOf = webLink;

function fieldPath(path: PropertyKey[]): string {
  const f = String(path[0] ?? 'value');
  const labels: Record<string, string> = {
    name: 'the name', jobTitle: 'the job title', company: 'the company', location: 'the location',
    emails: 'the email addresses', phones: 'the phone numbers', links: 'the links', tags: 'the tags',
    firstName: 'the first name', lastName: 'the last name',
  };
  return labels[f] ?? f;
}

/**
 * Turn the people of a CSV or vCard file into a batch: stable ids (the same row imported twice is the
 * same contact), every contact validated by the model's schema, rows that describe nobody skipped
 * with a reason. Throws ImportError naming the row when a value breaks the model's limits.
 */
export function batchFromPeople(format: ImportFormat, people: ImportedPerson[], opts: ParseOptions, kindIsDecided = false): ImportBatch {
  const batch: ImportBatch = { format, contacts: [], touchpoints: [], notes: [], undated: [], kindIsDecided, skipped: [] };
  const what = format === 'vcard' ? 'Card' : 'Row';
  for (const p of people) {
    const emails = [...new Set(p.emails)];
    const links = [...new Set(p.links)];
    const joined = cleanLine([p.firstName, p.lastName].filter(Boolean).join(' '));
    const name = cleanLine(p.name) ?? joined ?? (emails[0] ? (nameFromEmail(emails[0]) ?? emails[0]) : undefined);
    if (!name || (!emails.length && !links.length && !p.phones.length && !cleanLine(p.name) && !joined)) {
      batch.skipped.push({ row: p.row, reason: 'no name, email or link' });
      continue;
    }
    const identity = p.key ?? emails[0] ?? links[0] ?? `${name}|${p.company ?? ''}`.toLowerCase();
    const id = p.id ?? `imp-${format}-${stableHash(`${format}:${identity}`)}`;
    const updatedAt = p.updatedAt ?? p.createdAt;
    const createdAt = p.createdAt ?? p.updatedAt ?? opts.at;
    const kind = p.kind ?? opts.defaultKind;
    const stamp = updatedAt ?? opts.at;
    const provenance: Contact['provenance'] = {};
    const candidate: Record<string, unknown> = {
      id,
      kind,
      stage: p.stage && isStageOf(kind, p.stage) ? p.stage : 'new',
      name,
      emails,
      phones: [...new Set(p.phones)],
      links,
      tags: [...new Set(p.tags.map((t) => cleanLine(t)).filter((t): t is string => !!t))],
      source: { url: p.sourceUrl ?? `import:${opts.fileName ?? format}`, site: format, capturedAt: createdAt },
      provenance,
      history: [],
      createdAt,
      updatedAt: stamp,
      sync: {},
    };
    for (const f of ['firstName', 'lastName', 'jobTitle', 'company', 'location'] as const) {
      const v = cleanLine(p[f]);
      if (v) candidate[f] = v;
    }
    for (const f of ['name', 'firstName', 'lastName', 'jobTitle', 'company', 'location', 'emails', 'phones', 'links'] as const) {
      const v = candidate[f];
      if (v && (!Array.isArray(v) || v.length)) provenance[f] = { source: 'import', at: stamp };
    }
    if (hasCampaign(p.campaign)) candidate.campaign = p.campaign;
    for (const f of ['emails', 'phones', 'links', 'tags'] as const) {
      const list = candidate[f] as string[];
      if (list.length > MAX_LIST) throw new ImportError(`${what} ${p.row}: more than ${MAX_LIST} values in ${fieldPath([f])}. Nothing was imported.`);
    }
    const parsed = Contact.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ImportError(`${what} ${p.row}: ${fieldPath(issue.path)} cannot be imported (${issue.message}). Nothing was imported.`);
    }
    batch.contacts.push(parsed.data);
    if (!p.updatedAt) batch.undated.push(id);
    for (const raw of p.notes) {
      const body = cleanText(raw);
      if (!body) continue;
      const note: Note = { id: `${id}-n${stableHash(body)}`, contactId: id, body, createdAt, updatedAt: stamp };
      if (body.length > 100_000) throw new ImportError(`${what} ${p.row}: a note is longer than 100,000 characters. Nothing was imported.`);
      batch.notes.push(note);
    }
  }
  return batch;
}
