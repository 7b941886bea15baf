import emailAddresses from 'email-addresses';
import { memo } from './memo';

/**
 * Email addresses: finding them in text (with the usual obfuscations), normalising, and telling real ones from
 * placeholders, example domains and image file names.
 */

const EMAIL_RE = /[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b/gi;

// "name [at] domain [dot] com", "name(at)domain(dot)com", "name {at} domain", "name at domain dot com".
const AT = String.raw`\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|\s+at\s+|\s+AT\s+)\s*`;
const DOT = String.raw`\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|<\s*dot\s*>|\s+dot\s+|\s+DOT\s+|\.)\s*`;
const OBFUSCATED_RE = new RegExp(
  String.raw`([a-z0-9][a-z0-9._%+-]{0,63})${AT}((?:[a-z0-9-]{1,63}${DOT})+)([a-z]{2,24})\b`,
  'gi',
);
const BRACKETED = /[[({<]\s*(?:at|dot)\s*[\])}>]/i;

/** Well-known top level domains, to accept the bare "x at y dot com" form only when it ends like a real address. */
const COMMON_TLDS = new Set(
  'com org net edu gov io co dev app ai biz info me us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz jp cn in br mx za sg hk example'.split(' '),
);

export function findEmails(text: string): string[] {
  const out: string[] = [];
  if (text.includes('@')) for (const m of text.matchAll(EMAIL_RE)) out.push(m[0]);
  if (/\bat\b|\[at\]|\(at\)|\{at\}/i.test(text)) {
    for (const m of text.matchAll(OBFUSCATED_RE)) {
      const whole = m[0];
      const tld = m[3]!.toLowerCase();
      // The bare spelled-out form is common English ("meet at noon dot"): accept it only with a known TLD.
      if (!BRACKETED.test(whole) && !COMMON_TLDS.has(tld)) continue;
      if (!BRACKETED.test(whole) && !/\s+dot\s+/i.test(whole)) continue;
      const domain = m[2]!.replace(new RegExp(DOT, 'gi'), '.');
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

export function emailDomain(address: string): string {
  return (address.split('@')[1] ?? '').toLowerCase();
}
