/**
 * Search tokens: the words of a contact's name, company, email addresses, city (location) and tags (v3), lowercased and without
 * diacritics, so "Åsa Öberg" is found by "asa", "oberg" and "åsa". Pure; used by the v2 index and search.
 */

import { foldText } from '../domain/text';

const WORD = /[\p{L}\p{N}]+/gu;
/** Longest token kept: a prefix search never needs more, and it bounds index size. */
const MAX_TOKEN = 32;

export const normalizeText = foldText;

export function wordsOf(s: string): string[] {
  return (normalizeText(s).match(WORD) ?? []).map((w) => w.slice(0, MAX_TOKEN));
}

export interface Tokenizable {
  name: string;
  company?: string;
  emails: readonly string[];
  location?: string;
  tags?: readonly string[];
}

export function searchTokensOf(c: Tokenizable): string[] {
  const out = new Set<string>();
  for (const w of wordsOf(c.name)) out.add(w);
  if (c.company) for (const w of wordsOf(c.company)) out.add(w);
  for (const e of c.emails) for (const w of wordsOf(e)) out.add(w);
  if (c.location) for (const w of wordsOf(c.location)) out.add(w);
  for (const t of c.tags ?? []) for (const w of wordsOf(t)) out.add(w);
  return [...out];
}

/** The words of a query; every one must be a prefix of some token of a matching contact. */
export function queryTokens(q: string): string[] {
  return [...new Set(wordsOf(q))];
}

export function matchesAllPrefixes(tokens: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => tokens.some((t) => t.startsWith(q)));
}
