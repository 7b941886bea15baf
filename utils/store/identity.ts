/**
 * What makes two records the same person: an email address, else a profile link (a URL that names
 * one person on one site). Name + company alone is only a *possible* duplicate, never merged silently.
 */

export function normalizeEmail(e: string): string {
  return e.trim().toLowerCase();
}

/** Sites whose first path segment names one person (or with a fixed prefix, like linkedin.com/in/). */
const PROFILE_HOSTS: Record<string, RegExp> = {
  'linkedin.com': /^\/(in|pub)\/[^/]+\/?$/i,
  'github.com': /^\/[A-Za-z0-9-]+\/?$/,
  'gitlab.com': /^\/[A-Za-z0-9_.-]+\/?$/,
  'x.com': /^\/[A-Za-z0-9_]+\/?$/,
  'twitter.com': /^\/[A-Za-z0-9_]+\/?$/,
  'instagram.com': /^\/[A-Za-z0-9_.]+\/?$/,
  'facebook.com': /^\/[A-Za-z0-9.]+\/?$/,
  'bsky.app': /^\/profile\/[^/]+\/?$/,
  'medium.com': /^\/@[^/]+\/?$/,
};
/** Paths on those hosts that are site pages, not people. */
const NOT_PEOPLE = /^\/(about|features|pricing|login|signup|settings|explore|search|home|orgs|topics|marketplace|notifications|messages|i|share|intent|hashtag|company|school|jobs|feed)\/?$/i;

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
}

/**
 * Light canonical form for storage: https, lowercase host, no trailing slash, and for profile links no
 * query or fragment. The host keeps its "www." (capture decides that); matching ignores it, see linkKeys.
 */
export function canonicalLink(link: string): string {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return link.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  const host = u.hostname.toLowerCase();
  const path = u.pathname.replace(/\/+$/, '');
  const bare = bareHost(host);
  if (isProfilePath(bare, u.pathname)) return `https://${host}${bare === 'linkedin.com' ? path.toLowerCase() : path}`;
  return `https://${host}${path}${u.search}${u.hash}`;
}

/** The stored forms a profile link may have (with and without "www."), for index lookups. */
export function linkVariants(link: string): string[] {
  const c = canonicalLink(link);
  let u: URL;
  try {
    u = new URL(c);
  } catch {
    return [c];
  }
  const bare = bareHost(u.hostname);
  const rest = c.slice(`https://${u.hostname}`.length);
  return [...new Set([c, `https://${bare}${rest}`, `https://www.${bare}${rest}`])];
}

function isProfilePath(host: string, path: string): boolean {
  const re = PROFILE_HOSTS[host];
  return !!re && re.test(path) && !NOT_PEOPLE.test(path);
}

/** Does this (canonical) link identify one person? */
export function isProfileLink(link: string): boolean {
  try {
    const u = new URL(link);
    return isProfilePath(bareHost(u.hostname), u.pathname);
  } catch {
    return false;
  }
}

/** Name + company key for "possible duplicate" hints. */
export function nameCompanyKey(name: string, company?: string): string | undefined {
  if (!company) return undefined;
  const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(name)}|${norm(company)}`;
}

/** Comparison key of a link: canonical, without "www."/"m." (two spellings of one profile are one value). */
export function linkKey(link: string): string {
  const c = canonicalLink(link);
  try {
    const u = new URL(c);
    return `https://${bareHost(u.hostname)}${c.slice(`https://${u.hostname}`.length)}`;
  } catch {
    return c;
  }
}
