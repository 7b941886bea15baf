import type { Contact, MergePick, OutboxEntry } from '../model';
import { putContact, WRITE_STORES, type StoreOptions, type WriteTx } from './contacts';
import { abortNotFound } from './errors';
import { newId, nowIso, queueId } from './ids';
import { mergeContactRecords } from './merge';
import { enqueueChange, queuePosition } from './outbox';
import type { TouchpointDatabase } from './schema';
import { applyCountsDelta, deleteContactRecord, fromStored, noDelta } from './search-entry';

/**
 * The user's "these two records are one person": the merged record is folded into the surviving one (per-field picks,
 * see mergeContactRecords), its touchpoints and notes move to the survivor, and it is deleted — all in one transaction
 * with its outbox entries. The CRM hears of it as one entry `{ entity: 'contact', op: 'merge', entityId: survivor,
 * mergedId, remoteIds: the merged record's }`. Until that entry is sent, undo takes the merge back without the CRM
 * ever hearing of it; after, undo re-creates the merged record and both are sent again.
 */

const UNDO_PREFIX = 'merge-undo:';
/** Undo records kept (newest first); an undo is for the minutes after a merge, not for ever. */
const MAX_UNDO = 50;

interface MergeUndo {
  id: string;
  at: string;
  survivorBefore: Contact;
  merged: Contact;
  /** survivor.updatedAt right after the merge: undo refuses if the record changed since */
  survivorAfter: string;
  touchpointIds: string[];
  noteIds: string[];
  /** follow-ups moved to the survivor (undo records made before v3 have none) */
  taskIds?: string[];
  outboxEntryId: string;
}

async function pruneUndo(tx: WriteTx): Promise<void> {
  const keys = (await tx.objectStore('meta').getAllKeys(IDBKeyRange.bound(UNDO_PREFIX, `${UNDO_PREFIX}\uffff`))) as string[];
  if (keys.length <= MAX_UNDO) return;
  const all = await Promise.all(keys.map((k) => tx.objectStore('meta').get(k)));
  const sorted = all.filter(Boolean).sort((a, b) => ((a!.value as MergeUndo).at < (b!.value as MergeUndo).at ? -1 : 1));
  for (const r of sorted.slice(0, sorted.length - MAX_UNDO)) await tx.objectStore('meta').delete(r!.key);
}

export async function mergeContacts(
  db: TouchpointDatabase,
  survivorId: string,
  mergedId: string,
  pick: MergePick = {},
  opts: StoreOptions = {},
): Promise<{ contact: Contact; undoId: string }> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  if (survivorId === mergedId) return abortNotFound(tx, 'A record cannot be merged with itself.');
  const [s, m] = await Promise.all([tx.objectStore('contacts').get(survivorId), tx.objectStore('contacts').get(mergedId)]);
  if (!s || !m) return abortNotFound(tx, 'One of these contacts no longer exists.');
  const survivor = fromStored(s);
  const merged = fromStored(m);
  const contact = mergeContactRecords(survivor, merged, pick, at);

  const range = IDBKeyRange.bound([mergedId], [mergedId, []]);
  const outbox = tx.objectStore('outbox');
  const touchpoints = await tx.objectStore('touchpoints').index('byContactAt').getAll(range);
  for (const t of touchpoints) {
    await tx.objectStore('touchpoints').put({ ...t, contactId: survivorId });
    await enqueueChange(outbox, { entity: 'touchpoint', entityId: t.id, op: 'upsert' }, now);
  }
  const notes = await tx.objectStore('notes').index('byContactUpdatedAt').getAll(range);
  for (const n of notes) {
    await tx.objectStore('notes').put({ ...n, contactId: survivorId });
    await enqueueChange(outbox, { entity: 'note', entityId: n.id, op: 'upsert' }, now);
  }
  const tasks = await tx.objectStore('tasks').index('byContact').getAll(mergedId);
  for (const t of tasks) {
    await tx.objectStore('tasks').put({ ...t, contactId: survivorId });
    await enqueueChange(outbox, { entity: 'task', entityId: t.id, op: 'upsert' }, now);
  }

  const delta = noDelta();
  await deleteContactRecord(tx.objectStore('contacts'), tx.objectStore('search'), mergedId, delta);
  await applyCountsDelta(tx.objectStore('meta'), delta);
  // The merged record's own unsent upserts have nothing left to send: the merge entry speaks for it.
  for (const e of await outbox.index('byEntity').getAll(['contact', mergedId])) {
    if (e.op === 'upsert' && e.attempts === 0) await outbox.delete(e.id);
  }
  await putContact(tx, contact, now);
  const remoteIds: Record<string, string> = {};
  for (const [dest, st] of Object.entries(merged.sync)) if (st.remoteId) remoteIds[dest] = st.remoteId;
  const position = queuePosition(now);
  const entry: OutboxEntry = {
    id: queueId(position),
    entity: 'contact',
    entityId: survivorId,
    op: 'merge',
    mergedId,
    createdAt: at,
    attempts: 0,
    nextAttemptAt: position,
    status: 'pending',
    ...(Object.keys(remoteIds).length ? { remoteIds } : {}),
  };
  await outbox.add(entry);

  const undo: MergeUndo = {
    id: newId(),
    at,
    survivorBefore: survivor,
    merged,
    survivorAfter: contact.updatedAt,
    touchpointIds: touchpoints.map((t) => t.id),
    noteIds: notes.map((n) => n.id),
    taskIds: tasks.map((t) => t.id),
    outboxEntryId: entry.id,
  };
  await tx.objectStore('meta').put({ key: UNDO_PREFIX + undo.id, value: undo });
  await pruneUndo(tx);
  await tx.done;
  return { contact, undoId: undo.id };
}

