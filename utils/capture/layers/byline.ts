import type { RawPerson, TextBlock } from '../types';
import { isRoleEmail } from '../normalize/email';
import { cleanText, looksLikePersonName, nameKey } from '../normalize/name';
import { emptyOutput, type LayerOutput, type RefineContext } from './context';
import { contactsOf, parseRoleLine } from './text';
import { personNameOf } from '../normalize/person';

/**
 * Bylines ("By Jane Doe, Senior Reporter") and contact blocks in press releases and articles
 * ("Media contact: Jane Doe, Head of Communications, Acme Corp, jane@acme.com, +1 …").
 */

const BYLINE = /^(?:by|written by|posted by|words by|story by|von|par|por|door|author|autor|auteur)\s*:?\s+(.{3,120})$/i;
// "Posted on 3 November 2026 by Dana Whitfield", "3 min read · by Dana Whitfield"
const BY_INSIDE = /^(?:posted|published|updated|written|filed|\d|[a-z]{3,9}\.? \d).{0,60}?\bby\s+(.{3,80})$/i;
// credits name people merely mentioned: photographers, illustrators
const CREDIT = /^(?:photo|photograph|image|illustration|picture|video|credit|icons?|font|theme|powered|made|built|designed|developed|hosted)\b/i;
const CONTACT_LABEL =
  /^(?:(?:media|press|pr|investor|journalist|sales|business|editorial|for more information,?)\s*)?(?:contacts?|enquiries|inquiries|relations)\s*(?:for\s+\w+)?\s*(?:[:–—-]\s*(.*)|$)/i;

export function bylineLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  // the page's own byline is its first one: later bylines (and any in a side module) sign the teasers of other
  // articles ("Related stories", "Most read"), whose authors the page is not about
  const bylines: { block: number; person: RawPerson }[] = [];
  for (const [k, b] of blocks.entries()) {
    if (b.hint === 'nav' || b.hint === 'quote' || b.hint === 'form') continue;
    const lines = b.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const by = line.length <= 160 && !CREDIT.test(line) ? BYLINE.exec(line) ?? BY_INSIDE.exec(line) : null;
      if (by) {
        const p = b.hint === 'aside' ? null : personFromParts(by[1]!, 'author');
        if (p && bylines.length < 50) bylines.push({ block: k, person: p });
        continue;
      }
      const label = CONTACT_LABEL.exec(line);
      if (!label) continue;
      // the contact follows on the same line or the next few lines
      const body = [label[1] ?? '', ...lines.slice(i + 1, i + 6)].filter((t) => t.trim());
      // the name may be written in capitals ("JENNIFER WALSH") or with credentials ("Dana Cole, APR")
      const nameLine = body.findIndex((t) => !!personNameOf(t.split(/,\s+|\s+[|·–—]\s+/)[0]!.trim()));
      if (nameLine < 0 || nameLine > 1) continue;
      const p = personFromParts(body[nameLine]!, 'contact');
      if (!p) continue;
      const following = body.slice(nameLine + 1);
      if (!p.jobTitle && following[0] && !/@|\d{3}/.test(following[0])) {
        const r = parseRoleLine(following[0]);
        if (r.jobTitle) p.jobTitle = r.jobTitle;
        if (r.company) p.company = r.company;
      }
      const c = contactsOf(body.slice(nameLine), b.links ?? [], ctx);
      const emails = c.emails.filter((e) => !isRoleEmail(e));
      if (emails.length) p.emails = emails;
      if (c.phones.length) p.phones = c.phones;
      out.people.push(p);
      i += nameLine + 1;
    }
  }
  const first = bylines[0];
  if (first) {
    const own = bylines.filter((b) => b.block === first.block);
    // bylines of several people in several places: a list of posts, where even the first is only a teaser's, unless
    // it says more than a name (the article's own "By Alicia Moreno, City Hall Reporter" above related stories)
    const list = bylines.some((b) => b.block !== first.block && nameKey(b.person.name!) !== nameKey(first.person.name!));
    for (const b of own) if (!list || b.person.jobTitle) out.people.push(b.person);
  }
  return out;
}

