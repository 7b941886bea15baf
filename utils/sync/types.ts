import type { OutboxEntry } from '../model';

/** One change as a CRM receives it. `id` is the outbox entry id: the idempotency key of this change. */
export interface SyncEvent {
  id: string;
  entity: OutboxEntry['entity'];
  op: OutboxEntry['op'];
  /** for upserts: the entity's current state (Contact, Touchpoint or Note); for deletes: `{ id }` */
  data: Record<string, unknown> & { id: string };
  /** when the change was queued (ISO) */
  at: string;
  /** remote ids this destination already gave: the entity's own (deletes), the contact's (touchpoints, notes) */
  remote?: { id?: string; contactId?: string };
}

export type EventResult =
  | { id: string; status: 'ok'; remoteId?: string }
  /** the CRM will never accept this event as it is */
  | { id: string; status: 'rejected'; error: string }
  | { id: string; status: 'retry'; error: string };

/** What a connector says about one request. Events missing from `results` are retried. */
export type SendOutcome =
  | { kind: 'results'; results: EventResult[] }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'dead'; error: string };

/**
 * One file per CRM (webhook.ts, later hubspot.ts, pipedrive.ts). A connector turns a batch of events
 * into requests and classifies the answers; the engine owns retries, backoff, acks and the outbox.
 * `send` should not throw; if it does, the engine treats it as a retryable failure.
 */
export interface Connector {
  /** destination key under `contact.sync` */
  id: string;
  /** most events per `send` call (1 for APIs without batch endpoints) */
  maxBatch: number;
  send(events: SyncEvent[], signal?: AbortSignal): Promise<SendOutcome>;
}

/** The engine's view of the outbox (implemented on IndexedDB in utils/store/outbox-port.ts, in memory in tests). */
export interface OutboxPort {
  /**
   * Pending entries due at `now`, oldest due first, at most `limit`. Claiming counts an attempt and
   * leases them until `now + leaseMs`: if the worker dies before the ack, they come due again then,
   * with the same ids.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Current state of each claimed entity. Upserts whose entity no longer exists are `superseded` (a delete follows). */
  loadEvents(entries: OutboxEntry[], destination: string): Promise<{ events: SyncEvent[]; superseded: string[] }>;
  /** The CRM acknowledged these: remove them and record remote ids on the contacts. */
  ack(destination: string, acks: { id: string; remoteId?: string }[]): Promise<void>;
  /** Drop entries that no longer need sending. */
  drop(ids: string[]): Promise<void>;
  reschedule(items: { id: string; nextAttemptAt: number; error: string }[]): Promise<void>;
  markDead(destination: string, items: { id: string; error: string }[]): Promise<void>;
  /** earliest nextAttemptAt among pending entries */
  nextDueAt(): Promise<number | undefined>;
}
