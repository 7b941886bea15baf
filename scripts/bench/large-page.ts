/**
 * A generated staff directory: the "large page" of the capture benchmark. Deterministic (seeded), so every run and
 * every machine measures the same bytes. Shaped like a real corporate directory: a heavy <head> with styles and a
 * script blob (which capture must not read), navigation, and one card per person with mailto/tel/profile links, a
 * bio paragraph and an inline icon — the markup weight around each person is what makes real pages several MB.
 */

import { mulberry32 } from '../../utils/random';

export interface DirectoryPerson {
  name: string;
  jobTitle: string;
  email: string;
  phone: string;
  linkedin: string;
}

export interface DirectoryPage {
  url: string;
  html: string;
  people: DirectoryPerson[];
}

export interface DirectoryOptions {
  /** how many people the directory lists (the benchmark uses 2,000) */
  people: number;
  /** PRNG seed; the same seed gives the same page byte for byte */
  seed?: number;
}

export const DIRECTORY_URL = 'https://www.northwind-analytics.com/about/people/';
const DOMAIN = 'northwind-analytics.com';

const FIRST = [
  'Maya', 'Liam', 'Sofia', 'Noah', 'Amara', 'Elias', 'Ingrid', 'Mateo', 'Priya', 'Jonas', 'Chloé', 'Kenji', 'Fatima', 'Oskar',
  'Lucía', 'Arjun', 'Hannah', 'Tomasz', 'Aisha', 'Henrik', 'Camille', 'Diego', 'Yuki', 'Emeka', 'Astrid', 'Rafael', 'Leila',
  'Finn', 'Zara', 'Mikael', 'Nadia', 'Pablo', 'Elin', 'Samuel', 'Mei', 'Viktor', 'Olga', 'Tariq', 'Greta', 'Hugo', 'Selin',
  'Anders', 'Paula', 'Kofi', 'Ida', 'Marco', 'Rania', 'Lars', 'Beatriz', 'Ravi',
];
const LAST = [
  'Lindqvist', 'Okafor', 'Moreau', 'Tanaka', 'Berg', 'Haddad', 'Novak', 'Fernández', 'Iyer', 'Schmidt', 'Kowalski', 'Nguyen',
  'Andersson', 'Rossi', 'Mensah', 'Dubois', 'Yilmaz', 'Johansson', 'Costa', 'Petrov', 'Sato', 'Larsen', 'Mbeki', 'Silva',
  'Hoffmann', 'Kaur', 'Eriksson', 'Romero', 'Adeyemi', 'Virtanen', 'Nakamura', 'Holm', 'Ortiz', 'Fischer', 'Bianchi',
  'Nilsson', 'Chen', 'Wójcik', 'Abadi', 'Karlsson', 'Santos', 'Weber', 'Osei', 'Lund', 'Ibrahim', 'Meyer', 'Park', 'Dahl',
  'Gallo', 'Sandberg',
];
const TITLES = [
  'Account Executive', 'Head of Partnerships', 'Solutions Engineer', 'Customer Success Manager', 'Marketing Manager',
  'Data Engineer', 'Product Designer', 'VP Sales', 'Chief Financial Officer', 'Recruiter', 'Support Lead',
  'Growth Marketer', 'Staff Engineer', 'Legal Counsel', 'Office Manager', 'Sales Development Representative',
];
const TEAMS = ['Sales', 'Marketing', 'Engineering', 'Customer Success', 'Finance', 'People', 'Legal', 'Design'];
const CITIES = ['Gothenburg', 'Stockholm', 'Berlin', 'London', 'Lisbon', 'Warsaw', 'Austin', 'Toronto'];
const WORDS = (
  'joined the team after years building data platforms for retail and logistics customers and now leads work on ' +
  'integrations pipelines onboarding renewals forecasting regional partners quarterly planning analytics dashboards ' +
  'enablement workshops community events open source contributions mentoring new hires across three offices'
).split(' ');


function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ASCII slug for emails and profile links ("Chloé Fernández" → "chloe.fernandez"). */
export function slug(name: string, sep: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}|\\${sep}$`, 'g'), '');
}

/** The person at index i: names are unique for up to FIRST × LAST (2,500) people, then numbered. */
function person(i: number, rand: () => number): DirectoryPerson {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const round = Math.floor(i / (FIRST.length * LAST.length));
  const name = round === 0 ? `${first} ${last}` : `${first} ${last} ${round + 1}`;
  const local = slug(name, '.');
  const ext = String(1000 + ((i * 7919) % 9000)).padStart(4, '0');
  return {
    name,
    jobTitle: pick(rand, TITLES),
    email: `${local}@${DOMAIN}`,
    // Swedish switchboard + extension, written the way sites write them
    phone: `+46 31 ${ext.slice(0, 2)} ${ext.slice(2)} ${String(10 + (i % 90))}`,
    linkedin: `https://www.linkedin.com/in/${slug(name, '-')}-${((i * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 6)}/`,
  };
}

function bio(rand: () => number, name: string): string {
  const words: string[] = [];
  const n = 70 + Math.floor(rand() * 40);
  for (let k = 0; k < n; k++) words.push(pick(rand, WORDS));
  return `${name.split(' ')[0]} ${words.join(' ')}.`;
}

