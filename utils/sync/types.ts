import type { Company, Contact, DeliveryRecord, EndpointState, EventType, Note, OutboxEntry, Task, Touchpoint } from '../model';

/**
 * The connector-facing interface of the sync engine. A connector (one file per destination: webhook.ts,
 * hubspot.ts, pipedrive.ts) turns a batch of events into requests and classifies each answer; the engine
 * (engine.ts) owns the outbox, leases, batching, splitting, endpoint backoff, the circuit, pausing and
 * remote-id bookkeeping. A connector keeps no state between calls and never throws from `send`
 * (if it does, the engine treats it as a retryable failure).
 */

/** Remote ids this destination gave before (from its earlier acknowledgements). */
export interface RemoteRefs {
  /** the entity's own remote id (a contact's, a note's …); for deletes, kept on the outbox entry */
  id?: string;
  /** the contact's remote id (touchpoint and note events) */
  contactId?: string;
  /** contact.merged: remote ids of the contacts folded into the survivor, when known */
  mergedIds?: string[];
}

interface EventBase<T extends EventType> {
  /** the event id (outbox entry id): the destination applies each id at most once */
  id: string;
  type: T;
  /** when the change was queued (ISO) */
  at: string;
  /** remote ids known for this destination identity only */
  remote?: RemoteRefs;
}

/**
 * One change, as the engine hands it to a connector: the entity's *current* internal state (connectors
 * map what they need; the webhook reduces it to the public payload of utils/model/events.ts).
 * Order within a batch is queue order: a contact's event always precedes its touchpoints and notes.
 */
export type SyncEvent =
  | (EventBase<'contact.upserted'> & { data: Contact })
  | (EventBase<'contact.merged'> & { data: { id: string; mergedIds: string[] } })
  | (EventBase<'contact.deleted'> & { data: { id: string } })
  | (EventBase<'touchpoint.created'> & { data: Touchpoint })
  | (EventBase<'note.created'> & { data: Note })
  | (EventBase<'note.updated'> & { data: Note })
  | (EventBase<'note.deleted'> & { data: { id: string } })
  | (EventBase<'task.created'> & { data: Task })
  | (EventBase<'task.updated'> & { data: Task })
  | (EventBase<'company.upserted'> & { data: Company });

/**
 * Why a request or an event failed, which decides what the engine does (docs/sync.md, "Delivery rules"):
 *  - retryable:    5xx, timeout, reset, redirect, a 2xx without a valid acknowledgement. The events stay
 *                  queued in their batch; the *endpoint* backs off; consecutive failures open the circuit.
 *  - rate-limited: 429 (or a CRM's own limit headers). Like retryable, at least `retryAfterMs` later;
 *                  does not count towards the circuit.
 *  - poison:       this event will never be accepted as it is (400/404/422 …). For a batch answered as a
 *                  whole, the engine splits it until the poison event is alone; that event alone is dead.
 *  - too-large:    413 or a connector's own size limit: split; one event alone still too large is dead.
 *  - auth:         401/403, a revoked token: the destination is *paused* (nothing is dead), the user sees
 *                  "Reconnect", and sending resumes after a successful testConnection or a new credential.
 */
export type FailureKind = 'retryable' | 'rate-limited' | 'poison' | 'too-large' | 'auth';

export interface Failure {
  kind: FailureKind;
  /** short, readable, no credentials: pass it through `scrubError` (errors.ts); never a raw response body */
  error: string;
  /** rate-limited / retryable: the destination's own wait (Retry-After), a floor for the endpoint backoff */
  retryAfterMs?: number;
}

export type EventResult =
  | { id: string; ok: true; remoteId?: string }
  | { id: string; ok: false; failure: Failure };

/**
 * What a connector says about one `send`:
 *  - per-event `results` (events missing from them are retried), or
 *  - one `failure` for the request as a whole.
 * `status` (HTTP status, 0 for a network failure) is for the delivery log only.
 */
export type SendOutcome =
  | { kind: 'results'; results: EventResult[]; status?: number }
  | { kind: 'failed'; failure: Failure; status?: number };

