import type { CountryCode } from 'libphonenumber-js/max';
import type { RawPerson, TextBlock } from '../types';
import { COMMON_TLDS, findEmails, isRoleEmail, normalizeEmail } from '../normalize/email';
import { findPhoneCandidates, isPhoneContextRejected, normalizePhone, regionOf } from '../normalize/phone';
import { canonicalLink, findTextLinks } from '../normalize/link';
import { foldText } from '../../domain/text';
import { cleanText, looksLikeJobTitle, looksLikePersonName, looksLikeRole, nameFromEmail, nameKey } from '../normalize/name';
import { personNameOf } from '../normalize/person';
import { emptyOutput, type LayerOutput, type RefineContext } from './context';

/**
 * Text heuristics shared by the card, signature and byline layers, and the "loose text" layer itself: addresses and
 * numbers that belong to no person go to the organisation (a role mailbox, a switchboard).
 */

export interface Contacts {
  emails: string[];
  phones: string[];
  links: string[];
}

/** Regions for the numbers of one block: the countries its international numbers name, then the page's. */
export function blockRegions(lines: string[], links: string[], ctx: RefineContext): CountryCode[] {
  const out: CountryCode[] = [];
  for (const l of links) if (/^tel:/i.test(l)) pushRegion(out, regionOf(l.slice(4)));
  for (const line of lines) {
    if (!line.includes('+')) continue;
    for (const c of findPhoneCandidates(line)) if (c.raw.startsWith('+')) pushRegion(out, regionOf(c.raw));
  }
  for (const r of ctx.regions) pushRegion(out, r);
  return out;
}

function pushRegion(out: CountryCode[], r: CountryCode | undefined) {
  if (r && !out.includes(r)) out.push(r);
}

/**
 * The addresses, numbers and links of some lines and their hrefs. `textLinks`: also web addresses written as plain
 * text (a signature's or a card's "www.acme.example"), where a line of its own is a claim of ownership.
 */
export function contactsOf(lines: string[], links: string[], ctx: RefineContext, textLinks = false): Contacts {
  const regions = blockRegions(lines, links, ctx);
  const emails = new Set<string>();
  const phones = new Set<string>();
  const outLinks: string[] = [];
  for (const href of links) {
    if (/^mailto:/i.test(href)) {
      for (const a of href.slice(7).split('?')[0]!.split(',')) {
        const e = normalizeEmail(a);
        if (e) emails.add(e);
      }
    } else if (/^tel:/i.test(href)) {
      const p = normalizePhone(href, { regions }, true);
      if (p) phones.add(p);
    } else {
      const c = canonicalLink(href);
      if (c && isPersonalLink(c.url, c.profile, ctx)) outLinks.push(c.url);
    }
  }
  for (const line of lines) {
    const found = findEmails(line);
    for (const raw of found) {
      const e = normalizeEmail(raw);
      if (e) emails.add(e);
    }
    // a website is a short line of its own ("www.acme.example", "Web: acme.example"), not a word in a bio
    if (textLinks && line.length <= 100) {
      let rest = line;
      for (const raw of found) rest = rest.split(raw).join(' ');
      for (const t of findTextLinks(rest, COMMON_TLDS)) {
        const c = canonicalLink(t);
        if (c && isPersonalLink(c.url, c.profile, ctx) && !outLinks.includes(c.url)) outLinks.push(c.url);
      }
    }
    for (const cand of findPhoneCandidates(line)) {
      const { rejected, labelled } = isPhoneContextRejected(cand.before);
      if (rejected) continue;
      // a line that is nothing but the number (a table cell, a card line) is as good as a label
      const alone = line.trim() === cand.raw;
      const p = normalizePhone(cand.raw, { regions }, labelled || alone || cand.raw.startsWith('+'));
      if (p) phones.add(p);
    }
  }
  return { emails: [...emails], phones: [...phones], links: [...new Set(outLinks)] };
}

