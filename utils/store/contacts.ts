import type { IDBPTransaction, StoreNames } from 'idb';
import type {
  Contact, ContactPatch, DuplicateHint, KnownRecord, Note, ParsedRequestOf, PatchConflict, Touchpoint, TouchpointType,
} from '../model';
import { isStageOf } from '../model';
import { hasCampaign } from '../domain/campaign';
import { foldKey, touchpointTypeFor } from '../domain/touchpoint';
import { duplicateHintsFor, resolvePerson, type PersonIdentity } from './duplicates';
import { NotFoundError, abortNotFound } from './errors';
import { newId, nowIso } from './ids';
import { applyContactPatch, mergePersonIntoContact, newContactFromPerson, pushHistory } from './merge';
import { enqueueChange } from './outbox';
import { assertTypedPatch } from './manual';
import type { TouchpointDB, TouchpointDatabase } from './schema';
import { applyCountsDelta, deleteContactRecord, fromStored, noDelta, putContactRecord } from './search-entry';

export interface StoreOptions {
  /** injectable clock (tests) */
  now?: () => number;
}

export type WriteTx = IDBPTransaction<TouchpointDB, ('contacts' | 'search' | 'meta' | 'touchpoints' | 'notes' | 'outbox' | 'companies' | 'tasks')[], 'readwrite'>;
type AnyTx = IDBPTransaction<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'readonly' | 'readwrite'>;

/** `companies`: every contact write links its company (search-entry.ts putContactRecord); `tasks` go with their contact. */
export const WRITE_STORES = ['contacts', 'search', 'meta', 'touchpoints', 'notes', 'outbox', 'companies', 'tasks'] as const;

export { fromStored };

/** The saved record a person is (duplicates.ts resolvePerson: email or own profile link with agreeing names; name only). */
export async function findMatchingContactId(tx: AnyTx, person: PersonIdentity): Promise<string | undefined> {
  return (await resolvePerson(tx, person)).matchId;
}

export interface PersonLookup {
  matchId: string | null;
  known: KnownRecord | null;
  duplicates: DuplicateHint[];
}

/** For each captured person: the saved record they are (with its last touch) and the records possibly them. One read. */
export async function lookupPeople(db: TouchpointDatabase, people: readonly PersonIdentity[]): Promise<PersonLookup[]> {
  const tx = db.transaction(['contacts', 'search', 'touchpoints'], 'readonly');
  const out: PersonLookup[] = [];
  for (const p of people) {
    const r = await resolvePerson(tx, p);
    let known: KnownRecord | null = null;
    let duplicates = r.hints;
    if (r.matchId) {
      const stored = await tx.objectStore('contacts').get(r.matchId);
      if (stored) {
        const contact = fromStored(stored);
        const last = await lastTouchpoint(tx, contact.id, true);
        known = { contact, ...(last ? { lastTouch: { type: last.type, at: last.at } } : {}) };
        // The saved record's own possible duplicates too (a Gmail record and a LinkedIn record of one person).
        const more = await duplicateHintsFor(tx, contact);
        duplicates = [...duplicates, ...more.filter((h) => !duplicates.some((d) => d.id === h.id))];
      }
    }
    out.push({ matchId: r.matchId ?? null, known, duplicates });
  }
  await tx.done;
  return out;
}

/** For each captured person, the id of the saved contact they are (or null). */
export async function matchPeople(db: TouchpointDatabase, people: readonly PersonIdentity[]): Promise<(string | null)[]> {
  return (await lookupPeople(db, people)).map((l) => l.matchId);
}

/** Which touchpoint a save records when the caller does not say: the one rule in utils/domain. */
export { touchpointTypeFor };

/** A repeat of the same touchpoint within this window (double click, re-capture) is not a new one. */
const REPEAT_WINDOW_MS = 30 * 60_000;

async function lastTouchpoint(tx: AnyTx, contactId: string, skipStageChanges = false): Promise<Touchpoint | undefined> {
  let cursor = await tx
    .objectStore('touchpoints')
    .index('byContactAt')
    .openCursor(IDBKeyRange.bound([contactId], [contactId, []]), 'prev');
  // The last touch of a person is a contact with them, not our own record of a stage change.
  while (cursor && skipStageChanges && cursor.value.type === 'stage-change') cursor = await cursor.continue();
  return cursor?.value;
}

/** Today's (local day) view of the same page by this contact, if one was saved: the entry a new view folds into. */
async function viewOfToday(tx: AnyTx, contactId: string, key: string, now: number): Promise<Touchpoint | undefined> {
  const d = new Date(now);
  const startOfDay = new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
  const today = await tx.objectStore('touchpoints').index('byContactAt').getAll(IDBKeyRange.bound([contactId, startOfDay], [contactId, []]));
  return today.reverse().find((t) => foldKey(t) === key);
}

export async function putContact(tx: WriteTx, c: Contact, now: number): Promise<void> {
  const delta = noDelta();
  await putContactRecord(tx.objectStore('contacts'), tx.objectStore('search'), c, delta, undefined, { now });
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
  /** ids of saved contacts possibly the same person: shown to the user, never merged silently */
  possibleDuplicates: string[];
  duplicates: DuplicateHint[];
  touchpointType: TouchpointType;
}

