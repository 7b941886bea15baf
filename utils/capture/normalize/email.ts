import emailAddresses from 'email-addresses';
import { memo } from './memo';

/**
 * Email addresses: finding them in text (with the usual obfuscations), normalising, and telling real ones from
 * placeholders, example domains and image file names.
 */

const EMAIL_RE = /[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b/gi;

// "name [at] domain [dot] com", "name(at)domain.com", "name at domain dot com", and the European spellings of the
// same: (ät), [arroba], (chiocciola) for "at"; (punkt), [punto], (point), (ponto) for "dot".
const AT_WORD = String.raw`(?:at|ät|arroba|chiocciola|klammeraffe|@)`;
const DOT_WORD = String.raw`(?:dot|punkt|punto|point|ponto|pkt|\.)`;
// a plain "@" counts only with an obfuscated dot after it ("name@domain(dot)com"); plain addresses are EMAIL_RE's
const AT = String.raw`\s*(?:[[({<]\s*${AT_WORD}\s*[\])}>]|\s+(?:at|AT|ät|arroba)\s+|@)\s*`;
const DOT = String.raw`\s*(?:[[({<]\s*${DOT_WORD}\s*[\])}>]|\s+(?:dot|DOT|punkt|punto)\s+|\.)\s*`;
const OBFUSCATED_RE = new RegExp(
  String.raw`([a-z0-9][a-z0-9._%+-]{0,63})${AT}((?:[a-z0-9-]{1,63}${DOT})+)([a-z]{2,24})\b`,
  'gi',
);
const DOT_RE = new RegExp(DOT, 'gi');
const BRACKETED_AT = new RegExp(String.raw`[[({<]\s*${AT_WORD}\s*[\])}>]`, 'i');
const BRACKETED_DOT = new RegExp(String.raw`[[({<]\s*${DOT_WORD}\s*[\])}>]`, 'i');
const SPELLED_DOT = new RegExp(String.raw`\s(?:dot|punkt|punto)\s`, 'i');
/** Cheap pre-check: the text holds an "at" word at all. */
const MAY_HAVE_AT = /(?:^|[^a-zà-ÿ])(?:at|ät|arroba|chiocciola|klammeraffe)(?:[^a-zà-ÿ]|$)|@\s*[^\s@]*[[({<]|[[({<]\s*@/i;
/** A label or invitation just before an address: "E-Mail:", "Mail", "Kontakt", "reach me at", "write to". */
const EMAIL_LABEL = /(?:e-?mail|mail|courriel|correo|contact|kontakt|reach|write|email me|schreib\w*)\s*(?:me|us|to|an|uns)?\s*[:：]?\s*$/i;

/** Well-known top level domains, to accept the bare "x at y dot com" form only when it ends like a real address. */
export const COMMON_TLDS = new Set(
  'com org net edu gov io co dev app ai biz info me us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz jp cn in br mx za sg hk cz sk hu ro gr lu li eu tech xyz site online example'.split(' '),
);

export function findEmails(text: string): string[] {
  const out: string[] = [];
  if (text.includes('@')) for (const m of text.matchAll(EMAIL_RE)) out.push(m[0]);
  if (MAY_HAVE_AT.test(text)) {
    for (const m of text.matchAll(OBFUSCATED_RE)) {
      const whole = m[0];
      const tld = m[3]!.toLowerCase();
      const plainAt = !BRACKETED_AT.test(whole) && whole.includes('@');
      if (plainAt && !BRACKETED_DOT.test(whole)) continue; // an ordinary address: EMAIL_RE has it
      if (!BRACKETED_AT.test(whole) && !plainAt) {
        // The spelled-out form with spaces is ordinary prose too ("meet at noon dot com startups"): accept it only
        // with a known TLD and an address-like local part or a label in front of it; with real dots
        // ("jonas at sable-freight.de") only when labelled or the local part has a separator.
        if (!COMMON_TLDS.has(tld)) continue;
        const spelled = SPELLED_DOT.test(whole);
        const at = m.index ?? 0;
        const before = text.slice(Math.max(0, at - 40), at);
        const end = at + whole.length;
        const lineEnd = text.indexOf('\n', end);
        // or the address is a line of its own (a contact card's line)
        const alone = !text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trim() && /^\s*(?:[·|,;]|$)/.test(text.slice(end, lineEnd < 0 ? undefined : lineEnd));
        const labelled = EMAIL_LABEL.test(before);
        const addressLike = /^[a-z]{2,}[a-z0-9]*[._-][a-z]/i.test(m[1]!);
        if (spelled ? !addressLike && !labelled && !alone : !labelled && !(addressLike && alone)) continue;
      }
      const domain = m[2]!.replace(DOT_RE, '.');
      out.push(`${m[1]}@${domain}${tld}`);
    }
  }
  return out;
}

/** Lowercase, strip mailto: and query, validate. Returns undefined for anything that is not a usable address. */
export const normalizeEmail: (raw: string) => string | undefined = memo(normalizeEmailUncached);

function normalizeEmailUncached(raw: string): string | undefined {
  let s = raw.trim();
  if (/^mailto:/i.test(s)) s = s.slice(7);
  s = s.split('?')[0]!;
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep as is */
  }
  s = s.replace(/^[<("'\s]+|[>)"'\s.,;:]+$/g, '').toLowerCase();
  if (s.length > 254 || !s.includes('@')) return undefined;
  const parsed = emailAddresses.parseOneAddress(s);
  if (!parsed || parsed.type !== 'mailbox') return undefined;
  const address = parsed.address.toLowerCase();
  if (!/^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,24}$/.test(address)) return undefined;
  if (isJunkEmail(address)) return undefined;
  return address;
}

const FILE_EXT = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|css|js|mjs|json|map|woff2?|ttf|eot|mp4|webm|mp3|pdf|zip)$/i;
// RFC 2606/6761 example names and the placeholders forms and templates use.
const EXAMPLE_DOMAINS = /(^|\.)(example\.(com|net|org|edu)|domain\.(com|tld)|yourdomain\.\w+|yourcompany\.\w+|company\.com|test\.com|sample\.com|website\.com|mysite\.com|yoursite\.\w+|sentry\.io|sentry-next\.wixpress\.com|wixpress\.com)$|\.(invalid|localhost|local)$/i;
const PLACEHOLDER_LOCAL = /^(you|your\.?name|yourname|your\.?email|name|first\.?last|firstname\.?lastname|john\.?doe|jane\.?doe|johndoe|janedoe|user|username|email|someone|somebody|test|xxx+)$/i;

/** Image file names (logo@2x.png), example domains and form placeholders are never contact data. */
export function isJunkEmail(address: string): boolean {
  const [local = '', domain = ''] = address.split('@');
  if (FILE_EXT.test(address)) return true;
  if (/^\d+(\.\d+)?x$/i.test(domain.split('.')[0] ?? '')) return true; // logo@2x.png, icon@1.5x…
  if (EXAMPLE_DOMAINS.test(domain)) return true;
  if (PLACEHOLDER_LOCAL.test(local)) return true;
  if (/^[0-9a-f]{24,}$/i.test(local)) return true; // tracking hashes (sentry keys, bounce addresses)
  return false;
}

const ROLE_LOCALS = new Set(
  (
    'info information support help helpdesk hello hi hey sales press media pr privacy dpo gdpr legal noreply no-reply ' +
    'donotreply do-not-reply notifications notification mailer-daemon postmaster webmaster hostmaster abuse security admin ' +
    'administrator office contact contacts contactus contact-us enquiries enquiry inquiries inquiry team billing accounts ' +
    'accounting invoices invoice orders order shop store service services customerservice customer-service customercare care ' +
    'careers jobs job recruiting recruitment hr talent marketing newsletter news events event program programme partners ' +
    'partnerships partner bookings booking reservations reception frontdesk general mail feedback investors ir compliance ' +
    'it tech techsupport dev developers api ops operations finance procurement purchasing trade hallo bonjour kontakt'
  ).split(' '),
);

/** Role mailboxes (info@, support@, sales@ …) belong to an organisation, not a person. */
export function isRoleEmail(address: string): boolean {
  const local = (address.split('@')[0] ?? '').toLowerCase();
  return ROLE_LOCALS.has(local) || ROLE_LOCALS.has(local.replace(/[._-]?\d+$/, '').replace(/[._-]/g, ''));
}

export { emailDomain } from '../../domain/email';
