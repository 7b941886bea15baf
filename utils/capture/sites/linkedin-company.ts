/**
 * LinkedIn company page (/company/<slug>/…): the organization (name, website, phone from the About details).
 * People are captures only on the company's People tab, where listing them is the page's point; elsewhere the
 * employee teasers ("Employees at …", "People you may know") are excluded like any sidebar.
 */
import type { RawOrganization, RawPerson, SiteExtractor, SiteResult } from '../types';
import { siteMatch } from './define';
import { absUrl, all, attr, clean, first, firstText, looksLikePhone, text, uniq } from './dom';
import { isLinkedInHost, linkedInChrome, linkedInViewer, mainRoot, recommendationSections } from './linkedin-common';
import { dedupeByLink, listCards, personFromCard } from './linkedin-list';

const COMPANY_PATH = /^\/(company|showcase)\/([^/]+)(\/([^/]+))?\/?/;

const SEL = {
  name: ['h1.org-top-card-summary__title', '.org-top-card-summary__title', 'h1.top-card-layout__title', '.org-top-card h1', 'h1'],
  topCard: ['.org-top-card', 'section.org-top-card', '.top-card-layout'],
  details: ['dl', '.org-page-details__definition-term'],
  websiteButton: [
    'a.org-top-card-primary-actions__action[href^="http"]',
    '.org-top-card-primary-actions a[href^="http"]',
    'a[data-tracking-control-name*="website"][href^="http"]',
    'a[aria-label^="Visit website" i][href]',
  ],
  peopleSection: ['.org-people-profile-card__card-spacing', '.org-people__employee-list', '.scaffold-finite-scroll__content', 'main'],
};

const WEBSITE = /^(website|site web|webseite|sitio web|sito web|site|website-adres|strona)/i;
const PHONE = /^(phone|téléphone|telefon|teléfono|telefone|telefono|telefoonnummer)/i;

/** LinkedIn wraps outbound links in /redir/redirect?url=…; the target is the company's site. */
function outbound(href: string | null | undefined, base: URL): string | undefined {
  const abs = absUrl(href, base);
  if (!abs) return undefined;
  const u = new URL(abs);
  if (!isLinkedInHost(u)) return abs;
  const target = u.searchParams.get('url');
  return target ? absUrl(target, base) : undefined;
}

/** The About details are a <dl>: dt "Website" / dd link, dt "Phone" / dd number, dt "Industry" / dd text. */
function details(root: ParentNode, base: URL): { website?: string; phones: string[] } {
  let website: string | undefined;
  const phones: string[] = [];
  for (const dt of all(root, 'dt')) {
    const label = text(dt);
    let dd = dt.nextElementSibling;
    while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
    if (!dd) continue;
    if (WEBSITE.test(label)) website ??= outbound(attr(dd, 'a[href]', 'href'), base) ?? outbound(text(dd), base);
    else if (PHONE.test(label)) {
      const tel = attr(dd, 'a[href^="tel:"]', 'href')?.slice(4);
      const first = all(dd, 'span').map(text).find(looksLikePhone) ?? text(dd).split(/\s{2,}|Phone number is verified/i)[0];
      const value = tel ?? first;
      if (value && looksLikePhone(value)) phones.push(value);
    }
  }
  return { website, phones: uniq(phones) };
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'linkedin-company',
  patterns: ['*://*.linkedin.com/company/*', '*://*.linkedin.com/showcase/*'],
  claims: (url) => isLinkedInHost(url) && COMPANY_PATH.test(url.pathname),
});

export const linkedinCompany: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const m = COMPANY_PATH.exec(url.pathname);
    const main = mainRoot(doc) ?? doc.body;
    const viewer = linkedInViewer(doc);
    const exclude = [...linkedInChrome(doc), ...all(doc, ['aside', '.scaffold-layout__aside']), ...recommendationSections(doc)];
    const name = clean(firstText(first(main, SEL.topCard) ?? main, SEL.name));
    if (!name) return { pageKind: 'company', people: [], viewer, exclude };

    const info = details(main, url);
    const website = info.website ?? outbound(attr(main, SEL.websiteButton, 'href'), url);
    let domain: string | undefined;
    try {
      domain = website ? new URL(website).hostname.replace(/^www\./, '') : undefined;
    } catch {
      domain = undefined;
    }
    const organization: RawOrganization = {
      layer: 'linkedin',
      name,
      domain,
      links: uniq([m ? `https://www.linkedin.com/${m[1]}/${m[2]}/` : undefined, website]),
      emails: [],
      phones: info.phones,
    };

    let people: RawPerson[] = [];
    if (m?.[4] === 'people') {
      const root = first(main, SEL.peopleSection) ?? main;
      const cards = listCards(root).filter((c) => !exclude.some((x) => x.contains(c)));
      // read here field by field; the generic layers would take "LinkedIn Member" placeholders for people
      exclude.push(...cards);
      people = dedupeByLink(
        cards
          .map((c) => personFromCard(c, url))
          .filter((p): p is RawPerson => !!p)
          // the People tab lists the company's own members
          .map((p) => ({ ...p, company: p.company ?? name })),
      );
    } else {
      // employee teasers on other tabs are links, not the page's people
      exclude.push(...all(main, ['.org-people-profile-card', '[data-view-name="org-employees"]', 'section.org-employees']));
    }
    return { pageKind: 'company', people, organization, viewer, exclude, scope: [main] };
  },
};

export default linkedinCompany;
