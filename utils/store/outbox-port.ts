import type { IDBPTransaction, StoreNames } from 'idb';
import type { Company, Contact, Note, OutboxEntry, SyncState, Task, Touchpoint } from '../model';
import type { DeliveryRecord, EndpointState, OutboxPort, SyncEvent } from '../sync/types';
import { fromStored } from './contacts';
import { newId } from './ids';
import { NEVER, queuePosition } from './outbox';
import { contactOfEntry } from './outbox-people';
import type { StoredContact, TouchpointDB, TouchpointDatabase } from './schema';

/**
 * The sync engine's outbox, on IndexedDB. Each method is one short transaction; nothing else is awaited inside.
 *
 * Inside a transaction the requests are issued together and awaited together (Promise.all) rather than
 * one after the other: each IndexedDB request is a round trip to the browser process, and a batch of 100
 * entries awaited one by one cost hundreds of them. Same transactions, same writes, same order of
 * effects on any one record, so the exactly-once bookkeeping is unchanged.
 *
 * The queue is the `byNextAttemptAt` index: pending entries by their queue position, dead ones at NEVER.
 */

const ENDPOINT_KEY = (destination: string) => `endpoint:${destination}`;
export const DELIVERY_LOG_KEY = 'deliveries';
export const DELIVERY_LOG_SIZE = 50;

const QUEUE = () => IDBKeyRange.upperBound(NEVER, true);

/**
 * Acks commit without waiting for the disk to flush: a "relaxed" write survives a crash of the browser or
 * the worker (it reached the operating system), only not a power cut, and a lost ack merely re-sends
 * events the destination already has, under the same ids. Claims stay strict: a lost claim could let a
 * later change coalesce into an entry that was already sent. Acks written together with the next claim (`claimNext`,
 * the usual case) take the claim's durability.
 */
const RELAXED = { durability: 'relaxed' } as const;

/** A window read from the head when `after` is in flight there: the entries behind that batch, at most `limit`. */
function skipBatch(window: OutboxEntry[], after: string, limit: number): OutboxEntry[] {
  const skipped = window.findIndex((e) => e.batch !== after);
  return skipped < 0 ? [] : window.slice(skipped, skipped + limit);
}

function without<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
}

/** What an event for `destination` looks like for this entry, or undefined when the change has no event (superseded). */
function eventOf(
  e: OutboxEntry,
  item: StoredContact | Touchpoint | Note | Task | Company | undefined,
  owner: StoredContact | undefined,
  destination: string,
): SyncEvent | undefined {
  const base = { id: e.id, at: e.createdAt };
  const remoteOf = (sync: Record<string, SyncState> | undefined) => sync?.[destination]?.remoteId;
  if (e.op === 'delete') {
    const remote = e.remoteIds?.[destination];
    const r = remote ? { remote: { id: remote } } : {};
    if (e.entity === 'contact') return { ...base, type: 'contact.deleted', data: { id: e.entityId }, ...r };
    if (e.entity === 'note') return { ...base, type: 'note.deleted', data: { id: e.entityId }, ...r };
    return undefined; // a touchpoint goes with its contact's contact.deleted
  }
  if (!item) return undefined;
  if (e.op === 'merge') {
    // The record folded into this one is gone here; its id at this destination travels on the entry.
    const c = item as StoredContact;
    const mergedIds = e.mergedId ? [e.mergedId] : [];
    const mergedRemote = e.remoteIds?.[destination];
    const id = remoteOf(c.sync);
    const remote = id || mergedRemote ? { remote: { ...(id ? { id } : {}), ...(mergedRemote ? { mergedIds: [mergedRemote] } : {}) } } : {};
    return { ...base, type: 'contact.merged', data: { id: e.entityId, mergedIds }, ...remote };
  }
  if (e.entity === 'company') {
    const company = item as Company;
    const id = remoteOf(company.sync);
    return { ...base, type: 'company.upserted', data: company, ...(id ? { remote: { id } } : {}) };
  }
  if (e.entity === 'contact') {
    const contact: Contact = fromStored(item as StoredContact);
    const id = remoteOf(contact.sync);
    return { ...base, type: 'contact.upserted', data: contact, ...(id ? { remote: { id } } : {}) };
  }
  if (e.entity === 'task') {
    const task = item as Task;
    const id = remoteOf(task.sync);
    const contactId = remoteOf(owner?.sync);
    const remote = id || contactId ? { remote: { ...(id ? { id } : {}), ...(contactId ? { contactId } : {}) } } : {};
    // created until this destination acknowledged the task once (as notes)
    const known = task.sync?.[destination]?.lastSyncedAt !== undefined;
    return { ...base, type: known ? 'task.updated' : 'task.created', data: task, ...remote };
  }
  const child = item as Touchpoint | Note;
  const id = remoteOf(child.sync);
  const contactId = remoteOf(owner?.sync);
  const remote = id || contactId ? { remote: { ...(id ? { id } : {}), ...(contactId ? { contactId } : {}) } } : {};
  if (e.entity === 'touchpoint') return { ...base, type: 'touchpoint.created', data: child as Touchpoint, ...remote };
  // created until this destination acknowledged the note once
  const known = child.sync?.[destination]?.lastSyncedAt !== undefined;
  return { ...base, type: known ? 'note.updated' : 'note.created', data: child as Note, ...remote };
}

