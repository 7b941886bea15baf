import type { EmailMeta, PageKind, PersonRole } from '../model/capture';

/**
 * Capture runs in two pure steps (design.md):
 *   collect(document, url) → Collected   in the page: DOM walking, site selectors, raw strings. Small, no heavy libraries.
 *   refine(collected)      → Capture     outside the page: phone parsing, microformats, normalisation, judgement, merge.
 * Collected must survive structured cloning (it crosses scripting.executeScript), so: plain data only.
 */

/** A person as one layer saw it, before normalisation and merge. Values are raw strings as on the page. */
export interface RawPerson {
  /** layer id: a site extractor id ("linkedin", "gmail" …) or a generic layer ("jsonld", "microdata", "hcard", "meta", "text", "signature", "byline") */
  layer: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  company?: string;
  location?: string;
  emails?: string[];
  /** raw phone strings, parsed to E.164 in refine */
  phones?: string[];
  /** raw hrefs (absolute), canonicalised in refine */
  links?: string[];
  /**
   * The subset of `links` this layer vouches are the person's own (identity evidence): a profile page's own URL, an
   * h-card's u-url, a one-person card's social links. Absent: site, structured-data, meta and signature layers vouch
   * for all their links, the other text layers for none (refine.ts `ownLinksOf`).
   */
  ownLinks?: string[];
  role?: PersonRole;
  /** true when this record describes the page's main subject (a profile's owner): it wins ties in merge */
  primary?: boolean;
}

export interface RawOrganization {
  layer: string;
  name?: string;
  domain?: string;
  links?: string[];
  emails?: string[];
  phones?: string[];
}

/** Who is looking at the page (mailbox owner, signed-in viewer): never a capture, and their domain marks colleagues. */
export interface Viewer {
  name?: string;
  emails?: string[];
  links?: string[];
}

export interface Collected {
  url: string;
  title?: string;
  /** <html lang>, for phone region guessing */
  lang?: string;
  /** id of the site extractor that recognised the page, or "generic" */
  site: string;
  pageKind: PageKind;
  people: RawPerson[];
  organization?: RawOrganization;
  viewer?: Viewer;
  email?: EmailMeta;
  /** hrefs whose UTM parameters are the campaign (in an email: links in the mailbox owner's quoted message) */
  campaignLinks?: string[];
  /** raw material that only refine can interpret (heavy parsers stay out of the page) */
  raw: {
    /** outerHTML of microformats h-card / vcard roots */
    hcards: string[];
    /** text of <script type="application/ld+json"> blocks */
    jsonld: string[];
    /** visible text blocks for email/phone/signature/byline heuristics, in document order */
    textBlocks: TextBlock[];
    /** <meta> name/property → content, for Open Graph and profile tags */
    meta: Record<string, string>;
    /** schema.org items written as microdata or RDFa, read into plain trees in the page */
    items?: StructuredItem[];
    /** the alt text of the site's logo image, which often names the organisation */
    logo?: string;
    /** <link rel="canonical"> */
    canonical?: string;
    /** document.baseURI when a <base> element makes it differ from the page URL (relative URLs in h-cards) */
    baseUrl?: string;
  };
  warnings: string[];
  /** collect read only the start of the page, as asked (a quick first read: utils/capture/partial.ts) */
  partial?: boolean;
}

export interface TextBlock {
  text: string;
  /** the hrefs of mailto:/tel:/http links inside the block */
  links?: string[];
  /** a hint of what the block is ("signature", "contact", "footer", "main") when the DOM tells */
  hint?: string;
  /** text of the heading (h1–h6) that opens the block, when one does */
  heading?: string;
  /** the block sits inside a card-like container (article, li, a class naming a card/person/contact) */
  card?: boolean;
  /** the block sits inside microdata, RDFa or an h-card: the structured layers read it, the text heuristics need not */
  structured?: boolean;
  /**
   * name-shaped alt texts of images in the block, each with the index of the line it stands before: a card's photo
   * may be the only place its person is named. Not part of `text` (only the person finder weighs them)
   */
  alts?: [number, string][];
}

/** A microdata or RDFa item: its type(s) and properties, values are strings or nested items. */
export interface StructuredItem {
  /** "microdata" or "rdfa" */
  syntax: string;
  /** itemtype / typeof, as written (full URLs or bare names) */
  types: string[];
  props: Record<string, (string | StructuredItem)[]>;
}

/**
 * One site per file under sites/, listed in sites/registry.ts; sites/define.ts says how a file declares one. Sample
 * URLs and fixtures live in the tests (tests/fixtures/sites/samples.json), never in the injected script.
 */
export interface SiteExtractor {
  id: string;
  /** browser match patterns this site applies to, tested at run time (WXT's MatchPattern) */
  patterns: string[];
  /**
   * The site's own narrowing of its patterns (sites/define.ts): `siteClaims(site, url)` tests both. In the page the
   * site script re-checks only this, since the background chose the script by the patterns.
   */
  matches(url: URL): boolean;
  /**
   * Read the page. Returning null (or no people) means "not recognised as rendered": the generic layers still run.
   * Must not throw; collect() guards it anyway.
   */
  collect(doc: Document, url: URL): SiteResult | null;
}

export interface SiteResult {
  pageKind: PageKind;
  people: RawPerson[];
  organization?: RawOrganization;
  viewer?: Viewer;
  email?: EmailMeta;
  campaignLinks?: string[];
  /** DOM subtrees the generic layers should not read (sidebars, "People also viewed", message lists) */
  exclude?: Element[];
  /** when set, the generic text layers read only inside these roots (the open message, the profile main) */
  scope?: Element[];
}
