import type { CrmDestination } from '../model';
import { createHubspotConnector } from './connectors/hubspot';
import { createPipedriveConnector } from './connectors/pipedrive';
import type { Connector } from './types';
import { createWebhookConnector } from './webhook';

export interface ConnectorEnv {
  fetch?: typeof fetch;
  now?: () => number;
  /** per-request timeout (the e2e build shortens it) */
  timeoutMs?: number;
  /** the CRM API's origin instead of the real one: only the e2e build sets it (a local emulator) */
  baseUrl?: string;
}

type Configured = Exclude<CrmDestination, { type: 'none' }>;
type Factory<T extends Configured['type']> = (destination: Extract<Configured, { type: T }>, env: ConnectorEnv) => Connector;

/**
 * The registry: one line per destination type, each naming its connector (one file per CRM under
 * connectors/). Typed over every configured destination type of the settings model, so a destination
 * declared there without a connector here does not compile. What the options page shows of each
 * (fields, origins) is declared in utils/model/destinations.ts.
 */
export const CONNECTORS: { [T in Configured['type']]: Factory<T> } = {
  webhook: (d, env) =>
    createWebhookConnector({
      url: d.url,
      secret: d.secret,
      ...((d.previousSecretUntil ?? 0) > (env.now ?? Date.now)() ? { previousSecret: d.previousSecret } : {}),
      includeProvenance: d.includeProvenance,
      fetch: env.fetch,
      now: env.now,
      timeoutMs: env.timeoutMs,
    }),
  hubspot: (d, env) => createHubspotConnector({ accessToken: d.accessToken, portalId: d.portalId, ...env }),
  pipedrive: (d, env) => createPipedriveConnector({ apiToken: d.apiToken, companyDomain: d.companyDomain, ...env }),
};

/** The connector for the configured destination; undefined when none (changes wait in the outbox). */
export function connectorFor(destination: CrmDestination, env: ConnectorEnv = {}): Connector | undefined {
  if (destination.type === 'none') return undefined;
  const factory = CONNECTORS[destination.type] as Factory<Configured['type']>;
  return factory(destination as never, env);
}

/**
 * What a destination learns about itself when saved, before its first sync: HubSpot's portal id (the
 * identity remote ids are kept under) from a test connection. Nothing for the others. Never throws;
 * offline, the destination is saved without it and learns it at the next save.
 */
export async function identify(destination: CrmDestination, env: ConnectorEnv = {}): Promise<CrmDestination> {
  if (destination.type !== 'hubspot' || destination.portalId) return destination;
  try {
    const r = (await connectorFor(destination, env)!.testConnection()) as { ok: boolean; account?: string };
    return r.ok && r.account ? { ...destination, portalId: r.account } : destination;
  } catch {
    return destination;
  }
}

