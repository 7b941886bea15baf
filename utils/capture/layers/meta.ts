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
  const orgName = cleanText(m['og:site_name']) ?? titleSuffix(c.title);
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
    const t = cleanText(part);
    if (t && t.length <= 60 && t.split(' ').length <= 6 && !GENERIC_TITLE.test(t) && !/^\d|\b\d{5}\b|,\s*\p{Lu}{2}\b/u.test(t)) return t;
  }
  return undefined;
}
