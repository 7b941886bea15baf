import type { RawPerson, TextBlock } from '../types';
import { canonicalLink, isProfileLink } from '../../domain/link';
import { foldText } from '../../domain/text';
import { findEmails, isRoleEmail } from '../normalize/email';
import { findPhoneCandidates } from '../normalize/phone';
import { cleanText, looksLikeJobTitle, looksLikePersonName, looksLikeRole, nameFromEmail } from '../normalize/name';
import { personNameOf, type PersonName } from '../normalize/person';
import { emptyOutput, type LayerOutput, type RefineContext } from './context';
import { contactsOf, looksLikeCompany, parseRoleLine } from './text';

/**
 * The person finder of directories, staff lists, team pages and contact blocks, whatever their markup: the page's
 * lines are read as one stream (cards, rows, list items, heading + paragraph and lines split by <br> look alike
 * there) and a small line grammar finds the records in it:
 *
 *   record  = name-line [title-line] contact-line*       "Mike Callan" / "Broker" / "Phone: (970) 674-1990"
 *           | title-line name-line contact-line*         "President" / "Kanu Patel"   (when the page writes titles first)
 *   name-line  = NAME | NAME ", " TITLE | NAME " – " TITLE | "-" NAME ", " COMPANY | TITLE " – " NAME [", " CREDENTIALS]
 *
 * A record ends at the next name line, a new section (a block opened by a heading) or after a few lines. Precision
 * first: a name whose given name is known needs one more piece of evidence (a title, a number or an address in its
 * record); a name that is only name-shaped needs a title beside it or an address that spells it.
 */

type Kind = 'name' | 'title' | 'contact' | 'other';

interface Tok {
  text: string;
  block: number;
  kind: Kind;
  person?: PersonName;
  title?: string;
  company?: string;
  /** a testimonial's attribution ("— Jane Doe, Acme"): a person, with a company rather than a title */
  attribution?: boolean;
  /** the other people of a line that names several ("Jani Daly, Cathy Hooper", "Mike & Cindy Ford") */
  also?: PersonName[];
  used?: boolean;
  /** from an image's alt text: a person only with a role written right after it */
  alt?: boolean;
}

