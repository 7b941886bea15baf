import { describe, expect, it } from 'vitest';
import { DESTINATIONS, destinationOrigins, staleOrigins } from '../../utils/model/destinations';
import { CrmDestination, CrmDestinationInput } from '../../utils/model/settings';
import { CONNECTORS, connectorFor } from '../../utils/sync/connectors';

/**
 * The destination registry, checked whole (refined-github's idea): every destination the options page
 * offers is a settings type, has a connector, declares fields that are settings keys and origins its
 * connector's requests stay inside.
 */

const sample: Record<string, Record<string, string>> = {
  webhook: { url: 'https://hooks.example.org/touchpoint', secret: 'whsec_c2VjcmV0' },
  hubspot: { accessToken: 'pat-eu1-token' },
  pipedrive: { apiToken: 'pd-token', companyDomain: 'acme' },
  none: {},
};

describe('destination registry', () => {
  it('every declared destination is a settings type with a connector, and every connector is declared', () => {
    const declared = DESTINATIONS.map((d) => d.type).sort();
    const schemaTypes = CrmDestination.options.map((o) => o.shape.type.value).sort();
    expect(declared).toEqual(schemaTypes);
    expect(Object.keys(CONNECTORS).sort()).toEqual(declared.filter((t) => t !== 'none'));
  });

  it('each declared field is a key of its settings schema, and a filled form is valid settings', () => {
    for (const d of DESTINATIONS) {
      const shape = CrmDestinationInput.options.find((o) => o.shape.type.value === d.type)!.shape as Record<string, unknown>;
      for (const f of d.fields) expect(Object.keys(shape), `${d.type}.${f.key}`).toContain(f.key);
      expect(CrmDestinationInput.safeParse({ type: d.type, ...sample[d.type] }).success, d.type).toBe(true);
      expect(new Set(d.fields.map((f) => f.id)).size).toBe(d.fields.length);
    }
  });

  it('each connector asks for exactly the origin it sends to', async () => {
    for (const d of DESTINATIONS) {
      if (d.type === 'none') continue;
      const destination = CrmDestination.parse({ type: d.type, ...sample[d.type] });
      const origins = destinationOrigins(destination);
      expect(origins.length, d.type).toBeGreaterThan(0);
      const urls: string[] = [];
      const fetch = (async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response('{}', { status: 500 });
      }) as typeof globalThis.fetch;
      await connectorFor(destination, { fetch })!.testConnection();
      expect(urls.length, d.type).toBeGreaterThan(0);
      for (const u of urls) {
        const { protocol, hostname } = new URL(u);
        expect(origins, `${d.type} → ${u}`).toContain(`${protocol}//${hostname}/*`);
      }
    }
  });

  it('a changed destination gives up the origins it no longer needs', () => {
    const hub = destinationOrigins({ type: 'hubspot' });
    const pd = destinationOrigins({ type: 'pipedrive', companyDomain: 'acme' });
    expect(staleOrigins(hub, pd)).toEqual(['https://api.hubapi.com/*']);
    expect(staleOrigins(pd, pd)).toEqual([]);
    expect(staleOrigins(destinationOrigins({ type: 'pipedrive', companyDomain: 'acme' }), destinationOrigins({ type: 'pipedrive', companyDomain: 'beta' }))).toEqual(['https://acme.pipedrive.com/*']);
  });
});
