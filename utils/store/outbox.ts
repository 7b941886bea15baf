import type { IDBPObjectStore, StoreNames } from 'idb';
import type { OutboxEntry } from '../model';
import { newId } from './ids';
import type { TouchpointDB } from './schema';

/** Far future: dead entries never come due (IndexedDB keys must be finite-comparable; this is JSON-safe). */
export const NEVER = Number.MAX_SAFE_INTEGER;

type OutboxStore = IDBPObjectStore<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'outbox', 'readwrite'>;

export interface Change {
  entity: OutboxEntry['entity'];
  entityId: string;
  op: OutboxEntry['op'];
}

/**
 * Record a change that must reach the CRM. Call it with the outbox store of the SAME transaction that
 * writes the change, so both commit or neither does.
 *
 * Coalescing: the sync engine sends an entity's current state, so one never-attempted upsert entry is
 * enough however often the entity changes (notes are saved as the user types). An entry that was handed
 * to a connector (attempts > 0) is never reused: the CRM may already hold its idempotency key.
 */
export async function enqueueChange(outbox: OutboxStore, change: Change, now: number): Promise<OutboxEntry> {
  const existing = await outbox.index('byEntity').getAll([change.entity, change.entityId]);
  if (change.op === 'upsert') {
    const unsent = existing.find((e) => e.op === 'upsert' && e.status === 'pending' && e.attempts === 0);
    if (unsent) return unsent;
  } else {
    // A delete supersedes upserts that were never sent.
    for (const e of existing) if (e.op === 'upsert' && e.attempts === 0) await outbox.delete(e.id);
    const unsent = existing.find((e) => e.op === 'delete' && e.status === 'pending' && e.attempts === 0);
    if (unsent) return unsent;
  }
  const entry: OutboxEntry = {
    id: newId(),
    entity: change.entity,
    entityId: change.entityId,
    op: change.op,
    createdAt: new Date(now).toISOString(),
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
  };
  await outbox.add(entry);
  return entry;
}
