import type { CrmDestination } from '../model';
import type { Connector } from './types';
import { createWebhookConnector } from './webhook';

/** The connector for the configured destination; undefined when none (changes wait in the outbox). */
export function connectorFor(destination: CrmDestination, fetchImpl?: typeof fetch): Connector | undefined {
  switch (destination.type) {
    case 'webhook':
      return createWebhookConnector({ url: destination.url, secret: destination.secret, fetch: fetchImpl });
    // HubSpot and Pipedrive connectors come with the CRM sync issue; until then their entries wait.
    default:
      return undefined;
  }
}
