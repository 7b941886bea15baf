/**
 * Links: one canonical spelling per link (https, no tracking parameters, no fragment; one form per profile:
 * www.linkedin.com/in/<slug>, github.com/<login>, x.com/<handle>), which links name one person (profile links, the
 * identity evidence), and the site paths that are the site's own pages rather than people.
 */
import { CLICK_IDS } from './campaign';

const TRACKING_PARAM = new RegExp(
  `^(utm_\\w+|${CLICK_IDS.join('|')}|mc_cid|mc_eid|_hsenc|_hsmi|hsctatracking|mkt_tok|ref|ref_src|ref_url|source|trk|trkinfo|lipi|originalsubdomain|si|igshid|s|t|spm|yclid|_ga|_gl|vero_id|oly_\\w+|rb_clickid)$`,
  'i',
);

/** Is this query parameter tracking (UTM, click ids, mail tools' ids) rather than part of the address? */
export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

/** First path segments that are GitHub's own pages, not users (github.com/<reserved>). */
export const GITHUB_RESERVED: ReadonlySet<string> = new Set(
  (
    'about account apps blog codespaces collections contact copilot customer-stories dashboard discussions enterprise ' +
    'events explore features github-copilot home issues join login logout marketplace mobile new nonprofit notifications ' +
    'organizations orgs password_reset premium-support pricing pulls readme resources search security sessions settings ' +
    'signup site solutions sponsors stars team topics trending users watching wiki'
  ).split(' '),
);

/** First path segments that are X's own pages, not handles (x.com/<reserved>). */
export const X_RESERVED: ReadonlySet<string> = new Set(
  (
    'home explore search notifications messages i settings compose login logout signup tos privacy jobs about hashtag ' +
    'intent share bookmarks communities premium premium_sign_up verified-choose account download lists topics ' +
    'following followers rules help privacy_policy'
  ).split(' '),
);

/** Other sites whose path names one person; the site's own pages are excluded by SITE_PAGES. */
const OTHER_PROFILE_HOSTS: Record<string, RegExp> = {
  'gitlab.com': /^\/[A-Za-z0-9_.-]+\/?$/,
  'instagram.com': /^\/[A-Za-z0-9_.]+\/?$/,
  'facebook.com': /^\/[A-Za-z0-9.]+\/?$/,
  'bsky.app': /^\/profile\/[^/]+\/?$/,
  'medium.com': /^\/@[^/]+\/?$/,
};
const SITE_PAGES = /^\/(about|features|pricing|login|signup|settings|explore|search|home|help|groups|pages|watch|events|marketplace|explore|users|dashboard|p|reel|stories)\/?$/i;

export interface CanonicalLink {
  url: string;
  /** a LinkedIn, GitHub or X profile: the sites whose profile links capture knows (see isProfileLink for identity) */
  profile: boolean;
}

