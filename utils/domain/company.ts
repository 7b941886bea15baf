import { emailDomain, FREEMAIL_DOMAINS } from './email';
import { foldText } from './text';

/**
 * One company record per organisation. Two spellings are one company when their names fold to the same key
 * ("ACME, Inc." = "Acme" = "Acmé Inc"), or when a person's work email domain is the company's domain.
 * Legal-form words at the end of a name say nothing about which company it is.
 */
const LEGAL_FORMS = new Set(
  ('inc incorporated llc ltd limited plc corp corporation co company gmbh ag ab oy as asa aps sa sas sarl srl spa bv nv ' +
    'kg kk pty pte sl sp zoo oü group holding holdings').split(' '),
);

/** The comparison key of a company name, or undefined for a name that says nothing ("", "-", "Inc."). */
export function companyNameKey(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const words = foldText(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  const key = words.join(' ');
  return key && !(words.length === 1 && LEGAL_FORMS.has(key)) ? key : undefined;
}

/**
 * A shared work email domain makes two spellings one company only when their names could be one ("Acme" and "Acme
 * Labs" at acme.com: the same first word). "Northwind" at a client's domain is a consultant, not that client.
 */
export function sameCompanyByDomain(nameKeyA: string, nameKeyB: string): boolean {
  return nameKeyA.split(' ')[0] === nameKeyB.split(' ')[0];
}

/** A company's web domain from a person's emails: the first that is not a mailbox provider's. */
export function companyDomainOf(emails: readonly string[]): string | undefined {
  for (const e of emails) {
    const d = emailDomain(e).replace(/^www\./, '');
    if (d && d.includes('.') && !FREEMAIL_DOMAINS.has(d)) return d;
  }
  return undefined;
}
