import { DEFAULT_SETTINGS, PublicSettings, Settings, type CrmDestination } from '../model';
import type { TouchpointDatabase } from './schema';

/**
 * Settings live in the `meta` store, read only by the background. Secrets (webhook secret, API tokens)
 * never leave it: pages get `PublicSettings`.
 */
export async function getSettings(db: TouchpointDatabase): Promise<Settings> {
  const rec = await db.get('meta', 'settings');
  const parsed = Settings.safeParse(rec?.value);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

/**
 * The options page never sees secrets, so it cannot send them back: a webhook saved with the same URL
 * and no secret keeps the stored one (an empty string clears it).
 */
export function keepSecrets(incoming: CrmDestination, stored: CrmDestination): CrmDestination {
  if (incoming.type === 'webhook' && stored.type === 'webhook' && incoming.secret === undefined && incoming.url === stored.url) {
    return stored.secret ? { ...incoming, secret: stored.secret } : incoming;
  }
  if (incoming.type === 'webhook' && incoming.secret === '') {
    const { secret: _s, ...rest } = incoming;
    return rest;
  }
  return incoming;
}

export async function saveSettings(db: TouchpointDatabase, incoming: Settings): Promise<{ settings: Settings; destinationChanged: boolean }> {
  const tx = db.transaction('meta', 'readwrite');
  const prevRec = await tx.store.get('settings');
  const prev = Settings.safeParse(prevRec?.value);
  const previous = prev.success ? prev.data : DEFAULT_SETTINGS;
  const settings: Settings = { ...incoming, destination: keepSecrets(incoming.destination, previous.destination) };
  await tx.store.put({ key: 'settings', value: settings });
  await tx.done;
  return { settings, destinationChanged: JSON.stringify(previous.destination) !== JSON.stringify(settings.destination) };
}

export function toPublicSettings(s: Settings): PublicSettings {
  const d = s.destination;
  const destination: PublicSettings['destination'] =
    d.type === 'webhook'
      ? { type: 'webhook', target: d.url, hasSecret: !!d.secret }
      : d.type === 'pipedrive'
        ? { type: 'pipedrive', target: d.companyDomain, hasSecret: true }
        : d.type === 'hubspot'
          ? { type: 'hubspot', hasSecret: true }
          : { type: 'none' };
  return PublicSettings.parse({ ...s, destination });
}

/** Stable key of the destination in `contact.sync` ("webhook", "hubspot" …). */
export function destinationKey(d: CrmDestination): string | undefined {
  return d.type === 'none' ? undefined : d.type;
}
