import type { SiteExtractor } from '../types';

/** Every site extractor, one file each. The registry test checks each one's patterns, samples and fixtures. */
export const siteExtractors: SiteExtractor[] = [];

/** The extractor that recognises this URL, if any. */
export function findSite(url: URL): SiteExtractor | undefined {
  return siteExtractors.find((s) => s.matches(url));
}
