import type { IDBPObjectStore, StoreNames } from 'idb';
import type { OutboxEntry } from '../model';
import { queueId } from './ids';
import type { TouchpointDB, TouchpointDatabase } from './schema';

/** Far future: dead entries wait here, out of the queue (IndexedDB keys must be finite-comparable; this is JSON-safe). */
export const NEVER = Number.MAX_SAFE_INTEGER;

type OutboxStore = IDBPObjectStore<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'outbox', 'readwrite'>;

export interface Change {
  entity: OutboxEntry['entity'];
  entityId: string;
  op: OutboxEntry['op'];
  /** deletes: the entity's remote ids per destination identity (it is gone, so they are kept here) */
  remoteIds?: Record<string, string>;
}

/**
 * Queue positions: epoch ms, strictly increasing within a worker's life in steps of 1/1024 ms (exact in a
 * double at today's epoch), so changes written in one transaction keep their order: a contact's entry
 * before its touchpoint's. A restarted worker starts again from its clock, which has moved on.
 */
let lastPosition = 0;
export function queuePosition(now: number): number {
  lastPosition = Math.max(now, lastPosition + 1 / 1024);
  return lastPosition;
}

/**
 * Record a change that must reach the CRM. Call it with the outbox store of the SAME transaction that
 * writes the change, so both commit or neither does.
 *
 * Coalescing: the sync engine sends an entity's current state, so one never-attempted upsert entry is
 * enough however often the entity changes (notes are saved as the user types). An entry that was handed
 * to a connector (attempts > 0) is never reused: the CRM may already hold its idempotency key.
 */
export async function enqueueChange(
  outbox: OutboxStore,
  change: Change,
  now: number,
  /**
   * the entity did not exist before this transaction: an upsert then has nothing to coalesce with (a deleted entity's
   * unsent upserts went with its delete), so the queue is not read
   */
  opts: { created?: boolean } = {},
): Promise<OutboxEntry> {
  const existing = opts.created && change.op === 'upsert' ? [] : await outbox.index('byEntity').getAll([change.entity, change.entityId]);
  if (change.op === 'upsert') {
    const unsent = existing.find((e) => e.op === 'upsert' && e.status === 'pending' && e.attempts === 0);
    if (unsent) return unsent;
  } else if (change.op === 'delete') {
    // A delete supersedes upserts that were never sent.
    for (const e of existing) if (e.op === 'upsert' && e.attempts === 0) await outbox.delete(e.id);
    const unsent = existing.find((e) => e.op === 'delete' && e.status === 'pending' && e.attempts === 0);
    if (unsent) return unsent;
  }
  const position = queuePosition(now);
  const entry: OutboxEntry = {
    id: queueId(position),
    entity: change.entity,
    entityId: change.entityId,
    op: change.op,
    createdAt: new Date(now).toISOString(),
    attempts: 0,
    nextAttemptAt: position,
    status: 'pending',
    ...(change.remoteIds && Object.keys(change.remoteIds).length ? { remoteIds: change.remoteIds } : {}),
  };
  await outbox.add(entry);
  return entry;
}

/**
 * Full initial sync for a new destination: every contact, then its touchpoints and notes, queued as
 * upserts at the *front* of the queue, so the new destination meets each contact before anything queued
 * about it since. A never-sent pending upsert of the same entity is folded into it (it would only repeat
 * the current state under another event id); one already attempted stays where it is. Returns how many
 * entries were queued.
 */
export async function queueFullSync(db: TouchpointDatabase, now: number = Date.now()): Promise<number> {
  const tx = db.transaction(['contacts', 'touchpoints', 'notes', 'outbox', 'tasks', 'companies'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const [pending, head, contactIds, touchpoints, notes, tasks, companyIds] = await Promise.all([
    outbox.index('byStatus').getAll('pending'),
    outbox.index('byNextAttemptAt').get(IDBKeyRange.upperBound(NEVER, true)),
    tx.objectStore('contacts').index('byUpdatedAt').getAllKeys(),
    tx.objectStore('touchpoints').index('byContactAt').getAll(),
    tx.objectStore('notes').index('byContactUpdatedAt').getAll(),
    tx.objectStore('tasks').getAll(),
    tx.objectStore('companies').getAllKeys(),
  ]);
  const attempted = new Set<string>();
  const writes: Promise<unknown>[] = [];
  for (const e of pending) {
    if (e.op !== 'upsert') continue;
    if (e.attempts > 0) attempted.add(`${e.entity}:${e.entityId}`);
    else writes.push(outbox.delete(e.id));
  }
  const children = new Map<string, { entity: 'touchpoint' | 'note' | 'task'; id: string }[]>();
  for (const t of touchpoints) children.set(t.contactId, [...(children.get(t.contactId) ?? []), { entity: 'touchpoint', id: t.id }]);
  for (const n of notes) children.set(n.contactId, [...(children.get(n.contactId) ?? []), { entity: 'note', id: n.id }]);
  for (const t of tasks) children.set(t.contactId, [...(children.get(t.contactId) ?? []), { entity: 'task', id: t.id }]);
  // Companies first: a destination meets a company before its people.
  const order: { entity: OutboxEntry['entity']; id: string }[] = companyIds.map((id) => ({ entity: 'company', id }));
  for (const id of contactIds) {
    order.push({ entity: 'contact', id });
    for (const c of children.get(id) ?? []) order.push({ entity: c.entity, id: c.id });
  }
  const queued = order.filter((o) => !attempted.has(`${o.entity}:${o.id}`));
  // Positions just before the current head (or now), 1/1024 ms apart, in this order.
  const start = Math.min(head?.nextAttemptAt ?? now, now) - (queued.length + 1) / 1024;
  queued.forEach((o, i) => {
    const position = start + i / 1024;
    const entry: OutboxEntry = {
      id: queueId(position),
      entity: o.entity,
      entityId: o.id,
      op: 'upsert',
      createdAt: new Date(now).toISOString(),
      attempts: 0,
      nextAttemptAt: position,
      status: 'pending',
    };
    writes.push(outbox.add(entry));
  });
  await Promise.all([...writes, tx.done]);
  return queued.length;
}

/** "Redeliver": queue these entities again as new events with their current state (a delete again as a delete). */
export async function requeue(
  db: TouchpointDatabase,
  refs: { entity: OutboxEntry['entity']; entityId: string; op: OutboxEntry['op'] }[],
  now: number = Date.now(),
): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let n = 0;
  for (const r of refs) {
    if (r.op === 'merge') continue; // a merge is not repeatable: the merged contacts are gone
    await enqueueChange(tx.store, { entity: r.entity, entityId: r.entityId, op: r.op }, now);
    n++;
  }
  await tx.done;
  return n;
}
