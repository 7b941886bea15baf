/**
 * Link canonicalisation: https, no tracking parameters, no fragment, and one spelling per profile
 * (linkedin.com/in/<slug>, github.com/<login>, x.com/<handle>).
 */

const TRACKING_PARAM = /^(utm_\w+|gclid|gbraid|wbraid|fbclid|msclkid|li_fat_id|ttclid|twclid|mc_cid|mc_eid|_hsenc|_hsmi|hsctatracking|mkt_tok|ref|ref_src|ref_url|source|trk|trkinfo|lipi|originalsubdomain|si|igshid|s|t|spm|yclid|_ga|_gl|vero_id|oly_\w+|rb_clickid)$/i;

const GITHUB_RESERVED = new Set(
  'about account apps blog collections contact customer-stories enterprise events explore features orgs issues login logout marketplace new notifications organizations pricing pulls search security settings site sponsors team topics trending users join readme codespaces copilot'.split(' '),
);
const X_RESERVED = new Set('home explore search settings notifications messages i intent share hashtag compose login signup tos privacy'.split(' '));

export interface CanonicalLink {
  url: string;
  /** a link that identifies one person (a LinkedIn/GitHub/X profile): merge key */
  profile: boolean;
}

/** "meihartley.example", "www.acme.example/team": a host written without a scheme. */
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?(?:[/?#]\S*)?$/i;
/** Relative file paths look like hosts ("team.html"): these endings are files, not top level domains. */
const FILE_TLD = /^(?:html?|php|aspx?|jsp|cgi|png|jpe?g|gif|svg|webp|pdf|css|js|mjs|json|xml|txt|md|zip)$/i;

/** Whether a string without a scheme is a host name (to be read as https://…), not a path relative to the page. */
export function isBareHost(s: string): boolean {
  const m = BARE_HOST.exec(s);
  return !!m && !FILE_TLD.test(m[1]!) && !s.includes('@');
}

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
  // t.co, lnkd.in and friends hide the destination: not a useful link on their own
  let host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
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

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The registrable-ish domain of a host (drops www. and one more label for co.uk-style suffixes). */
export function siteDomain(host: string): string {
  const parts = host.toLowerCase().replace(/^www\./, '').split('.');
  const secondLevel = /^(co|com|org|net|ac|gov|edu)$/.test(parts[parts.length - 2] ?? '') && (parts[parts.length - 1] ?? '').length === 2;
  return parts.slice(secondLevel ? -3 : -2).join('.');
}

/** Hosts whose links are the site's own chrome (share buttons, login), never a person's link. */
export function isShareOrAppLink(url: string): boolean {
  return /^https:\/\/(?:[\w-]+\.)?(?:facebook\.com\/sharer|x\.com\/intent|linkedin\.com\/share|t\.co\/|lnkd\.in\/|bit\.ly\/)/i.test(url);
}

const TEXT_LINK = /(?<![\w@./-])(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?:\/[^\s,;()<>"']*)?(?![\w@-])/gi;

/**
 * Web addresses written as text, not linked ("www.sable-freight.example" in a plain-text signature): with a scheme or
 * www. any top level domain, bare only with a well-known one; never a part of an email address.
 */
export function findTextLinks(line: string, knownTlds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (!line.includes('.')) return out;
  for (const m of line.matchAll(TEXT_LINK)) {
    const raw = m[0].replace(/[.!?]+$/, '');
    const host = raw.replace(/^https?:\/\//i, '').split(/[/?#]/)[0]!;
    const tld = host.split('.').pop()!.toLowerCase();
    if (FILE_TLD.test(tld)) continue;
    if (!/^(?:https?:\/\/|www\.)/i.test(raw) && !knownTlds.has(tld)) continue;
    out.push(/^https?:/i.test(raw) ? raw : `https://${raw}`);
  }
  return out;
}