/** A link that may be a person's own: a profile, or a site other than the page's own and its share buttons. */
function isPersonalLink(url: string, profile: boolean, ctx: RefineContext): boolean {
  if (profile) return true;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return false;
  }
  if (ctx.domain && (host === ctx.domain || host.endsWith(`.${ctx.domain}`))) return false;
  return !/(^|\.)(facebook|instagram|youtube|tiktok|pinterest|google|apple|microsoft|linkedin|twitter|x|github|t|lnkd|bit|goo|mailchimp|hubspot|doubleclick|gravatar|wordpress|medium)\.(com|co|in|ly|gl)$/.test(host);
}

const SEP = /\s+[|·•–—]\s+|\s+-\s+|\s*\|\s*/;
// The noun that makes a phrase a role rather than a department ("Sales" is a team, "Sales Manager" a role).
const ROLE_NOUN =
  /\b(head|director|manager|chief|officer|president|vp|lead|leader|engineer|developer|designer|architect|scientist|analyst|consultant|specialist|coordinator|executive|associate|assistant|representative|advisor|partner|principal|founder|owner|editor|reporter|writer|producer|professor|researcher|administrator|strategist|recruiter|accountant|counsel|attorney|intern|member|chair)\b/i;
// A team or department written after a title ("Chief Financial Officer, Finance"): not the person's company.
const DEPARTMENT =
  /^(?:(?:the\s+)?(?:finance|accounting|controlling|marketing|sales|engineering|platform|infrastructure|mobile|web|frontend|backend|data|analytics|product|design|research|r&d|operations|ops|legal|compliance|hr|people|people ops|human resources|talent|recruiting|it|security|support|customer success|customer support|customer care|business development|partnerships|growth|communications|comms|pr|procurement|purchasing|strategy|administration|facilities|logistics|quality|qa|devops|sre|cloud|ai|ml|machine learning|emea|apac|americas|dach|nordics|north america|europe|global|international|vertrieb|einkauf|entwicklung|personal|buchhaltung|technik|verwaltung|ventes|achats|finanzas|ventas)(?:\s+(?:team|department|dept\.?|group|division|unit|office))?|.{2,40}\s+(?:team|department|dept\.?|division|abteilung|unit))$/i;
export const COMPANY_SUFFIX = /\b(inc|ltd|llc|llp|gmbh|ag|sa|sas|sarl|bv|nv|ab|as|oy|plc|corp|corporation|co|company|labs?|group|technologies|technology|systems|software|bio|analytics|partners|consulting|solutions|logistics|media|studio|studios|ventures|capital|holdings|foundation|institute|university|agency)\.?$/i;

/** "Title at Company", "Title, Company", "Title | Company · Address": the parts a role line holds. */
export function parseRoleLine(line: string): { jobTitle?: string; company?: string } {
  const out: { jobTitle?: string; company?: string } = {};
  const at = /^(.{2,80}?)\s+(?:at|@|bei|chez|en|presso)\s+(.{2,80})$/i.exec(line);
  if (at && looksLikeJobTitle(at[1])) {
    out.jobTitle = cleanText(at[1]);
    const company = at[2]!.split(SEP)[0]!.split(/,\s+/)[0];
    if (looksLikeCompany(company)) out.company = cleanText(company);
    return out;
  }
  const parts = line.split(SEP).map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    if (!out.jobTitle && looksLikeJobTitle(part)) {
      // "Senior Account Executive, Trade Sales" is one title; "Director of X, Tallybird" is title + company
      const commas = part.split(/,\s+/);
      let title = commas[0]!;
      let i = 1;
      while (i < commas.length && looksLikeJobTitle(commas[i]) && !COMPANY_SUFFIX.test(commas[i]!)) {
        // "Chief Financial Officer, Marketing": a department after a complete title is not part of it;
        // "VP, Sales" or "Head of Growth, EMEA Partnerships Lead" are
        if (!ROLE_NOUN.test(commas[i]!) && ROLE_NOUN.test(title) && !/^(?:s?vp|evp|avp|head|director|chair|lead|manager)$/i.test(title.trim())) {
          i++;
          continue;
        }
        title += `, ${commas[i++]}`;
      }
      out.jobTitle = cleanText(title);
      const rest = commas[i];
      if (!out.company && rest && looksLikeCompany(rest)) out.company = cleanText(rest);
    } else if (!out.company && looksLikeCompany(part)) {
      out.company = cleanText(part);
    }
  }
  return out;
}