export function createOutboxPort(db: TouchpointDatabase): OutboxPort {
  /**
   * The sync state of each entity as loadEvents read it, by outbox entry id, so `ack` writes an entity only
   * when its bookkeeping really changes (a new remote id, an error cleared, a note this destination has not
   * seen): an acknowledged batch of 100 known contacts is then 100 deletes, not 100 contact rewrites with
   * their four indexes. Kept per entry until it is settled: the engine loads the next batch while this one is on the
   * wire, so two batches are loaded at once (a map replaced per load lost the first batch's states, and every ack
   * rewrote all its entities).
   */
  const loaded = new Map<string, SyncState | null>();
  /**
   * The entries this port claimed and has not settled yet, by id, as claimed. While an entry is leased to this drain
   * its entity, entity id and op cannot change (a claimed entry has attempts > 0, so nothing coalesces into it), so
   * `ack` takes them from here instead of reading each one again: a batch of 100 is 100 deletes, not 100 reads and
   * 100 deletes.
   */
  const held = new Map<string, OutboxEntry>();
  const settled = (ids: Iterable<string>) => {
    for (const id of ids) {
      held.delete(id);
      loaded.delete(id);
    }
  };
  /** Entity stores by outbox entity name. */
  const STORES = { contact: 'contacts', note: 'notes', touchpoint: 'touchpoints', task: 'tasks', company: 'companies' } as const;
  const ENTITY_STORES = ['contacts', 'touchpoints', 'notes', 'tasks', 'companies'] as const;
  type Tx = IDBPTransaction<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'readwrite' | 'readonly'>;
  type WriteTx = IDBPTransaction<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, 'readwrite'>;

  /**
   * Acknowledge `acks` inside `tx`: delete their entries and record remote ids on their entities. The requests are
   * issued in order but not all awaited: the returned promises settle with the transaction. Every write is *issued*
   * before this returns, so a later read in the same transaction sees it.
   */
  async function ackIn(tx: WriteTx, destination: string, acks: { id: string; remoteId?: string }[], now: number): Promise<Promise<unknown>[]> {
    const outbox = tx.objectStore('outbox');
    const at = new Date(now).toISOString();
    const entries = await Promise.all(acks.map((a) => held.get(a.id) ?? outbox.get(a.id)));
    // One entity may have several acknowledged events in a batch: fold them in order, write it once.
    const remoteOf = new Map<string, string | undefined>();
    acks.forEach((a, i) => {
      const e = entries[i];
      if (!e || e.op === 'delete') return;
      const before = loaded.get(a.id);
      // Unchanged bookkeeping is not written (see `loaded`); an entity loadEvents did not read is written.
      const unchanged =
        before !== undefined &&
        (a.remoteId === undefined || a.remoteId === before?.remoteId) &&
        (before ? before.lastResult !== 'error' : e.entity === 'contact' || e.entity === 'touchpoint') &&
        (before !== null || a.remoteId === undefined);
      if (unchanged && !remoteOf.has(`${e.entity}:${e.entityId}`)) return;
      const key = `${e.entity}:${e.entityId}`;
      remoteOf.set(key, a.remoteId ?? remoteOf.get(key));
    });
    settled(acks.map((a) => a.id));
    const pending: Promise<unknown>[] = [];
    // Outbox ids sort in queue order (ids.ts `queueId`), so a batch is usually one range of keys holding nothing else:
    // one range delete instead of one request per entry. Checked first; otherwise entry by entry.
    const gone = acks.filter((_, i) => entries[i]).map((a) => a.id);
    const range = gone.length > 1 ? IDBKeyRange.bound(gone.reduce((a, b) => (a < b ? a : b)), gone.reduce((a, b) => (a > b ? a : b))) : undefined;
    const inRange = range ? await outbox.getAllKeys(range, gone.length + 1) : [];
    const mine = new Set(gone);
    if (range && inRange.length === gone.length && inRange.every((k) => mine.has(k))) pending.push(outbox.delete(range));
    else for (const id of gone) pending.push(outbox.delete(id));
    const keys = [...remoteOf.keys()];
    if (!keys.length) return pending;
    const storeOf = (key: string) => STORES[key.slice(0, key.indexOf(':')) as keyof typeof STORES];
    const idOf = (key: string) => key.slice(key.indexOf(':') + 1);
    const stored = await Promise.all(keys.map((k) => tx.objectStore(storeOf(k)).get(idOf(k))));
    // Sync bookkeeping is not a change to sync: it does not touch updatedAt or the outbox.
    stored.forEach((item, i) => {
      if (!item) return;
      const key = keys[i]!;
      const sync = (item as { sync?: Record<string, SyncState> }).sync ?? {};
      const remoteId = remoteOf.get(key) ?? sync[destination]?.remoteId;
      const next = { ...item, sync: { ...sync, [destination]: { ...(remoteId ? { remoteId } : {}), lastSyncedAt: at, lastResult: 'ok' as const } } };
      const store = storeOf(key);
      pending.push(
        store === 'contacts'
          ? tx.objectStore('contacts').put(next as StoredContact)
          : store === 'notes'
            ? tx.objectStore('notes').put(next as Note)
            : store === 'tasks'
              ? tx.objectStore('tasks').put(next as Task)
              : store === 'companies'
                ? tx.objectStore('companies').put(next as Company)
                : tx.objectStore('touchpoints').put(next as Touchpoint),
      );
    });
    return pending;
  }

  /** Claim the head of the queue inside `tx` (see OutboxPort.claimBatch); the puts are issued, not awaited. */
  async function claimIn(tx: WriteTx, now: number, limit: number, leaseMs: number, after: string | undefined, pending: Promise<unknown>[]) {
    // The head of the queue. A batch has at most `limit` members, and they sit together. Behind a batch this port
    // holds, the queue is read from just after its last member (half the reading of skipping over it), unless
    // something was queued in front of it meanwhile (a full sync queues at the front): then as before. Both reads go
    // out together (one round trip); the second is used only when nothing sits in front.
    const queue = tx.objectStore('outbox').index('byNextAttemptAt');
    const inFlight = after ? [...held.values()].filter((e) => e.batch === after) : [];
    let window: OutboxEntry[];
    if (inFlight.length) {
      const first = Math.min(...inFlight.map((e) => e.nextAttemptAt));
      const last = Math.max(...inFlight.map((e) => e.nextAttemptAt));
      const [inFront, behind] = await Promise.all([queue.getKey(IDBKeyRange.upperBound(first, true)), queue.getAll(IDBKeyRange.bound(last, NEVER, true, true), limit)]);
      window = inFront === undefined ? behind : await queue.getAll(QUEUE(), 2 * limit);
      if (inFront !== undefined) window = skipBatch(window, after!, limit);
    } else {
      window = await queue.getAll(QUEUE(), after ? 2 * limit : limit);
      if (after) window = skipBatch(window, after, limit);
    }
    const head = window[0];
    if (!head || (head.leaseUntil ?? 0) > now) return undefined;
    const members: OutboxEntry[] = [];
    const batchId = head.batch ?? newId();
    for (const e of window) {
      if (e.status !== 'pending') break;
      // the same batch as before, or a run of fresh entries (never another batch, never a leased one)
      if (head.batch ? e.batch !== head.batch : e.batch !== undefined || (e.leaseUntil ?? 0) > now) break;
      members.push(e);
    }
    const claimed = members.map((e) => ({ ...e, attempts: e.attempts + 1, leaseUntil: now + leaseMs, batch: batchId }));
    const outbox = tx.objectStore('outbox');
    for (const e of claimed) pending.push(outbox.put(e));
    for (const e of claimed) held.set(e.id, e);
    return { batchId, entries: claimed };
  }

  /** The events of claimed entries, read inside `tx` (see OutboxPort.loadEvents). */
  async function loadIn(tx: Tx, entries: OutboxEntry[], destination: string) {
    const contacts = tx.objectStore('contacts');
    const read = (e: OutboxEntry) =>
      e.op === 'delete'
        ? undefined
        : e.entity === 'contact'
          ? contacts.get(e.entityId)
          : e.entity === 'touchpoint'
            ? tx.objectStore('touchpoints').get(e.entityId)
            : e.entity === 'task'
              ? tx.objectStore('tasks').get(e.entityId)
              : e.entity === 'company'
                ? tx.objectStore('companies').get(e.entityId)
                : tx.objectStore('notes').get(e.entityId);
    const items = await Promise.all(entries.map(read));
    // Touchpoints and notes carry their contact's remote id: a second wave of reads, only when there are any.
    const owners = entries.some((e, i) => e.entity !== 'contact' && items[i] && 'contactId' in items[i]!)
      ? await Promise.all(
          entries.map((e, i) => {
            const item = items[i];
            return e.entity !== 'contact' && item && 'contactId' in item ? contacts.get(item.contactId) : undefined;
          }),
        )
      : [];
    const events: SyncEvent[] = [];
    const superseded: string[] = [];
    entries.forEach((e, i) => {
      const ev = eventOf(e, items[i], owners[i], destination);
      if (ev) events.push(ev);
      else superseded.push(e.id);
      const item = items[i] as { sync?: Record<string, SyncState> } | undefined;
      if (item) loaded.set(e.id, item.sync?.[destination] ?? null);
    });
    return { events, superseded };
  }

  return {
    async claimBatch(now, limit, leaseMs, after) {
      const tx = db.transaction('outbox', 'readwrite');
      const pending: Promise<unknown>[] = [];
      const claim = await claimIn(tx, now, limit, leaseMs, after, pending);
      await Promise.all([...pending, tx.done]);
      return claim;
    },

    async loadEvents(entries, destination) {
      const tx = db.transaction(ENTITY_STORES, 'readonly');
      const loadedEvents = await loadIn(tx, entries, destination);
      await tx.done;
      return loadedEvents;
    },

    async claimNext({ now, limit, leaseMs, after, destination, acks }) {
      // One transaction for the drain's bookkeeping between two requests: the previous batch's acknowledgement, the
      // claim of the next one and the reading of its entities. Acks go first, so the claim reads the queue without
      // them and the entities with the remote ids just recorded.
      const tx = db.transaction(['outbox', ...ENTITY_STORES], 'readwrite');
      const pending = acks?.length ? await ackIn(tx, destination, acks, now) : [];
      const claim = await claimIn(tx, now, limit, leaseMs, after, pending);
      const loadedEvents = claim ? await loadIn(tx, claim.entries, destination) : undefined;
      await Promise.all([...pending, tx.done]);
      return claim && loadedEvents ? { ...claim, ...loadedEvents } : undefined;
    },

    async ack(destination, acks, now) {
      const tx = db.transaction(['outbox', ...ENTITY_STORES], 'readwrite', RELAXED);
      const pending = await ackIn(tx, destination, acks, now);
      await Promise.all([...pending, tx.done]);
    },
    async drop(ids) {
      settled(ids);
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    },

    async release(items) {
      settled(items.map((it) => it.id));
      const tx = db.transaction('outbox', 'readwrite');
      const entries = await Promise.all(items.map((it) => tx.store.get(it.id)));
      const writes = items.flatMap((it, i) => {
        const e = entries[i];
        if (!e) return [];
        const next: OutboxEntry = {
          ...without(e, 'leaseUntil'),
          ...(it.unsent ? { attempts: Math.max(0, e.attempts - 1) } : {}),
          ...(it.batchId ? { batch: it.batchId } : {}),
          ...(it.error ? { lastError: it.error.slice(0, 1000) } : {}),
        };
        return [tx.store.put(next)];
      });
      await Promise.all([...writes, tx.done]);
    },

    async markDead(destination, items, now) {
      settled(items.map((it) => it.id));
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
        const dead: OutboxEntry = { ...without(e, 'leaseUntil', 'batch'), status: 'dead', queuedAt: e.nextAttemptAt, nextAttemptAt: NEVER, lastError: error };
        writes.push(outbox.put(dead));
        if (e.entity === 'contact' && e.op !== 'delete') errorOf.set(e.entityId, error);
      });
      const stored = await Promise.all([...errorOf.keys()].map((id) => contacts.get(id)));
      const at = new Date(now).toISOString();
      for (const c of stored) {
        if (!c) continue;
        const prev = c.sync[destination] ?? {};
        writes.push(contacts.put({ ...c, sync: { ...c.sync, [destination]: { ...prev, lastResult: 'error', lastError: errorOf.get(c.id)!, lastSyncedAt: prev.lastSyncedAt ?? at } } }));
      }
      await Promise.all([...writes, tx.done]);
    },

    async getEndpoint(destination) {
      return (await db.get('meta', ENDPOINT_KEY(destination)))?.value as EndpointState | undefined;
    },

    async putEndpoint(state) {
      await db.put('meta', { key: ENDPOINT_KEY(state.destination), value: state });
    },

    async nextWakeAt(now) {
      const head = (await db.getAllFromIndex('outbox', 'byNextAttemptAt', QUEUE(), 1))[0];
      if (!head) return undefined;
      return Math.max(now, head.leaseUntil ?? 0);
    },

    async logDeliveries(records) {
      const tx = db.transaction('meta', 'readwrite');
      const prev = ((await tx.store.get(DELIVERY_LOG_KEY))?.value as DeliveryRecord[] | undefined) ?? [];
      const next = [...records.slice().reverse(), ...prev].slice(0, DELIVERY_LOG_SIZE);
      await Promise.all([tx.store.put({ key: DELIVERY_LOG_KEY, value: next }), tx.done]);
    },
  };
}

