/**
 * Text folding: one way to compare words written with and without accents ("Åsa Öberg" = "asa oberg").
 * Search tokens, name keys and capture's text matching all fold with this.
 */
const COMBINING = /[\u0300-\u036f]/g;

const ASCII = /^\p{ASCII}*$/u;

/** Lowercase, compatibility-decomposed, without combining marks. */
export function foldText(s: string): string {
  // ASCII decomposes to itself: skip the Unicode normalisation, which costs a refine in a just-started worker tens of
  // milliseconds (the given-name lists fold 8,800 names on first use)
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(COMBINING, '').toLowerCase();
}

/** A name as a comparison key: folded, letters only, single spaces ("Anne-Marie  Dubé" → "anne marie dube"). */
export function nameKey(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
