import type { ContactKind } from '../../utils/model/contact';
import { destinationInfo, destinationOrigins, type DestinationType } from '../../utils/model/destinations';
import type { DeliveryView } from '../../utils/model/messages';
import type { CrmDestinationInput, PublicSettings, SettingsInput } from '../../utils/model/settings';

export { generateWebhookSecret, pipedriveSubdomain } from '../../utils/model/destinations';

/** The options form as typed: strings, before validation. `values` holds the chosen destination's fields by key ('true' for a ticked checkbox). */
export interface OptionsForm {
  destType: DestinationType;
  values: Record<string, string>;
  ownDomains: string;
  defaultKind: ContactKind;
  autoSync: boolean;
}

export function formFromSettings(s: PublicSettings): OptionsForm {
  return {
    destType: s.destination.type,
    values: publicValues(s),
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

/** The values a page may see back of the stored destination: its public target and its checkboxes. */
export function publicValues(s: PublicSettings): Record<string, string> {
  const d = s.destination as PublicSettings['destination'] & Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of destinationInfo(d.type).fields) {
    if (f.target && d.target !== undefined) out[f.key] = d.target;
    if (f.input === 'checkbox' && d[f.key] === true) out[f.key] = 'true';
  }
  return out;
}

export type FormResult = { ok: true; settings: SettingsInput } | { ok: false; error: string };

/**
 * Whether a secret saved for `stored` is kept for the destination being saved: the same type, and the
 * same public value (the same webhook URL, the same Pipedrive company). A token for one account never
 * goes to another; the background applies the same rule (utils/store/settings.ts keepSecrets).
 */
export function secretKept(type: DestinationType, values: Readonly<Record<string, string>>, stored: PublicSettings | undefined): boolean {
  if (!stored || stored.destination.type !== type || !stored.destination.hasSecret) return false;
  const target = destinationInfo(type).fields.find((f) => f.target);
  return !target || values[target.key] === stored.destination.target;
}

/**
 * Builds the Settings to save from the destination's declared fields (utils/model/destinations.ts).
 * Secrets are never sent back to this page: one left empty is left out, and the background keeps the
 * stored one (see secretKept). Without a stored secret to keep, a required one is asked for.
 */
export function settingsFromForm(f: OptionsForm, stored: PublicSettings | undefined): FormResult {
  const info = destinationInfo(f.destType);
  const values: Record<string, string> = {};
  const flags: Record<string, true> = {};
  for (const field of info.fields) {
    const typed = f.values[field.key] ?? '';
    if (field.input === 'checkbox') {
      if (typed === 'true') flags[field.key] = true;
      continue;
    }
    values[field.key] = field.normalize ? field.normalize(typed) : typed;
  }
  for (const field of info.fields) {
    if (field.secret || !field.required || field.input === 'checkbox' || values[field.key]) continue;
    return { ok: false, error: `Enter the ${info.label} ${field.label.toLowerCase()}.` };
  }
  const problem = info.validate?.(values);
  if (problem) return { ok: false, error: problem };
  const kept = secretKept(f.destType, values, stored);
  for (const field of info.fields) {
    if (!field.secret || field.input === 'checkbox' || values[field.key]) continue;
    if (field.required && !kept) {
      return { ok: false, error: stored?.destination.type === f.destType ? `Enter the ${info.label} ${field.label.toLowerCase()} for this account.` : `Enter your ${info.label} ${field.label.toLowerCase()}.` };
    }
    delete values[field.key];
  }
  // The background validates the whole object again with zod; the page stays free of it (bundle size).
  const destination = { type: f.destType, ...values, ...flags } as CrmDestinationInput;
  return {
    ok: true,
    settings: { defaultKind: f.defaultKind, ownDomains: parseDomains(f.ownDomains), destination, autoSync: f.autoSync },
  };
}

/** Host permission patterns a destination needs: its declaration's origins (utils/model/destinations.ts). */
export function originsFor(d: CrmDestinationInput): string[] {
  return destinationOrigins(d);
}

/** The origins a stored (public) destination was granted: from its type and its public value. */
export function storedOrigins(s: PublicSettings | undefined): string[] {
  if (!s) return [];
  const d = s.destination;
  const target = destinationInfo(d.type).fields.find((f) => f.target);
  return destinationInfo(d.type).origins(target && d.target ? { [target.key]: d.target } : {});
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
