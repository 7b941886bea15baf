import { z } from 'zod';
import { SyncState } from './sync-state';
import { Campaign, MAX_TEXT } from './capture';

export const TouchpointType = z.enum([
  'profile-view',
  'email-received',
  'email-replied',
  'campaign-response',
  'call',
  'meeting',
  'note',
  'web-visit',
  'stage-change',
]);
export type TouchpointType = z.infer<typeof TouchpointType>;

export const Touchpoint = z.object({
  id: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
  type: TouchpointType,
  at: z.string().max(40),
  url: z.string().max(8192).optional(),
  campaign: Campaign.optional(),
  emailSubject: z.string().max(MAX_TEXT).optional(),
  summary: z.string().max(2000).optional(),
  /** views of this page on this day folded into this entry (utils/domain/touchpoint.ts foldKey); absent: one */
  count: z.number().int().min(1).max(1_000_000).optional(),
  /** per destination identity: remote id and last acknowledgement (see docs/sync.md) */
  sync: z.record(z.string(), SyncState).optional(),
});
export type Touchpoint = z.infer<typeof Touchpoint>;
