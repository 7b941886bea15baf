/**
 * LinkedIn member profile: the top card (name, headline, location), the current position from Experience, and the
 * Contact info dialog when it is open (/overlay/contact-info/). The viewer comes from the global nav; the sidebars
 * ("People also viewed", ads) are excluded so the generic layers do not read them.
 */
import type { RawOrganization, RawPerson, SiteExtractor, SiteResult } from '../types';
import { siteMatch } from './define';
import { absUrl, all, attr, clean, closest, every, findEmail, first, firstText, looksLikePhone, mailtoAddress, text, uniq } from './dom';
import {
  isLinkedInHost,
  linkedInChrome,
  linkedInViewer,
  mainRoot,
  profileLink,
  recommendationSections,
  splitHeadline,
} from './linkedin-common';

const PROFILE_PATH = /^\/in\/[^/]+(\/(overlay\/[^/]+|details\/[^/]+|recent-activity\/[^/]*)?)?\/?$/;

const SEL = {
  topCard: [
    'section[data-member-id]',
    '.pv-top-card',
    'section.top-card-layout',
    '.top-card-layout',
    'section.artdeco-card:has(h1)',
    'main section:first-of-type',
  ],
  name: ['h1.text-heading-xlarge', 'h1.top-card-layout__title', '.pv-text-details__left-panel h1', 'h1'],
  headline: [
    '.text-body-medium.break-words',
    '[data-generated-suggestion-target]',
    '.pv-text-details__left-panel .text-body-medium',
    '.top-card-layout__headline',
  ],
  location: [
    '.text-body-small.inline.t-black--light.break-words',
    '.pv-text-details__left-panel .text-body-small.inline',
    '.top-card-layout__first-subline .not-first-middot > span:first-child',
    '.top-card__subline-item',
    '.pv-top-card--list-bullet .text-body-small',
  ],
  currentCompany: ['button[aria-label^="Current company"]', '[aria-label^="Current company"]', '[data-section="currentPositionsDetails"] .top-card-link__description'],
  experienceAnchor: ['#experience', 'section[data-section="experience"]', '[id^="experience"]'],
  entity: ['[data-view-name="profile-component-entity"]', '.pvs-entity', 'li.experience-group, li.experience-item, li.profile-section-card'],
  entityBold: [
    '.t-bold span[aria-hidden="true"]',
    '.t-bold',
    '.experience-group-header__company',
    '.experience-item__title',
    '.profile-section-card__title',
  ],
  entityNormal: [
    'span.t-14.t-normal:not(.t-black--light) > span[aria-hidden="true"]',
    'span.t-14.t-normal:not(.t-black--light)',
    '.experience-item__subtitle',
    '.profile-section-card__subtitle',
  ],
  entityCaption: ['.pvs-entity__caption-wrapper', 'span.t-14.t-normal.t-black--light', '.date-range', '.experience-item__duration'],
  subEntities: [
    '.pvs-entity__sub-components [data-view-name="profile-component-entity"]',
    '.pvs-entity__sub-components li',
    '.experience-group__positions li',
  ],
  topCardWebsite: ['.pv-top-card--website a[href]', 'a.pv-top-card--website__link[href]', '[data-test-id="top-card-website"] a[href]'],
  dialog: ['[role="dialog"] .pv-contact-info', '.pv-contact-info', '[role="dialog"][aria-labelledby="pv-contact-info"]', '.artdeco-modal .pv-profile-section'],
  dialogSection: ['section.pv-contact-info__contact-type', 'section', '.pv-contact-info__ci-container'],
  dialogHeader: ['h3', '.pv-contact-info__header'],
};

/** A date range still running: "Mar 2022 - Present", "mars 2022 - aujourd’hui", "seit 2020 - heute". */
const CURRENT = /present|aujourd|heute|actualidad|presente|atual|oggi|huidig|nu\b|obecnie|今/i;

interface Position {
  jobTitle?: string;
  company?: string;
  current: boolean;
  dated: boolean;
  /** the company's LinkedIn page, from the position's logo link */
  companyLink?: string;
}

