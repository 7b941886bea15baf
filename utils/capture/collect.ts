import { collectPage, errorText, type CollectOptions } from './collect-page';
import { findSite } from './sites';
import type { Collected, SiteExtractor } from './types';

/**
 * collect(document, url): collectPage with the site extractor that recognises the URL (unless options.site names one,
 * or null for none). This imports every site extractor, so it serves the CLI, the tests and the benchmark; the
 * extension injects collectPage and the one site script the URL needs instead (entrypoints/capture.content.ts).
 */
export function collect(doc: Document, url: string, options: CollectOptions = {}): Collected {
  return collectPage(doc, url, { ...options, site: options.site !== undefined ? options.site : siteFor(url) });
}

function siteFor(url: string): SiteExtractor | null {
  try {
    return findSite(new URL(url)) ?? null;
  } catch {
    return null; // collectPage reports the unparsable URL
  }
}

export { collectPage, errorText };
export type { CollectOptions };
