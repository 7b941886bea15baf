import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Contact, Note, ParsedRequestOf, Touchpoint, TouchpointType } from '../model';
import { isStageOf } from '../model';
import { touchpointTypeFor } from '../domain/touchpoint';
import { NotFoundError, abortNotFound } from './errors';
import { canonicalLink, isProfileLink, linkVariants, nameCompanyKey, normalizeEmail } from './identity';
import { newId, nowIso } from './ids';
import { applyPatch, mergePersonIntoContact, newContactFromPerson, pushHistory } from './merge';
import { enqueueChange } from './outbox';
import type { TouchpointDB, TouchpointDatabase } from './schema';
import { applyCountsDelta, deleteContactRecord, fromStored, groupOf, noDelta, putContactRecord } from './search-entry';
import { wordsOf } from './tokens';

export interface StoreOptions {
  /** injectable clock (tests) */
  now?: () => number;
}

type WriteTx = IDBPTransaction<TouchpointDB, ('contacts' | 'search' | 'meta' | 'touchpoints' | 'notes' | 'outbox')[], 'readwrite'>;
type AnyTx = IDBPTransaction<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'readonly' | 'readwrite'>;

const WRITE_STORES = ['contacts', 'search', 'meta', 'touchpoints', 'notes', 'outbox'] as const;

export { fromStored };

/** Saved contacts matching by email, else by profile link (the only identities that merge). */
export async function findMatchingContactId<S extends ArrayLike<StoreNames<TouchpointDB>>, M extends IDBTransactionMode>(
  contacts: IDBPObjectStore<TouchpointDB, S, 'contacts', M>,
  person: { emails: readonly string[]; links: readonly string[] },
): Promise<string | undefined> {
  for (const e of person.emails) {
    const id = await contacts.index('byEmail').getKey(normalizeEmail(e));
    if (id) return id;
  }
  for (const l of person.links) {
    if (!isProfileLink(canonicalLink(l))) continue;
    for (const variant of linkVariants(l)) {
      const id = await contacts.index('byLink').getKey(variant);
      if (id) return id;
    }
  }
  return undefined;
}

/** For each captured person, the id of the saved contact it matches (or null). One read transaction. */
export async function matchPeople(
  db: TouchpointDatabase,
  people: readonly { emails: readonly string[]; links: readonly string[] }[],
): Promise<(string | null)[]> {
  const tx = db.transaction('contacts', 'readonly');
  const out: (string | null)[] = [];
  for (const p of people) out.push((await findMatchingContactId(tx.store, p)) ?? null);
  await tx.done;
  return out;
}

async function possibleDuplicates(tx: WriteTx, c: Contact): Promise<string[]> {
  const key = nameCompanyKey(c.name, c.company);
  // The longest word of the name is the most selective (a surname more than "Anna").
  const word = wordsOf(c.name).sort((a, b) => b.length - a.length)[0];
  const group = word && groupOf(word);
  if (!key || !group) return [];
  const candidates = await tx.objectStore('search').index('byPrefix').getAll(IDBKeyRange.bound([group], [group, []]), 2000);
  return candidates.filter((o) => o.id !== c.id && nameCompanyKey(o.name, o.company) === key).map((o) => o.id);
}

/** Which touchpoint a save records when the caller does not say: the one rule in utils/domain. */
export { touchpointTypeFor };

/** A repeat of the same touchpoint within this window (double click, re-capture) is not a new one. */
const REPEAT_WINDOW_MS = 30 * 60_000;

async function lastTouchpoint(tx: AnyTx, contactId: string): Promise<Touchpoint | undefined> {
  const cursor = await tx
    .objectStore('touchpoints')
    .index('byContactAt')
    .openCursor(IDBKeyRange.bound([contactId], [contactId, []]), 'prev');
  return cursor?.value;
}

async function putContact(tx: WriteTx, c: Contact, now: number): Promise<void> {
  const delta = noDelta();
  await putContactRecord(tx.objectStore('contacts'), tx.objectStore('search'), c, delta);
  await applyCountsDelta(tx.objectStore('meta'), delta);
  await enqueueChange(tx.objectStore('outbox'), { entity: 'contact', entityId: c.id, op: 'upsert' }, now);
}