function readEntity(entity: Element): Position | undefined {
  const bold = firstText(entity, SEL.entityBold);
  if (!bold) return undefined;
  const subs = all(entity, SEL.subEntities).filter((s) => s !== entity);
  if (subs.length) {
    // grouped layout: the bold line is the company, nested entities are the positions held there
    // nested items of a single position are its description and skills: positions carry a date range
    const inner = subs.map(readEntity).filter((p): p is Position => !!p && p.dated);
    const pick = inner.find((p) => p.current) ?? inner[0];
    if (pick) return { jobTitle: pick.jobTitle, company: bold, current: pick.current, dated: true, companyLink: companyPage(entity) };
  }
  const normal = firstText(entity, SEL.entityNormal);
  const company = normal ? clean(normal.split(/\s+·\s+/)[0]) : undefined;
  const captions = all(entity, SEL.entityCaption).map(text).join(' ');
  const dated = /\b(19|20)\d{2}\b/.test(captions) || CURRENT.test(captions);
  return { jobTitle: bold, company, current: CURRENT.test(captions), dated, companyLink: companyPage(entity) };
}

/** https://www.linkedin.com/company/<id or slug>/ of an Experience entry, if it links one. */
function companyPage(entity: Element): string | undefined {
  const href = attr(entity, ['a[data-field="experience_company_logo"]', 'a[href*="/company/"]'], 'href');
  const m = href ? /\/(company|showcase)\/([^/?#]+)/.exec(href) : null;
  return m ? `https://www.linkedin.com/${m[1]}/${m[2]}/` : undefined;
}

function currentPosition(doc: Document): Position | undefined {
  const anchor = first(doc, SEL.experienceAnchor);
  const section = closest(anchor, ['section', '.artdeco-card']);
  if (!section) return undefined;
  // top-level entities only (nested ones are read through their group)
  const entities = all(section, SEL.entity).filter((e) => !e.parentElement?.closest('.pvs-entity__sub-components, .experience-group__positions'));
  const positions = entities.map(readEntity).filter((p): p is Position => !!p);
  return positions.find((p) => p.current) ?? positions[0];
}

/** "Current company: Northwind Analytics. Click to skip to experience card" → "Northwind Analytics". */
function topCardCompany(card: ParentNode): string | undefined {
  const label = attr(card, SEL.currentCompany, 'aria-label');
  const fromLabel = label ? clean(/^[^:]+:\s*(.+?)(\.\s+[A-Z].*)?$/.exec(label)?.[1]) : undefined;
  return fromLabel || firstText(card, SEL.currentCompany);
}

/** The location line also holds the "Contact info" link: its first other text is the place. */
function locationBesideContactInfo(card: Element | null): string | undefined {
  const link = first(card, ['#top-card-text-details-contact-info', 'a[href*="/overlay/contact-info"]']);
  const line = link?.parentElement?.parentElement;
  if (!line) return undefined;
  return all(line, 'span')
    .filter((s) => !s.contains(link!) && !s.querySelector('span'))
    .map(text)
    .find((t) => t.length > 1 && !/^[·•|]$/.test(t) && !/contact info/i.test(t));
}

/** The top card's own website link (creators show one under the headline); LinkedIn-internal links are not. */
function topCardLinks(card: Element | null, base: URL): string[] {
  return every(card, SEL.topCardWebsite)
    .map((a) => absUrl(a.getAttribute('href'), base))
    .filter((h): h is string => !!h && /^https?:/.test(h) && !isLinkedInHost(new URL(h)));
}

/** Posts, reposts and comments in the Activity section are other people's words. */
function activity(doc: Document): Element[] {
  const anchor = first(doc, ['#activity', '#content_collections', '[id^="recent-activity"]']);
  const section = closest(anchor, ['section', '.artdeco-card']);
  return [...(section ? [section] : []), ...every(doc, ['.feed-shared-update-v2', '.profile-creator-shared-feed-update__container'])];
}

/** The Address section links to a map: a place, not the person's website. */
const MAPS = /^https?:\/\/([a-z]+\.)?(bing\.com\/maps|google\.[a-z.]+\/maps|maps\.google\.|maps\.apple\.com)/i;

interface ContactInfo {
  emails: string[];
  phones: string[];
  links: string[];
  dialog: Element;
}

function contactInfo(doc: Document, base: URL): ContactInfo | undefined {
  const dialog = first(doc, SEL.dialog);
  if (!dialog) return undefined;
  const root = closest(dialog, '[role="dialog"]') ?? dialog;
  const emails: string[] = [];
  const phones: string[] = [];
  const links: string[] = [];
  for (const a of all(root, 'a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const mail = mailtoAddress(href);
    if (mail) emails.push(mail);
    else if (/^tel:/i.test(href)) phones.push(href.slice(4));
    else {
      const abs = absUrl(href, base);
      // the dialog's own LinkedIn links (help, overlay) are chrome; a member profile link is kept, canonical
      if (abs && (!isLinkedInHost(new URL(abs)) || profileLink(abs)) && !MAPS.test(abs)) links.push(profileLink(abs) ?? abs);
    }
  }
  // phones are plain text: the first span of an item, its type "(Work)" beside it
  for (const el of all(root, 'span, div, li')) {
    if (el.querySelector('span, div, li')) continue; // leaves: the value, not its section
    const t = text(el);
    if (looksLikePhone(t)) phones.push(t);
    else {
      // some sections print the address as text rather than a mailto link
      const mail = findEmail(t);
      if (mail && !/@linkedin\.com$/i.test(mail)) emails.push(mail);
    }
  }
  return { emails: uniq(emails), phones: uniq(phones), links: uniq(links), dialog: root };
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'linkedin-profile',
  patterns: ['*://*.linkedin.com/in/*'],
  claims: (url) => isLinkedInHost(url) && PROFILE_PATH.test(url.pathname),
});

export const linkedinProfile: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const main = mainRoot(doc) ?? doc.body;
    const card = first(main, SEL.topCard) ?? closest(first(main, 'h1'), ['section', 'div']);
    const name = firstText(card ?? main, SEL.name);
    const viewer = linkedInViewer(doc);
    const exclude = [
      ...linkedInChrome(doc),
      ...every(doc, ['aside', '.scaffold-layout__aside', '.right-rail']),
      ...recommendationSections(doc),
      ...activity(doc),
    ];
    if (!name) return { pageKind: 'profile', people: [], viewer, exclude };

    const headline = firstText(card, SEL.headline);
    const position = currentPosition(doc);
    const fromHeadline = splitHeadline(headline);
    const slug = /^\/in\/([^/]+)/.exec(url.pathname)?.[1];
    const canonical = profileLink(attr(doc, 'link[rel="canonical"]', 'href')) ?? (slug ? `https://www.linkedin.com/in/${slug}/` : undefined);
    const info = contactInfo(doc, url);

    const person: RawPerson = {
      layer: 'linkedin',
      name,
      jobTitle: position?.jobTitle ?? fromHeadline.jobTitle ?? headline,
      company: position?.company ?? topCardCompany(card ?? main) ?? fromHeadline.company,
      location: firstText(card, SEL.location) ?? locationBesideContactInfo(card),
      emails: info?.emails ?? [],
      phones: info?.phones ?? [],
      links: uniq([canonical, ...topCardLinks(card, url), ...(info?.links ?? [])]),
      role: 'profile',
      primary: true,
    };
    const scope = [main, ...(info && !main.contains(info.dialog) ? [info.dialog] : [])];
    // the page's organization is the member's current employer (not LinkedIn, whose page it is)
    const organization: RawOrganization | undefined = person.company
      ? { layer: 'linkedin', name: person.company, links: position?.company === person.company && position.companyLink ? [position.companyLink] : [] }
      : undefined;
    return { pageKind: 'profile', people: [person], organization, viewer, exclude, scope };
  },
};

export default linkedinProfile;
