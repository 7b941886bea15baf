import { z } from 'zod';

/** One change that must reach the CRM. Written in the same transaction as the change itself. */
export const OutboxEntry = z.object({
  /** also the idempotency key sent to the CRM, so a retried request is applied once */
  id: z.string().min(1).max(64),
  entity: z.enum(['contact', 'touchpoint', 'note', 'task', 'company']),
  entityId: z.string().min(1).max(64),
  /** 'merge': entity 'contact', entityId the surviving record, mergedId the record folded into it (now gone) */
  op: z.enum(['upsert', 'delete', 'merge']),
  mergedId: z.string().min(1).max(64).optional(),
  createdAt: z.string().max(40),
  attempts: z.number().int().nonnegative(),
  /**
   * The entry's place in the queue (epoch ms when queued, with sub-millisecond steps so changes made in one
   * transaction keep their order); indexed. The drain goes strictly in this order, so a contact's event
   * always precedes its touchpoints and notes. Dead entries wait at NEVER, out of the queue.
   */
  nextAttemptAt: z.number(),
  /** epoch ms: claimed by a drain until then (a worker stopped mid-request leaves it to expire) */
  leaseUntil: z.number().optional(),
  /** the request this entry belongs to once sent: a batch keeps its members and key across retries */
  batch: z.string().max(64).optional(),
  /** dead entries: their place in the queue, so "Retry" puts them back in their original order */
  queuedAt: z.number().optional(),
  lastError: z.string().max(1000).optional(),
  /** dead entries stopped retrying (a 4xx the CRM will never accept); the user sees and can retry them */
  status: z.enum(['pending', 'dead']),
  /** for deletes (and merges: the merged record's): the entity's remote ids per destination, kept here because the entity itself is gone */
  remoteIds: z.record(z.string().max(64), z.string().max(256)).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** One request as the delivery log shows it (options page: the last 50, newest first). */
export const DeliveryRecord = z.object({
  /** the batch id (webhook-id / Idempotency-Key) */
  id: z.string().max(64),
  /** epoch ms when the request started */
  at: z.number(),
  destination: z.string().max(64),
  /** event types and counts, e.g. { "contact.upserted": 99, "note.created": 1 } */
  types: z.record(z.string(), z.number()),
  events: z.number().int(),
  /** HTTP status, 0 for a network failure or timeout */
  status: z.number().int(),
  ms: z.number(),
  outcome: z.enum(['delivered', 'partial', 'failed']),
  /** short and scrubbed of credentials */
  error: z.string().max(200).optional(),
  /** what "Redeliver" queues again */
  refs: z.array(z.object({ entity: OutboxEntry.shape.entity, entityId: z.string().max(64), op: OutboxEntry.shape.op })),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/** The endpoint's delivery state, one per destination identity: backoff, Retry-After, the circuit and pausing apply here, never per event. */
export const EndpointState = z.object({
  destination: z.string().max(64),
  /** consecutive failed requests (rate limits with Retry-After excluded); reset by any success */
  failures: z.number().int().nonnegative(),
  /** epoch ms before which nothing is sent */
  nextAttemptAt: z.number(),
  /** auth: waits for the user (Reconnect); circuit: waits for its cool-down, then one probe request */
  paused: z.object({ reason: z.enum(['auth', 'circuit']), since: z.number(), error: z.string().max(200) }).optional(),
  lastError: z.string().max(200).optional(),
  lastSuccessAt: z.number().optional(),
});
export type EndpointState = z.infer<typeof EndpointState>;
