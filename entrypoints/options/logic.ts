import type { ContactKind } from '../../utils/model/contact';
import type { CrmDestination, PublicSettings, Settings } from '../../utils/model/settings';

/** The options form as typed: strings, before validation. */
export interface OptionsForm {
  destType: CrmDestination['type'];
  webhookUrl: string;
  webhookSecret: string;
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

export type FormResult = { ok: true; settings: Settings } | { ok: false; error: string };

/**
 * Builds the Settings to save. Tokens are never sent back to this page, so a HubSpot or Pipedrive
 * destination needs its token typed again; a webhook with the same URL keeps its stored secret.
 */
export function settingsFromForm(f: OptionsForm, stored: PublicSettings | undefined): FormResult {
  let destination: CrmDestination;
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
      destination = { type: 'webhook', url, ...(f.webhookSecret ? { secret: f.webhookSecret } : {}) };
      break;
    }
    case 'hubspot':
      if (!f.hubspotToken.trim()) {
        return {
          ok: false,
          error:
            stored?.destination.type === 'hubspot'
              ? 'Enter your HubSpot private app token again to save: it is kept by the extension and never shown back here.'
              : 'Enter your HubSpot private app token.',
        };
      }
      destination = { type: 'hubspot', accessToken: f.hubspotToken.trim() };
      break;
    case 'pipedrive': {
      const companyDomain = pipedriveSubdomain(f.pipedriveDomain);
      if (!/^[a-z0-9-]+$/.test(companyDomain)) return { ok: false, error: 'Enter your Pipedrive company domain, e.g. "acme" for acme.pipedrive.com.' };
      if (!f.pipedriveToken.trim()) {
        return {
          ok: false,
          error:
            stored?.destination.type === 'pipedrive'
              ? 'Enter your Pipedrive API token again to save: it is kept by the extension and never shown back here.'
              : 'Enter your Pipedrive API token.',
        };
      }
      destination = { type: 'pipedrive', apiToken: f.pipedriveToken.trim(), companyDomain };
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
export function originsFor(d: CrmDestination): string[] {
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