/**
 * Save one captured person: into the record the card names (`contactId`), else the record this person is (see
 * resolvePerson), else a new one; record the touchpoint and the optional note. One transaction, outbox entries included.
 *
 * A saved record is the user's: a capture adds new fields (lists unioned, a changed scalar keeps its old value in
 * history) and the touchpoint, but kind, stage and tags change only through `edits`, what the user changed on this
 * card. A lead becomes a prospect only by `edits.promote`; nothing demotes a prospect.
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
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const contacts = tx.objectStore('contacts');

  let matchId = input.contactId;
  let hints: DuplicateHint[] = [];
  if (matchId) {
    if (!(await contacts.getKey(matchId))) return abortNotFound(tx, 'This contact no longer exists.');
  } else {
    const r = await resolvePerson(tx, input.person);
    matchId = r.matchId;
    hints = r.hints;
  }
  const existing = matchId ? await contacts.get(matchId) : undefined;
  let contact: Contact;
  let created = false;
  let changed: boolean;
  const stageChanges: Touchpoint[] = [];

  if (existing) {
    const before = fromStored(existing);
    const merged = mergePersonIntoContact(before, input.person, [], ctx);
    contact = merged.contact;
    changed = merged.changed;
    const edits = input.edits ?? {};
    if (edits.promote && contact.kind === 'lead') {
      contact = promote(contact, at, edits.stage);
      stageChanges.push(stageChange(contact.id, at, `Promoted from lead (${before.stage}) to prospect`));
      changed = true;
    } else if (edits.stage && edits.stage !== contact.stage && isStageOf(contact.kind, edits.stage)) {
      const r = applyContactPatch(contact, { set: { stage: { from: contact.stage, to: edits.stage } } }, at);
      stageChanges.push(stageChange(contact.id, at, `Stage ${contact.stage} → ${r.contact.stage}`));
      contact = r.contact;
      changed = true;
    }
    if (edits.addTags?.length || edits.removeTags?.length) {
      const r = applyContactPatch(contact, { add: { tags: edits.addTags ?? [] }, remove: { tags: edits.removeTags ?? [] } }, at);
      if (r.changed) {
        contact = r.contact;
        changed = true;
      }
    }
    if (!contact.campaign && hasCampaign(input.page.campaign)) {
      contact.campaign = input.page.campaign;
      changed = true;
    }
  } else {
    contact = newContactFromPerson(newId(), input.person, input.kind, input.stage, input.tags ?? [], ctx, input.page.campaign);
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
  const key = created ? undefined : foldKey(touchpoint);
  const sameDay = key ? await viewOfToday(tx, contact.id, key, now) : undefined;
  const last = created || sameDay || key ? undefined : await lastTouchpoint(tx, contact.id, true);
  if (sameDay) {
    // The same page viewed again today: one entry with a count, at the latest view. Not queued again: the CRM has
    // today's view (or gets this record as it is when its first upsert is sent).
    touchpoint = { ...sameDay, at, count: (sameDay.count ?? 1) + 1 };
    await tx.objectStore('touchpoints').put(touchpoint);
  } else if (last && last.type === type && last.url === input.page.url && now - Date.parse(last.at) < REPEAT_WINDOW_MS) {
    touchpoint = undefined; // the same visit, saved again
  } else {
    await addTouchpointInTx(tx, touchpoint, now);
  }

  let note: Note | undefined;
  if (input.note?.trim()) {
    const noteId = input.noteId ?? newId();
    const prev = input.noteId ? await tx.objectStore('notes').get(noteId) : undefined;
    if (prev && prev.body === input.note && prev.contactId === contact.id) note = prev; // the same note, saved again
    else {
      note = { id: noteId, contactId: contact.id, body: input.note, createdAt: prev?.createdAt ?? at, updatedAt: at };
      await tx.objectStore('notes').put(note);
      await enqueueChange(tx.objectStore('outbox'), { entity: 'note', entityId: note.id, op: 'upsert' }, now);
    }
  }
  const own = await duplicateHintsFor(tx, contact);
  const duplicates = [...own, ...hints.filter((h) => h.id !== contact.id && !own.some((o) => o.id === h.id))];
  await tx.done;
  return { contact, created, touchpoint, note, possibleDuplicates: duplicates.map((d) => d.id), duplicates, touchpointType: type };
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

/**
 * Apply a user's edit (a patch: the fields changed, with the values the page saw) to the current record. A scalar
 * changed meanwhile elsewhere is kept and reported in `conflicts`; lists change by added and removed items, so two
 * pages editing one contact keep both changes.
 */
export async function updateContact(
  db: TouchpointDatabase,
  id: string,
  patch: ContactPatch,
  opts: StoreOptions = {},
): Promise<{ contact: Contact; conflicts: PatchConflict[] }> {
  assertTypedPatch(patch);
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const stored = await tx.objectStore('contacts').get(id);
  if (!stored) return abortNotFound(tx, 'This contact no longer exists.');
  const before = fromStored(stored);
  const r = applyContactPatch(before, patch, at);
  if (r.changed) {
    await putContact(tx, r.contact, now);
    if (r.stageFrom !== undefined) await addTouchpointInTx(tx, stageChange(id, at, `Stage ${r.stageFrom} → ${r.contact.stage}`), now);
  }
  await tx.done;
  return { contact: r.contact, conflicts: r.conflicts };
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
  // Follow-ups go with their contact (contact.deleted tells the CRM; an unsent task upsert is then superseded).
  for (const key of await tx.objectStore('tasks').index('byContact').getAllKeys(id)) await tx.objectStore('tasks').delete(key);
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
