import type { SiteExtractor } from '../types';
import { siteClaims } from './define';
import * as registry from './registry';

/**
 * Every site, full extractors with their DOM code: for collect() in the CLI, the tests and the benchmark. The extension
 * never bundles this list: the background gets the URL matchers alone (sites/match.ts) and each page gets only the
 * one site script its URL needs.
 */
export const siteExtractors: SiteExtractor[] = Object.values(registry);

/** The extractor that recognises this URL, if any. */
export function findSite(url: URL): SiteExtractor | undefined {
  return siteExtractors.find((s) => siteClaims(s, url));
}