export function looksLikeCompany(s: string | undefined): boolean {
  if (!s) return false;
  const t = s.trim();
  if (t.length < 2 || t.length > 60) return false;
  if (/@|https?:|www\.|\d{3,}|^\+|[<>{}]/.test(t)) return false;
  if (/^\d/.test(t)) return false; // street addresses
  const words = t.split(/\s+/);
  if (words.length > 6) return false;
  if (!/^[\p{Lu}\d&]/u.test(t)) return false;
  if (looksLikeJobTitle(t) && !COMPANY_SUFFIX.test(t)) return false;
  if (DEPARTMENT.test(t)) return false;
  return true;
}

const MAX_CARD_LINES = 14;
/** a line that ends where a title goes on ("President and", "Director of") */
export const CUT_TITLE = /(?:\b(?:and|of|for|the|&)|[,&/–-])$/i;
const BIO_ROLE = /\b(?:is|as|serves as|works as|joined \S+ as)\s+(?:the\s+|a\s+|an\s+|our\s+)?([^,;]{3,60}?)\s+at\s+(\p{Lu}[\p{L}\d&'’ -]{1,40}?)(?=[.,;]|\s+(?:and|where|since|who|in|for)\b|$)/u;
const NAME_CANDIDATE = /\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:de|da|di|van|von|der|le|la|del|dos)\s+)?\p{Lu}[\p{L}'’-]+){1,2}/gu;

/** People in cards: a heading (or a card's first line) that is a name, followed by a role line and contact lines. */
export function cardsLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  for (const b of blocks) {
    if (b.hint === 'nav' || b.hint === 'form' || b.hint === 'quote' || b.hint === 'signature' || b.structured) continue;
    const lines = b.text.split('\n');
    let name: string | undefined;
    let rest: string[] = [];
    if (b.heading && looksLikePersonName(b.heading)) {
      name = b.heading;
      const i = lines.findIndex((l) => b.heading!.includes(l) || l.includes(b.heading!));
      rest = lines.slice(i + 1);
      // a heading may be spread over several lines (given and family name in separate spans)
      while (rest.length && b.heading.includes(rest[0]!)) rest = rest.slice(1);
    } else if ((b.card || b.hint === 'contact') && looksLikePersonName(lines[0])) {
      name = lines[0];
      rest = lines.slice(1);
    }
    // a line ending in a comma is the start of an address or a list ("Red Fields," over a street), not a name
    if (!name || rest.length > MAX_CARD_LINES || /,\s*$/.test(name)) continue;
    // a block that names someone else on a line of their own is a list of people, not one person's card: its links
    // and numbers are not all theirs (the records layer reads such lists person by person)
    const own = nameKey(name);
    if (rest.some((l) => l.length <= 60 && personNameOf(l)?.strength === 2 && nameKey(personNameOf(l)!.name) !== own)) continue;
    const p: RawPerson = { layer: 'card', name: cleanText(name)!, role: b.hint === 'contact' ? 'contact' : 'listed' };
    for (const [k, cut] of rest.slice(0, 3).entries()) {
      if (/@|\d{4,}|https?:/.test(cut)) continue;
      // a title cut by a line break ("President and" / "Chief Executive Officer") is one title
      const after = rest[k + 1];
      const line = CUT_TITLE.test(cut) && after && after.length <= 60 && !/[\d@]/.test(after) ? `${cut} ${after}` : cut;
      if (looksLikeJobTitle(line) && line.split(/\s+/).length <= 14) {
        const r = parseRoleLine(line);
        if (r.jobTitle) p.jobTitle = r.jobTitle;
        if (r.company) p.company = r.company;
        break;
      }
    }
    // a bio under the name: "Dana is VP of Marketing at Ledgerly."
    if (!p.jobTitle) {
      for (const line of rest.slice(0, 4)) {
        const m = BIO_ROLE.exec(line);
        if (m && looksLikeJobTitle(m[1]) && !/[.!?]/.test(m[1]!)) {
          p.jobTitle = cleanText(m[1]);
          if (!p.company && looksLikeCompany(m[2])) p.company = cleanText(m[2]);
          break;
        }
      }
    }
    // outside a card, a heading's section may link to anyone it mentions: only its mailto/tel links are the person's
    const links = b.card || b.hint === 'contact' ? b.links ?? [] : (b.links ?? []).filter((l) => /^(mailto|tel):/i.test(l));
    // the organisation's lines written inside a person's section ("Main office: …", "TOLL-FREE: 1-888-…") stay its own
    const c = contactsOf(rest.filter((l) => !ORG_LINE.test(l)), links, ctx, true);
    // an address written beside someone else's full name ("my partner Jordan Blake, jordan.blake@…") is theirs
    const restText = rest.join('\n');
    const nameWords = fold(name).split(/[\s'’-]+/).filter((w) => w.length >= 3);
    const personal = c.emails.filter((e) => {
      if (isRoleEmail(e)) return false;
      const local = fold(e.split('@')[0]!);
      if (nameWords.some((w) => local.includes(w))) return true; // it spells the card's own name
      const other = personBesideEmail(restText, e, ctx);
      return !other || isOwnerName(other.name, name!) || isOwnerName(name!, other.name!);
    });
    if (personal.length) p.emails = personal;
    if (c.phones.length) p.phones = c.phones;
    if (c.links.length) {
      p.links = c.links;
      // the social links of one person's card are their own (at most one profile per site, else the card is shared)
      p.ownLinks = oneProfilePerSite(c.links) ? c.links : [];
    }
    // a name only shaped like one ("Balise Honda" over a dealership's numbers) needs a title or its own address
    const known = personNameOf(name)?.strength === 2;
    // spelled: the family name and the given name or its initial ("mpulsinelli"), not one word ("membership@")
    const spelled = personal.some((e) => spellsFullName(e, name!));
    // a known name with a link needs it to be a profile (a shop's link is not a person's); a name-shaped one needs a
    // role as its title ("revenue leakage" under "Project Accounting" is not one)
    const profile = c.links.some((l) => canonicalLink(l)?.profile);
    if (known ? p.jobTitle || personal.length || c.phones.length || profile : (p.jobTitle && looksLikeRole(p.jobTitle)) || spelled) out.people.push(p);
  }
  return out;
}

const ORG_LINE = /^\s*(?:main(?: office| line| number)?|switchboard|reception|front desk|toll[- ]?free|general (?:inquiries|enquiries))\b/i;

/** An address whose local part spells a name's family name and its given name or initial. */
export function spellsFullName(email: string, name: string): boolean {
  const local = fold(email.split('@')[0]!).replace(/[^a-z]/g, '');
  const words = fold(name).split(/[^a-z]+/).filter(Boolean);
  const family = words[words.length - 1];
  const given = words[0];
  if (!family || !given || words.length < 2 || family.length < 3 || !local.includes(family)) return false;
  return local.includes(given) || local.startsWith(given[0]!) || local.endsWith(given[0]!);
}

function oneProfilePerSite(links: string[]): boolean {
  const hosts = links.filter((l) => canonicalLink(l)?.profile).map((l) => new URL(l).hostname);
  return new Set(hosts).size === hosts.length;
}

/**
 * Loose text: role mailboxes and numbers that belong to no one go to the organisation; a personal address whose
 * owner's full name is written beside it ("Jordan Blake … jordan.blake@…") is a person.
 */
export function looseTextLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  const orgEmails = new Set<string>();
  const orgPhones = new Set<string>();
  const email = ctx.collected.pageKind === 'email';
  for (const b of blocks) {
    // a quoted older message speaks for its own senders; on a web page a <blockquote> is often only layout, and a
    // number in it ("0117 230 5221 (+44 117 230 5221 international)") is still the organisation's
    if (b.hint === 'quote' && email) continue;
    const lines = b.text.split('\n');
    const c = contactsOf(lines, (b.links ?? []).filter((l) => /^(mailto|tel):/i.test(l)), ctx);
    if (b.hint === 'quote') c.emails = [];
    // the profile's own text: a site's scope, or on a generic page anything but the site chrome around it
    const ownerHere = !!ctx.owner && (ownerScoped(ctx) || !CHROME_HINTS.has(b.hint ?? ''));
    for (const e of c.emails) {
      if (isRoleEmail(e)) {
        orgEmails.add(e);
        continue;
      }
      const p = personBesideEmail(b.text, e, ctx);
      if (ownerHere && ctx.owner && (!p || isOwnerName(p.name, ctx.owner.name))) {
        // on a profile page, an address that names nobody else ("reach me at mei [at] …") is the owner's
        out.people.push({ layer: 'text', name: ctx.owner.name, emails: [e], primary: true, ...(p?.phones ? { phones: p.phones } : {}) });
      } else if (p) out.people.push(p);
      // an address that names no one (parts@, a shop's own mailbox) is the organisation's
      else if (orgEmails.size < MAX_ORG_VALUES) orgEmails.add(e);
    }
    // within a site's profile (the card, the README) a number is the owner's, not a switchboard's
    if (ctx.owner && ownerScoped(ctx)) {
      if (c.phones.length && b.hint !== 'nav' && !b.heading && !b.card) out.people.push({ layer: 'text', name: ctx.owner.name, phones: c.phones, primary: true });
      continue;
    }
    // every other number is the organisation's: an office under its heading, a department's line in a card; refine
    // takes back the ones a person on the page already holds
    for (const p of c.phones) if (orgPhones.size < MAX_ORG_VALUES) orgPhones.add(p);
  }
  if (orgEmails.size || orgPhones.size) {
    out.organizations.push({ layer: 'text', emails: [...orgEmails].slice(0, 20), phones: [...orgPhones] });
  }
  return out;
}

/** Whether a name found beside an address is the profile owner's (the same key, or all its words among theirs). */
function isOwnerName(name: string | undefined, owner: string): boolean {
  if (!name) return true;
  const a = nameKey(name), b = nameKey(owner);
  if (a === b) return true;
  // an owner known only by a handle ("meihartley"): a name that spells it is theirs
  if (!b.includes(' ') && a.replace(/ /g, '') === fold(owner).replace(/[^a-z]/g, '')) return true;
  const words = new Set(b.split(' '));
  return a.split(' ').every((w) => words.has(w));
}

const MAX_ORG_VALUES = 50;

const CHROME_HINTS = new Set(['footer', 'header', 'nav', 'aside', 'form']);

/** A site's profile page: its text layers read only the profile's own scope (card, README, bio). */
function ownerScoped(ctx: RefineContext): boolean {
  return !!ctx.collected.site && ctx.collected.site !== 'generic' && ctx.collected.pageKind === 'profile';
}

/**
 * The person an address in running text belongs to: a full name in the same sentence that the address spells
 * ("Maria Gonzalez … mgonzalez@…"), with the title written after the name and the phones of that sentence.
 */
function personBesideEmail(text: string, email: string, ctx: RefineContext): RawPerson | undefined {
  const sentences = text.split(/(?<=[.!?])\s+(?=\p{Lu})|\n/u);
  const sentence = sentences.find((s) => findEmails(s).some((r) => normalizeEmail(r) === email));
  if (!sentence) return undefined;
  const local = fold(email.split('@')[0]!);
  let name: string | undefined;
  for (const m of sentence.matchAll(NAME_CANDIDATE)) {
    const candidate = m[0];
    if (!looksLikePersonName(candidate)) continue;
    const parts = fold(candidate).split(/\s+/).filter((w) => w.length >= 3);
    if (parts.some((w) => local.includes(w))) name = candidate; // the last one before the address wins
    if (sentence.indexOf(email) >= 0 && (m.index ?? 0) > sentence.toLowerCase().indexOf(email)) break;
  }
  name ??= nameFromEmail(email);
  if (!name || !text.includes(name)) return undefined;
  const p: RawPerson = { layer: 'text', name, emails: [email] };
  const after = sentence.slice(sentence.indexOf(name) + name.length);
  const title = /^\s*(?:,\s*|\s+\()([^,()]{2,60})/.exec(after)?.[1];
  if (title && looksLikeJobTitle(title)) {
    const r = parseRoleLine(title.trim());
    if (r.jobTitle) p.jobTitle = r.jobTitle;
    if (r.company) p.company = r.company;
  }
  const phones = contactsOf([sentence], [], ctx).phones;
  if (phones.length) p.phones = phones;
  return p;
}

const fold = foldText;
