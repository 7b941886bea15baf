import type { SiteExtractor } from '../types';

/**
 * The hand-over between the two injected scripts. The background runs `site-<id>.js` then `capture.js` in one
 * `executeScript({ files })` call; the first leaves its extractor here, the second takes it. Both run in the
 * extension's isolated world, which outlives a capture (and an SPA's in-page navigation), so the slot is emptied
 * when read and the extractor is used only if it still claims the page's URL.
 */
const SLOT = '__touchpointSite';

type Slot = { [SLOT]?: SiteExtractor };

export function offerSite(extractor: SiteExtractor): void {
  (globalThis as Slot)[SLOT] = extractor;
}

/** The extractor left by a site script for this URL, or null (generic layers only). */
export function takeSite(url: string): SiteExtractor | null {
  const g = globalThis as Slot;
  const site = g[SLOT];
  delete g[SLOT];
  if (!site || typeof site.collect !== 'function' || typeof site.matches !== 'function') return null;
  try {
    return site.matches(new URL(url)) ? site : null;
  } catch {
    return null;
  }
}

/**
 * The background's request for a quick first read (the popup's first capture of a very large page): set by a tiny
 * script (entrypoints/capture-quick.content.ts) injected first in the same call as the capture scripts, taken (and
 * cleared) by the core script.
 */
export const QUICK_SLOT = '__touchpointQuick';

export function takeQuick(): boolean {
  const g = globalThis as Record<string, unknown>;
  const quick = g[QUICK_SLOT] === true;
  delete g[QUICK_SLOT];
  return quick;
}
