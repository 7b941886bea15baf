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

/**
 * Light canonical form used for storage and matching: https, lowercase host without "www."/"m.",
 * no query or fragment for profile links, no trailing slash. Capture already canonicalises; this makes
 * matching robust to links typed by hand or imported.
 */
export function canonicalLink(link: string): string {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return link.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  const host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const path = u.pathname.replace(/\/+$/, '');
  if (isProfilePath(host, u.pathname)) return `https://${host}${host === 'linkedin.com' ? path.toLowerCase() : path}`;
  return `https://${host}${path}${u.search}${u.hash}`;
}

function isProfilePath(host: string, path: string): boolean {
  const re = PROFILE_HOSTS[host];
  return !!re && re.test(path) && !NOT_PEOPLE.test(path);
}

/** Does this (canonical) link identify one person? */
export function isProfileLink(link: string): boolean {
  try {
    const u = new URL(link);
    return isProfilePath(u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, ''), u.pathname);
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
