import type { RawPerson, TextBlock } from '../types';
import { isRoleEmail } from '../normalize/email';
import { cleanText, looksLikePersonName } from '../normalize/name';
import { emptyOutput, type LayerOutput, type RefineContext } from './context';
import { contactsOf, parseRoleLine } from './text';

/**
 * Bylines ("By Jane Doe, Senior Reporter") and contact blocks in press releases and articles
 * ("Media contact: Jane Doe, Head of Communications, Acme Corp, jane@acme.com, +1 …").
 */

const BYLINE = /^(?:by|written by|posted by|words by|story by|von|par|por|door|author:?|autor:?|auteur:?)\s+(.{3,120})$/i;
// "Posted on 3 November 2026 by Dana Whitfield", "3 min read · by Dana Whitfield"
const BY_INSIDE = /^(?:posted|published|updated|written|filed|\d|[a-z]{3,9}\.? \d).{0,60}?\bby\s+(.{3,80})$/i;
// credits name people merely mentioned: photographers, illustrators
const CREDIT = /^(?:photo|photograph|image|illustration|picture|video|credit|icons?|font|theme|powered|made|built|designed|developed|hosted)\b/i;
const CONTACT_LABEL =
  /^(?:(?:media|press|pr|investor|journalist|sales|business|editorial|for more information,?)\s*)?(?:contacts?|enquiries|inquiries|relations)\s*(?:for\s+\w+)?\s*(?:[:–—-]\s*(.*)|$)/i;

export function bylineLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  for (const b of blocks) {
    if (b.hint === 'nav' || b.hint === 'quote' || b.hint === 'form') continue;
    const lines = b.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const by = line.length <= 160 && !CREDIT.test(line) ? BYLINE.exec(line) ?? BY_INSIDE.exec(line) : null;
      if (by) {
        const p = personFromParts(by[1]!, 'author');
        if (p) out.people.push(p);
        continue;
      }
      const label = CONTACT_LABEL.exec(line);
      if (!label) continue;
      // the contact follows on the same line or the next few lines
      const body = [label[1] ?? '', ...lines.slice(i + 1, i + 6)].filter((t) => t.trim());
      const nameLine = body.findIndex((t) => looksLikePersonName(t.split(/,\s+|\s+[|·–—]\s+/)[0]!.trim()));
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
  return out;
}

/** "Jane Doe, Senior Reporter at The Times" → name, title, company. */
function personFromParts(s: string, role: 'author' | 'contact'): RawPerson | null {
  const parts = s.split(/,\s+|\s+[|·–—]\s+/);
  const name = parts[0]!.trim().replace(/\s+(?:and|&)\s+.*$/, '');
  if (!looksLikePersonName(name)) return null;
  const p: RawPerson = { layer: 'byline', name: cleanText(name)!, role };
  const rest = parts.slice(1).filter((x) => !/@|\d{3}/.test(x)).join(', ');
  if (rest) {
    const r = parseRoleLine(rest);
    if (r.jobTitle) p.jobTitle = r.jobTitle;
    if (r.company) p.company = r.company;
  }
  return p;
}
