import type { OutboxEntry } from '../model';
import type { OutboxPort, SyncEvent } from '../sync/types';
import { fromStored } from './contacts';
import { NEVER } from './outbox';
import type { TouchpointDatabase } from './schema';

/** The sync engine's outbox, on IndexedDB. Each method is one short transaction; nothing else is awaited inside. */
export function createOutboxPort(db: TouchpointDatabase): OutboxPort {
  return {
    async claimDue(now, limit, leaseMs) {
      const tx = db.transaction('outbox', 'readwrite');
      const claimed: OutboxEntry[] = [];
      let cursor = await tx.store.index('byNextAttemptAt').openCursor(IDBKeyRange.upperBound(now));
      while (cursor && claimed.length < limit) {
        const e = cursor.value;
        if (e.status === 'pending') {
          const next: OutboxEntry = { ...e, attempts: e.attempts + 1, nextAttemptAt: now + leaseMs };
          await cursor.update(next);
          claimed.push(next);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      return claimed;
    },

    async loadEvents(entries, destination) {
      const tx = db.transaction(['contacts', 'touchpoints', 'notes'], 'readonly');
      const events: SyncEvent[] = [];
      const superseded: string[] = [];
      const contactRemote = async (contactId: string) => {
        const c = await tx.objectStore('contacts').get(contactId);
        return c?.sync[destination]?.remoteId;
      };
      for (const e of entries) {
        const base = { id: e.id, entity: e.entity, op: e.op, at: e.createdAt };
        if (e.op === 'delete') {
          const remoteId = e.remoteIds?.[destination];
          events.push({ ...base, data: { id: e.entityId }, ...(remoteId ? { remote: { id: remoteId } } : {}) });
          continue;
        }
        if (e.entity === 'contact') {
          const c = await tx.objectStore('contacts').get(e.entityId);
          if (!c) superseded.push(e.id);
          else {
            const contact = fromStored(c);
            const remoteId = contact.sync[destination]?.remoteId;
            events.push({ ...base, data: contact, ...(remoteId ? { remote: { id: remoteId } } : {}) });
          }
          continue;
        }
        const item =
          e.entity === 'touchpoint'
            ? await tx.objectStore('touchpoints').get(e.entityId)
            : await tx.objectStore('notes').get(e.entityId);
        if (!item) {
          superseded.push(e.id);
          continue;
        }
        const contactId = await contactRemote(item.contactId);
        events.push({ ...base, data: item, ...(contactId ? { remote: { contactId } } : {}) });
      }
      await tx.done;
      return { events, superseded };
    },

    async ack(destination, acks) {
      const tx = db.transaction(['outbox', 'contacts'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const contacts = tx.objectStore('contacts');
      const at = new Date().toISOString();
      for (const a of acks) {
        const entry = await outbox.get(a.id);
        if (!entry) continue;
        await outbox.delete(a.id);
        if (entry.entity !== 'contact' || entry.op !== 'upsert') continue;
        // Sync bookkeeping is not a change to sync: it does not touch updatedAt or the outbox.
        const c = await contacts.get(entry.entityId);
        if (!c) continue;
        const prev = c.sync[destination] ?? {};
        const remoteId = a.remoteId ?? prev.remoteId;
        await contacts.put({
          ...c,
          sync: { ...c.sync, [destination]: { ...(remoteId ? { remoteId } : {}), lastSyncedAt: at, lastResult: 'ok' } },
        });
      }
      await tx.done;
    },

    async drop(ids) {
      const tx = db.transaction('outbox', 'readwrite');
      for (const id of ids) await tx.store.delete(id);
      await tx.done;
    },

    async reschedule(items) {
      const tx = db.transaction('outbox', 'readwrite');
      for (const it of items) {
        const e = await tx.store.get(it.id);
        if (e) await tx.store.put({ ...e, nextAttemptAt: it.nextAttemptAt, lastError: it.error.slice(0, 1000) });
      }
      await tx.done;
    },

    async markDead(destination, items) {
      const tx = db.transaction(['outbox', 'contacts'], 'readwrite');
      for (const it of items) {
        const e = await tx.objectStore('outbox').get(it.id);
        if (!e) continue;
        const error = it.error.slice(0, 1000);
        await tx.objectStore('outbox').put({ ...e, status: 'dead', nextAttemptAt: NEVER, lastError: error });
        if (e.entity !== 'contact' || e.op !== 'upsert') continue;
        const c = await tx.objectStore('contacts').get(e.entityId);
        if (c) {
          const prev = c.sync[destination] ?? {};
          await tx.objectStore('contacts').put({ ...c, sync: { ...c.sync, [destination]: { ...prev, lastResult: 'error', lastError: error } } });
        }
      }
      await tx.done;
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
