import type { CrmDestination } from '../model';
import type { Connector } from './types';
import { createWebhookConnector } from './webhook';

export interface ConnectorEnv {
  fetch?: typeof fetch;
  now?: () => number;
  /** per-request timeout (the e2e build shortens it) */
  timeoutMs?: number;
}

/** The connector for the configured destination; undefined when none (changes wait in the outbox). */
export function connectorFor(destination: CrmDestination, env: ConnectorEnv = {}): Connector | undefined {
  const now = env.now ?? Date.now;
  switch (destination.type) {
    case 'webhook':
      return createWebhookConnector({
        url: destination.url,
        secret: destination.secret,
        ...((destination.previousSecretUntil ?? 0) > now() ? { previousSecret: destination.previousSecret } : {}),
        includeProvenance: destination.includeProvenance,
        fetch: env.fetch,
        now,
        timeoutMs: env.timeoutMs,
      });
    // HubSpot and Pipedrive connectors: utils/sync/connectors/ (the CRM sync work); until then their entries wait.
    default:
      return undefined;
  }
}