/** "Jane Doe, Senior Reporter at The Times" → name, title, company. */
function personFromParts(s: string, role: 'author' | 'contact'): RawPerson | null {
  // "Hugh Stearns Posted on: August 21st, 2013", "Dana Whitfield on March 3": the date after the name is not part of it
  if (role === 'author') s = s.replace(/\s+(?:[Pp]osted|[Pp]ublished|[Uu]pdated)\b.*$|\s+on\s+(?:\p{Lu}|\d).*$/u, '');
  const parts = s.split(/,\s+|\s+[|·–—]\s+/);
  let name = parts[0]!.trim().replace(/\s+(?:and|&)\s+.*$/, '');
  if (role === 'contact') {
    const n = personNameOf(name)?.name;
    if (!n) return null;
    // a contact's name written in capitals is stored as a name is written
    name = /\p{Ll}/u.test(n) ? n : n.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  } else if (!looksLikePersonName(name)) return null;
  const p: RawPerson = { layer: 'byline', name: cleanText(name)!, role };
  const rest = parts.slice(1).filter((x) => !/@|\d{3}/.test(x)).join(', ');
  if (rest) {
    const r = parseRoleLine(rest);
    if (r.jobTitle) p.jobTitle = r.jobTitle;
    if (r.company) p.company = r.company;
  }
  return p;
}

/**
 * The people a legal notice names (an Impressum's "Geschäftsführer: …", "Vertreten durch: …", "Verantwortlich für
 * den Inhalt: …", an English "Managing Director: …" / "Represented by: …"): the organisation's responsible people,
 * captured as its contacts. The names follow the label on its line or on the next lines, one per line or listed
 * ("Dr. Miriam Vogt und Jonas Hartmann"); an address after a comma ends them.
 */
const LEGAL_LABEL =
  /^(?:(geschäftsführer(?:in)?|geschäftsführung|managing directors?|inhaber(?:in)?|vorstand|vorstandsvorsitzende[rn]?)|vertreten durch|vertretungsberechtigte?r?(?: geschäftsführer(?:in)?)?|represented by|verantwortliche?r?\b[^:]{0,90}|v\.?\s?i\.?\s?s\.?\s?d\.?\s?p\.?|responsible for (?:the )?content[^:]{0,60}|inhaltlich verantwortlich[^:]{0,60})\s*[:：]\s*(.*)$/i;
// academic and professional titles written before German names ("Dipl.-Ing.", "Dr. rer. nat.", "Mag.")
const ACADEMIC = /^(?:(?:dipl\.?\s?-?\s?(?:ing|kfm|kffr|kauf(?:frau|mann)|oec|inf|psych|betriebsw)\.?(?:\s?\((?:fh|th|ba)\))?|dr\.?(?:\s?(?:-?ing|med|jur|rer\.\s?(?:nat|pol)|phil|oec|h\.\s?c)\.?)*|prof\.?|mag\.?|ing\.?|ra|rä|rain|stb|wp|mba|m\.?\s?a\.?|b\.?\s?a\.?|herr|frau|mr\.?|mrs\.?|ms\.?)\s+)+/i;
const MAX_LEGAL_NAMES = 6;

export function legalNoticeLayer(blocks: TextBlock[]): LayerOutput {
  const out = emptyOutput();
  const lines: string[] = [];
  for (const b of blocks) if (b.hint !== 'nav' && b.hint !== 'form' && b.hint !== 'quote') lines.push(...b.text.split('\n'));
  const seen = new Set<string>();
  for (let i = 0; i < lines.length && out.people.length < MAX_LEGAL_NAMES; i++) {
    const line = lines[i]!.trim();
    if (line.length > 200) continue;
    const m = LEGAL_LABEL.exec(line);
    if (!m) continue;
    const title = m[1] ? cleanText(m[1].replace(/s$/i, (s) => (/directors$/i.test(m[1]!) ? '' : s))) : undefined;
    // the names on the label's line, else on the lines under it (up to the first line that is not a name)
    const candidates = m[2]!.trim() ? [m[2]!] : lines.slice(i + 1, i + 1 + MAX_LEGAL_NAMES);
    const names: string[] = [];
    for (const cand of candidates) {
      const listed = cand.split(/\s*(?:,|;|\/|\s+und\s+|\s+and\s+|\s+&\s+)\s*/);
      let stop = false;
      for (const part of listed) {
        const name = personNameOf(part.trim().replace(ACADEMIC, ''));
        if (!name || /^dr\.\s/i.test(name.name) && !personNameOf(name.name.slice(4))) {
          stop = true;
          break;
        }
        names.push(name.name.replace(/^Dr\.\s+/, ''));
      }
      // an address or a sentence after the names ends them; the first candidate line must name someone
      if (stop || !names.length) break;
    }
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      // 'card': the notice vouches for the person as the organisation's, like a card on its own page
      const p: RawPerson = { layer: 'card', name, role: 'contact' };
      if (title) p.jobTitle = title;
      out.people.push(p);
    }
  }
  return out;
}
