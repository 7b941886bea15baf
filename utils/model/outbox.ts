import { z } from 'zod';

/** One change that must reach the CRM. Written in the same transaction as the change itself. */
export const OutboxEntry = z.object({
  /** also the idempotency key sent to the CRM, so a retried request is applied once */
  id: z.string().min(1).max(64),
  entity: z.enum(['contact', 'touchpoint', 'note']),
  entityId: z.string().min(1).max(64),
  /** 'merge': entity 'contact', entityId the surviving record, mergedId the record folded into it (now gone) */
  op: z.enum(['upsert', 'delete', 'merge']),
  mergedId: z.string().min(1).max(64).optional(),
  createdAt: z.string().max(40),
  attempts: z.number().int().nonnegative(),
  /** epoch ms; indexed so the drain picks what is due */
  nextAttemptAt: z.number(),
  lastError: z.string().max(1000).optional(),
  /** dead entries stopped retrying (a 4xx the CRM will never accept); the user sees and can retry them */
  status: z.enum(['pending', 'dead']),
  /** for deletes (and merges: the merged record's): the entity's remote ids per destination, kept here because the entity itself is gone */
  remoteIds: z.record(z.string().max(64), z.string().max(256)).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
