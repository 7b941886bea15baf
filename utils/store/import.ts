import { emailKey, isProfileLink, linkKey, linkVariants, nameOnlyKey, namesDisagree } from '../domain';
import type { Contact, ImportCounts, ImportResult, Note, OutboxEntry, Task, Touchpoint } from '../model';
import { stableHash } from '../import/hash';
import type { ImportBatch } from '../import/types';
import { fromStored, type StoreOptions } from './contacts';
import { importedAsNew, keptBothNoteId, mergeImportedContact, mergeImportedNote } from './import-merge';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';
import { applyCountsDelta, contactIdOfSearchKey, noDelta, putContactRecord } from './search-entry';
import { abortWith } from './errors';

/** records whose reads are sent together (see the contacts loop) */
const CHUNK = 500;

const zero = (): ImportCounts => ({ added: 0, merged: 0, unchanged: 0 });

/**
 * Apply a parsed file (utils/import) in ONE transaction: a file imports whole or not at all, so a
 * browser closed or a worker stopped mid-import leaves the database as it was. The transaction awaits
 * nothing but its own requests (idb's rule), and a failure inside it aborts it explicitly: an exception
 * in an async function would otherwise let IndexedDB commit what was already written.
 *
 * Only what changes here is written and queued for the CRM; what the file says was already delivered
 * (our JSON export, v2) is not queued again. See docs/data.md, "Import".
 */