const MAX_BODY = 7;
const SKIP_HINTS = new Set(['nav', 'form', 'quote', 'signature']);
const SKIP_ON_PAGES = new Set(['nav', 'form', 'signature']);
const CONTACT_LABEL = /^(?:phone|tel|telephone|fax|e-?mail|ext|extension|mobile|cell|direct|office|toll[- ]free|p|t|m|f|e)\b\.?\s*[:#.]?/i;
const NAME_SPLIT = /\s*,\s+|\s+[-–—|·]\s+|\s*\(\s*/;

export function recordsLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  const toks: Tok[] = [];
  // quoted blocks of a thread are earlier messages; on a web page a blockquote is a testimonial, signed under it
  const skip = ctx.collected.pageKind === 'email' ? SKIP_HINTS : SKIP_ON_PAGES;
  blocks.forEach((b, i) => {
    if (skip.has(b.hint ?? '') || b.structured) return;
    const lines = b.text ? b.text.split('\n') : [];
    for (let k = 0; k <= lines.length; k++) {
      for (const [at, alt] of b.alts ?? []) if (at === k) pushAlt(alt, i, lines);
      const t = lines[k]?.trim();
      if (t) toks.push(classify(t, i));
    }
  });
  // a photo's alt text naming a known name the block does not write ("<img alt="Dana Whitfield">" / "President")
  function pushAlt(alt: string, block: number, lines: string[]) {
    const person = personNameOf(alt);
    if (person?.strength !== 2 || lines.some((l) => l.includes(person.name))) return;
    toks.push({ text: alt, block, kind: 'name', person, alt: true });
  }
  // a line right after a quotation signs it ("“…fine work.”" / "Lou Acquavita, Queens Museum of Art")
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    if (t.kind === 'name' || !prev || !isQuotation(prev.text) || t.text.length > 80) return;
    const signed = nameAndRole(`– ${t.text}`);
    if (signed?.person) Object.assign(t, signed, { kind: 'name' as const, attribution: true });
  });
  if (!toks.some((t) => t.kind === 'name')) return out;
  // a title that is also name-shaped ("Town Clerk", "Dean Admissions") right under a bare name is that name's title
  toks.forEach((t, i) => {
    const next = toks[i + 1];
    if (t.kind !== 'name' || t.title || t.also || !next || next.kind !== 'name' || next.title || next.also || next.block !== t.block) return;
    if (next.text !== next.person?.name || !looksLikeJobTitle(next.text) || looksLikeJobTitle(t.text) || toks[i + 2]?.kind === 'title') return;
    Object.assign(next, { kind: 'title' as const, title: next.text, person: undefined });
  });

  const titleFirst = titlesComeFirst(toks);
  // a staff list (several known names, each with a title beside it) vouches for the names written the same way
  // whose given name the lists do not know ("Kanu Patel" / "President" among "Bill Robertson" / "Vice President")
  const listed = new Set<number>();
  toks.forEach((t, i) => {
    if (t.kind === 'name' && t.person?.strength === 2 && [t.title, toks[i - 1]?.title, toks[i + 1]?.title].some(isRole)) listed.add(i);
  });
  const amongListed = (i: number) => [...listed].filter((k) => k !== i && Math.abs(k - i) <= 4).length >= 1;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (tok.kind !== 'name' || !tok.person) continue;
    let title = tok.title;
    let titleAdjacent = !!title;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (!title && titleFirst && prev?.kind === 'title' && !prev.used) {
      title = prev.title;
      prev.used = titleAdjacent = true;
    } else if (!title && next?.kind === 'title' && !(titleFirst && toks[i + 2]?.kind === 'name')) {
      title = joinedTitle(toks, i + 1);
      next.used = titleAdjacent = true;
    }
    // the record's body: the lines after the name up to the next name, a new section or a few lines on
    const body: Tok[] = [];
    // a name alone in its element (a card's header cell, a heading) is followed by its details in the next ones;
    // a record that has lines of its own beside the name ends with its element
    const bare = toks.filter((t) => t.block === tok.block).length <= 2;
    for (let j = i + 1; j < toks.length && j <= i + MAX_BODY; j++) {
      const t = toks[j]!;
      if (t.kind === 'name') break;
      if (t.block !== tok.block && (!bare || blocks[t.block]!.hint !== blocks[tok.block]!.hint)) break;
      if (t.block !== toks[j - 1]!.block && blocks[t.block]!.heading && !t.used) break;
      if (titleFirst && t.kind === 'title' && !t.used) break; // the next record's title
      body.push(t);
    }
    // a record's contact lines are short ("Phone: …", an address); a sentence that mentions an address is prose
    // no title beside the name: the first title in its record (after a line of bio)
    if (!title) {
      const t = body.find((x) => x.kind === 'title' && !x.used);
      if (t) {
        title = t.title;
        t.used = true;
      }
    }
    const bodyLines = body.filter((t) => t.kind === 'contact' && t.text.length <= 90).map((t) => t.text);
    // links of the blocks the record holds whole (a "Send Email" mailto behind a button)
    const end = i + body.length;
    const owned = new Set<number>();
    for (const b of new Set([tok.block, ...body.map((t) => t.block)])) {
      const inBlock = toks.flatMap((t, k) => (t.block === b ? [k] : []));
      if (inBlock.every((k) => k >= (titleFirst && prev?.block === b ? i - 1 : i) && k <= end)) owned.add(b);
    }
    const links = [...owned].flatMap((b) => blocks[b]!.links ?? []).filter((l) => /^(?:mailto|tel):/i.test(l));
    const c = contactsOf(bodyLines, links, ctx);
    // an address that spells someone else's name (jordan.blake@ under Dana Okoro) is theirs
    const emails = c.emails.filter((e) => !isRoleEmail(e) && (!nameFromEmail(e) || spellsName(e, tok.person!.name)));
    const spells = emails.some((e) => spellsName(e, tok.person!.name));

    const strong = tok.person.strength === 2;
    // a testimonial signed under its text: a name alone on its line right after a paragraph of prose
    const signed = !title && (tok.text === tok.person.name || personNameOf(tok.text)?.name === tok.person.name || !!tok.also) && prev?.kind === 'other' && (isProse(prev.text) || isQuotation(prev.text));
    // a name that is only name-shaped ("Available Positions", "Balise Honda") needs its own address to be a person,
    // or a title beside it in a list of known names written the same way
    let evidence = strong
      ? !!title || emails.length > 0 || c.phones.length > 0 || (tok.attribution && (!!tok.company || afterWords(prev))) || signed
      : (spells && (!!title || titleAdjacent || emails.length > 0)) || (titleAdjacent && !tok.title && tok.text === tok.person.name && isRole(title) && amongListed(i));
    // a name in capitals or only in a photo's alt text needs its title beside it (or, in capitals, to sign the words
    // above it in its own block: a section heading in capitals after a paragraph signs nothing)
    // a speaker's or member's block among blocks alike (a name heading, an affiliation, icon links to profiles)
    const headed = strong && !title && headedCard(blocks, tok);
    if (headed) evidence = true;
    if (!evidence || (tok.alt && !(titleAdjacent && isRole(title))) || (tok.person.caps && !title && !(signed && prev!.block === tok.block))) continue;
    for (const person of [tok.person, ...(tok.also ?? [])]) {
      const p: RawPerson = { layer: 'card', name: person.name, role: 'listed' };
      if (title) p.jobTitle = title;
      if (tok.company) p.company = tok.company;
      if (person === tok.person && emails.length) p.emails = emails;
      if (person === tok.person && c.phones.length) p.phones = c.phones;
      if (headed) Object.assign(p, headed);
      out.people.push(p);
    }
  }
  return out;
}

