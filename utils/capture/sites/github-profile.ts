/**
 * GitHub user profile (github.com/<login>): the vcard sidebar, marked up with schema.org microdata (itemprop) —
 * GitHub's most stable hooks. The signed-in viewer comes from <meta name="user-login"> and the header's avatar.
 * Sponsors, organizations and pinned repositories (whose descriptions carry security contacts) are excluded.
 * An organization profile at the same URL shape yields the organization instead.
 */
import type { RawOrganization, RawPerson, SiteExtractor, SiteResult, Viewer } from '../types';
import { siteMatch } from './define';
import { GITHUB_RESERVED } from '../../domain/link';
import { absUrl, all, attr, clean, emailsInBio, every, findEmail, first, firstText, mailtoAddress, text, uniq } from './dom';

const RESERVED = GITHUB_RESERVED;

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const SEL = {
  card: ['[itemtype$="schema.org/Person"]', '.h-card', '.js-profile-editable-replace', '.Layout-sidebar'],
  name: ['[itemprop="name"]', '.vcard-fullname', '.p-name'],
  login: ['[itemprop="additionalName"]', '.vcard-username', '.p-nickname'],
  company: ['[itemprop="worksFor"] .p-org', '[itemprop="worksFor"]', '.p-org'],
  location: ['[itemprop="homeLocation"] .p-label', '[itemprop="homeLocation"]', '.p-label'],
  email: ['[itemprop="email"] a[href^="mailto:"]', 'a.u-email[href^="mailto:"]', '[itemprop="email"]'],
  website: ['[itemprop="url"] a[href]', '[data-test-selector="profile-website-url"] a[href]'],
  social: ['[itemprop="social"] a[href]', '.vcard-details a[rel~="me"][href]'],
  org: ['[itemtype$="schema.org/Organization"]', '.orghead'],
  orgName: ['[itemprop="name"]', 'h1'],
  orgLinks: ['[itemprop="url"] a[href]', 'a[itemprop="url"][href]', '.orghead a[rel~="nofollow"][href]'],
  orgEmail: ['[itemprop="email"] a[href^="mailto:"]', 'a[itemprop="email"][href^="mailto:"]'],
  bio: ['.user-profile-bio', '.p-note', '[data-bio-text]'],
  readme: ['article.markdown-body', '.profile-readme', '[data-testid="profile-readme"]'],
  excluded: [
    '.js-pinned-items-reorder-list',
    '.js-yearly-contributions',
    '.contribution-activity',
    '#user-activity-overview',
    '[data-hovercard-type="organization"][itemprop="follows"]',
    '.js-header-wrapper',
    'header.AppHeader',
    'footer.footer',
    '[role="contentinfo"]',
  ],
};

/** The sidebar block whose heading reads "Sponsors", "Organizations", "Achievements", "Highlights". */
function sidebarBlocks(root: ParentNode): Element[] {
  return all(root, ['.border-top']).filter((b) => /^(sponsors|organizations|achievements|highlights|sponsoring)/i.test(firstText(b, ['h2', 'h3']) ?? ''));
}

function viewer(doc: Document, base: URL): Viewer | undefined {
  const login =
    attr(doc, 'meta[name="user-login"]', 'content') ??
    attr(doc, ['.AppHeader-user img[alt^="@"]', 'header img.avatar[alt^="@"]', 'summary[aria-label="View profile and more"] img[alt^="@"]'], 'alt')?.slice(1);
  if (!login) return undefined;
  return { links: [absUrl(`/${login}`, base) ?? `https://github.com/${login}`] };
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'github-profile',
  patterns: ['*://github.com/*', '*://www.github.com/*'],
  claims: (url) => {
    if (!/^(www\.)?github\.com$/i.test(url.hostname)) return false;
    const parts = url.pathname.split('/').filter(Boolean);
    return parts.length === 1 && LOGIN.test(parts[0]!) && !RESERVED.has(parts[0]!.toLowerCase());
  },
});

export const githubProfile: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const login = url.pathname.split('/').filter(Boolean)[0] ?? '';
    const main = first(doc, ['main', '[role="main"]', '.application-main']) ?? doc.body;
    const exclude = [...every(doc, SEL.excluded), ...sidebarBlocks(doc)];
    const seen = viewer(doc, url);
    const profileUrl = `https://github.com/${login}`;

    const org = first(main, SEL.org);
    if (org && !first(main, '[itemtype$="schema.org/Person"]')) {
      const name = firstText(org, SEL.orgName) ?? login;
      const links = uniq([profileUrl, ...all(org, SEL.orgLinks).map((a) => absUrl(a.getAttribute('href'), url))]);
      const emails = uniq(all(org, SEL.orgEmail).map((a) => mailtoAddress(a.getAttribute('href'))));
      const site = links.find((l) => !/github\.com/i.test(l));
      return {
        pageKind: 'company',
        people: [],
        organization: { layer: 'github', name, links, emails, phones: [], domain: site ? new URL(site).hostname.replace(/^www\./, '') : undefined },
        viewer: seen,
        exclude,
      };
    }

    const card = first(main, SEL.card) ?? main;
    const name = firstText(card, SEL.name);
    const handle = firstText(card, SEL.login) ?? login;
    const emailEl = first(card, SEL.email);
    const email =
      mailtoAddress(emailEl?.getAttribute('href')) ??
      findEmail(emailEl?.getAttribute('aria-label')) ??
      findEmail(text(emailEl));
    const links = uniq([
      `https://github.com/${handle}`,
      ...all(card, SEL.website).map((a) => absUrl(a.getAttribute('href'), url)),
      ...all(card, SEL.social).map((a) => absUrl(a.getAttribute('href'), url)),
    ]).filter((l) => !/^mailto:/i.test(l));
    const company = clean(firstText(card, SEL.company) ?? attr(card, '[itemprop="worksFor"]', 'aria-label')?.replace(/^[^:]+:\s*/, ''));
    const location = firstText(card, SEL.location) ?? attr(card, '[itemprop="homeLocation"]', 'aria-label')?.replace(/^[^:]+:\s*/, '');
    if (!name && !email && links.length < 2) return { pageKind: 'profile', people: [], viewer: seen, exclude };

    const person: RawPerson = {
      layer: 'github',
      // a profile without a display name is still its login's person
      name: name ?? handle,
      company: company || undefined,
      location: location || undefined,
      // the bio is the owner's own words: an address written there is theirs
      emails: uniq([email, ...emailsInBio(attr(card, SEL.bio, 'data-bio-text') ?? firstText(card, SEL.bio))]),
      links,
      role: 'profile',
      primary: true,
    };
    const readme = first(main, SEL.readme);
    // the page's organization is the person's employer when the profile names one (not GitHub, whose page it is)
    const orgLink = attr(card, ['[itemprop="worksFor"] a[data-hovercard-type="organization"]', '[itemprop="worksFor"] a[href]'], 'href');
    const organization: RawOrganization | undefined = person.company
      ? { layer: 'github', name: person.company.replace(/^@/, ''), links: orgLink ? uniq([absUrl(orgLink, url)]) : [] }
      : undefined;
    return { pageKind: 'profile', people: [person], organization, viewer: seen, exclude, scope: [card, ...(readme ? [readme] : [])] };
  },
};

export default githubProfile;
