import { z } from 'zod';
import { ContactKind } from './contact';

const NoDestination = z.object({ type: z.literal('none') });
const WebhookInput = z.object({
  type: z.literal('webhook'),
  url: z.url().max(2048),
  /**
   * The signing key (Standard Webhooks `whsec_<base64>`; never sent). Optional. Saving the same URL without a
   * secret keeps the stored one; '' clears it; a new one for the same URL starts a rotation.
   */
  secret: z.string().max(512).optional(),
  /** send provenance and field history with contacts (off: the public payload only) */
  includeProvenance: z.boolean().optional(),
});
const WebhookDestination = WebhookInput.extend({
  /** during a rotation the old secret still signs (a second signature) until `previousSecretUntil` */
  previousSecret: z.string().max(512).optional(),
  previousSecretUntil: z.number().optional(),
});
const ApiToken = z.string().min(1).max(512);
const PipedriveCompanyDomain = z.string().min(1).max(128);

/** Where captured contacts go. Secrets live only in the background's storage, never in content scripts. */
export const CrmDestination = z.discriminatedUnion('type', [
  NoDestination,
  WebhookDestination,
  z.object({
    type: z.literal('hubspot'),
    accessToken: ApiToken,
    /** the HubSpot account the token belongs to (found by a test connection when saved): the destination identity */
    portalId: z.string().max(32).optional(),
  }),
  z.object({ type: z.literal('pipedrive'), apiToken: ApiToken, companyDomain: PipedriveCompanyDomain }),
]);
export type CrmDestination = z.infer<typeof CrmDestination>;

/**
 * A destination as a page sends it to be saved. Pages never see tokens, so they may leave them out:
 * the background keeps the stored token of the same destination (HubSpot; Pipedrive with the same
 * company domain) and refuses the save when there is none to keep. An empty token is invalid.
 */
export const CrmDestinationInput = z.discriminatedUnion('type', [
  NoDestination,
  WebhookInput,
  z.object({ type: z.literal('hubspot'), accessToken: ApiToken.optional() }),
  z.object({ type: z.literal('pipedrive'), apiToken: ApiToken.optional(), companyDomain: PipedriveCompanyDomain }),
]);
export type CrmDestinationInput = z.infer<typeof CrmDestinationInput>;

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

/** What the 'settings.save' message carries: Settings whose destination may leave its token out. */
export const SettingsInput = Settings.extend({ destination: CrmDestinationInput });
export type SettingsInput = z.infer<typeof SettingsInput>;

/** What pages other than the background may see of the settings: no secrets. */
export const PublicSettings = Settings.omit({ destination: true }).extend({
  destination: z.object({
    type: z.enum(['none', 'webhook', 'hubspot', 'pipedrive']),
    /** the webhook URL or the Pipedrive company domain: never a token */
    target: z.string().max(2048).optional(),
    /** a secret/token is stored in the background (its value never leaves it) */
    hasSecret: z.boolean().optional(),
    /** webhook: provenance and history are sent (the user opted in) */
    includeProvenance: z.boolean().optional(),
  }),
});
export type PublicSettings = z.infer<typeof PublicSettings>;
