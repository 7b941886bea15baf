/**
 * LinkedIn people lists, for bulk capture: people search results, My Network (connections, invitations, people you
 * may know) and Sales Navigator lead lists and searches. Every listed person is a capture with role 'listed'.
 */
import type { RawPerson, SiteExtractor, SiteResult } from '../types';
import { siteMatch } from './define';
import { all, clean, closest, first, firstText, text, uniq } from './dom';
import { isLinkedInHost, linkedInChrome, linkedInViewer, mainRoot, profileLink, splitHeadline } from './linkedin-common';

const LIST_PATH = /^\/(search\/results\/people|mynetwork|sales\/lists\/people|sales\/search\/people)(\/|$)/;

/** Card containers, most specific first; the generic fallback groups profile links by list item. */
const CARD = [
  'li.reusable-search__result-container',
  '[data-chameleon-result-urn]',
  '[data-view-name="search-entity-result-universal-template"]',
  'li.mn-connection-card',
  '.discover-entity-type-card',
  '.discover-person-card',
  'li.invitation-card',
  'li.org-people-profile-card__profile-card-spacing',
  '.org-people-profile-card',
];

const FIELD = {
  name: [
    '.entity-result__title-text a span[aria-hidden="true"]',
    '.entity-result__title-text a',
    '.mn-connection-card__name',
    '.discover-person-card__name',
    '.invitation-card__title',
    '.artdeco-entity-lockup__title',
    '.org-people-profile-card__profile-title',
    'a[href*="/in/"] span[dir="ltr"] > span[aria-hidden="true"]',
  ],
  headline: [
    '.entity-result__primary-subtitle',
    '.mn-connection-card__occupation',
    '.discover-person-card__occupation',
    '.invitation-card__subtitle',
    '.artdeco-entity-lockup__subtitle',
  ],
  location: ['.entity-result__secondary-subtitle', '.artdeco-entity-lockup__caption', '.discover-person-card__location'],
  /** search results sometimes summarise the current job: "Current: VP Sales at Acme" */
  summary: ['.entity-result__summary', 'p.entity-result__summary--2-lines'],
};

/** Sales Navigator marks every personal field with data-anonymize (used for its own screenshots mode): stable hooks. */
const SALES = {
  name: '[data-anonymize="person-name"]',
  title: ['[data-anonymize="title"]', '[data-anonymize="job-title"]', '[data-anonymize="headline"]'],
  company: '[data-anonymize="company-name"]',
  location: '[data-anonymize="location"]',
  card: ['tr', '[data-x-search-result]', 'li.artdeco-list__item', 'li', 'article'],
};

