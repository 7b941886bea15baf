/**
 * X (Twitter) profile: x.com/<handle> or twitter.com/<handle>. X's class names are generated, but its data-testid
 * hooks (UserName, UserDescription, UserLocation, UserUrl) have been stable for years. The website is shown as text
 * behind a t.co redirect: the displayed (expanded) URL is the person's link, t.co only when the text is truncated.
 * The timeline (other people's tweets and retweets), "Who to follow" and trends are excluded.
 */
import type { RawPerson, SiteExtractor, SiteResult, Viewer } from '../types';
import { siteMatch } from './define';
import { X_RESERVED } from '../../domain/link';
import { absUrl, all, attr, clean, emailsInBio, every, first, text, uniq } from './dom';

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const TABS = new Set(['with_replies', 'media', 'likes', 'highlights', 'articles', 'superfollows']);
const RESERVED = X_RESERVED;

const SEL = {
  userName: '[data-testid="UserName"]',
  description: '[data-testid="UserDescription"]',
  items: '[data-testid="UserProfileHeader_Items"]',
  location: '[data-testid="UserLocation"]',
  url: '[data-testid="UserUrl"]',
  viewerLink: ['a[data-testid="AppTabBar_Profile_Link"]'],
  viewerSwitcher: ['[data-testid="SideNav_AccountSwitcher_Button"]'],
  excluded: [
    '[data-testid="primaryColumn"] [data-testid="cellInnerDiv"]',
    '[data-testid="sidebarColumn"]',
    '[data-testid="BottomBar"]',
    'header[role="banner"]',
    '[aria-label="Home timeline"] section[role="region"]',
  ],
};

/** "Kiko Beats (@Kikobeats) / X" → name and handle, when the header is not rendered. */
const TITLE = /^(?:\(\d+\)\s*)?(.+?)\s*\(@([A-Za-z0-9_]{1,15})\)/;

function viewer(doc: Document, base: URL): Viewer | undefined {
  const href = attr(doc, SEL.viewerLink, 'href');
  const switcher = first(doc, SEL.viewerSwitcher);
  const handle = href?.replace(/^.*\//, '') || /@([A-Za-z0-9_]{1,15})/.exec(text(switcher))?.[1];
  if (!handle) return undefined;
  const name = switcher ? all(switcher, 'span').map(text).find((t) => t && !t.startsWith('@')) : undefined;
  return { name, links: [absUrl(`/${handle}`, base) ?? `https://x.com/${handle}`] };
}

/**
 * The displayed website ("kikobeats.com") as an absolute URL. A truncated display ("example.org/long/pa…") gives
 * nothing: the t.co redirect behind it is X's, not the person's (the page's JSON-LD relatedLink still has it).
 */
function website(el: Element | null, base: URL): string | undefined {
  if (!el) return undefined;
  const shown = text(el).replace(/\s+/g, '');
  const title = el.getAttribute('title');
  const candidate = title && !/t\.co\//.test(title) ? title : shown && !/…$|\.\.\.$/.test(shown) ? shown : undefined;
  if (candidate) {
    const abs = absUrl(/^https?:\/\//i.test(candidate) ? candidate : `https://${candidate}`, base);
    if (abs) return abs;
  }
  const href = absUrl(el.getAttribute('href'), base);
  return href && !/^https?:\/\/t\.co\//i.test(href) ? href : undefined;
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'x-profile',
  patterns: ['*://x.com/*', '*://twitter.com/*', '*://www.x.com/*', '*://www.twitter.com/*', '*://mobile.twitter.com/*', '*://mobile.x.com/*'],
  claims: (url) => {
    if (!/^((www|mobile)\.)?(x|twitter)\.com$/i.test(url.hostname)) return false;
    const parts = url.pathname.split('/').filter(Boolean);
    const [handle, tab] = parts;
    if (!handle || !HANDLE.test(handle) || RESERVED.has(handle.toLowerCase())) return false;
    return parts.length === 1 || (parts.length === 2 && TABS.has(tab!));
  },
});

export const xProfile: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const exclude = every(doc, SEL.excluded);
    const seen = viewer(doc, url);
    const userName = first(doc, SEL.userName);
    const spans = userName ? all(userName, 'span').map(text).filter(Boolean) : [];
    const titled = TITLE.exec(attr(doc, 'meta[property="og:title"]', 'content') ?? doc.title ?? '');
    const name = spans.find((t) => !t.startsWith('@')) ?? titled?.[1];
    const handle = spans.find((t) => /^@[A-Za-z0-9_]{1,15}$/.test(t))?.slice(1) ?? titled?.[2] ?? url.pathname.split('/').filter(Boolean)[0];
    if (!name || !handle) return { pageKind: 'profile', people: [], viewer: seen, exclude };

    const location = clean(text(first(doc, SEL.location)));
    // an address in the bio is the owner's own (bios are written in the first person)
    const emails = emailsInBio(text(first(doc, SEL.description)));
    const person: RawPerson = {
      layer: 'x',
      name,
      location: location || undefined,
      emails,
      links: uniq([`https://x.com/${handle}`, website(first(doc, SEL.url), url)]),
      role: 'profile',
      primary: true,
    };
    const scope = [userName, first(doc, SEL.description), first(doc, SEL.items)].filter((e): e is Element => !!e);
    return { pageKind: 'profile', people: [person], viewer: seen, exclude, scope: scope.length ? scope : undefined };
  },
};

export default xProfile;
