import type { Contact, ContactPatch, DuplicateHint } from '../model';
import type { ParsedRequestOf } from '../model/messages';
import { isStageOf } from '../model';
import { typedProblems } from '../domain/typed';
import { putContact, WRITE_STORES, type StoreOptions } from './contacts';
import { duplicateHintsFor } from './duplicates';
import { InvalidInputError } from './errors';
import { newId, nowIso } from './ids';
import { normalizeList } from './merge';
import type { TouchpointDatabase } from './schema';

/** A contact typed in the side panel's form: the `contacts.create` request, defined once in the model. */
export type ManualContactInput = ParsedRequestOf<'contacts.create'>;

/** The one place typed values are refused (utils/domain/typed.ts says why, for the user). */
export function assertTyped(values: Parameters<typeof typedProblems>[0]): void {
  const problems = typedProblems(values);
  if (problems.length) throw new InvalidInputError(problems.join(' '));
}

/** Refuses a patch whose added emails, phones or links are not what they claim to be, or that empties the name. */
export function assertTypedPatch(patch: ContactPatch): void {
  assertTyped({ ...patch.add, ...(patch.set?.name ? { name: [patch.set.name.to] } : {}) });
}

/**
 * Add a contact by hand. Every field's provenance is "user"; its source is the side panel. A person who may already be
 * saved (same email, profile link, name and company …) is added anyway and reported as a possible duplicate, never
 * merged silently (docs/data.md). One transaction with its outbox entries (and its company's, when new).
 */
export async function createContact(
  db: TouchpointDatabase,
  input: ManualContactInput,
  opts: StoreOptions = {},
): Promise<{ contact: Contact; created: boolean; duplicates: DuplicateHint[] }> {
  assertTyped({ name: [input.name], emails: input.emails, phones: input.phones, links: input.links, tags: input.tags });
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const existing = input.id ? await tx.objectStore('contacts').get(input.id) : undefined;
  if (existing) {
    await tx.done;
    const { searchKey: _s, companyId: _c, ...contact } = existing;
    return { contact, created: false, duplicates: [] };
  }
  const provenance: Contact['provenance'] = {};
  const c: Contact = {
    id: input.id ?? newId(),
    kind: input.kind,
    stage: input.stage && isStageOf(input.kind, input.stage) ? input.stage : 'new',
    name: input.name.trim(),
    emails: normalizeList('emails', input.emails),
    phones: normalizeList('phones', input.phones),
    links: normalizeList('links', input.links),
    tags: normalizeList('tags', input.tags),
    source: { url: 'touchpoint:side-panel', site: 'manual', capturedAt: at },
    provenance,
    history: [],
    createdAt: at,
    updatedAt: at,
    sync: {},
  };
  for (const k of ['jobTitle', 'company', 'location'] as const) {
    const v = input[k]?.trim();
    if (v) c[k] = v;
  }
  for (const f of ['name', 'jobTitle', 'company', 'location', 'emails', 'phones', 'links'] as const) {
    const v = c[f];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) provenance[f] = { source: 'user', at };
  }
  const duplicates = await duplicateHintsFor(tx, c);
  await putContact(tx, c, now);
  await tx.done;
  return { contact: c, created: true, duplicates };
}
