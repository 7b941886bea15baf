import { z } from 'zod';

/**
 * Per-destination sync state of a contact, note or touchpoint, keyed by the destination's identity
 * ("webhook:<url hash>", "hubspot:<portal id>", "pipedrive:<company>"): remote ids issued by one endpoint
 * are never sent to another.
 */
export const SyncState = z.object({
  remoteId: z.string().max(256).optional(),
  lastSyncedAt: z.string().max(40).optional(),
  lastResult: z.enum(['ok', 'error', 'pending']).optional(),
  lastError: z.string().max(1000).optional(),
});
export type SyncState = z.infer<typeof SyncState>;
