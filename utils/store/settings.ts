import { DEFAULT_SETTINGS, PublicSettings, Settings, type CrmDestination, type CrmDestinationInput, type SettingsInput } from '../model';
import type { TouchpointDatabase } from './schema';
import { abortWith } from './errors';

/**
 * Settings live in the `meta` store, read only by the background. Secrets (webhook secret, API tokens)
 * never leave it: pages get `PublicSettings`.
 */
export async function getSettings(db: TouchpointDatabase): Promise<Settings> {
  const rec = await db.get('meta', 'settings');
  const parsed = Settings.safeParse(rec?.value);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

/** How long the previous webhook secret still signs after a new one is saved. */
export const SECRET_ROTATION_MS = 24 * 60 * 60_000;

/** A destination saved without its token when there is no stored token of the same destination to keep. */
export class MissingTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingTokenError';
  }
}

/**
 * Pages never see secrets, so they cannot send them back. A token left out (undefined) keeps the stored
 * one of the same destination:
 *  - webhook: same URL keeps the secret; another URL saves without one (the secret is optional, and a
 *    secret for one endpoint must not go to another); '' clears it.
 *  - HubSpot: keeps the stored HubSpot token.
 *  - Pipedrive: keeps the stored token when the company domain is the same (another company's account
 *    needs its own token).
 * A HubSpot or Pipedrive token is required, so with nothing to keep the save is refused
 * (MissingTokenError); an explicit '' never reaches here (the request schema refuses it).
 */
export function keepSecrets(incoming: CrmDestinationInput, stored: CrmDestination, now: number = Date.now()): CrmDestination {
  switch (incoming.type) {
    case 'none':
      return incoming;
    case 'webhook': {
      const sameUrl = stored.type === 'webhook' && incoming.url === stored.url;
      const rotating = sameUrl && stored.previousSecret && (stored.previousSecretUntil ?? 0) > now ? { previousSecret: stored.previousSecret, previousSecretUntil: stored.previousSecretUntil } : {};
      if (incoming.secret === undefined && sameUrl) {
        return stored.secret ? { ...incoming, secret: stored.secret, ...rotating } : incoming;
      }
      if (incoming.secret === '') {
        const { secret: _s, ...rest } = incoming;
        return rest;
      }
      // A new secret for the same endpoint: the old one keeps signing for a day, so the receiver can switch.
      if (sameUrl && stored.secret && incoming.secret !== stored.secret) {
        return { ...incoming, previousSecret: stored.secret, previousSecretUntil: now + SECRET_ROTATION_MS };
      }
      return sameUrl ? { ...incoming, ...rotating } : incoming;
    }
    case 'hubspot': {
      if (incoming.accessToken !== undefined) return { type: 'hubspot', accessToken: incoming.accessToken };
      // The same token is the same account: its portal id stays.
      if (stored.type === 'hubspot') return { type: 'hubspot', accessToken: stored.accessToken, ...(stored.portalId ? { portalId: stored.portalId } : {}) };
      throw new MissingTokenError('Enter your HubSpot private app token.');
    }
    case 'pipedrive': {
      const { companyDomain } = incoming;
      if (incoming.apiToken !== undefined) return { type: 'pipedrive', apiToken: incoming.apiToken, companyDomain };
      if (stored.type === 'pipedrive' && stored.companyDomain === companyDomain) return { type: 'pipedrive', apiToken: stored.apiToken, companyDomain };
      throw new MissingTokenError(
        stored.type === 'pipedrive'
          ? 'Enter the Pipedrive API token for the new company domain.'
          : 'Enter your Pipedrive API token.',
      );
    }
  }
}

/** Saves settings, filling in kept secrets (see keepSecrets); throws MissingTokenError and saves nothing when a token is needed. */
export async function saveSettings(db: TouchpointDatabase, incoming: SettingsInput): Promise<{ settings: Settings; destinationChanged: boolean }> {
  const tx = db.transaction('meta', 'readwrite');
  const prevRec = await tx.store.get('settings');
  const prev = Settings.safeParse(prevRec?.value);
  const previous = prev.success ? prev.data : DEFAULT_SETTINGS;
  let destination: CrmDestination;
  try {
    destination = keepSecrets(incoming.destination, previous.destination);
  } catch (e) {
    return abortWith(tx, e);
  }
  const settings: Settings = { ...incoming, destination };
  await tx.store.put({ key: 'settings', value: settings });
  await tx.done;
  return { settings, destinationChanged: JSON.stringify(previous.destination) !== JSON.stringify(settings.destination) };
}

/**
 * Records what a destination learned about itself (HubSpot's portal id) on the stored destination, if it
 * is still the one configured: sync bookkeeping, not a change the user made.
 */
export async function setDestinationIdentity(db: TouchpointDatabase, destination: CrmDestination): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const rec = await tx.store.get('settings');
  const parsed = Settings.safeParse(rec?.value);
  const current = parsed.success ? parsed.data : undefined;
  const same = current && current.destination.type === destination.type && JSON.stringify({ ...current.destination, portalId: undefined }) === JSON.stringify({ ...destination, portalId: undefined });
  if (current && same) await tx.store.put({ key: 'settings', value: { ...current, destination } });
  await tx.done;
}

export function toPublicSettings(s: Settings): PublicSettings {
  const d = s.destination;
  const destination: PublicSettings['destination'] =
    d.type === 'webhook'
      ? { type: 'webhook', target: d.url, hasSecret: !!d.secret, ...(d.includeProvenance ? { includeProvenance: true } : {}) }
      : d.type === 'pipedrive'
        ? { type: 'pipedrive', target: d.companyDomain, hasSecret: !!d.apiToken }
        : d.type === 'hubspot'
          ? { type: 'hubspot', hasSecret: !!d.accessToken }
          : { type: 'none' };
  return PublicSettings.parse({ ...s, destination });
}


