import type { Collected, RawOrganization, RawPerson } from '../types';
import { cleanText, looksLikePersonName } from '../normalize/name';
import { emptyOutput, type LayerOutput } from './context';

/**
 * Open Graph and profile meta tags: og:type=profile names the page's person (profile:first_name …); an article's
 * author tag names its author; og:site_name and the title name the organisation.
 */
export function metaLayer(c: Collected): LayerOutput {
  const out = emptyOutput();
  const m = c.raw.meta;
  const type = (m['og:type'] ?? '').toLowerCase();
  if (type === 'profile' || type.endsWith('.profile') || type === 'og:profile') {
    const first = cleanText(m['profile:first_name']);
    const last = cleanText(m['profile:last_name']);
    const name = first || last ? [first, last].filter(Boolean).join(' ') : stripSiteSuffix(m['og:title'] ?? c.title ?? '');
    if (name) {
      const p: RawPerson = { layer: 'meta', name, primary: true, role: 'profile' };
      if (first) p.firstName = first;
      if (last) p.lastName = last;
      const url = m['og:url'] ?? c.raw.canonical;
      if (url) p.links = [url];
      out.people.push(p);
      out.pageKind = 'profile';
    }
  } else if (type === 'article' || m['article:author'] || m['author']) {
    const author = cleanText(m['author'] ?? m['article:author'] ?? m['parsely-author'] ?? m['sailthru.author']);
    // <meta name="author"> on a page that is not an article names whoever built the site or runs its CMS
    // ("Super User", the web designer), not a person the page is about
    const article = type === 'article' || !!m['article:author'] || !!m['article:published_time'] || !!m['parsely-author'] || !!m['sailthru.author'];
    if (author && article && looksLikePersonName(author)) {
      const p: RawPerson = { layer: 'meta', name: author, role: 'author' };
      const handle = m['twitter:creator'];
      if (handle && /^@\w{1,15}$/.test(handle)) p.links = [`https://x.com/${handle.slice(1)}`];
      out.people.push(p);
    }
    if (type === 'article') out.pageKind = 'article';
  }
  const orgName = cleanText(m['og:site_name']) ?? titleSuffix(c.title) ?? copyrightName(c.raw.textBlocks ?? []) ?? logoName(c.raw.logo);
  if (orgName) {
    const o: RawOrganization = { layer: 'meta', name: orgName };
    out.organizations.push(o);
  }
  return out;
}

/** "Jane Doe (@jane) / X", "Jane Doe | LinkedIn", "Jane Doe - GitHub" → "Jane Doe". */
export function stripSiteSuffix(title: string): string | undefined {
  return cleanText(title.replace(/\s*\(@[\w.-]+\)\s*|\s*\(\w+\)\s*/g, ' ').replace(/\s+(?:[|·/–—-]|on)\s+[^|·/–—-]+$/, ''));
}

const GENERIC_TITLE =
  /^(?:(?:welcome(?: to)?|home(?: ?page)?|contact(?: us)?|about(?: us)?|our team|team|meet the team|staff|people|leadership|locations?|directions|careers|jobs|news|blog|services|products|faq|impressum|imprint|kontakt|privacy policy|terms(?: of use)?|index|page)\b[\s\w]{0,20})$/i;

/** The site name a page title ends with: "Contact us | Quarry Tools Ltd" → "Quarry Tools Ltd". */
export function titleSuffix(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const parts = title.split(/\s+[|·–—-]\s+/);
  if (parts.length < 2) return undefined;
  // the site's name is the end of the title that is not a page's generic label ("Contact Us", "Home") nor an address
  for (const part of [parts[parts.length - 1], parts[0]]) {
    // "Pinecrest Group Careers", "Acme Robotics Newsroom": the site's name before the section's
    const t = cleanText(part?.replace(SECTION_SUFFIX, ''));
    if (t && t.length <= 60 && t.split(' ').length <= 6 && !GENERIC_TITLE.test(t) && !/^\d|\b\d{5}\b|,\s*\p{Lu}{2}\b/u.test(t)) return t;
  }
  return undefined;
}

const SECTION_SUFFIX = /\s+(?:careers|jobs|newsroom|news(?:\s+room)?|press(?:\s+room)?|blog|media(?:\s+cent(?:er|re))?|karriere|presse)$/i;

// "© 2024 Harbor Point Marine Services, LLC. All rights reserved.", "Copyright © 2023 Acme Corp | Privacy Policy"
const COPYRIGHT =
  /(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–—]\s*(?:\d{4}|present))?\s*,?\s*)?(?:by\s+)?(\p{Lu}[^|·•\n]{1,80}?)(?:,?\s+\d{4})?\s*(?:[.,]?\s*(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos|tutti i diritti)|\s+[|·•]\s+|\.\s|\.?$)/iu;
const NOT_ORG = /^(?:all rights|alle rechte|notice|policy|information|\d)|\b(?:website|site|web design|designed|powered|developed|hosted|built)\b/i;

/** The organisation a copyright line names (the last one on the page: the site's footer). */
export function copyrightName(blocks: readonly { text: string }[]): string | undefined {
  for (let i = blocks.length - 1; i >= 0 && i >= blocks.length - 40; i--) {
    const text = blocks[i]!.text;
    if (!/©|\(c\)|copyright/i.test(text)) continue;
    for (const line of text.split('\n')) {
      const m = COPYRIGHT.exec(line);
      const name = cleanText(m?.[1]?.replace(/[\s,.]+$/, '').replace(/\s+\d{4}$/, ''));
      if (name && name.length <= 60 && name.split(' ').length <= 8 && !NOT_ORG.test(name) && !/@|https?:/.test(name)) return name;
    }
  }
  return undefined;
}

/** "Riverside Dental Group logo", "Logo of Acme", "Acme - Home": the name in a logo's alt text. */
export function logoName(alt: string | undefined): string | undefined {
  const t = cleanText(alt?.replace(/\b(?:company\s+)?logo(?:\s+of)?\b|\b(?:home\s*page|home|link to|go to|back to|return to)\b|[|–—-]\s*$/gi, ' ').replace(/^[\s|–—-]+|[\s|–—-]+$/g, ''));
  if (!t || t.length < 2 || t.length > 60 || t.split(' ').length > 6 || GENERIC_TITLE.test(t) || !/^[\p{Lu}\d]/u.test(t)) return undefined;
  return t;
}
