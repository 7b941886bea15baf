import { mf2 } from 'microformats-parser';
import type { RawOrganization, RawPerson } from '../types';
import { cleanText } from '../normalize/name';
import { emptyOutput, type LayerOutput } from './context';

/**
 * Microformats h-card (mf2) and vcard (mf1, which the parser maps to h-card) through microformats-parser.
 * An h-card whose name is its organisation (or typed h-org) is an organisation, not a person.
 */

type Root = { type?: string[]; properties: Record<string, unknown[]>; children?: Root[]; value?: unknown };

export function hcardLayer(htmls: string[], baseUrl: string): LayerOutput {
  const out = emptyOutput();
  for (const html of htmls) {
    // a card that is itself the post an entry bookmarks, likes, reposts or replies to ("u-bookmark-of h-card") is a
    // cited page whose name is its title, not a person
    if (CITED.test(/^<[^>]*\bclass\s*=\s*["']([^"']*)/i.exec(html)?.[1] ?? '')) continue;
    let items: Root[];
    try {
      items = mf2(html, { baseUrl }).items as Root[];
    } catch {
      continue;
    }
    for (const item of items) readCard(item, out, 0);
  }
  return out;
}

/** h-cards of one parsed document, for the microformats suite test (the same reading the layer applies). */
export function hcardsToPeople(items: Root[]): LayerOutput {
  const out = emptyOutput();
  for (const item of items) readCard(item, out, 0);
  return out;
}

function readCard(item: Root, out: LayerOutput, depth: number) {
  if (depth > 5) return;
  const types = item.type ?? [];
  if (types.includes('h-card')) {
    const card = cardOf(item);
    if (card.kind === 'org' && card.org) out.organizations.push(card.org);
    else if (card.kind === 'person' && card.person) out.people.push(card.person);
    // an author inside an entry, a card inside a card: children and properties may hold more cards
  }
  for (const [key, values] of Object.entries(item.properties ?? {})) {
    if (CITED_PROPERTY.test(key)) continue;
    for (const v of values) {
      // p-author h-card inside h-entry: a person; p-org h-card inside a card is the company, handled in cardOf
      if (isRoot(v) && !types.includes('h-card') && (v.type ?? []).includes('h-card')) readCard(v, out, depth + 1);
    }
  }
  for (const child of item.children ?? []) readCard(child, out, depth + 1);
}

const CITED = /(?:^|\s)u-(?:bookmark|like|repost|quotation)-of(?:\s|$)|(?:^|\s)u-in-reply-to(?:\s|$)/;
const CITED_PROPERTY = /^(?:bookmark|like|repost|quotation)-of$|^in-reply-to$/;

function isRoot(v: unknown): v is Root {
  return !!v && typeof v === 'object' && 'properties' in v;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return cleanText(v);
  if (v && typeof v === 'object') {
    const o = v as { value?: unknown; html?: unknown; properties?: Record<string, unknown[]> };
    if (o.properties?.name?.length) return text(o.properties.name[0]);
    if (typeof o.value === 'string') return cleanText(o.value);
  }
  return undefined;
}

function all(item: Root, prop: string): string[] {
  return (item.properties[prop] ?? []).map(text).filter((x): x is string => !!x);
}
const one = (item: Root, prop: string) => all(item, prop)[0];

function cardOf(item: Root): { kind: 'person' | 'org' | 'none'; person?: RawPerson; org?: RawOrganization } {
  const given = one(item, 'given-name');
  const family = one(item, 'family-name');
  const additional = one(item, 'additional-name');
  let name = one(item, 'name');
  // no formatted name: compose it from its parts (the honorific prefix is a form of address, not the name)
  if (!name && (given || family)) name = [given, additional, family].filter(Boolean).join(' ');
  const orgValue = item.properties.org?.[0];
  const org = text(orgValue) ?? one(item, 'organization-name');
  const emails = all(item, 'email');
  const phones = all(item, 'tel');
  const links = all(item, 'url').concat(all(item, 'uid').filter((u) => /^https?:/.test(u)));
  const isOrg = (item.type ?? []).includes('h-org') || (!!name && !!org && name === org && !given && !family);
  if (isOrg || (!name && org)) {
    const o: RawOrganization = { layer: 'hcard', name: name ?? org };
    if (links.length) o.links = links;
    if (emails.length) o.emails = emails;
    if (phones.length) o.phones = phones;
    return { kind: 'org', org: o };
  }
  if (!name) return { kind: 'none' };
  const p: RawPerson = { layer: 'hcard', name };
  if (given) p.firstName = given;
  if (family) p.lastName = family;
  const title = one(item, 'job-title') ?? one(item, 'title') ?? one(item, 'role');
  if (title) p.jobTitle = title;
  if (org) p.company = org;
  const location = locationOf(item);
  if (location) p.location = location;
  if (emails.length) p.emails = emails;
  if (phones.length) p.phones = phones;
  // the org's own url (a nested h-card under p-org) is not the person's link
  if (links.length) p.links = links;
  return { kind: 'person', person: p };
}

function locationOf(item: Root): string | undefined {
  const adr = item.properties.adr?.[0];
  const from = (r: Root) => {
    const parts = [one(r, 'locality'), one(r, 'region'), one(r, 'country-name')].filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  };
  if (isRoot(adr)) return from(adr) ?? text(adr);
  if (typeof adr === 'string') return cleanText(adr);
  return from(item) ?? one(item, 'label');
}
