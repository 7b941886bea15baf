/**
 * Link canonicalisation: https, no tracking parameters, no fragment, and one spelling per profile
 * (linkedin.com/in/<slug>, github.com/<login>, x.com/<handle>).
 */

import { FILE_TLD } from '../../domain/link';

// The canonical link, reserved paths and tracking parameters are identity rules shared with the store: one home.
export { canonicalLink, isBareHost, type CanonicalLink } from '../../domain/link';

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