/**
 * A block headed by a name, short (an affiliation or a line of bio), with links to the person's profiles (icons with no
 * text: "Follow … on X"), among neighbouring blocks headed by names the same way: one person's card in a repeated
 * structure, whose links are theirs (one profile per site) and whose company-like line is their affiliation.
 */
function headedCard(blocks: TextBlock[], tok: Tok): Pick<RawPerson, 'links' | 'ownLinks' | 'company'> | undefined {
  const b = blocks[tok.block]!;
  const lines = b.text.split('\n');
  if (b.heading !== tok.text || lines[0] !== tok.text || lines.length > 3 || b.hint === 'aside' || b.hint === 'footer') return undefined;
  const web = (b.links ?? []).filter((l) => /^https?:/i.test(l));
  const profiles = web.filter(isProfileLink);
  const hosts = profiles.map((l) => canonicalLink(l)?.url.split('/')[2]);
  if (!profiles.length || new Set(hosts).size !== hosts.length) return undefined;
  const alike = (k: number) => {
    const n = blocks[k];
    return !!n?.heading && n.text.startsWith(n.heading) && personNameOf(n.heading)?.strength === 2 && n.text.split('\n').length <= 4;
  };
  if (!alike(tok.block - 1) && !alike(tok.block + 1)) return undefined;
  const company = lines[1] && looksLikeCompany(lines[1]) && !personNameOf(lines[1]) ? cleanText(lines[1]) : undefined;
  return { links: web, ownLinks: web, ...(company ? { company } : {}) };
}

// a bio that opens with its subject: "Nathalie Seux is the Student Recruitment Office Coordinator at EMLYON …"
const BIO = /^((?:Dr\.\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2})\s+(?:is|serves as)\s+(?:the\s+|a\s+|an\s+|our\s+)?([^,;.]{3,80}?)\s+(?:at|of|for|with)\s+(?:the\s+)?(\p{Lu}[^,;.]{1,60}?)(?=[,;.]|\s+(?:and|in|where|since|who)\b|$)/u;

