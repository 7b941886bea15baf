/**
 * Text folding: one way to compare words written with and without accents ("Åsa Öberg" = "asa oberg").
 * Search tokens, name keys and capture's text matching all fold with this.
 */
const COMBINING = /[\u0300-\u036f]/g;

/** Lowercase, compatibility-decomposed, without combining marks. */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(COMBINING, '').toLowerCase();
}

/** A name as a comparison key: folded, letters only, single spaces ("Anne-Marie  Dubé" → "anne marie dube"). */
export function nameKey(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
