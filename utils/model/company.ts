import { z } from 'zod';
import { SyncState } from './sync-state';

/**
 * A company: the organisation people were captured with. One record per organisation (the rule is
 * utils/domain/company.ts: the same folded name, or a person's work email domain); its people are the contacts
 * linked to it, found through the contacts' `byCompanyId` index, never listed here.
 */
export const Company = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(10_000),
  /** companyNameKey(name): the dedupe key (indexed, unique) */
  nameKey: z.string().min(1).max(10_000),
  /** the web domain, from a person's work email (indexed) */
  domain: z.string().max(253).optional(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  /** per destination identity: remote id and last acknowledgement (see docs/sync.md) */
  sync: z.record(z.string(), SyncState).optional(),
});
export type Company = z.infer<typeof Company>;