const PERSON_VERB = '(?:has|is|was|joined|received|brings|holds|began|graduated|serves|earned|oversees|leads|manages|comes)';
const TITLE_LED = new RegExp(`^([\\p{L}][\\p{L} &/-]{2,50}?)[:,]\\s+((?:Dr\\.\\s+)?\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,3})(?:,?\\s+[A-Z][A-Za-z-]{1,5}(?:,\\s*[A-Z][A-Za-z-]{1,5})*)?,?\\s+${PERSON_VERB}\\b`, 'u');
const NAME_LED = /^((?:Dr\.\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s+[–—-]\s+([^.;:]{3,60}?)(?:\s+(?:who|that|with|since|and)\b|[.;:]\s)/u;

function classify(text: string, block: number): Tok {
  const tok: Tok = { text, block, kind: 'other' };
  const bio = BIO.exec(text);
  if (bio) {
    const person = personNameOf(bio[1]);
    if (person && (person.strength === 2 || looksLikeRole(bio[2])) && looksLikeJobTitle(bio[2]) && bio[2]!.split(/\s+/).length <= 8) {
      return Object.assign(tok, { kind: 'name' as const, person, title: cleanText(bio[2]), ...(looksLikeCompany(bio[3]) ? { company: cleanText(bio[3]) } : {}) });
    }
  }
  // "Lead Carpenter: Rod Robinson has been with the company…", "Clinical Director, Lovely C. Laban GNP-C, MSN received…"
  const led = TITLE_LED.exec(text);
  if (led && looksLikeRole(led[1])) {
    const person = personNameOf(led[2]);
    if (person?.strength === 2) return Object.assign(tok, { kind: 'name' as const, person, title: cleanText(led[1]) });
  }
  // "R. Mack Babcock – Founder of the Babcock Law Firm who has …": a name and a title opening a paragraph
  const opened = NAME_LED.exec(text);
  if (opened && text.length > 60 && looksLikeRole(opened[2])) {
    const person = personNameOf(opened[1]);
    if (person) return Object.assign(tok, { kind: 'name' as const, person, title: cleanText(opened[2]) });
  }
  if (text.length > 160) return tok;
  // a label alone is a title's first word as often as a contact line's ("Office Manager", "Direct Sales")
  if ((CONTACT_LABEL.test(text) && /[\d@]/.test(text)) || findEmails(text).length || findPhoneCandidates(text).length) {
    // "Title – Name, MD (ext. 204) name@…": a name line that carries its contact data
    const lead = nameAndRole(text.replace(/\s*\(?\s*(?:ext\.?|extension|x)\s*\d+\)?.*$/i, '').replace(/\s+\S+@\S+.*$/, '').trim());
    if (lead) Object.assign(tok, lead, { kind: 'name' });
    else tok.kind = 'contact';
    return tok;
  }
  // a line ending in a comma starts an address or a list ("Red Fields," over a street)
  const named = /,$/.test(text) ? undefined : titledName(text) ?? nameAndRole(text) ?? severalNames(text);
  if (named) return Object.assign(tok, named, { kind: 'name' as const });
  const t = text.replace(/[:;,]$/, '').trim();
  if (t.split(/\s+/).length <= 10 && !/\d/.test(t) && looksLikeJobTitle(t) && !looksLikePersonName(t)) {
    tok.kind = 'title';
    tok.title = cleanText(t);
  }
  return tok;
}

/** A line that names one person, alone or with a title (or, after a dash, a company): see the grammar above. */
function nameAndRole(text: string): Pick<Tok, 'person' | 'title' | 'company' | 'attribution'> | undefined {
  const attribution = /^[-–—~]\s*\S/.test(text);
  const line = text.replace(/^[-–—~•*·]\s*/, '').trim();
  const whole = personNameOf(line);
  if (whole) return { person: whole, ...(attribution ? { attribution } : {}) };
  const parts = line.split(NAME_SPLIT).map((p) => p.replace(/\)$/, '').trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  // NAME, TITLE / NAME – TITLE / NAME (TITLE); credentials may sit between ("Ann Lee, MD, Medical Director")
  const first = personNameOf(parts[0]);
  if (first) {
    let k = 1;
    while (k < parts.length && personNameOf(`${parts[0]} ${parts[k]}`)?.name === first.name) k++; // credentials
    const rest = parts.slice(k).join(', ');
    if (!rest) return { person: first };
    // a testimonial's attribution names its author's company, which may be a person's name ("Calvin Klein")
    if (attribution && parts.length === k + 1 && looksLikeCompany(parts[k])) return { person: first, company: cleanText(parts[k]), attribution };
    if (personNameOf(parts[k])) return undefined; // "Jani Daly, Cathy Hooper": two people, no record
    if (looksLikeJobTitle(rest) && !/\d{3}/.test(rest)) {
      const r = parseRoleLine(rest);
      if (r.jobTitle) return { person: first, title: r.jobTitle.replace(/[:;]$/, ''), ...(r.company ? { company: r.company } : {}) };
    }
    if (attribution && looksLikeCompany(parts[k])) return { person: first, company: cleanText(parts[k]), attribution };
    return undefined;
  }
  // TITLE – NAME / TITLE: NAME
  const m = /^(.{2,80}?)(?:\s+[-–—|]\s+|:\s+)(.{3,80})$/.exec(line);
  if (m && looksLikeJobTitle(m[1]) && !/\d/.test(m[1]!)) {
    const person = personNameOf(m[2]!.split(/\s*,\s+/).length > 1 ? m[2]! : m[2]!);
    if (person) return { person, title: cleanText(m[1]) };
  }
  return undefined;
}

/**
 * Whether the page writes titles before names ("President" / "Kanu Patel" / "Vice President" / "Bill Robertson"):
 * a run of alternating titles and names that opens with a title, rather than closing with one.
 */
function titlesComeFirst(toks: Tok[]): boolean {
  let first = 0, last = 0;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.kind !== 'name' || toks[i]!.title) continue;
    const prevT = toks[i - 1]?.kind === 'title';
    const nextT = toks[i + 1]?.kind === 'title';
    if (prevT && toks[i - 2]?.kind !== 'name' && !(nextT && toks[i + 2]?.kind !== 'name')) first++;
    if (nextT && toks[i + 2]?.kind !== 'name' && !(prevT && toks[i - 2]?.kind !== 'name')) last++;
  }
  return first > last;
}

