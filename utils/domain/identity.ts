/**
 * Identity evidence: what makes two records the same person, and what only makes them possibly the same.
 *
 * - The same email key, or the same profile link that capture says is the person's own, is evidence of one person
 *   unless the names clearly disagree (then it is a possible duplicate for the user to decide, never a silent merge).
 * - The same name with the same company, or with the same (non-mailbox-provider) email domain, is a possible duplicate.
 * - A person with a name only (no email, no link at all) is the saved record with the same name and company, when
 *   exactly one such record exists.
 */
import { emailDomain, emailKey, FREEMAIL_DOMAINS } from './email';
import { isProfileLink, linkKey } from './link';
import { nameKey } from './text';

/** Honorifics and suffixes that say nothing about who someone is. */
const FILLER = new Set('mr mrs ms mx dr prof sir jr sr ii iii iv phd md mba'.split(' '));

function nameWords(name: string): string[] {
  return nameKey(name)
    .split(' ')
    .filter((w) => w && !FILLER.has(w));
}

/**
 * Do two names clearly belong to different people? Only when both are real names (two words or more) and they share
 * no word and no initial-to-word match: "Maya Chen" vs "M. Chen" or "maya" agree; "Maya Chen" vs "Jordan Lee" disagree.
 * A single word (a handle, a first name alone) never disagrees: it is too little evidence either way.
 */
export function namesDisagree(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length < 2 || wb.length < 2) return false;
  const full = (ws: string[]) => ws.filter((w) => w.length > 1);
  const fa = full(wa);
  const fb = full(wb);
  if (fa.some((w) => fb.includes(w))) return false;
  // "J Smith" against "Jordan Smythe": an initial agrees with a word starting with it only if another word matched,
  // which it did not; but a glued handle ("mayachen") against "Maya Chen" is the same name.
  const glued = (ws: string[]) => ws.join('');
  if (glued(wa) === glued(wb)) return false;
  return true;
}

/** Name + company key for possible duplicates (undefined when either is missing). */
export function nameCompanyKey(name: string, company?: string): string | undefined {
  const n = nameKey(name);
  const c = company ? nameKey(company) : '';
  if (!n || !c) return undefined;
  return `${n}|${c}`;
}

/** Name + email domain keys for possible duplicates: one per company domain (mailbox providers say nothing). */
export function nameDomainKeys(name: string, emails: readonly string[]): string[] {
  const n = nameKey(name);
  if (!n) return [];
  const out = new Set<string>();
  for (const e of emails) {
    const d = emailDomain(e);
    if (d && !FREEMAIL_DOMAINS.has(d)) out.add(`${n}|@${d}`);
  }
  return [...out];
}

/**
 * A person with a name only (no email, no link) is the saved record with the same name and company (an empty company
 * matches only an empty company): this key, equal for both. Undefined without a name.
 */
export function nameOnlyKey(name: string, company?: string): string | undefined {
  const n = nameKey(name);
  if (!n) return undefined;
  return `${n}|${company ? nameKey(company) : ''}`;
}

/**
 * Blocking keys: two records sharing one are candidates for the duplicates view (and the name-only identity), each
 * prefixed by its reason — `e:` email key, `l:` profile link key, `c:` name + company, `d:` name + company email domain
 * — plus `n:` the name-only identity key. Indexed by the store, so finding candidates never reads every record.
 */
export function blockingKeys(c: { name: string; company?: string; emails: readonly string[]; links: readonly string[] }): string[] {
  const out = new Set<string>();
  for (const e of c.emails) out.add(`e:${emailKey(e)}`);
  for (const l of c.links) if (isProfileLink(l)) out.add(`l:${linkKey(l)}`);
  const ck = nameCompanyKey(c.name, c.company);
  if (ck) out.add(`c:${ck}`);
  for (const dk of nameDomainKeys(c.name, c.emails)) out.add(`d:${dk}`);
  const nk = nameOnlyKey(c.name, c.company);
  if (nk) out.add(`n:${nk}`);
  return [...out];
}
