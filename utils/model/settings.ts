import { z } from 'zod';
import { ContactKind } from './contact';

/** Where captured contacts go. Secrets live only in the background's storage, never in content scripts. */
export const CrmDestination = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('webhook'),
    url: z.url().max(2048),
    /** sent as a bearer token / HMAC key; optional. Saving the same URL without a secret keeps the stored one; '' clears it. */
    secret: z.string().max(512).optional(),
  }),
  z.object({ type: z.literal('hubspot'), accessToken: z.string().min(1).max(512) }),
  z.object({
    type: z.literal('pipedrive'),
    apiToken: z.string().min(1).max(512),
    companyDomain: z.string().min(1).max(128),
  }),
]);
export type CrmDestination = z.infer<typeof CrmDestination>;

export const Settings = z.object({
  defaultKind: ContactKind,
  /** your own email domains: people on them are colleagues, not captures */
  ownDomains: z.array(z.string().max(253)).max(50),
  destination: CrmDestination,
  /** sync automatically as changes happen (else only on "Sync now") */
  autoSync: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  defaultKind: 'prospect',
  ownDomains: [],
  destination: { type: 'none' },
  autoSync: true,
};

/** What pages other than the background may see of the settings: no secrets. */
export const PublicSettings = Settings.omit({ destination: true }).extend({
  destination: z.object({
    type: z.enum(['none', 'webhook', 'hubspot', 'pipedrive']),
    /** the webhook URL or the Pipedrive company domain: never a token */
    target: z.string().max(2048).optional(),
    /** a secret/token is stored in the background (its value never leaves it) */
    hasSecret: z.boolean().optional(),
  }),
});
export type PublicSettings = z.infer<typeof PublicSettings>;
