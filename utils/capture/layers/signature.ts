import type { RawPerson, TextBlock } from '../types';
import { isRoleEmail } from '../normalize/email';
import { cleanText, looksLikeGivenName, looksLikePersonName } from '../normalize/name';
import { emptyOutput, type LayerOutput, type RefineContext } from './context';
import { contactsOf, parseRoleLine } from './text';

/**
 * Email signatures: the lines under a sign-off ("Best,", "Kind regards,", "Mit freundlichen Grüßen") or in a block
 * the mail client marks as a signature. The first line that is a full name opens the signature; role, company,
 * phones, addresses and links follow. Legal footers (registration, managing director) end it.
 */

const SIGN_OFF =
  /^(?:best|best regards|best wishes|kind regards|kindest regards|warm regards|warmest regards|regards|many thanks|thanks|thanks again|thank you|cheers|sincerely|yours sincerely|yours truly|yours faithfully|all the best|talk soon|speak soon|take care|with thanks|respectfully|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|beste grüße|liebe grüße|herzliche grüße|gruß|grüße|mfg|cordialement|bien cordialement|bien à vous|salutations|saludos|un saludo|saludos cordiales|atentamente|cordiali saluti|distinti saluti|saluti|met vriendelijke groet|vriendelijke groet|groeten|med vänliga hälsningar|vänliga hälsningar|hälsningar|mvh|med venlig hilsen|venlig hilsen|med vennlig hilsen|ystävällisin terveisin|pozdrawiam|atenciosamente|abraços)\s*[,.!—–-]*$/i;
const END =
  /^(?:on .{4,120} wrote:?|am .{4,80} schrieb.*|le .{4,80} a écrit.*|from:|von:|de:|sent:|gesendet:|-{2,}\s*original message|_{5,}|this (?:e-?mail|message)|confidential|disclaimer)/i;
const LEGAL = /amtsgericht|registergericht|\bhrb\b|\bhra\b|registered (?:in|office|number)|company (?:no|number)|geschäftsführer|managing director:|vat (?:no|reg)|ust-?id|sitz der gesellschaft|\bsiret\b|\brcs\b|confidential|privileged|intended recipient/i;
const MAX_SIGNATURE_LINES = 9;

interface Line {
  text: string;
  block: number;
}

export function signatureLayer(blocks: TextBlock[], ctx: RefineContext): LayerOutput {
  const out = emptyOutput();
  const lines: Line[] = [];
  blocks.forEach((b, i) => {
    if (b.hint === 'quote') return; // older messages: their senders are read from their own headers, if at all
    for (const t of b.text.split('\n')) lines.push({ text: t, block: i });
  });
  const used = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marked = blocks[line.block]!.hint === 'signature' && (i === 0 || lines[i - 1]!.block !== line.block);
    let start = -1;
    if (SIGN_OFF.test(line.text)) start = i + 1;
    else if (marked) start = i;
    else if (/^[-–—]{2}\s*$/.test(line.text)) start = i + 1; // the "-- " delimiter
    if (start < 0 || used.has(start)) continue;
    const p = readSignature(lines, start, blocks, ctx, used);
    if (p) out.people.push(p);
  }
  return out;
}

function readSignature(lines: Line[], start: number, blocks: TextBlock[], ctx: RefineContext, used: Set<number>): RawPerson | null {
  let i = start;
  while (lines[i] && /^\s*(?:[-–—_]{2,}\s*)?$/.test(lines[i]!.text)) i++; // the "-- " delimiter
  // "Priya" under "Best," is the sender's given name; the full name may follow in the signature block
  if (lines[i] && looksLikeGivenName(lines[i]!.text) && !looksLikePersonName(lines[i]!.text.split(SPLIT)[0])) i++;
  while (lines[i] && !lines[i]!.text.trim()) i++;
  const first = lines[i];
  if (!first) return null;
  const [namePart = '', ...restParts] = first.text.split(SPLIT);
  if (!looksLikePersonName(namePart.trim())) return null;
  const p: RawPerson = { layer: 'signature', name: cleanText(namePart)! };
  const body: string[] = [];
  if (restParts.length) body.push(restParts.join(' | '));
  const blockIds = new Set<number>([first.block]);
  used.add(i);
  for (let j = i + 1; j < lines.length && j <= i + MAX_SIGNATURE_LINES; j++) {
    const t = lines[j]!.text;
    if (END.test(t) || SIGN_OFF.test(t) || LEGAL.test(t) || t.length > 140) break;
    body.push(t);
    blockIds.add(lines[j]!.block);
    used.add(j);
  }
  for (const line of body.slice(0, 3)) {
    if (/@|https?:|www\./.test(line) || /^\s*(?:[a-z]{1,8}\.?\s*:)?\s*\+?[\d(]/i.test(line)) continue;
    const r = parseRoleLine(line);
    if (r.jobTitle && !p.jobTitle) p.jobTitle = r.jobTitle;
    if (r.company && !p.company) p.company = r.company;
    if (p.jobTitle && p.company) break;
  }
  const links = [...blockIds].flatMap((b) => blocks[b]!.links ?? []);
  const c = contactsOf(body, links.filter((l) => body.some((t) => linkShownIn(l, t))), ctx, true);
  const emails = c.emails.filter((e) => !isRoleEmail(e));
  if (emails.length) p.emails = emails;
  if (c.phones.length) p.phones = c.phones;
  if (c.links.length) p.links = c.links;
  p.role = 'sender';
  return p.jobTitle || p.company || emails.length || c.phones.length ? p : null;
}

const SPLIT = /\s+[|·•–—]\s+|\s*\|\s*|,\s+/;

/** A link belongs to the signature when its text is on one of the signature's lines. */
function linkShownIn(href: string, line: string): boolean {
  const bare = href.replace(/^(mailto:|tel:|https?:\/\/)/i, '').replace(/^www\./, '').replace(/\/$/, '').toLowerCase();
  const l = line.toLowerCase();
  if (/^tel:/i.test(href)) return l.replace(/\D/g, '').includes(bare.replace(/\D/g, '').slice(-7));
  return bare.length > 3 && l.includes(bare.split(/[/?#]/)[0]!);
}
