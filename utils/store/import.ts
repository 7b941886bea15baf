import type { ImportCounts, ImportResult, Note, Touchpoint } from '../model';
import { namesDisagree } from '../domain';
import { stableHash } from '../import/hash';
import type { ImportBatch } from '../import/types';
import { findMatchingContactId, fromStored, type StoreOptions } from './contacts';
import { importedAsNew, keptBothNoteId, mergeImportedContact, mergeImportedNote } from './import-merge';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';
import { applyCountsDelta, noDelta, putContactRecord } from './search-entry';

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
    skipped: batch.skipped.length,
    possibleDuplicates: 0,
    queued: 0,
  };
  const undated = new Set(batch.undated);
  const pending = batch.pending && new Set(batch.pending.map((p) => `${p.entity}:${p.entityId}`));
  /** Was this record still owed to the CRM when the file was written? (unknown: yes) */
  const owed = (entity: 'contact' | 'touchpoint' | 'note', id: string) => !pending || pending.has(`${entity}:${id}`);

  const tx = db.transaction(['contacts', 'search', 'meta', 'touchpoints', 'notes', 'outbox'], 'readwrite');
  const contacts = tx.objectStore('contacts');
  const outbox = tx.objectStore('outbox');
  const queue = async (entity: 'contact' | 'touchpoint' | 'note', entityId: string) => {
    await enqueueChange(outbox, { entity, entityId, op: 'upsert' }, now);
    result.queued++;
  };
  try {
    const delta = noDelta();
    /** id in the file → id here (a contact found by email or profile link lives under its own id) */
    const idMap = new Map<string, string>();
    for (const incoming of batch.contacts) {
      const sameId = await contacts.getKey(incoming.id);
      const targetId = sameId ?? (await findMatchingContactId(contacts, incoming));
      let stored = targetId ? await contacts.get(targetId) : undefined;
      // Identity is evidence: the same email or profile link under a clearly different name is a possible
      // duplicate for the person to decide (the duplicates view), never a silent merge.
      if (stored && !sameId && namesDisagree(stored.name, incoming.name)) {
        stored = undefined;
        result.possibleDuplicates++;
      }
      if (!stored) {
        const contact = importedAsNew(incoming);
        await putContactRecord(contacts, tx.objectStore('search'), contact, delta);
        result.contacts.added++;
        if (owed('contact', incoming.id)) await queue('contact', contact.id);
        idMap.set(incoming.id, contact.id);
        continue;
      }
      const existing = fromStored(stored);
      idMap.set(incoming.id, existing.id);
      const { contact, changed } = mergeImportedContact(existing, incoming, {
        at,
        undated: undated.has(incoming.id),
        kindIsDecided: batch.kindIsDecided,
      });
      if (!changed) {
        result.contacts.unchanged++;
        continue;
      }
      await putContactRecord(contacts, tx.objectStore('search'), contact, delta);
      result.contacts.merged++;
      await queue('contact', contact.id);
    }
    await applyCountsDelta(tx.objectStore('meta'), delta);

    const touchpoints = tx.objectStore('touchpoints');
    for (const t of batch.touchpoints) {
      const contactId = idMap.get(t.contactId) ?? ((await contacts.getKey(t.contactId)) as string | undefined);
      if (!contactId) {
        result.skipped++;
        continue;
      }
      // A touchpoint is an event: the same id is the same event, whatever else it says.
      if (await touchpoints.getKey(t.id)) {
        result.touchpoints.unchanged++;
        continue;
      }
      const tp: Touchpoint = { ...t, contactId };
      await touchpoints.put(tp);
      result.touchpoints.added++;
      if (owed('touchpoint', t.id)) await queue('touchpoint', tp.id);
    }

    const notes = tx.objectStore('notes');
    for (const n of batch.notes) {
      const contactId = idMap.get(n.contactId) ?? ((await contacts.getKey(n.contactId)) as string | undefined);
      if (!contactId) {
        result.skipped++;
        continue;
      }
      const mine = await notes.get(n.id);
      let note: Note = { ...n, contactId };
      if (mine) {
        const merged = mergeImportedNote(mine, note);
        if (merged !== 'conflict') {
          if (!merged.changed) {
            result.notes.unchanged++;
            continue;
          }
          await notes.put(merged.note);
          result.notes.merged++;
          await queue('note', mine.id);
          continue;
        }
        // Two texts under one id: the saved note stays as it is, the imported one is kept beside it.
        note = { ...note, id: keptBothNoteId(n, stableHash) };
        if (await notes.getKey(note.id)) {
          result.notes.unchanged++;
          continue;
        }
        await notes.put(note);
        result.notes.added++;
        result.notes.keptBoth++;
        await queue('note', note.id);
        continue;
      }
      // The same text already on this person (the same note brought by two files) is one note.
      const theirs = await notes.index('byContactUpdatedAt').getAll(IDBKeyRange.bound([contactId], [contactId, []]));
      if (theirs.some((x) => x.body === n.body)) {
        result.notes.unchanged++;
        continue;
      }
      await notes.put(note);
      result.notes.added++;
      if (owed('note', n.id)) await queue('note', note.id);
    }
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished */
    }
    await tx.done.catch(() => undefined);
    throw e;
  }
  await tx.done;
  return result;
}

