import type { CountryCode } from 'libphonenumber-js/max';
import type { Collected, RawOrganization, RawPerson } from '../types';
import { findPhoneCandidates, regionFromHost, regionFromLang, regionOf, regionsFromAddresses } from '../normalize/phone';
import { siteDomain } from '../normalize/link';

/** What the refine layers know about the page as a whole. */
export interface RefineContext {
  url?: URL;
  /** registrable domain of the page host (harborlight.example) */
  domain: string;
  /** phone regions for numbers without a country, best first */
  regions: CountryCode[];
  collected: Collected;
  /**
   * On a profile page, the person the page is about (a site's or structured data's primary record): contact data in
   * the profile's own text that names nobody else is theirs. Set by refine once the structured layers have run.
   */
  owner?: { name: string };
}

/** What one refine layer read: people, organisations, and what the page seems to be. */
export interface LayerOutput {
  people: RawPerson[];
  organizations: RawOrganization[];
  /** a layer's opinion of the page kind (ProfilePage → profile, Article → article) */
  pageKind?: 'profile' | 'article' | 'company' | 'directory';
}

export const emptyOutput = (): LayerOutput => ({ people: [], organizations: [] });

export function makeContext(collected: Collected): RefineContext {
  let url: URL | undefined;
  try {
    url = new URL(collected.url);
  } catch {
    url = undefined;
  }
  const regions: CountryCode[] = [];
  const add = (r: CountryCode | undefined) => {
    if (r && !regions.includes(r)) regions.push(r);
  };
  add(url ? regionFromHost(url.hostname) : undefined);
  // the countries of the international numbers written on the page, most frequent first
  const counts = new Map<CountryCode, number>();
  let seen = 0;
  for (const b of collected.raw.textBlocks) {
    if (seen > 200) break;
    for (const href of b.links ?? []) {
      if (/^tel:/i.test(href)) bump(counts, regionOf(href.slice(4)));
    }
    if (!b.text.includes('+')) continue;
    for (const c of findPhoneCandidates(b.text)) {
      if (c.raw.startsWith('+')) {
        bump(counts, regionOf(c.raw));
        seen++;
      }
    }
  }
  for (const [r] of [...counts].sort((a, b) => b[1] - a[1])) add(r);
  // the country of the postal addresses written on the page ("Edmonton, AB T5J 3N4")
  let text = '';
  for (const b of collected.raw.textBlocks) {
    if (text.length > 200_000) break;
    text += `${b.text}\n`;
  }
  // and the postal addresses given as structured data (JSON-LD PostalAddress), which the page's text may not show
  const structured = structuredAddresses(collected.raw.jsonld);
  for (const c of structured.countries) add(c);
  for (const r of regionsFromAddresses(`${text}\n${structured.lines.join('\n')}`)) add(r);
  // when nothing else says where the page is: the country domain of the addresses written on it (a .com site whose
  // staff write from @firm.co.uk); a page of offices worldwide has other signals, and its addresses would mislead
  if (!regions.length) {
    const mail = new Map<CountryCode, number>();
    for (const m of text.matchAll(/@[a-z\d-]+(?:\.[a-z\d-]+)*\.([a-z]{2})\b/gi)) bump(mail, regionFromHost(`x.${m[1]}`));
    add([...mail].sort((a, b) => b[1] - a[1])[0]?.[0]);
  }
  add(regionFromLang(collected.lang));
  return { url, domain: url ? siteDomain(url.hostname) : '', regions, collected };
}

/** The countries (ISO codes) and "Locality, Region Postcode" lines of the PostalAddresses in JSON-LD blocks. */
function structuredAddresses(blocks: readonly string[]): { countries: CountryCode[]; lines: string[] } {
  const countries: CountryCode[] = [];
  const lines: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.slice(0, 200).forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
    const country = str(o.addressCountry) || str((o.addressCountry as Record<string, unknown> | undefined)?.name);
    if (/^[A-Z]{2}$/.test(country)) countries.push(country as CountryCode);
    if (str(o.addressRegion) && str(o.postalCode)) lines.push(`${str(o.addressLocality)}, ${str(o.addressRegion)} ${str(o.postalCode)}`);
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  for (const block of blocks.slice(0, 20)) {
    try {
      visit(JSON.parse(block), 0);
    } catch {
      /* a broken block says nothing about where the page is */
    }
  }
  return { countries, lines };
}

function bump(counts: Map<CountryCode, number>, r: CountryCode | undefined) {
  if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
}
