import type { Viewer } from './types';
import type { MergedPerson, NormPerson } from './merge';
import { emailDomain, isRoleEmail } from './normalize/email';
import { canonicalLink, siteDomain } from './normalize/link';
import { looksLikePersonName, nameKey } from './normalize/name';

/**
 * The judgement a careful human applies: the viewer and their colleagues are not captures, role mailboxes belong to
 * the organisation, and a "name" that is markup, a URL or an address is not a person.
 */

export interface JudgementOptions {
  viewer?: Viewer;
  /** the user's own email domains: people on them are colleagues, not captures */
  ownDomains?: string[];
}

export function viewerKeys(viewer: Viewer | undefined, ownDomains: string[] = []) {
  const emails = new Set((viewer?.emails ?? []).map((e) => e.trim().toLowerCase().replace(/^mailto:/, '')));
  const domains = new Set(ownDomains.map((d) => siteDomain(d.replace(/^@/, ''))));
  for (const e of emails) {
    const d = emailDomain(e);
    // a personal webmail domain does not make everyone on it a colleague
    if (d && !WEBMAIL.test(d)) domains.add(siteDomain(d));
  }
  const links = new Set((viewer?.links ?? []).map((l) => canonicalLink(l)?.url).filter(Boolean) as string[]);
  const name = viewer?.name && viewer.name.trim().split(/\s+/).length >= 2 ? nameKey(viewer.name) : undefined;
  return { emails, domains, links, name };
}

const WEBMAIL = /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|web|mail|yandex|zoho|fastmail|hey|tutanota|qq|163|126)\.[a-z.]+$/;

/** Whether a merged person is the viewer or one of the viewer's colleagues. */
export function isViewerOrColleague(p: MergedPerson, keys: ReturnType<typeof viewerKeys>): boolean {
  if (p.emails.some((e) => keys.emails.has(e))) return true;
  if (p.links.some((l) => keys.links.has(l))) return true;
  if (keys.name && p.name && nameKey(p.name) === keys.name) return true;
  if (p.emails.length && p.emails.every((e) => keys.domains.has(siteDomain(emailDomain(e))))) return true;
  return false;
}

/** Heuristic layers must produce name-like names; structured and site layers are trusted but not with markup. */
export function acceptableName(p: NormPerson): boolean {
  const name = p.name;
  if (!name) return false;
  if (/^(?:https?:|mailto:|www\.)|@.+\.[a-z]{2,}$/i.test(name)) return false;
  if (/^\+?[\d\s().-]+$/.test(name)) return false;
  // a primary text record is the profile owner's, named as the site or structured data names them (maybe a login)
  if (p.layer === 'card' || p.layer === 'signature' || p.layer === 'byline' || p.layer === 'text') return !!p.primary || looksLikePersonName(name);
  return true;
}

/**
 * Role mailboxes leave a person for the organisation, whatever layer saw them (a thread's "Sable Freight"
 * <info@…> recipient included). The exception is a profile's own contact field: what a site shows as the profile
 * owner's address (hello@janedoe.dev on their own page) is theirs.
 */
export function splitRoleEmails(p: NormPerson): string[] {
  const site = !['jsonld', 'microdata', 'rdfa', 'hcard', 'meta', 'signature', 'byline', 'card', 'text'].includes(p.layer);
  if (site && p.primary) return [];
  const roles = p.emails.filter(isRoleEmail);
  if (roles.length) p.emails = p.emails.filter((e) => !isRoleEmail(e));
  return roles;
}
