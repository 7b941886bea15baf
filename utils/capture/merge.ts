import type { PersonField, PersonRole } from '../model/capture';
import type { RawPerson } from './types';
import { nameKey } from './normalize/name';

/**
 * Merge: records of the same person (same email, same profile link, same name) become one, each field taken from
 * the most trusted layer that has it (site extractors and primary records first, then structured data, then text
 * heuristics), with its provenance in `sources`.
 */

/** A person after normalisation, before merge: values are clean, lists canonical. */
export interface NormPerson {
  layer: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  company?: string;
  location?: string;
  emails: string[];
  phones: string[];
  links: string[];
  /** the subset of links that identify a person (LinkedIn/GitHub/X profiles) */
  profileLinks: string[];
  /** the subset of links that are the person's own (identity evidence), as the layer vouched */
  ownLinks: string[];
  role?: PersonRole;
  primary?: boolean;
}

export interface MergedPerson extends NormPerson {
  sources: Partial<Record<PersonField, string>>;
  layers: string[];
}

const GENERIC_RANK: Record<string, number> = {
  jsonld: 2, microdata: 2, rdfa: 2, hcard: 2, meta: 3, signature: 4, byline: 4, card: 5, text: 6,
};

export function rankOf(p: Pick<RawPerson, 'layer' | 'primary'>): number {
  const base = GENERIC_RANK[p.layer] ?? 1; // any other layer id is a site extractor
  return p.primary ? base - 0.5 : base;
}

const SCALARS = ['name', 'firstName', 'lastName', 'jobTitle', 'company', 'location', 'role'] as const;
const LISTS = ['emails', 'phones', 'links'] as const;

export function mergePeople(people: NormPerson[]): MergedPerson[] {
  const parent = people.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  /** each group's own profile links by profile site ("linkedin.com/in" → the slug's link): namesakes differ there */
  const profiles = people.map((p) => profileSites(p.ownLinks.filter((l) => p.profileLinks.includes(l))));
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    parent[gone] = keep;
    for (const [site, l] of profiles[gone]!) if (!profiles[keep]!.has(site)) profiles[keep]!.set(site, l);
  };
  /** two people of one name with different profiles on one site ("Others named Lucía Fernández") are namesakes */
  const namesakes = (a: number, b: number) => {
    const pa = profiles[find(a)]!, pb = profiles[find(b)]!;
    for (const [site, l] of pa) if (pb.has(site) && pb.get(site) !== l) return true;
    return false;
  };
  // addresses and profile links first: they are identity; a name joins only what they did not keep apart
  const byKey = new Map<string, number>();
  people.forEach((p, i) => {
    for (const k of [...p.emails.map((e) => `e:${e}`), ...p.profileLinks.map((l) => `l:${l}`)]) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else union(i, j);
    }
  });
  const byName = new Map<string, number[]>();
  people.forEach((p, i) => {
    const k = p.name ? nameKey(p.name) : '';
    if (!k) return;
    const seen = byName.get(k);
    if (!seen) return void byName.set(k, [i]);
    const j = seen.find((x) => !namesakes(i, x));
    if (j === undefined) seen.push(i);
    else union(i, j);
  });
  const groups = new Map<number, NormPerson[]>();
  people.forEach((p, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(p);
  });
  const merged: MergedPerson[] = [];
  for (const [, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    const ranked = [...group].sort((a, b) => rankOf(a) - rankOf(b));
    const m: MergedPerson = { layer: ranked[0]!.layer, emails: [], phones: [], links: [], profileLinks: [], ownLinks: [], sources: {}, layers: [] };
    for (const p of ranked) {
      if (!m.layers.includes(p.layer)) m.layers.push(p.layer);
      if (p.primary) m.primary = true;
      for (const f of SCALARS) {
        if (m[f] == null && p[f] != null && p[f] !== '') {
          (m as unknown as Record<string, unknown>)[f] = p[f];
          m.sources[f] = p.layer;
        }
      }
      for (const f of LISTS) {
        for (const v of p[f]) {
          if (!m[f].includes(v)) {
            m[f].push(v);
            m.sources[f] ??= p.layer;
          }
        }
      }
      for (const l of p.profileLinks) if (!m.profileLinks.includes(l)) m.profileLinks.push(l);
      for (const l of p.ownLinks) if (!m.ownLinks.includes(l)) m.ownLinks.push(l);
    }
    // a name given as parts by one layer and whole by another: keep the parts only when they agree with the name
    if (m.name && m.firstName && !m.name.includes(m.firstName)) {
      delete m.firstName;
      delete m.sources.firstName;
    }
    if (m.name && m.lastName && !m.name.includes(m.lastName)) {
      delete m.lastName;
      delete m.sources.lastName;
    }
    merged.push(m);
  }
  return merged;
}

const PROFILE_PREFIX = /^(?:in|pub|sales|profile|profiles|people|u|user|users)$/i;

/** Profile links by the site and kind of profile they are on ("linkedin.com/in", "github.com"), the first of each. */
function profileSites(links: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of links) {
    try {
      const u = new URL(l);
      const first = u.pathname.split('/')[1] ?? '';
      const site = `${u.hostname.replace(/^(?:www|m|mobile|[a-z]{2})\./, '')}${PROFILE_PREFIX.test(first) ? `/${first}` : ''}`;
      if (!out.has(site)) out.set(site, l.toLowerCase().replace(/\/+$/, ''));
    } catch {
      /* not a URL */
    }
  }
  return out;
}
