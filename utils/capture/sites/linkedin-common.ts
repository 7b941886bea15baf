/** What every LinkedIn page shares: the signed-in viewer in the global nav, chrome to ignore, headline parsing. */
import type { Viewer } from '../types';
import { absUrl, all, attr, clean, first, firstText, uniq } from './dom';

export const isLinkedInHost = (url: URL): boolean => /(^|\.)linkedin\.com$/i.test(url.hostname);

/** The "Me" menu of the global nav carries the viewer's photo with their name as alt text. */
const VIEWER_NAME = [
  'img.global-nav__me-photo[alt]',
  '.global-nav__me img[alt]',
  '#global-nav img[alt].nav-item__profile-member-photo',
  '.global-nav__me-content img[alt]',
  'header img[alt].global-nav__me-photo',
];
const VIEWER_LINK = ['.global-nav__me-content a[href*="/in/"]', '.global-nav__me a[href*="/in/"]', 'a[data-control-name="identity_welcome_message"]', '.feed-identity-module a[href*="/in/"]'];

export function linkedInViewer(doc: Document): Viewer | undefined {
  const name = clean(attr(doc, VIEWER_NAME, 'alt'))
    .replace(/^(photo of|foto de|photo de)\s+/i, '');
  const links = uniq(all(doc, VIEWER_LINK).map((a) => absUrl(a.getAttribute('href'), doc.baseURI ?? 'https://www.linkedin.com/')));
  if (!name && !links.length) return undefined;
  const viewer: Viewer = {};
  if (name && !/^(me|you|profile)$/i.test(name)) viewer.name = name;
  if (links.length) viewer.links = links.map((l) => profileLink(l) ?? l);
  return viewer.name || viewer.links ? viewer : undefined;
}

/** Page chrome that is never the page's people: nav, footer, messaging overlay, ads. */
export function linkedInChrome(doc: Document): Element[] {
  return all(doc, ['#global-nav, header.global-nav, .global-nav']).concat(
    all(doc, ['footer, .global-footer']),
    all(doc, ['#msg-overlay, .msg-overlay-container, aside.msg-overlay-list-bubble']),
    all(doc, ['.ad-banner-container, [data-ad-banner], iframe[title*="advertisement" i]']),
  );
}

/** `https://www.linkedin.com/in/<slug>/` for any link into a member profile (or undefined). */
export function profileLink(href: string | null | undefined, base: string | URL = 'https://www.linkedin.com/'): string | undefined {
  const abs = absUrl(href, base);
  if (!abs) return undefined;
  const u = new URL(abs);
  if (!isLinkedInHost(u)) return undefined;
  const m = /^\/in\/([^/?#]+)/.exec(u.pathname);
  if (m?.[1]) return `https://www.linkedin.com/in/${m[1]}/`;
  // Sales Navigator leads have no public slug: the lead id is the identity (auth tokens after the comma are not)
  const lead = /^\/sales\/(?:lead|people)\/([^/,?#]+)/.exec(u.pathname);
  if (lead?.[1]) return `https://www.linkedin.com/sales/lead/${lead[1]}`;
  return undefined;
}

/**
 * "Head of Partnerships at Northwind Analytics | SaaS…" → { jobTitle: "Head of Partnerships", company: "Northwind Analytics" }.
 * Headlines are free text: when there is no "at"/"@" the whole first clause is taken as the title and the company is unknown.
 */
export function splitHeadline(headline: string | undefined): { jobTitle?: string; company?: string } {
  const h = clean(headline);
  if (!h) return {};
  const firstClause = h.split(/\s+[|•·]\s+|\s+[-–—]\s+(?=[A-Z])/)[0] ?? h;
  const m = /^(.+?)\s+(?:at|@|chez|bei|en|presso|na|bij)\s+(.+)$/i.exec(firstClause) ?? /^(.+?)\s*@\s*(.+)$/.exec(firstClause);
  if (m?.[1] && m[2]) {
    const company = clean(m[2].split(/\s*[,;(]\s*/)[0]);
    return { jobTitle: clean(m[1]).replace(/[,;]$/, ''), company: company || undefined };
  }
  return { jobTitle: firstClause };
}

/** Sections whose title says they are recommendations, not the page's subject. */
export const RECOMMENDATION_TITLES =
  /people also viewed|more profiles for you|people you may know|you might like|other similar profiles|people also follow|explore premium profiles|pages people also viewed|similar pages|affiliated pages|who your viewers also viewed|people similar to|others named|more from this company|promoted/i;

export function recommendationSections(doc: Document): Element[] {
  return all(doc, ['section, .artdeco-card, aside > div']).filter((s) => {
    const h = firstText(s, ['h2', 'h3', '.pvs-header__title', '[role="heading"]']);
    return !!h && h.length < 80 && RECOMMENDATION_TITLES.test(h);
  });
}

export const mainRoot = (doc: Document): Element | null => first(doc, ['main', '[role="main"]', '.application-outlet', '#main']);
