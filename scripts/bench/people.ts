/**
 * Contacts for the "contacts at scale" figure: deterministic people with varied names (syllable-built, so that name
 * words spread over the search index the way real ones do rather than 50 first names shared by thousands), companies,
 * emails, phones and profile links; and search queries that are prefixes of names that exist.
 */

import { mulberry32 } from '../../utils/random';

export interface BenchPerson {
  name: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  company: string;
  emails: string[];
  phones: string[];
  links: string[];
}

const ONSET = ['b', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'kl'];
const VOWEL = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'y'];
const CODA = ['', 'n', 'r', 's', 'l', 'm', 'nd', 'rt'];
const LAST_END = ['son', 'berg', 'ström', 'ez', 'ski', 'ova', 'ini', 'ford', 'ton', 'mann', 'ić', 'sen'];
const TITLES = ['Account Executive', 'Head of Marketing', 'CTO', 'Procurement Lead', 'VP Sales', 'Founder', 'Growth Manager', 'Data Scientist', 'Operations Director', 'Buyer'];
const COMPANY_END = ['Analytics', 'Systems', 'Labs', 'Logistics', 'Health', 'Foods', 'Energy', 'Studio', 'Capital', 'Robotics'];


const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const syllable = (rand: () => number): string => pick(rand, ONSET) + pick(rand, VOWEL) + pick(rand, CODA);
const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/gi, '').toLowerCase();

/** Companies: a fixed pool of `n` names, so many people share one (as in a real CRM). */
function companies(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => `${cap(syllable(rand) + syllable(rand))} ${pick(rand, COMPANY_END)}`);
}

/** `count` people; the same seed gives the same people. Emails and profile links are unique (index-suffixed). */
export function generatePeople(count: number, seed = 4): BenchPerson[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0');
  const rand = mulberry32(seed);
  const pool = companies(rand, Math.max(10, Math.ceil(count / 40)));
  const out: BenchPerson[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = cap(syllable(rand) + (rand() < 0.6 ? syllable(rand) : ''));
    const lastName = cap(syllable(rand) + syllable(rand) + pick(rand, LAST_END));
    const company = pick(rand, pool);
    const domain = `${ascii(company.split(' ')[0]!)}.com`;
    const local = `${ascii(firstName)}.${ascii(lastName)}${i}`;
    out.push({
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      jobTitle: pick(rand, TITLES),
      company,
      emails: [`${local}@${domain}`],
      phones: [`+4670${String(1_000_000 + i).slice(-7)}`],
      links: [`https://www.linkedin.com/in/${ascii(firstName)}-${ascii(lastName)}-${i.toString(36)}`],
    });
  }
  return out;
}

/**
 * Search queries a user would type: a prefix (3 to 6 letters) of a name that exists (e.g. the last names in the
 * database). Consecutive queries start with different letters, so each one changes the results on screen (a latency
 * needs a visible change to end on).
 */
export function searchQueries(names: readonly string[], count: number, seed = 9): string[] {
  // only plain words: how a search tokenises "O'Brien" is the store's business, not the benchmark's
  const words = names.map((n) => n.toLowerCase()).filter((w) => w.length >= 3 && /^\p{L}+$/u.test(w));
  if (words.length === 0) return [];
  const letters = new Set(words.map((w) => w[0]));
  const rand = mulberry32(seed);
  const out: string[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 100) {
    const w = pick(rand, words);
    const q = w.slice(0, 3 + Math.floor(rand() * 4));
    const prev = out[out.length - 1];
    if (letters.size > 1 && prev && prev[0] === q[0]) continue;
    out.push(q);
  }
  return out;
}