export async function importBatch(db: TouchpointDatabase, batch: ImportBatch, opts: StoreOptions = {}): Promise<ImportResult> {
  const now = (opts.now ?? Date.now)();
  const at = new Date(now).toISOString();
  const result: ImportResult = {
    format: batch.format,
    contacts: zero(),
    touchpoints: zero(),
    notes: { ...zero(), keptBoth: 0 },
    companies: zero(),
    tasks: zero(),
    skipped: batch.skipped.length,
    possibleDuplicates: 0,
    queued: 0,
  };
  const undated = new Set(batch.undated);
  const pending = batch.pending && new Set(batch.pending.map((p) => `${p.entity}:${p.entityId}`));
  /** Was this record still owed to the CRM when the file was written? (unknown: yes) */
  const owed = (entity: OutboxEntry['entity'], id: string) => !pending || pending.has(`${entity}:${id}`);

  const tx = db.transaction(['contacts', 'search', 'meta', 'touchpoints', 'notes', 'outbox', 'companies', 'tasks'], 'readwrite');
  const contacts = tx.objectStore('contacts');
  const outbox = tx.objectStore('outbox');
  /** what this import queued (a record queued twice, added then merged, is one change: the outbox coalesces it) */
  const queuedKeys = new Set<string>();
  const queue = async (entity: OutboxEntry['entity'], entityId: string, created = false) => {
    await enqueueChange(outbox, { entity, entityId, op: 'upsert' }, now, { created });
    queuedKeys.add(`${entity}:${entityId}`);
    result.queued = queuedKeys.size;
  };
  try {
    // Companies first (our JSON v3), under their own ids, so the people written below link to them by the one
    // dedupe rule instead of making new ones. A company already here under another id (the same name key) stays.
    const companies = tx.objectStore('companies');
    // counted before and after: the people below may bring companies of their own (one new record per organisation)
    const companiesBefore = await companies.count();
    for (const co of batch.companies ?? []) {
      const [byId, byKey] = await Promise.all([companies.get(co.id), companies.index('byNameKey').getKey(co.nameKey)]);
      if (byId || byKey) {
        result.companies.unchanged++;
        continue;
      }
      await companies.add(co);
      if (owed('company', co.id)) await queue('company', co.id);
    }
    const delta = noDelta();
    /** id in the file → id here (a contact found by email or profile link lives under its own id) */
    const idMap = new Map<string, string>();
    /** contacts written by this import, by id: a later record of the same file merges into these */
    const written = new Map<string, Contact>();
    /** contacts already written by an earlier chunk of this import (their stored form is read again when rewritten) */
    const writtenBefore = new Set<string>();
    /** identity keys of the contacts written by this import → their id (the index does not see them yet) */
    const keysWritten = new Map<string, string>();
    const identityKeys = (c: Pick<Contact, 'emails' | 'links'>) => [
      ...c.emails.map((e) => `e:${emailKey(e)}`),
      ...c.links.filter(isProfileLink).map((l) => `l:${linkKey(l)}`),
    ];
    /** saved records sharing an email key or a profile link with c (utils/domain's identity evidence) */
    const candidatesOf = async (c: Contact): Promise<string[]> => {
      const [byEmail, byLink] = await Promise.all([
        Promise.all(c.emails.map((e) => contacts.index('byEmail').getAllKeys(emailKey(e)))),
        Promise.all(c.links.filter(isProfileLink).flatMap(linkVariants).map((v) => contacts.index('byLink').getAllKeys(v))),
      ]);
      return [...new Set([...byEmail.flat(), ...byLink.flat()])];
    };
    const search = tx.objectStore('search');
    /** a person with a name only: saved records with the same name and company (utils/domain `nameOnlyKey`) */
    const nameOnly = (c: Contact) => (c.emails.length === 0 && c.links.length === 0 ? nameOnlyKey(c.name, c.company) : undefined);
    const sameNameOnly = async (key: string): Promise<string[]> =>
      (await search.index('byDupKey').getAllKeys(`n:${key}`)).map((k) => contactIdOfSearchKey(k as string));
    /** name-only keys of the contacts written by this import → their ids */
    const namesWritten = new Map<string, string[]>();

    // Chunks whose reads are all sent at once (many outstanding requests cost less than one awaited at a
    // time); decisions are then taken one record at a time, in file order, in memory.
    for (let i = 0; i < batch.contacts.length; i += CHUNK) {
      const chunk = batch.contacts.slice(i, i + CHUNK);
      // One wave of reads: the same id, the identity candidates and the name-only candidates of every record.
      const [sameIds, candidates, namesakes] = await Promise.all([
        Promise.all(chunk.map((c) => contacts.getKey(c.id))),
        Promise.all(chunk.map((c) => candidatesOf(c))),
        Promise.all(chunk.map((c) => {
          const key = nameOnly(c);
          return key ? sameNameOnly(key) : [];
        })),
      ]);
      const needed = [...new Set([...sameIds.filter((x): x is string => !!x), ...candidates.flat(), ...namesakes.flat()])].filter((id) => !written.has(id));
      const loaded = new Map(await Promise.all(needed.map(async (id) => [id, await contacts.get(id)] as const)));
      const current = (id: string): Contact | undefined => {
        const stored = loaded.get(id);
        return written.get(id) ?? (stored ? fromStored(stored) : undefined);
      };
      const toWrite = new Map<string, Contact>();
      const toQueue = new Map<string, boolean>();

      chunk.forEach((incoming, j) => {
        let existing: Contact | undefined;
        if (sameIds[j] || written.has(incoming.id)) existing = current(incoming.id);
        else {
          // Identity is evidence (the rule resolvePerson applies to captures): the same email or profile link
          // under a clearly different name is a possible duplicate for the person to decide, never a merge.
          const inFile = identityKeys(incoming).map((k) => keysWritten.get(k)).filter((x): x is string => !!x);
          const ids = [...new Set([...inFile, ...candidates[j]!])];
          existing = ids.map(current).find((c) => c && !namesDisagree(c.name, incoming.name));
          if (!existing && ids.length) result.possibleDuplicates++;
          const key = nameOnly(incoming);
          if (!existing && key) {
            // A name only: the one record with the same name and company (several: for the person to decide).
            const same = [...new Set([...namesakes[j]!, ...(namesWritten.get(key) ?? [])])].filter((id) => current(id) && nameOnlyKey(current(id)!.name, current(id)!.company) === key);
            if (same.length === 1) existing = current(same[0]!);
            else if (same.length > 1) result.possibleDuplicates++;
          }
        }
        let contact: Contact;
        if (!existing) {
          contact = importedAsNew(incoming);
          result.contacts.added++;
          if (owed('contact', incoming.id)) toQueue.set(contact.id, !sameIds[j] && !written.has(contact.id));
        } else {
          const merged = mergeImportedContact(existing, incoming, { at, undated: undated.has(incoming.id), kindIsDecided: batch.kindIsDecided });
          idMap.set(incoming.id, existing.id);
          if (!merged.changed) {
            result.contacts.unchanged++;
            return;
          }
          contact = merged.contact;
          result.contacts.merged++;
          if (!toQueue.has(contact.id)) toQueue.set(contact.id, false);
        }
        idMap.set(incoming.id, contact.id);
        written.set(contact.id, contact);
        toWrite.set(contact.id, contact);
        for (const k of identityKeys(contact)) if (!keysWritten.has(k)) keysWritten.set(k, contact.id);
        const nk = nameOnlyKey(contact.name, contact.company);
        if (nk && !namesWritten.get(nk)?.includes(contact.id)) namesWritten.set(nk, [...(namesWritten.get(nk) ?? []), contact.id]);
      });

      // A record read in this chunk is passed on (no second read); one new to the store is known absent.
      const storedOf = (id: string) => (loaded.has(id) ? (loaded.get(id) ?? null) : sameIds.includes(id) ? undefined : writtenBefore.has(id) ? undefined : null);
      await Promise.all([...toWrite.values()].map((c) => putContactRecord(contacts, search, c, delta, storedOf(c.id), { now, queueCompany: false })));
      await Promise.all([...toQueue].map(([id, created]) => queue('contact', id, created)));
      for (const id of toWrite.keys()) writtenBefore.add(id);
    }
    await applyCountsDelta(tx.objectStore('meta'), delta);

    const touchpoints = tx.objectStore('touchpoints');
    const notes = tx.objectStore('notes');
    /** a child's contact: the one its contact became here, else one already saved under that id */
    const contactOf = async (id: string) => idMap.get(id) ?? ((await contacts.getKey(id)) as string | undefined);

    const tpSeen = new Set<string>();
    for (let i = 0; i < batch.touchpoints.length; i += CHUNK) {
      const chunk = batch.touchpoints.slice(i, i + CHUNK);
      const [owners, present] = await Promise.all([Promise.all(chunk.map((t) => contactOf(t.contactId))), Promise.all(chunk.map((t) => touchpoints.getKey(t.id)))]);
      const writes: Touchpoint[] = [];
      chunk.forEach((t, j) => {
        const contactId = owners[j];
        if (!contactId) return void result.skipped++;
        // A touchpoint is an event: the same id is the same event, whatever else it says.
        if (present[j] || tpSeen.has(t.id)) return void result.touchpoints.unchanged++;
        tpSeen.add(t.id);
        writes.push({ ...t, contactId });
        result.touchpoints.added++;
      });
      await Promise.all(writes.map((t) => touchpoints.put(t)));
      // only touchpoints new to the store are written: nothing queued can coalesce with them
      await Promise.all(writes.filter((t) => owed('touchpoint', t.id)).map((t) => queue('touchpoint', t.id, true)));
    }

    /** notes written by this import: ids, and texts per contact */
    const noteIds = new Set<string>();
    const noteTexts = new Set<string>();
    const textKey = (contactId: string, body: string) => `${contactId}\u0000${body}`;
    for (let i = 0; i < batch.notes.length; i += CHUNK) {
      const chunk = batch.notes.slice(i, i + CHUNK);
      const owners = await Promise.all(chunk.map((n) => contactOf(n.contactId)));
      const [mineList, bothTaken, savedTexts] = await Promise.all([
        Promise.all(chunk.map((n) => notes.get(n.id))),
        Promise.all(chunk.map((n) => notes.getKey(keptBothNoteId(n, stableHash)))),
        Promise.all(owners.map((id) => (id ? notes.index('byContactUpdatedAt').getAll(IDBKeyRange.bound([id], [id, []])) : []))),
      ]);
      const writes: Note[] = [];
      const queued: string[] = [];
      chunk.forEach((n, j) => {
        const contactId = owners[j];
        if (!contactId) return void result.skipped++;
        const mine = mineList[j];
        const note: Note = { ...n, contactId };
        if (noteIds.has(n.id)) return void result.notes.unchanged++;
        if (mine) {
          const merged = mergeImportedNote(mine, note);
          if (merged !== 'conflict') {
            if (!merged.changed) return void result.notes.unchanged++;
            writes.push(merged.note);
            queued.push(mine.id);
            noteIds.add(n.id);
            return void result.notes.merged++;
          }
          // Two texts under one id: the saved note stays as it is, the imported one is kept beside it.
          const both = { ...note, id: keptBothNoteId(n, stableHash) };
          if (bothTaken[j] || noteIds.has(both.id)) return void result.notes.unchanged++;
          writes.push(both);
          queued.push(both.id);
          noteIds.add(both.id);
          result.notes.keptBoth++;
          return void result.notes.added++;
        }
        // The same text already on this person (the same note brought by two files) is one note.
        if (savedTexts[j]!.some((x) => x.body === n.body) || noteTexts.has(textKey(contactId, n.body))) return void result.notes.unchanged++;
        writes.push(note);
        noteIds.add(n.id);
        noteTexts.add(textKey(contactId, n.body));
        if (owed('note', n.id)) queued.push(n.id);
        result.notes.added++;
      });
      await Promise.all(writes.map((n) => notes.put(n)));
      await Promise.all(queued.map((id) => queue('note', id)));
    }

    // Follow-ups (our JSON v3): one by id is one follow-up; an existing one is kept as it is (the device's own
    // done/snoozed state is newer than a file's); only what the file says was owed is queued.
    const tasks = tx.objectStore('tasks');
    for (const t of batch.tasks ?? []) {
      const contactId = await contactOf(t.contactId);
      if (!contactId) {
        result.skipped++;
        continue;
      }
      if (await tasks.getKey(t.id)) {
        result.tasks.unchanged++;
        continue;
      }
      const task: Task = { ...t, contactId };
      await tasks.add(task);
      result.tasks.added++;
      if (owed('task', t.id)) await queue('task', t.id);
    }
    result.companies.added = (await companies.count()) - companiesBefore;
  } catch (e) {
    return abortWith(tx, e);
  }
  await tx.done;
  return result;
}