/** Take a merge back: both records as they were, touchpoints and notes back with their own record. */
export async function unmergeContacts(
  db: TouchpointDatabase,
  undoId: string,
  opts: StoreOptions = {},
): Promise<{ contact: Contact; restored: Contact }> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const rec = (await tx.objectStore('meta').get(UNDO_PREFIX + undoId))?.value as MergeUndo | undefined;
  if (!rec) return abortNotFound(tx, 'This merge can no longer be undone.');
  const cur = await tx.objectStore('contacts').get(rec.survivorBefore.id);
  if (!cur) return abortNotFound(tx, 'The merged contact no longer exists.');
  if (cur.updatedAt !== rec.survivorAfter || (await tx.objectStore('contacts').getKey(rec.merged.id))) {
    // Edited since the merge: undoing would throw those edits away. The user can still edit the record by hand.
    return abortNotFound(tx, 'This contact was changed after the merge, so the merge can no longer be undone.');
  }
  const outbox = tx.objectStore('outbox');
  const mergeEntry = await outbox.get(rec.outboxEntryId);
  const unsent = !!mergeEntry && mergeEntry.attempts === 0;
  if (mergeEntry && unsent) await outbox.delete(mergeEntry.id);

  const survivor: Contact = { ...rec.survivorBefore, sync: fromStored(cur).sync, updatedAt: at };
  const restored: Contact = { ...rec.merged, updatedAt: at };
  await putContact(tx, survivor, now);
  await putContact(tx, restored, now);
  for (const id of rec.touchpointIds) {
    const t = await tx.objectStore('touchpoints').get(id);
    if (!t) continue;
    await tx.objectStore('touchpoints').put({ ...t, contactId: restored.id });
    await enqueueChange(outbox, { entity: 'touchpoint', entityId: id, op: 'upsert' }, now);
  }
  for (const id of rec.noteIds) {
    const n = await tx.objectStore('notes').get(id);
    if (!n) continue;
    await tx.objectStore('notes').put({ ...n, contactId: restored.id });
    await enqueueChange(outbox, { entity: 'note', entityId: id, op: 'upsert' }, now);
  }
  for (const id of rec.taskIds ?? []) {
    const t = await tx.objectStore('tasks').get(id);
    if (!t) continue;
    await tx.objectStore('tasks').put({ ...t, contactId: restored.id });
    await enqueueChange(outbox, { entity: 'task', entityId: id, op: 'upsert' }, now);
  }
  await tx.objectStore('meta').delete(UNDO_PREFIX + undoId);
  await tx.done;
  return { contact: survivor, restored };
}
