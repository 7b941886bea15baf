import type { Collected, SiteExtractor, SiteResult } from './types';
import { DEFAULT_LIMITS, scanAttributes, walkText, type WalkLimits } from './dom/walk';
import { collectHcards, collectItems, collectJsonLd, collectMeta } from './dom/structured';

/**
 * collectPage(document, url, { site }): the half of capture that runs inside the page. It reads the DOM once, asks the
 * given site extractor (if any) for what it knows, and gathers raw material for refine. No heavy libraries and no site
 * registry here: this is the core script injected into the user's tab, and the background injects the one site
 * extractor the URL needs beside it. collect() (collect.ts) looks the extractor up by URL for the CLI and tests.
 */

export interface CollectOptions {
  /** bounds on the text walk (nodes, characters, milliseconds) */
  limits?: Partial<WalkLimits>;
  /** the site extractor to use; collect() looks one up by URL when this is undefined, null means none */
  site?: SiteExtractor | null;
}

export function collectPage(doc: Document, url: string, options: CollectOptions = {}): Collected {
  const warnings: string[] = [];
  const out: Collected = {
    url,
    site: 'generic',
    pageKind: 'page',
    people: [],
    raw: { hcards: [], jsonld: [], textBlocks: [], meta: {} },
    warnings,
  };
  try {
    out.title = doc.title?.trim().slice(0, 500) || undefined;
    out.lang = doc.documentElement?.getAttribute('lang') ?? undefined;

    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      warnings.push('capture: the page URL could not be parsed');
    }

    let siteResult: SiteResult | null = null;
    const extractor = options.site;
    if (extractor && parsed) {
      try {
        siteResult = extractor.collect(doc, parsed);
      } catch (e) {
        warnings.push(`capture: the ${extractor.id} reader failed (${errorText(e)}); generic layers only`);
      }
      if (siteResult) {
        out.site = extractor.id;
        out.pageKind = siteResult.pageKind;
        out.people = siteResult.people.map((p) => ({ ...p, layer: p.layer || extractor.id }));
        if (siteResult.organization) out.organization = siteResult.organization;
        if (siteResult.viewer) out.viewer = siteResult.viewer;
        if (siteResult.email) out.email = siteResult.email;
        if (siteResult.campaignLinks?.length) out.campaignLinks = siteResult.campaignLinks;
        if (!siteResult.people.length) warnings.push(`capture: the ${extractor.id} reader found no one; generic layers only`);
      }
    }

    const exclude = siteResult?.exclude ?? [];
    const scope = siteResult?.scope?.length ? siteResult.scope : undefined;
    const guard = <T>(what: string, f: () => T, fallback: T): T => {
      try {
        return f();
      } catch (e) {
        warnings.push(`capture: reading ${what} failed (${errorText(e)})`);
        return fallback;
      }
    };

    out.raw.meta = guard('meta tags', () => collectMeta(doc), {});
    out.raw.jsonld = guard('JSON-LD', () => collectJsonLd(doc), []);
    // one selector pass finds hidden elements and structured-data roots for the collectors and the walk alike
    // (each querySelectorAll is a traversal of the whole document); null on a page too large for it
    const scan = guard('attributes', () => scanAttributes(doc), null);
    out.raw.hcards = guard('h-cards', () => collectHcards(doc, exclude, scan?.hcards), []);
    const items = guard('microdata', () => collectItems(doc, exclude, scan ?? undefined), []);
    if (items.length) out.raw.items = items;
    const logo = guard('logo', () => logoAlt(doc), undefined)?.trim();
    if (logo) out.raw.logo = logo;
    // in the head (where the spec puts it): a selector over the whole document is a traversal of a large page
    const canonical = (doc.head ?? doc).querySelector('link[rel~="canonical" i]')?.getAttribute('href');
    if (canonical) out.raw.canonical = canonical.slice(0, 2048);
    if (doc.baseURI && doc.baseURI !== url && /^https?:/.test(doc.baseURI)) out.raw.baseUrl = doc.baseURI.slice(0, 2048);

    const roots = scope ?? [doc.body ?? doc.documentElement].filter((x): x is HTMLElement => !!x);
    const walked = guard(
      'text',
      () => walkText(roots, new Set(exclude), { ...DEFAULT_LIMITS, ...options.limits }, scan),
      { blocks: [], nodes: 0, chars: 0 },
    );
    out.raw.textBlocks = walked.blocks;
    if (walked.partial) out.partial = true;
    if (walked.truncated) warnings.push(`capture: ${walked.truncated}; the result may be incomplete`);
  } catch (e) {
    warnings.push(`capture: collect failed (${errorText(e)}); returning what was found`);
  }
  return out;
}

/**
 * The alt text of the first image that says it is a logo (its class or a wrapper's, its alt, its file name). Read from
 * the document's images, not a selector over every element: `[class*=logo i] img` is a traversal of a large page.
 */
function logoAlt(doc: Document): string | undefined {
  for (const img of Array.from(doc.images)) {
    const alt = img.getAttribute('alt');
    if (!alt) continue;
    if (/logo/i.test(alt) || /logo/i.test(img.getAttribute('src') ?? '') || img.closest('[class*=logo i]')) return alt.slice(0, 200);
  }
  return undefined;
}

export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 200);
}