export interface SendContext {
  /** stable across retries of the same members: use it as the request's idempotency key */
  batchId: string;
  signal?: AbortSignal;
}

export type TestResult =
  | { ok: true; detail?: string; status?: number }
  | { ok: false; failure: Failure; status?: number };

export interface Connector {
  /** connector type ("webhook", "hubspot", "pipedrive") */
  type: string;
  /**
   * The destination's identity: remote ids are kept under it (`contact.sync[destination]`), so ids issued by
   * one endpoint are never sent to another, and a new identity is a new destination (full sync offered).
   * "webhook:<hash of the URL>", "hubspot:<portal id>", "pipedrive:<company domain>". At most 64 characters.
   * An identity that needs a lookup (HubSpot's portal id) is found by testConnection when the destination
   * is saved and kept in its settings, so it is known here without a request.
   */
  destination: string;
  /** most events per `send` (1 for APIs without batch endpoints) */
  maxBatch: number;
  send(events: SyncEvent[], ctx: SendContext): Promise<SendOutcome>;
  /** a harmless authenticated request (the webhook: a signed `ping` event); never throws */
  testConnection(signal?: AbortSignal): Promise<TestResult>;
}

export type { DeliveryRecord, EndpointState };

/** The engine's view of the outbox (IndexedDB in utils/store/outbox-port.ts, in memory in tests). */
export interface OutboxPort {
  /**
   * The head of the queue, strictly in queue order, for one request: the members of the oldest unfinished
   * batch (the same members and batch id as before), else up to `limit` fresh entries stamped with a new
   * batch id. Claiming leases them until `now + leaseMs` and counts an attempt. Returns nothing while the
   * head is leased by another drain (order is never overtaken). `after`: the batch this drain has in
   * flight, which sits at the head; the claim is for the batch behind it (prepared while it is on the wire).
   */
  claimBatch(now: number, limit: number, leaseMs: number, after?: string): Promise<{ batchId: string; entries: OutboxEntry[] } | undefined>;
  /** Current state of each claimed entity as an event for `destination`. Upserts whose entity is gone are `superseded`. */
  loadEvents(entries: OutboxEntry[], destination: string): Promise<{ events: SyncEvent[]; superseded: string[] }>;
  /**
   * `claimBatch` and `loadEvents` in one transaction, after acknowledging `acks` (as `ack`) in the same one: the drain's
   * bookkeeping between two requests is one transaction, not three. Acks go first, so the claim does not see them and
   * the loaded events carry the remote ids they recorded. Undefined when nothing is due (the acks are written anyway).
   */
  claimNext(req: {
    now: number;
    limit: number;
    leaseMs: number;
    after?: string;
    destination: string;
    acks?: { id: string; remoteId?: string }[];
  }): Promise<{ batchId: string; entries: OutboxEntry[]; events: SyncEvent[]; superseded: string[] } | undefined>;
  /** Acknowledged: remove them and record remote ids (per destination identity) on their entities. */
  ack(destination: string, acks: { id: string; remoteId?: string }[], now: number): Promise<void>;
  /** Remove entries that no longer need sending. */
  drop(ids: string[]): Promise<void>;
  /**
   * Not delivered: end the lease, keep the entries at the head of the queue. `batchId` regroups them (split, partial).
   * `unsent`: claimed but never handed to the connector (a prepared batch): the claim's attempt is taken back, so the
   * entry may still absorb later changes of its entity.
   */
  release(items: { id: string; batchId?: string; error?: string; unsent?: boolean }[]): Promise<void>;
  markDead(destination: string, items: { id: string; error: string }[], now: number): Promise<void>;
  getEndpoint(destination: string): Promise<EndpointState | undefined>;
  putEndpoint(state: EndpointState): Promise<void>;
  /** `now` if something is queued, the head's lease end if it is leased, undefined when nothing is pending */
  nextWakeAt(now: number): Promise<number | undefined>;
  logDeliveries(records: DeliveryRecord[]): Promise<void>;
}
