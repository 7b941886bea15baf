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
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  people.forEach((p, i) => {
    const keys = [
      ...p.emails.map((e) => `e:${e}`),
      ...p.profileLinks.map((l) => `l:${l}`),
      ...(p.name ? [`n:${nameKey(p.name)}`] : []),
    ];
    for (const k of keys) {
      if (k === 'n:') continue;
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else union(i, j);
    }
  });
  const groups = new Map<number, NormPerson[]>();
  people.forEach((p, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(p);
  });
  const merged: MergedPerson[] = [];
  for (const [, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    const ranked = [...group].sort((a, b) => rankOf(a) - rankOf(b));
    const m: MergedPerson = { layer: ranked[0]!.layer, emails: [], phones: [], links: [], profileLinks: [], sources: {}, layers: [] };
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