/** "meihartley.example", "www.acme.example/team": a host written without a scheme. */
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?(?:[/?#]\S*)?$/i;
/** Relative file paths look like hosts ("team.html"): these endings are files, not top level domains. */
export const FILE_TLD = /^(?:html?|php|aspx?|jsp|cgi|png|jpe?g|gif|svg|webp|pdf|css|js|mjs|json|xml|txt|md|zip)$/i;

/** Whether a string without a scheme is a host name (to be read as https://…), not a path relative to the page. */
export function isBareHost(s: string): boolean {
  const m = BARE_HOST.exec(s);
  return !!m && !FILE_TLD.test(m[1]!) && !s.includes('@');
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
}

/** The canonical form of a link, or undefined for what is not an http(s) address. */
export function canonicalLink(raw: string, base?: string): CanonicalLink | undefined {
  let u: URL;
  let s = raw.trim();
  // a bare domain shown as text is that site, never a path under the page ("meihartley.example" on github.com)
  if (!/^[a-z][a-z\d+.-]*:/i.test(s) && isBareHost(s)) s = `https://${s}`;
  else if (/^[a-z][a-z\d+.-]*:\d/i.test(s) && isBareHost(s)) s = `https://${s}`; // host:port
  try {
    u = new URL(s, base);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  let host = bareHost(u.hostname);
  if (host === 'twitter.com') host = 'x.com';
  const path = u.pathname;
  const seg = path.split('/').filter(Boolean);

  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) {
    if ((seg[0] === 'in' || seg[0] === 'pub') && seg[1]) {
      return { url: `https://www.linkedin.com/in/${decodeSafe(seg[1]).toLowerCase()}`, profile: true };
    }
    if ((seg[0] === 'company' || seg[0] === 'school') && seg[1]) {
      return { url: `https://www.linkedin.com/${seg[0]}/${decodeSafe(seg[1]).toLowerCase()}`, profile: false };
    }
  }
  if (host === 'github.com' && seg.length >= 1 && /^[a-z\d](?:[a-z\d-]{0,38})$/i.test(seg[0]!) && !GITHUB_RESERVED.has(seg[0]!.toLowerCase())) {
    return { url: `https://github.com/${seg[0]!.toLowerCase()}`, profile: seg.length === 1 };
  }
  if (host === 'x.com' && seg.length >= 1 && /^\w{1,15}$/.test(seg[0]!) && !X_RESERVED.has(seg[0]!.toLowerCase())) {
    return { url: `https://x.com/${seg[0]!.toLowerCase()}`, profile: seg.length === 1 };
  }
  const params = new URLSearchParams();
  for (const [k, v] of u.searchParams) if (!TRACKING_PARAM.test(k)) params.append(k, v);
  const query = params.toString();
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  const hostOut = u.hostname.toLowerCase();
  let pathOut = path === '/' ? '' : path.replace(/\/+$/, '');
  if (pathOut === '/') pathOut = '';
  return { url: `https://${hostOut}${port}${pathOut}${query ? `?${query}` : ''}`, profile: false };
}

/**
 * An address as a person reads it: tracking parameters (UTM, click ids, mail tools' ids) removed, everything else kept
 * as it was (path, other parameters, the fragment that names a Gmail thread). Not an address: returned as given.
 */
export function withoutTracking(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
  const keep = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
  u.search = new URLSearchParams(keep).toString();
  return u.toString();
}

/** The stored form of a link: canonical when it is an address, else as written (trimmed), so nothing typed is lost. */
export function storedLink(raw: string): string {
  return canonicalLink(raw)?.url ?? raw.trim();
}

/** Does this link identify one person (a LinkedIn/GitHub/X profile, or a profile on GitLab, Instagram, Bluesky …)? */
export function isProfileLink(link: string): boolean {
  const c = canonicalLink(link);
  if (!c) return false;
  if (c.profile) return true;
  try {
    const u = new URL(c.url);
    const re = OTHER_PROFILE_HOSTS[bareHost(u.hostname)];
    return !!re && re.test(u.pathname) && !SITE_PAGES.test(u.pathname);
  } catch {
    return false;
  }
}

/** Comparison key of a link: canonical, without "www."/"m." (two spellings of one address are one value). */
export function linkKey(link: string): string {
  const c = storedLink(link);
  try {
    const u = new URL(c);
    return `https://${bareHost(u.hostname)}${c.slice(`https://${u.hostname}`.length)}`;
  } catch {
    return c;
  }
}

/**
 * The spellings under which a link may be stored (canonical, with and without "www.", and the old store's form with
 * the path as written), for index lookups on records saved before links had one canonical form.
 */
export function linkVariants(link: string): string[] {
  const c = storedLink(link);
  const out = new Set<string>([c]);
  for (const s of [c, link.trim()]) {
    try {
      const u = new URL(s);
      const bare = bareHost(u.hostname);
      const path = u.pathname.replace(/\/+$/, '');
      for (const h of [bare, `www.${bare}`]) {
        out.add(`https://${h}${path}`);
        out.add(`https://${h}${path.toLowerCase()}`);
      }
    } catch {
      /* not an address: only its own spelling */
    }
  }
  return [...out];
}

/**
 * http(s) links only, as typed or imported: a bare host gets https; a javascript: or data: URL is not a link to a
 * person. Returns the URL's href, or undefined.
 */
export function webLink(raw: string | undefined): string | undefined {
  let s = raw?.trim();
  if (!s) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s) && /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(s)) s = `https://${s}`;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