async function addTouchpointInTx(tx: WriteTx, t: Touchpoint, now: number): Promise<void> {
  await tx.objectStore('touchpoints').put(t);
  await enqueueChange(tx.objectStore('outbox'), { entity: 'touchpoint', entityId: t.id, op: 'upsert' }, now);
}

function stageChange(contactId: string, at: string, summary: string): Touchpoint {
  return { id: newId(), contactId, type: 'stage-change', at, summary };
}

export interface SaveResult {
  contact: Contact;
  created: boolean;
  touchpoint?: Touchpoint;
  note?: Note;
  /** saved contacts with the same name and company: shown to the user, never merged silently */
  possibleDuplicates: string[];
}

/**
 * Save one captured person: merge into the contact with the same email (else the same profile link) or
 * create one; record the touchpoint and the optional note. One transaction, outbox entries included.
 */
export async function saveCapturedPerson(
  db: TouchpointDatabase,
  input: ParsedRequestOf<'contacts.save'>,
  opts: StoreOptions = {},
): Promise<SaveResult> {
  const clock = opts.now ?? Date.now;
  const now = clock();
  const at = nowIso(() => now);
  const ctx = { url: input.page.url, site: input.page.site, at };
  const tags = input.tags ?? [];
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const contacts = tx.objectStore('contacts');

  const matchId = await findMatchingContactId(contacts, input.person);
  const existing = matchId ? await contacts.get(matchId) : undefined;
  let contact: Contact;
  let created = false;
  let changed: boolean;
  const stageChanges: Touchpoint[] = [];

  if (existing) {
    const merged = mergePersonIntoContact(fromStored(existing), input.person, tags, ctx);
    contact = merged.contact;
    changed = merged.changed;
    // Capturing a lead as a prospect promotes it; a prospect is never silently demoted to a lead.
    if (contact.kind === 'lead' && input.kind === 'prospect') {
      contact = promote(contact, at, input.stage);
      stageChanges.push(stageChange(contact.id, at, `Promoted from lead (${existing.stage}) to prospect`));
      changed = true;
    } else if (input.stage && input.stage !== contact.stage && input.kind === contact.kind) {
      const updated = applyPatch(contact, { stage: input.stage }, at);
      if (updated.stage !== contact.stage) {
        stageChanges.push(stageChange(contact.id, at, `Stage ${contact.stage} → ${updated.stage}`));
        contact = updated;
        changed = true;
      }
    }
    if (!contact.campaign && input.page.campaign) {
      contact.campaign = input.page.campaign;
      changed = true;
    }
  } else {
    contact = newContactFromPerson(newId(), input.person, input.kind, input.stage, tags, ctx, input.page.campaign);
    created = true;
    changed = true;
  }
  if (changed) await putContact(tx, contact, now);
  for (const t of stageChanges) await addTouchpointInTx(tx, t, now);

  const type = input.touchpointType ?? touchpointTypeFor(input.page, input.person.role);
  let touchpoint: Touchpoint | undefined = {
    id: newId(),
    contactId: contact.id,
    type,
    at,
    url: input.page.url,
    ...(input.page.campaign ? { campaign: input.page.campaign } : {}),
    ...(input.page.email ? { emailSubject: input.page.email.subject } : {}),
  };
  const last = created ? undefined : await lastTouchpoint(tx, contact.id);
  if (last && last.type === type && last.url === input.page.url && now - Date.parse(last.at) < REPEAT_WINDOW_MS) {
    touchpoint = undefined; // the same visit, saved again
  } else {
    await addTouchpointInTx(tx, touchpoint, now);
  }

  let note: Note | undefined;
  if (input.note?.trim()) {
    note = { id: newId(), contactId: contact.id, body: input.note, createdAt: at, updatedAt: at };
    await tx.objectStore('notes').put(note);
    await enqueueChange(tx.objectStore('outbox'), { entity: 'note', entityId: note.id, op: 'upsert' }, now);
  }
  const dupes = created ? await possibleDuplicates(tx, contact) : [];
  await tx.done;
  return { contact, created, touchpoint, note, possibleDuplicates: dupes };
}

