import { typedProblems } from '../../utils/domain/typed';
import type { Contact, ContactKind, ContactPatch } from '../../utils/model/contact';
import type { RequestOf } from '../../utils/model/messages';
import { parseTags } from '../../components/lib/format';

/**
 * The contact form's values as typed (pure, so it is tested without a page): emails, phones and links one per line,
 * tags comma separated, as the rest of the panel writes them.
 */
export interface ContactFormValues {
  kind: ContactKind;
  stage: string;
  name: string;
  jobTitle: string;
  company: string;
  location: string;
  emails: string;
  phones: string;
  links: string;
  tags: string;
}

export const LIST_FIELDS = ['emails', 'phones', 'links'] as const;

export function emptyForm(kind: ContactKind): ContactFormValues {
  return { kind, stage: 'new', name: '', jobTitle: '', company: '', location: '', emails: '', phones: '', links: '', tags: '' };
}

export function formFromContact(c: Contact): ContactFormValues {
  return {
    kind: c.kind,
    stage: c.stage,
    name: c.name,
    jobTitle: c.jobTitle ?? '',
    company: c.company ?? '',
    location: c.location ?? '',
    emails: c.emails.join('\n'),
    phones: c.phones.join('\n'),
    links: c.links.join('\n'),
    tags: c.tags.join(', '),
  };
}

/** One value per line (commas too for emails and phones, which never contain one; links may). */
export function linesOf(text: string, commas = false): string[] {
  const parts = text.split(commas ? /[\n,;]/ : /\n/).map((s) => s.trim()).filter(Boolean);
  return [...new Set(parts)];
}

export function listsOf(f: ContactFormValues): { emails: string[]; phones: string[]; links: string[]; tags: string[] } {
  return { emails: linesOf(f.emails, true), phones: linesOf(f.phones, true), links: linesOf(f.links), tags: parseTags(f.tags) };
}

/**
 * What is wrong with the form, in the words the store would use (utils/domain/typed.ts), so nothing is sent in vain.
 * Phones are read by `normalizedPhones` (a stricter rule, said beside their field).
 */
export function formProblems(f: ContactFormValues): string[] {
  const { phones: _phones, ...lists } = listsOf(f);
  return typedProblems({ name: [f.name], ...lists });
}

export function createRequest(f: ContactFormValues, id: string): RequestOf<'contacts.create'> {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    id,
    kind: f.kind,
    stage: f.stage as RequestOf<'contacts.create'>['stage'],
    name: f.name.trim(),
    ...(opt(f.jobTitle) ? { jobTitle: opt(f.jobTitle) } : {}),
    ...(opt(f.company) ? { company: opt(f.company) } : {}),
    ...(opt(f.location) ? { location: opt(f.location) } : {}),
    ...listsOf(f),
  };
}

/**
 * Only what the user changed, as a patch against the record this page saw (`c`): scalars with their old value, lists
 * by added and removed items (emails compared without case), so the store keeps an edit made meanwhile elsewhere and
 * reports a field both changed. Kind is not edited here: promotion is its own, explicit action.
 */
export function formPatch(c: Contact, f: ContactFormValues): ContactPatch {
  const set: NonNullable<ContactPatch['set']> = {};
  const name = f.name.trim();
  if (name && name !== c.name) set.name = { from: c.name, to: name };
  for (const k of ['jobTitle', 'company', 'location'] as const) {
    const v = f[k].trim();
    if (v !== (c[k] ?? '')) set[k] = { from: c[k] ?? '', to: v };
  }
  if (f.stage && f.stage !== c.stage) set.stage = { from: c.stage, to: f.stage };
  const typed = listsOf(f);
  const add: NonNullable<ContactPatch['add']> = {};
  const remove: NonNullable<ContactPatch['remove']> = {};
  const keyOf = (field: string, v: string) => (field === 'emails' || field === 'tags' ? v.toLowerCase() : v);
  for (const field of ['emails', 'phones', 'links', 'tags'] as const) {
    const had = new Set(c[field].map((v) => keyOf(field, v)));
    const has = new Set(typed[field].map((v) => keyOf(field, v)));
    const added = typed[field].filter((v) => !had.has(keyOf(field, v)));
    const removed = c[field].filter((v) => !has.has(keyOf(field, v)));
    if (added.length) add[field] = added;
    if (removed.length) remove[field] = removed;
  }
  return {
    ...(Object.keys(set).length ? { set } : {}),
    ...(Object.keys(add).length ? { add } : {}),
    ...(Object.keys(remove).length ? { remove } : {}),
  };
}

/**
 * The form's phones as they will be stored: each new line in E.164 by `normalize` (capture's rule, loaded by the form
 * when needed), a line already on the record (`kept`) as it is. A line that cannot be a phone is a problem to show
 * beside the field; the typed text is never replaced then, so nothing is lost.
 */
export function normalizedPhones(
  f: ContactFormValues,
  kept: readonly string[],
  normalize: (raw: string) => string | undefined,
): { phones: string; problems: string[] } {
  const out: string[] = [];
  const problems: string[] = [];
  for (const raw of linesOf(f.phones, true)) {
    const e164 = kept.includes(raw) ? raw : normalize(raw);
    if (e164) out.push(e164);
    else problems.push(`“${raw}” cannot be a phone number: check the digits, or start it with its country code (+46 …).`);
  }
  return { phones: problems.length ? f.phones : [...new Set(out)].join('\n'), problems };
}

/** A contact's id, minted when the form opens: saving twice (a double click, a retried message) is one contact. */
export function mintContactId(): string {
  return crypto.randomUUID();
}
