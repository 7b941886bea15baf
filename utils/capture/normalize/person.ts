import { cleanText, looksLikeJobTitle, looksLikePersonName } from './name';
import { isKnownGivenName } from './given-names';

/**
 * The person-name judgement of the text layers, stronger than capitalisation: a name is 2–5 name-shaped words
 * (initials, particles, a nickname in quotes or brackets allowed), optionally after an honorific and before
 * credentials ("Dr. Ann Lee", "Michelle Babb, MS, RD", "STACY HATCHER, M.D."), and it is *known* when its first
 * given name is in the given-name lists. Callers ask for more evidence (a title, the person's own address) when a
 * name is only name-shaped.
 */
export interface PersonName {
  /** the name as written, without honorific noise around it and without credentials */
  name: string;
  /** 2: a known given name opens it; 1: only name-shaped */
  strength: 1 | 2;
  /** written in capitals (a heading's style, or a product's or a trade's name: "WOOD FLOORING") */
  caps?: true;
}

const HONORIFIC = /^(?:(?:dr|mr|mrs|ms|miss|mx|prof|rev|fr|hon|sir|dame|judge|rabbi|pastor|father|sister|brother|capt|col|gen|lt|sgt|atty)\.?\s+)+/i;
// credentials and suffixes after the name: "Jr.", "CPA", "Ph.D.", "M.D.", "MS, RD, CD", "GNP-C", "DDS JD"
const CREDENTIAL = /^(?:jr|sr|ii|iii|iv|esq|phd|ph\.?\s?d|md|m\.\s?d|dds|dmd|do|dvm|od|cpa|cfa|cfp|mba|rn|np|pa|pa-c|jd|llm|pe|ra|aia|leed(?:\s+ap)?|cma|msw|lcsw|lmft|psyd|edd|ma|ms|msc|msn|bsc|ba|bs|bsn|mph|rd|cd|ckd|cid|asid|facs|faap|gri|abr|crs|sres|chfc|clu|cpc|ret|gnp-c|fnp-c|aprn|crna|lpc|lmhc|ot|pt|dpt|otr|ccc-slp)\.?$/i;
// any other short run of capitals after a name ("GNP-C", "CKD") is a credential too
const CAPS_CREDENTIAL = /^\p{Lu}{2,5}(?:-\p{Lu})?\.?$/u;

export function personNameOf(raw: string | undefined): PersonName | undefined {
  let t = cleanText(raw);
  if (!t || t.length > 80) return undefined;
  t = t.replace(/^[-–—•*·]\s*/, '').replace(/[,;:]$/, '').trim();
  const lead = HONORIFIC.exec(t)?.[0] ?? '';
  let core = t.slice(lead.length);
  // credentials: ", MS, RD, CD" or " M.D." at the end
  const parts = core.split(/\s*,\s*/);
  const credential = (w: string) => (CREDENTIAL.test(w) || CAPS_CREDENTIAL.test(w)) && !looksLikeJobTitle(w); // "CEO" is a title, "CPA" a credential
  while (parts.length > 1 && parts.slice(1).every((p) => p.split(/\s+/).every(credential))) parts.pop();
  if (parts.length > 1) return undefined;
  let words = parts[0]!.split(/\s+/);
  while (words.length > 2 && credential(words[words.length - 1]!) && /^\p{Lu}/u.test(words[words.length - 1]!) && !/^\p{Lu}\p{Ll}+$/u.test(words[words.length - 1]!)) words = words.slice(0, -1);
  core = words.join(' ');
  // a nickname ("Walter (Bill) Babb", 'R.L. "Bunky" Owen') is not part of the name's shape
  const shape = core.replace(/\s*(?:\([^)]{1,20}\)|"[^"]{1,20}"|“[^”]{1,20}”)\s*/g, ' ').trim();
  // names written in capitals are judged as they would be written normally
  const allCaps = !/\p{Ll}/u.test(shape);
  const judged = allCaps ? shape.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : shape;
  if (!looksLikePersonName(judged.replace(/(\p{Lu})\.(\p{Lu})\./gu, '$1. $2.'))) return undefined;
  const first = judged.split(/\s+/).find((w) => !/^\p{Lu}\.?$/u.test(w) && !/^\p{Lu}\.\p{Lu}\.$/u.test(w));
  if (allCaps && !(first && isKnownGivenName(first))) return undefined; // "BALISE HONDA", "CONTACT US"
  // a name written in capitals is kept as people write it ("STACY HATCHER" → "Stacy Hatcher"): it goes into a CRM
  const written = allCaps ? core.toLowerCase().replace(/(^|[\s'’("“-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()).replace(/\b(Mc)(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : core;
  const name = `${lead && /^dr\b/i.test(lead) ? 'Dr. ' : ''}${written}`.trim();
  return { name, strength: first && isKnownGivenName(first.replace(/[.'’]$/, '')) ? 2 : 1, ...(allCaps ? { caps: true as const } : {}) };
}
