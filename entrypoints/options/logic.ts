import type { ContactKind } from '../../utils/model/contact';
import type { DeliveryView } from '../../utils/model/messages';
import type { CrmDestinationInput, PublicSettings, SettingsInput } from '../../utils/model/settings';

/** The options form as typed: strings, before validation. */
export interface OptionsForm {
  destType: CrmDestinationInput['type'];
  webhookUrl: string;
  webhookSecret: string;
  /** send provenance and field history with contacts */
  includeProvenance: boolean;
  hubspotToken: string;
  pipedriveToken: string;
  pipedriveDomain: string;
  ownDomains: string;
  defaultKind: ContactKind;
  autoSync: boolean;
}

export function formFromSettings(s: PublicSettings): OptionsForm {
  const d = s.destination;
  return {
    destType: d.type,
    webhookUrl: d.type === 'webhook' ? d.target ?? '' : '',
    webhookSecret: '',
    includeProvenance: d.type === 'webhook' ? !!d.includeProvenance : false,
    hubspotToken: '',
    pipedriveToken: '',
    pipedriveDomain: d.type === 'pipedrive' ? d.target ?? '' : '',
    ownDomains: s.ownDomains.join(', '),
    defaultKind: s.defaultKind,
    autoSync: s.autoSync,
  };
}

/** "Acme.com, @acme.se\nhttps://acme.io/" → ["acme.com", "acme.se", "acme.io"] */
export function parseDomains(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    const d = raw
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^.*@/, '')
      .replace(/\/.*$/, '')
      .replace(/^www\./, '');
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) out.add(d);
  }
  return [...out].slice(0, 50);
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

export type FormResult = { ok: true; settings: SettingsInput } | { ok: false; error: string };

/**
 * Builds the Settings to save. Tokens are never sent back to this page: a token left empty is left out,
 * and the background keeps the stored one (HubSpot; Pipedrive with the same company domain; a webhook
 * with the same URL keeps its secret). Without a stored token to keep, the page asks for one.
 */
export function settingsFromForm(f: OptionsForm, stored: PublicSettings | undefined): FormResult {
  let destination: CrmDestinationInput;
  switch (f.destType) {
    case 'none':
      destination = { type: 'none' };
      break;
    case 'webhook': {
      const url = f.webhookUrl.trim();
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, error: 'Enter the full webhook URL, starting with https://' };
      }
      const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
      if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) {
        return { ok: false, error: 'The webhook URL must use https:// (http:// is allowed only for localhost).' };
      }
      const secret = f.webhookSecret.trim();
      if (secret && !/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/.test(secret)) {
        return { ok: false, error: 'The signing secret must look like whsec_… (Standard Webhooks). Use “Generate” to make one.' };
      }
      destination = { type: 'webhook', url, ...(secret ? { secret } : {}), ...(f.includeProvenance ? { includeProvenance: true } : {}) };
      break;
    }
    case 'hubspot': {
      const accessToken = f.hubspotToken.trim();
      const kept = stored?.destination.type === 'hubspot' && stored.destination.hasSecret;
      if (!accessToken && !kept) return { ok: false, error: 'Enter your HubSpot private app token.' };
      destination = { type: 'hubspot', ...(accessToken ? { accessToken } : {}) };
      break;
    }
    case 'pipedrive': {
      const companyDomain = pipedriveSubdomain(f.pipedriveDomain);
      if (!/^[a-z0-9-]+$/.test(companyDomain)) return { ok: false, error: 'Enter your Pipedrive company domain, e.g. "acme" for acme.pipedrive.com.' };
      const apiToken = f.pipedriveToken.trim();
      const sameAccount = stored?.destination.type === 'pipedrive' && stored.destination.target === companyDomain;
      if (!apiToken && !(sameAccount && stored?.destination.hasSecret)) {
        return {
          ok: false,
          error:
            stored?.destination.type === 'pipedrive'
              ? 'Enter the Pipedrive API token for this company domain.'
              : 'Enter your Pipedrive API token.',
        };
      }
      destination = { type: 'pipedrive', ...(apiToken ? { apiToken } : {}), companyDomain };
      break;
    }
  }
  // The background validates the whole object again with zod; the page stays free of it (bundle size).
  return {
    ok: true,
    settings: { defaultKind: f.defaultKind, ownDomains: parseDomains(f.ownDomains), destination, autoSync: f.autoSync },
  };
}

/**
 * Host permission patterns a destination needs. The port is left out: a Chrome match pattern without
 * one covers every port, and stays inside the manifest's optional_host_permissions.
 */
export function originsFor(d: CrmDestinationInput): string[] {
  switch (d.type) {
    case 'none':
      return [];
    case 'webhook': {
      const u = new URL(d.url);
      return [`${u.protocol}//${u.hostname}/*`];
    }
    case 'hubspot':
      return ['https://api.hubapi.com/*'];
    case 'pipedrive':
      return [`https://${d.companyDomain}.pipedrive.com/*`, 'https://api.pipedrive.com/*'];
  }
}

/** Hands a string to the user as a downloaded file. */
export function downloadText(filename: string, mime: string, content: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A new Standard Webhooks secret, made in this page (the background never sends a stored secret back):
 * whsec_ + 24 random bytes in base64. The user copies it to the receiver before saving.
 */
export function generateWebhookSecret(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  const bytes = random(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** One delivery log row as shown. */
export function deliverySummary(d: DeliveryView, locale?: string): { time: string; events: string; typesTitle: string; status: string; duration: string } {
  const types = Object.entries(d.types);
  return {
    time: new Date(d.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' }),
    events: types.length === 1 ? `${d.events} ${types[0]![0]}` : `${d.events} events`,
    typesTitle: types.map(([t, n]) => `${n} ${t}`).join(', '),
    status: d.status === 0 ? 'no answer' : `${d.status}${d.outcome === 'partial' ? ' (partly refused)' : ''}`,
    duration: d.ms < 1000 ? `${Math.round(d.ms)} ms` : `${(d.ms / 1000).toFixed(1)} s`,
  };
}
