import { z } from 'zod';
import { SyncState } from './sync-state';

export const CallOutcome = z.enum(['connected', 'voicemail', 'no-answer', 'busy', 'wrong-number', 'follow-up']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallInfo = z.object({
  startedAt: z.string().max(40),
  endedAt: z.string().max(40).optional(),
  outcome: CallOutcome.optional(),
});
export type CallInfo = z.infer<typeof CallInfo>;

/** Notes are saved as they are typed, so the body may be large; 100k chars is a long call. */
export const NOTE_MAX = 100_000;

export const Note = z.object({
  id: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
  body: z.string().max(NOTE_MAX),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  call: CallInfo.optional(),
  /** per destination identity: remote id and last acknowledgement (see docs/sync.md) */
  sync: z.record(z.string(), SyncState).optional(),
});
export type Note = z.infer<typeof Note>;