const ICON =
  '<svg class="dir-card__icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
  '<path d="M20 4H4c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V6c0-1.1-.9-2-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z"/></svg>';

function card(p: DirectoryPerson, i: number, rand: () => number): string {
  const team = pick(rand, TEAMS);
  const city = pick(rand, CITIES);
  return (
    `<li class="dir-grid__item" data-index="${i}" data-team="${escapeHtml(team)}">` +
    `<article class="dir-card dir-card--${slug(team, '-')}">` +
    `<img class="dir-card__photo" src="/assets/people/${slug(p.name, '-')}.jpg" alt="" width="96" height="96" loading="lazy">` +
    `<div class="dir-card__body"><h3 class="dir-card__name">${escapeHtml(p.name)}</h3>` +
    `<p class="dir-card__title">${escapeHtml(p.jobTitle)}, ${escapeHtml(team)}</p>` +
    `<p class="dir-card__location">${escapeHtml(city)} office</p>` +
    `<ul class="dir-card__links">` +
    `<li><a class="dir-card__link" href="mailto:${p.email}">${ICON}<span>${p.email}</span></a></li>` +
    `<li><a class="dir-card__link" href="tel:${p.phone.replace(/ /g, '')}">${ICON}<span>${p.phone}</span></a></li>` +
    `<li><a class="dir-card__link" href="${p.linkedin}" rel="noopener" target="_blank">${ICON}<span>LinkedIn</span></a></li>` +
    `</ul><p class="dir-card__bio">${escapeHtml(bio(rand, p.name))}</p></div></article></li>\n`
  );
}

/** Head weight that real pages carry and capture must skip: a stylesheet and an analytics/app script blob. */
function head(rand: () => number): string {
  const rules: string[] = [];
  for (let k = 0; k < 400; k++) {
    rules.push(`.dir-u-${k}{margin:${k % 24}px;padding:${(k * 3) % 17}px;color:#${Math.floor(rand() * 0xffffff).toString(16).padStart(6, '0')}}`);
  }
  const state = JSON.stringify({
    // an app-state blob with email-like strings that are NOT on the page as text: capture must not read scripts
    config: { api: 'https://api.northwind-analytics.com/v2', support: 'support@northwind-analytics.com' },
    flags: Array.from({ length: 300 }, (_, k) => ({ id: `flag_${k}`, on: rand() > 0.5 })),
  });
  return (
    `<meta charset="utf-8"><title>Our people · Northwind Analytics</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta property="og:title" content="Our people"><meta property="og:site_name" content="Northwind Analytics">` +
    `<style>${rules.join('\n')}</style>` +
    `<script>window.__APP_STATE__=${state};</script>`
  );
}

export function generateDirectoryPage(options: DirectoryOptions): DirectoryPage {
  if (!Number.isInteger(options.people) || options.people < 0) throw new RangeError('people must be a whole number ≥ 0');
  const rand = mulberry32(options.seed ?? 20261127);
  const people: DirectoryPerson[] = [];
  const cards: string[] = [];
  for (let i = 0; i < options.people; i++) {
    const p = person(i, rand);
    people.push(p);
    cards.push(card(p, i, rand));
  }
  const html =
    `<!DOCTYPE html>\n<html lang="en"><head>${head(rand)}</head><body>` +
    `<header class="site-header"><nav aria-label="Main"><a href="/">Northwind Analytics</a> <a href="/product/">Product</a> ` +
    `<a href="/about/">About</a> <a href="/careers/">Careers</a></nav></header>` +
    `<main><h1>Our people</h1><p>${options.people.toLocaleString('en-US')} people across ${CITIES.length} offices.</p>` +
    `<ul class="dir-grid">\n${cards.join('')}</ul></main>` +
    `<footer class="site-footer"><p>Northwind Analytics AB · Första Långgatan 1, 413 03 Göteborg · ` +
    `<a href="mailto:info@${DOMAIN}">info@${DOMAIN}</a></p></footer></body></html>\n`;
  return { url: DIRECTORY_URL, html, people };
}

export const BOUNDED_URL = 'https://bigco.test/people';

/**
 * The body of the bounded-work page: one real person at the top, then `cards` filler rows of five elements each. At
 * 40,000 rows (200,000 elements) the walk stops at its node cap with a warning; capture must still return the person.
 */
export function boundedBody(cards: number): string {
  const out = ['<article class="card"><h3>Selma Okonkwo</h3><p>Head of Partnerships</p><a href="mailto:selma@bigco.test">mail</a></article>'];
  for (let i = 0; i < cards; i++) out.push(`<div><span>Item</span><b>${i}</b><i>x</i><em>y</em></div>`);
  return out.join('');
}

/** The 200,000-element page of the benchmark (was a 1–2 minute jsdom unit test). */
export function generateBoundedPage(cards = 40_000): { url: string; html: string } {
  return { url: BOUNDED_URL, html: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Everything</title></head><body>${boundedBody(cards)}</body></html>` };
}