/** Lines in a card that are UI, not data. */
const NOISE =
  /^(•\s*)?(1st|2nd|3rd\+?|[123](st|nd|rd|th)\s+degree.*)$|^(connect|message|follow|following|pending|ignore|accept|view profile|remove|save|saved|more|send inmail|premium|status is .*|view .+['’]s profile|\d+\s+mutual connections?|.*\bmutual connections?\b.*|.*\bfollowers\b.*|linkedin member|added \d.*|connected .*ago|.*\bis a mutual connection\b.*|open to work|hiring)$/i;

const NOT_A_NAME = /^(linkedin member|member|unknown)$/i;

function leafLines(card: Element, skip: string): string[] {
  const lines: string[] = [];
  for (const el of all(card, ['span[aria-hidden="true"], div, p, span, a'])) {
    if (el.querySelector('div, p, li')) continue; // leaves and near-leaves only
    const t = text(el);
    if (t && t !== skip && !NOISE.test(t) && t.length < 220) lines.push(t);
  }
  return uniq(lines);
}

function personFromCard(card: Element, base: URL): RawPerson | undefined {
  const anchors = all(card, ['a[href*="/in/"]', 'a[href*="/sales/lead/"]', 'a[href*="/sales/people/"]']);
  const link = anchors.map((a) => profileLink(a.getAttribute('href'), base)).find(Boolean);
  const named = anchors.find((a) => text(a));
  // an anchor may wrap the whole card (name, then occupation): its first line is the name
  let name = firstText(card, FIELD.name) ?? (named ? (leafLines(named, '')[0] ?? text(named)) : undefined);
  name = clean(name?.replace(/\s*[•·]\s*(1st|2nd|3rd\+?)\s*$/i, ''));
  if (!name || NOT_A_NAME.test(name) || !link) return undefined;

  const data = (t: string | undefined) => (t && !NOISE.test(t) ? t : undefined);
  let headline = data(firstText(card, FIELD.headline));
  let location = data(firstText(card, FIELD.location));
  if (!headline) {
    // unknown markup: the lines after the name are the headline, then the location
    const lines = leafLines(card, name).filter((l) => !l.includes(name!) && l !== location);
    headline = lines[0];
    location ??= lines[1];
  }
  const summary = firstText(card, FIELD.summary);
  const current = summary ? /^(current|actuel|aktuell|actual)\w*\s*:\s*(.+)$/i.exec(summary)?.[2] : undefined;
  const { jobTitle, company } = splitHeadline(current ?? headline);
  return {
    layer: 'linkedin',
    name,
    jobTitle: jobTitle ?? headline,
    company,
    location,
    links: [link],
    role: 'listed',
  };
}

function salesPeople(root: Element, base: URL, keep: (el: Element) => boolean): RawPerson[] {
  const people: RawPerson[] = [];
  for (const nameEl of all(root, SALES.name).filter(keep)) {
    const card = closest(nameEl, SALES.card);
    if (!card) continue;
    const name = text(nameEl);
    const anchor = closest(nameEl, 'a[href]') ?? first(card, ['a[href*="/sales/lead/"]', 'a[href*="/sales/people/"]', 'a[href*="/in/"]']);
    const link = profileLink(anchor?.getAttribute('href'), base);
    if (!name || NOT_A_NAME.test(name)) continue;
    const title = firstText(card, SALES.title);
    const split = splitHeadline(title);
    people.push({
      layer: 'linkedin',
      name,
      jobTitle: firstText(card, SALES.company) ? title : (split.jobTitle ?? title),
      company: firstText(card, SALES.company) ?? split.company,
      location: firstText(card, SALES.location),
      links: link ? [link] : [],
      role: 'listed',
    });
  }
  return people;
}

/** Cards by known selectors; else every list item (or card) that links to a member profile. */
function cards(root: Element): Element[] {
  const known = all(root, CARD);
  if (known.length) return known;
  const found = new Set<Element>();
  for (const a of all(root, 'a[href*="/in/"]')) {
    const card = closest(a, ['li', 'article', '[data-view-name]', '.artdeco-card']);
    if (card && card !== root) found.add(card);
  }
  // keep the innermost cards: an outer list item holding several people is a section, not a card
  return [...found].filter((c) => ![...found].some((o) => o !== c && c.contains(o)));
}

export function dedupeByLink(people: RawPerson[]): RawPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.links?.[0] ?? p.name ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'linkedin-list',
  patterns: [
    '*://*.linkedin.com/search/results/people/*',
    '*://*.linkedin.com/mynetwork/*',
    '*://*.linkedin.com/sales/lists/people/*',
    '*://*.linkedin.com/sales/search/people*',
  ],
  claims: (url) => isLinkedInHost(url) && LIST_PATH.test(url.pathname),
});

export const linkedinList: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const main = mainRoot(doc) ?? doc.body;
    const viewer = linkedInViewer(doc);
    const chrome = [...linkedInChrome(doc), ...all(doc, ['aside', '.scaffold-layout__aside', 'header'])];
    const outside = (el: Element) => !chrome.some((c) => c.contains(el));
    const sales = url.pathname.startsWith('/sales/');
    let people = sales ? salesPeople(main, url, outside) : [];
    // the cards are read here, field by field; the generic layers would only re-read them less well
    // (and take "LinkedIn Member" placeholders for names), so they are excluded once recognised
    let read: Element[] = sales ? all(main, SALES.name).map((n) => closest(n, SALES.card)).filter((c): c is Element => !!c) : [];
    if (!people.length) {
      read = cards(main).filter(outside);
      people = read.map((c) => personFromCard(c, url)).filter((p): p is RawPerson => !!p);
    }
    people = dedupeByLink(people);
    return { pageKind: 'directory', people, viewer, exclude: [...chrome, ...read], scope: [main] };
  },
};

export default linkedinList;

/** Exposed for linkedin-company's People tab, which lists members the same way. */
export { cards as listCards, personFromCard };