export async function readEndpoint(db: TouchpointDatabase, destination: string): Promise<EndpointState | undefined> {
  return createOutboxPort(db).getEndpoint(destination);
}

export async function writeEndpoint(db: TouchpointDatabase, state: EndpointState): Promise<void> {
  return createOutboxPort(db).putEndpoint(state);
}

/** The delivery log, newest first. */
export async function readDeliveries(db: TouchpointDatabase): Promise<DeliveryRecord[]> {
  return ((await db.get('meta', DELIVERY_LOG_KEY))?.value as DeliveryRecord[] | undefined) ?? [];
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
  // The most telling error: a dead entry's, else the head of the queue's (it is what waits).
  let lastError: string | undefined = (await byStatus.get('dead'))?.lastError;
  if (!lastError && pending) lastError = (await tx.store.index('byNextAttemptAt').get(QUEUE()))?.lastError;
  await tx.done;
  return lastError ? { pending, dead, lastError } : { pending, dead };
}

/**
 * Give dead entries another chance (after the user fixed the endpoint): back at the end of the queue, in their
 * original order. `contactId`: only that contact's (its own, and its touchpoints', notes' and follow-ups').
 */
export async function reviveDead(db: TouchpointDatabase, now: number = Date.now(), opts: { contactId?: string } = {}): Promise<number> {
  const tx = db.transaction(['outbox', 'touchpoints', 'notes', 'tasks'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  let dead = await outbox.index('byStatus').getAll('dead');
  if (opts.contactId) {
    const owners = await Promise.all(dead.map((e) => contactOfEntry(tx, e)));
    dead = dead.filter((_, i) => owners[i] === opts.contactId);
  }
  dead.sort((a, b) => (a.queuedAt ?? Date.parse(a.createdAt)) - (b.queuedAt ?? Date.parse(b.createdAt)));
  // attempts is kept: the entry was sent before, so it must never be reused for coalescing.
  const writes = dead.map((e) => outbox.put({ ...without(e, 'queuedAt'), status: 'pending', nextAttemptAt: queuePosition(now) }));
  await Promise.all([...writes, tx.done]);
  return dead.length;
}
