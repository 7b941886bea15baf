import type { OutboxEntry } from '../model';
import type { OutboxPort, SyncEvent } from '../sync/types';
import { fromStored } from './contacts';
import { NEVER } from './outbox';
import type { TouchpointDatabase } from './schema';

/**
 * The sync engine's outbox, on IndexedDB. Each method is one short transaction; nothing else is awaited inside.
 *
 * Inside a transaction the requests are issued together and awaited together (Promise.all) rather than
 * one after the other: each IndexedDB request is a round trip to the browser process, and a batch of 100
 * entries awaited one by one cost hundreds of them. Same transactions, same writes, same order of
 * effects on any one record, so the exactly-once bookkeeping is unchanged.
 */
export function createOutboxPort(db: TouchpointDatabase): OutboxPort {
  return {
    async claimDue(now, limit, leaseMs) {
      const tx = db.transaction('outbox', 'readwrite');
      const byDue = tx.store.index('byNextAttemptAt');
      const due = IDBKeyRange.upperBound(now);
      // Dead entries wait at NEVER, so what is due is pending; walk the index only if something else got in.
      let candidates = await byDue.getAll(due, limit);
      if (candidates.some((e) => e.status !== 'pending') && candidates.length === limit) {
        candidates = [];
        let cursor = await byDue.openCursor(due);
        while (cursor && candidates.length < limit) {
          if (cursor.value.status === 'pending') candidates.push(cursor.value);
          cursor = await cursor.continue();
        }
      }
      const claimed: OutboxEntry[] = candidates
        .filter((e) => e.status === 'pending')
        .map((e) => ({ ...e, attempts: e.attempts + 1, nextAttemptAt: now + leaseMs }));
      await Promise.all([...claimed.map((e) => tx.store.put(e)), tx.done]);
      return claimed;
    },

    async loadEvents(entries, destination) {
      const tx = db.transaction(['contacts', 'touchpoints', 'notes'], 'readonly');
      const contacts = tx.objectStore('contacts');
      const read = (e: OutboxEntry) =>
        e.op === 'delete'
          ? undefined
          : e.entity === 'contact'
            ? contacts.get(e.entityId)
            : e.entity === 'touchpoint'
              ? tx.objectStore('touchpoints').get(e.entityId)
              : tx.objectStore('notes').get(e.entityId);
      const items = await Promise.all(entries.map(read));
      // Touchpoints and notes carry their contact's remote id: a second wave of reads.
      const owners = await Promise.all(
        entries.map((e, i) => {
          const item = items[i];
          return e.entity !== 'contact' && item && 'contactId' in item ? contacts.get(item.contactId) : undefined;
        }),
      );
      await tx.done;

      const events: SyncEvent[] = [];
      const superseded: string[] = [];
      entries.forEach((e, i) => {
        const base = { id: e.id, entity: e.entity, op: e.op, at: e.createdAt };
        if (e.op === 'delete') {
          const remoteId = e.remoteIds?.[destination];
          events.push({ ...base, data: { id: e.entityId }, ...(remoteId ? { remote: { id: remoteId } } : {}) });
          return;
        }
        const item = items[i];
        if (!item) {
          superseded.push(e.id);
          return;
        }
        if (e.entity === 'contact') {
          const contact = fromStored(item as NonNullable<Awaited<ReturnType<typeof contacts.get>>>);
          const remoteId = contact.sync[destination]?.remoteId;
          // A merge names the record folded into this one (gone here) and its id at this destination.
          const mergedRemoteId = e.op === 'merge' ? e.remoteIds?.[destination] : undefined;
          const data = e.op === 'merge' ? { ...contact, mergedId: e.mergedId, ...(mergedRemoteId ? { mergedRemoteId } : {}) } : contact;
          events.push({ ...base, data, ...(remoteId ? { remote: { id: remoteId } } : {}) });
          return;
        }
        const contactId = owners[i]?.sync[destination]?.remoteId;
        events.push({ ...base, data: item as SyncEvent['data'], ...(contactId ? { remote: { contactId } } : {}) });
      });
      return { events, superseded };
    },

    async ack(destination, acks) {
      const tx = db.transaction(['outbox', 'contacts'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const contacts = tx.objectStore('contacts');
      const at = new Date().toISOString();
      const entries = await Promise.all(acks.map((a) => outbox.get(a.id)));
      // One contact may have several acknowledged upserts in a batch: fold them in order, write it once.
      const remoteOf = new Map<string, string | undefined>();
      acks.forEach((a, i) => {
        const entry = entries[i];
        if (!entry || entry.entity !== 'contact' || entry.op !== 'upsert') return;
        remoteOf.set(entry.entityId, a.remoteId ?? remoteOf.get(entry.entityId));
      });
      const ids = [...remoteOf.keys()];
      const [, stored] = await Promise.all([
        Promise.all(acks.filter((_, i) => entries[i]).map((a) => outbox.delete(a.id))),
        Promise.all(ids.map((id) => contacts.get(id))),
      ]);
      // Sync bookkeeping is not a change to sync: it does not touch updatedAt or the outbox.
      const writes = stored.flatMap((c) => {
        if (!c) return [];
        const prev = c.sync[destination] ?? {};
        const remoteId = remoteOf.get(c.id) ?? prev.remoteId;
        return [
          contacts.put({
            ...c,
            sync: { ...c.sync, [destination]: { ...(remoteId ? { remoteId } : {}), lastSyncedAt: at, lastResult: 'ok' } },
          }),
        ];
      });
      await Promise.all([...writes, tx.done]);
    },

    async drop(ids) {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    },

    async reschedule(items) {
      const tx = db.transaction('outbox', 'readwrite');
      const entries = await Promise.all(items.map((it) => tx.store.get(it.id)));
      const writes = items.flatMap((it, i) => {
        const e = entries[i];
        return e ? [tx.store.put({ ...e, nextAttemptAt: it.nextAttemptAt, lastError: it.error.slice(0, 1000) })] : [];
      });
      await Promise.all([...writes, tx.done]);
    },

    async markDead(destination, items) {
      const tx = db.transaction(['outbox', 'contacts'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const contacts = tx.objectStore('contacts');
      const entries = await Promise.all(items.map((it) => outbox.get(it.id)));
      // The contact shows the last error given for it in this batch.
      const errorOf = new Map<string, string>();
      const writes: Promise<unknown>[] = [];
      items.forEach((it, i) => {
        const e = entries[i];
        if (!e) return;
        const error = it.error.slice(0, 1000);
        writes.push(outbox.put({ ...e, status: 'dead', nextAttemptAt: NEVER, lastError: error }));
        if (e.entity === 'contact' && e.op === 'upsert') errorOf.set(e.entityId, error);
      });
      const stored = await Promise.all([...errorOf.keys()].map((id) => contacts.get(id)));
      for (const c of stored) {
        if (!c) continue;
        const prev = c.sync[destination] ?? {};
        writes.push(contacts.put({ ...c, sync: { ...c.sync, [destination]: { ...prev, lastResult: 'error', lastError: errorOf.get(c.id)! } } }));
      }
      await Promise.all([...writes, tx.done]);
    },

    async nextDueAt() {
      const tx = db.transaction('outbox', 'readonly');
      let cursor = await tx.store.index('byNextAttemptAt').openCursor();
      while (cursor && cursor.value.status !== 'pending') cursor = await cursor.continue();
      const at = cursor?.value.nextAttemptAt;
      await tx.done;
      return at;
    },
  };
}

export interface OutboxCounts {
  pending: number;
  dead: number;
  lastError?: string;
}

export async function outboxCounts(db: TouchpointDatabase): Promise<OutboxCounts> {
  const tx = db.transaction('outbox', 'readonly');
  const byStatus = tx.store.index('byStatus');
  const pending = await byStatus.count('pending');
  const dead = await byStatus.count('dead');
  // The most telling error: a dead entry's, else a pending one that failed.
  let lastError: string | undefined = (await byStatus.get('dead'))?.lastError;
  if (!lastError && pending) {
    let cursor = await byStatus.openCursor('pending');
    let looked = 0;
    while (cursor && !lastError && looked++ < 50) {
      lastError = cursor.value.lastError;
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  return lastError ? { pending, dead, lastError } : { pending, dead };
}

/** Give dead entries another chance (after the user fixed the endpoint or its secret). */
export async function reviveDead(db: TouchpointDatabase, now: number = Date.now()): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let n = 0;
  let cursor = await tx.store.index('byStatus').openCursor('dead');
  while (cursor) {
    // attempts is kept: the entry was sent before, so it must never be reused for coalescing.
    await cursor.update({ ...cursor.value, status: 'pending', nextAttemptAt: now });
    n++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return n;
}
