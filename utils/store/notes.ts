import type { CallInfo, Note, Touchpoint } from '../model';
import type { StoreOptions } from './contacts';
import { abortNotFound } from './errors';
import { newId, nowIso } from './ids';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';

export interface NoteInput {
  id?: string;
  contactId: string;
  body: string;
  call?: CallInfo;
}

import { callTouchpointId, callWorthRecording } from '../domain/touchpoint';

export { callTouchpointId };

function sameCall(a?: CallInfo, b?: CallInfo): boolean {
  return a?.startedAt === b?.startedAt && a?.endedAt === b?.endedAt && a?.outcome === b?.outcome;
}

/**
 * Create or update a note. Called as the user types, so it is idempotent (the caller may choose the id)
 * and cheap: an unchanged body writes nothing, and the outbox keeps one unsent entry per note.
 * A note with call info puts a 'call' touchpoint on the timeline, updated when the call ends.
 */
export async function saveNote(db: TouchpointDatabase, input: NoteInput, opts: StoreOptions = {}): Promise<Note> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(['contacts', 'notes', 'touchpoints', 'outbox'], 'readwrite');
  const existing = input.id ? await tx.objectStore('notes').get(input.id) : undefined;
  const contactId = existing?.contactId ?? input.contactId;
  if (!(await tx.objectStore('contacts').getKey(contactId))) {
    return abortNotFound(tx, 'The contact of this note no longer exists.');
  }
  if (existing && existing.body === input.body && sameCall(existing.call, input.call)) {
    await tx.done;
    return existing;
  }
  const note: Note = {
    id: existing?.id ?? input.id ?? newId(),
    contactId,
    body: input.body,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    ...(input.call ? { call: input.call } : existing?.call ? { call: existing.call } : {}),
    // remote ids per destination survive edits (note.updated, not another note.created)
    ...(existing?.sync ? { sync: existing.sync } : {}),
  };
  await tx.objectStore('notes').put(note);
  const outbox = tx.objectStore('outbox');
  await enqueueChange(outbox, { entity: 'note', entityId: note.id, op: 'upsert' }, now);
  if (note.call && !sameCall(existing?.call, note.call)) {
    const prevCall = await tx.objectStore('touchpoints').get(callTouchpointId(note.id));
    const t: Touchpoint = {
      ...(prevCall?.sync ? { sync: prevCall.sync } : {}),
      id: callTouchpointId(note.id),
      contactId,
      type: 'call',
      at: note.call.startedAt,
      summary: note.call.outcome ? `Call: ${note.call.outcome}` : 'Call',
    };
    await tx.objectStore('touchpoints').put(t);
    await enqueueChange(outbox, { entity: 'touchpoint', entityId: t.id, op: 'upsert' }, now);
  }
  await tx.done;
  return note;
}

export async function deleteNote(db: TouchpointDatabase, id: string, opts: StoreOptions = {}): Promise<boolean> {
  const now = (opts.now ?? Date.now)();
  const tx = db.transaction(['notes', 'outbox'], 'readwrite');
  const note = await tx.objectStore('notes').get(id);
  if (!note) {
    await tx.done;
    return false;
  }
  await tx.objectStore('notes').delete(id);
  // The note is gone: its remote ids travel on the delete, per destination.
  const remoteIds: Record<string, string> = {};
  for (const [dest, st] of Object.entries(note.sync ?? {})) if (st.remoteId) remoteIds[dest] = st.remoteId;
  await enqueueChange(tx.objectStore('outbox'), { entity: 'note', entityId: id, op: 'delete', remoteIds }, now);
  await tx.done;
  return true;
}

/**
 * End a call that turned out empty (its notes typed, then cleared, and no outcome): its note and its call entry go, as
 * if it had never been started. A call with words or an outcome is never discarded (returns false, nothing changes).
 */
export async function discardEmptyCall(db: TouchpointDatabase, id: string, opts: StoreOptions = {}): Promise<boolean> {
  const now = (opts.now ?? Date.now)();
  const tx = db.transaction(['notes', 'touchpoints', 'outbox'], 'readwrite');
  const note = await tx.objectStore('notes').get(id);
  if (!note?.call || callWorthRecording({ body: note.body, outcome: note.call.outcome })) {
    await tx.done;
    return false;
  }
  const outbox = tx.objectStore('outbox');
  const remoteIdsOf = (sync?: Record<string, { remoteId?: string }>) => {
    const ids: Record<string, string> = {};
    for (const [dest, st] of Object.entries(sync ?? {})) if (st.remoteId) ids[dest] = st.remoteId;
    return ids;
  };
  await tx.objectStore('notes').delete(id);
  await enqueueChange(outbox, { entity: 'note', entityId: id, op: 'delete', remoteIds: remoteIdsOf(note.sync) }, now);
  const tpId = callTouchpointId(id);
  const tp = await tx.objectStore('touchpoints').get(tpId);
  if (tp) {
    await tx.objectStore('touchpoints').delete(tpId);
    await enqueueChange(outbox, { entity: 'touchpoint', entityId: tpId, op: 'delete', remoteIds: remoteIdsOf(tp.sync) }, now);
  }
  await tx.done;
  return true;
}

export interface TouchpointInput extends Omit<Touchpoint, 'id' | 'at'> {
  at?: string;
}

export async function addTouchpoint(
  db: TouchpointDatabase,
  input: TouchpointInput,
  opts: StoreOptions = {},
): Promise<Touchpoint> {
  const now = (opts.now ?? Date.now)();
  const tx = db.transaction(['contacts', 'touchpoints', 'outbox'], 'readwrite');
  if (!(await tx.objectStore('contacts').getKey(input.contactId))) {
    return abortNotFound(tx, 'This contact no longer exists.');
  }
  const t: Touchpoint = { ...input, id: newId(), at: input.at ?? nowIso(() => now) };
  await tx.objectStore('touchpoints').put(t);
  await enqueueChange(tx.objectStore('outbox'), { entity: 'touchpoint', entityId: t.id, op: 'upsert' }, now);
  await tx.done;
  return t;
}
