/**
 * The destinations a user can choose in options, declared once: their form fields, the origins they need
 * and how their values are checked. The options page renders its destination form from this list (no
 * per-CRM markup), asks for exactly `origins(values)` as optional host permissions, and removes them when
 * the destination changes. No zod here: the options page imports it at run time (settings.ts holds the
 * schemas the background validates with). How each destination syncs is its connector's business
 * (utils/sync/connectors/<type>.ts, registered by type in utils/sync/connectors/index.ts).
 *
 * Adding a CRM: one entry here (and its settings schema in settings.ts), one connector file, one registry line.
 */

export type DestinationType = 'none' | 'webhook' | 'hubspot' | 'pipedrive';

export interface DestinationField {
  /** the property of the destination's settings */
  key: string;
  /** data-testid of its input is `<type>-<id>` */
  id: string;
  label: string;
  /** a checkbox's value is a boolean in the settings ('true' in the form) */
  input: 'text' | 'url' | 'password' | 'checkbox';
  /** never shown back to pages; left empty, the stored one is kept (same account) */
  secret?: boolean;
  required?: boolean;
  placeholder?: string;
  help?: string;
  /** the one value pages see back (PublicSettings.destination.target) */
  target?: boolean;
  /** cleans what was typed before it is checked and saved */
  normalize?: (typed: string) => string;
  /** offers a "Generate" button (data-testid `<type>-<id>-generate`) that fills the field with this */
  generate?: () => string;
}

export interface DestinationInfo {
  type: DestinationType;
  label: string;
  hint: string;
  fields: readonly DestinationField[];
  /** the host permission match patterns this destination needs, from its normalised values */
  origins(values: Readonly<Record<string, string>>): string[];
  /** a readable problem with the (normalised) values, if any */
  validate?(values: Readonly<Record<string, string>>): string | undefined;
}

/**
 * A new Standard Webhooks secret, made in the options page (the background never sends a stored secret
 * back): whsec_ + 24 random bytes in base64. The user copies it to the receiver before saving.
 */
export function generateWebhookSecret(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  const bytes = random(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** "acme", "acme.pipedrive.com" or "https://acme.pipedrive.com/" → "acme" */
export function pipedriveSubdomain(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.pipedrive\.com$/, '');
}

/**
 * The host permission pattern of a URL. The port is left out: a Chrome match pattern without one covers
 * every port, and stays inside the manifest's optional_host_permissions.
 */
function originPattern(url: string): string[] {
  try {
    const u = new URL(url);
    return [`${u.protocol}//${u.hostname}/*`];
  } catch {
    return [];
  }
}

export const DESTINATIONS: readonly DestinationInfo[] = [
  {
    type: 'none',
    label: 'None',
    hint: 'Keep everything on this device only.',
    fields: [],
    origins: () => [],
  },
  {
    type: 'webhook',
    label: 'Webhook',
    hint: 'POST each change as signed JSON (Standard Webhooks) to your own endpoint (Zapier, Make, n8n, your server).',
    fields: [
      { key: 'url', id: 'url', label: 'Webhook URL', input: 'url', required: true, target: true, placeholder: 'https://hooks.example.com/touchpoint', normalize: (s) => s.trim() },
      {
        key: 'secret',
        id: 'secret',
        label: 'Signing secret (whsec_…)',
        input: 'text',
        secret: true,
        help: 'Never sent: each request is signed with it, and your endpoint verifies the signature. A new one replaces a saved one, and the old one keeps signing for 24 hours.',
        normalize: (s) => s.trim(),
        generate: () => generateWebhookSecret(),
      },
      { key: 'includeProvenance', id: 'provenance', label: 'Also send where each field came from (provenance) and replaced values (history)', input: 'checkbox' },
    ],
    origins: (v) => (v.url ? originPattern(v.url) : []),
    validate(v) {
      let parsed: URL;
      try {
        parsed = new URL(v.url ?? '');
      } catch {
        return 'Enter the full webhook URL, starting with https://';
      }
      const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
      if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) {
        return 'The webhook URL must use https:// (http:// is allowed only for localhost).';
      }
      if (v.secret && !/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/.test(v.secret)) {
        return 'The signing secret must look like whsec_… (Standard Webhooks). Use “Generate” to make one.';
      }
      return undefined;
    },
  },
  {
    type: 'hubspot',
    label: 'HubSpot',
    hint: 'Contacts, notes and touchpoints go to your HubSpot account through a private app.',
    fields: [
      {
        key: 'accessToken',
        id: 'token',
        label: 'Private app access token',
        input: 'password',
        secret: true,
        required: true,
        placeholder: 'pat-eu1-…',
        help: 'HubSpot → Settings → Integrations → Private apps: scopes crm.objects.contacts.read and .write, crm.objects.companies.read and .write.',
        normalize: (s) => s.trim(),
      },
    ],
    origins: () => ['https://api.hubapi.com/*'],
  },
  {
    type: 'pipedrive',
    label: 'Pipedrive',
    hint: 'People, leads, organisations and notes go to your Pipedrive company.',
    fields: [
      { key: 'companyDomain', id: 'domain', label: 'Company domain', input: 'text', required: true, target: true, placeholder: 'acme (for acme.pipedrive.com)', normalize: pipedriveSubdomain },
      {
        key: 'apiToken',
        id: 'token',
        label: 'API token',
        input: 'password',
        secret: true,
        required: true,
        help: 'Pipedrive → Personal preferences → API.',
        normalize: (s) => s.trim(),
      },
    ],
    origins: (v) => (v.companyDomain ? [`https://${v.companyDomain}.pipedrive.com/*`] : []),
    validate: (v) => (/^[a-z0-9-]+$/.test(v.companyDomain ?? '') ? undefined : 'Enter your Pipedrive company domain, e.g. "acme" for acme.pipedrive.com.'),
  },
];

export function destinationInfo(type: DestinationType): DestinationInfo {
  return DESTINATIONS.find((d) => d.type === type)!;
}

/** Host permission patterns a destination needs (its declared origins over its values). */
export function destinationOrigins(d: { type: DestinationType } & Record<string, unknown>): string[] {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) if (typeof v === 'string') values[k] = v;
  return destinationInfo(d.type).origins(values);
}

/** Origins the previous destination was granted that the next one does not need: to be removed. */
export function staleOrigins(previous: readonly string[], next: readonly string[]): string[] {
  return previous.filter((o) => !next.includes(o));
}