function promote(c: Contact, at: string, stage?: string): Contact {
  const next: Contact = {
    ...c,
    kind: 'prospect',
    stage: stage && isStageOf('prospect', stage) ? stage : 'new',
    promotedAt: at,
    updatedAt: at,
  };
  next.history = pushHistory(c.history, [
    { field: 'kind', value: c.kind, replacedAt: at },
    { field: 'stage', value: c.stage, replacedAt: at },
  ]);
  return next;
}

export async function getContact(
  db: TouchpointDatabase,
  id: string,
): Promise<{ contact: Contact; touchpoints: Touchpoint[]; notes: Note[] }> {
  const tx = db.transaction(['contacts', 'touchpoints', 'notes'], 'readonly');
  const stored = await tx.objectStore('contacts').get(id);
  if (!stored) throw new NotFoundError('This contact no longer exists.');
  const range = IDBKeyRange.bound([id], [id, []]);
  const touchpoints = await tx.objectStore('touchpoints').index('byContactAt').getAll(range);
  const notes = await tx.objectStore('notes').index('byContactUpdatedAt').getAll(range);
  await tx.done;
  return { contact: fromStored(stored), touchpoints: touchpoints.reverse(), notes: notes.reverse() };
}

export async function updateContact(
  db: TouchpointDatabase,
  id: string,
  patch: ParsedRequestOf<'contacts.update'>['patch'],
  opts: StoreOptions = {},
): Promise<Contact> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const stored = await tx.objectStore('contacts').get(id);
  if (!stored) return abortNotFound(tx, 'This contact no longer exists.');
  const before = fromStored(stored);
  const contact = applyPatch(before, patch, at);
  await putContact(tx, contact, now);
  if (contact.stage !== before.stage) {
    await addTouchpointInTx(tx, stageChange(id, at, `Stage ${before.stage} → ${contact.stage}`), now);
  }
  await tx.done;
  return contact;
}

/** Lead → prospect. Touchpoints and notes stay attached (same contact id); a stage-change touchpoint records it. */
export async function promoteContact(db: TouchpointDatabase, id: string, opts: StoreOptions = {}): Promise<Contact> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const stored = await tx.objectStore('contacts').get(id);
  if (!stored) return abortNotFound(tx, 'This contact no longer exists.');
  const before = fromStored(stored);
  if (before.kind === 'prospect') {
    await tx.done;
    return before;
  }
  const contact = promote(before, at);
  await putContact(tx, contact, now);
  await addTouchpointInTx(tx, stageChange(id, at, `Promoted from lead (${before.stage}) to prospect`), now);
  await tx.done;
  return contact;
}

/** Delete a contact with its touchpoints and notes; the CRM learns of each deletion through the outbox. */
export async function deleteContact(db: TouchpointDatabase, id: string, opts: StoreOptions = {}): Promise<boolean> {
  const now = (opts.now ?? Date.now)();
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const outbox = tx.objectStore('outbox');
  const stored = await tx.objectStore('contacts').get(id);
  if (!stored) {
    await tx.done;
    return false;
  }
  const range = IDBKeyRange.bound([id], [id, []]);
  for (const store of ['touchpoints', 'notes'] as const) {
    const index = store === 'touchpoints' ? tx.objectStore('touchpoints').index('byContactAt') : tx.objectStore('notes').index('byContactUpdatedAt');
    const entity = store === 'touchpoints' ? 'touchpoint' : 'note';
    for (const key of await index.getAllKeys(range)) {
      await tx.objectStore(store).delete(key);
      await enqueueChange(outbox, { entity, entityId: key, op: 'delete' }, now);
    }
  }
  const delta = noDelta();
  await deleteContactRecord(tx.objectStore('contacts'), tx.objectStore('search'), id, delta);
  await applyCountsDelta(tx.objectStore('meta'), delta);
  const remoteIds: Record<string, string> = {};
  for (const [dest, s] of Object.entries(stored.sync)) if (s.remoteId) remoteIds[dest] = s.remoteId;
  const entry = await enqueueChange(outbox, { entity: 'contact', entityId: id, op: 'delete' }, now);
  if (Object.keys(remoteIds).length) await outbox.put({ ...entry, remoteIds });
  await tx.done;
  return true;
}
