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
  for (const r of regionsFromAddresses(text)) add(r);
  add(regionFromLang(collected.lang));
  return { url, domain: url ? siteDomain(url.hostname) : '', regions, collected };
}

function bump(counts: Map<CountryCode, number>, r: CountryCode | undefined) {
  if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
}