const isRole = looksLikeRole;

/** "Mayor Susan Rohan", "Vice Mayor Carol Garcia": a role written before a known name on one line. */
function titledName(text: string): Pick<Tok, 'person' | 'title'> | undefined {
  const words = text.split(/\s+/);
  if (words.length < 3 || words.length > 7) return undefined;
  for (let k = 1; k <= Math.min(3, words.length - 2); k++) {
    const title = words.slice(0, k).join(' ');
    if (!looksLikeRole(title)) continue;
    const person = personNameOf(words.slice(k).join(' '));
    if (person?.strength === 2) return { person, title };
  }
  return undefined;
}

/** A title cut by a line break ("President and" / "Chief Executive Officer") joined with its rest. */
function joinedTitle(toks: Tok[], k: number): string | undefined {
  const t = toks[k]!;
  const rest = toks[k + 1];
  if (!t.title || !/(?:\b(?:and|of|for|the|&)|[,&/–-])$/i.test(t.title) || !rest || rest.block !== t.block || rest.kind === 'name' || rest.kind === 'contact') return t.title;
  if (rest.text.length > 60 || /\d/.test(rest.text)) return t.title;
  rest.used = true;
  if (rest.kind === 'other') rest.kind = 'title';
  return cleanText(`${t.title} ${rest.text}`);
}

/** Whether a line is words someone said or wrote (a quotation or a paragraph), which a name after it signs. */
function afterWords(prev: Tok | undefined): boolean {
  return !!prev && prev.kind === 'other' && (isQuotation(prev.text) || isProse(prev.text) || /["”!]\W{0,2}$/.test(prev.text));
}

/** A quotation: a line in quotation marks (a testimonial's words). */
function isQuotation(text: string): boolean {
  return text.length >= 15 && /^["“„«]/.test(text) && /["”»]\W{0,3}$/.test(text);
}

/** A paragraph of prose: long, worded as sentences (a testimonial's text, a bio). */
function isProse(text: string): boolean {
  return text.length >= 80 && text.split(/\s+/).length >= 14 && /[.!?…"”’)]\s*$/.test(text);
}

/**
 * A line naming several people of known names: "Jani Daly, Cathy Hooper", "Lyle Love and Bunky Owen" (the first
 * known), "Mike & Cindy Ford" (a couple sharing the family name).
 */
function severalNames(text: string): Pick<Tok, 'person' | 'also'> | undefined {
  const parts = text.replace(/^[-–—~•*·]\s*/, '').split(/\s*,\s*(?:and\s+|&\s*)?|\s+(?:&|and)\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || parts.length > 4) return undefined;
  const last = personNameOf(parts[parts.length - 1]);
  // "Mike & Cindy Ford": a given name alone before a full name shares its family name
  if (parts.length === 2 && last?.strength === 2 && !parts[0]!.includes(' ') && last.name.split(' ').length === 2) {
    const first = personNameOf(`${parts[0]} ${last.name.split(' ')[1]}`);
    if (first?.strength === 2) return { person: first, also: [last] };
  }
  const people = parts.map(personNameOf);
  if (!people.every((p): p is PersonName => p?.strength === 2)) return undefined;
  return { person: people[0]!, also: people.slice(1) };
}

function spellsName(email: string, name: string): boolean {
  const local = email.split('@')[0]!.toLowerCase();
  const words = foldText(name).split(/[^a-z]+/).filter((w) => w.length >= 3);
  return words.some((w) => local.includes(w));
}
