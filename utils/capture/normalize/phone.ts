import { getCountries, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { memo } from './memo';

/**
 * Phone numbers: candidates in text, parsing to E.164 with the best region guess, and the judgement that keeps
 * version numbers, dates, order ids and registration numbers out.
 */

// A run that starts like a phone number and holds only phone punctuation. Digit count is checked afterwards.
const CANDIDATE_RE = /(?:\+|\b00\s?)?\(?\d[\d\s()./\u00a0\u2010-\u2015-]{5,24}\d(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?/gi;
// Words just before a number that make it something else (an id, a registration, a version, money).
const NOT_PHONE_BEFORE =
  /(?:\bno\.?|\bnr\.?|#|\border|\binvoice|\bref(?:erence)?|\bid|\bvat|\bversion|\bv|\bticket|\bcase|\baccount|\bacct|\biban|\bsku|\bisbn|\bhrb|\bhra|\bregistered|\bcompany number|\breg\.?|\bzip|\bpostcode|\bpo box|\btracking|\bserial|\bpart|\bmodel|\bbuild|\brelease|\bpatent|\bbic|\bswift|\bein|\bssn|\btax|\bust-?id|\bsteuernummer|[$€£¥])\s*[:.]?\s*$/i;
// Labels that say "this is a phone number", so a merely possible number (a fictional 555/drama range) is kept.
export const PHONE_LABEL_RE =
  /(?:\b(?:tel|telephone|phone|ph|mobile|mobil|mob|cell|handy|direct(?: line)?|office|work|call|fon|telefon|téléphone|tél|whatsapp|m|t|p|o|d)\b\.?\s*[:.]?\s*|☎|📞)$/i;
// "Fax: …", "Telefax …", and the one-letter label "F: …" beside "P: …" (with its colon or dot, never a bare f)
const FAX_RE = /(?:\b(?:tele)?fax\b\s*[:.]?|(?:^|[\s|·•,;])f\s*[:.])\s*$/i;

export interface PhoneCandidate {
  raw: string;
  /** text before the candidate on the same line (for label checks) */
  before: string;
}

export function findPhoneCandidates(text: string): PhoneCandidate[] {
  const out: PhoneCandidate[] = [];
  if (!/\d{2}/.test(text)) return out;
  for (const m of text.matchAll(CANDIDATE_RE)) {
    const raw = m[0].trim();
    const start = m.index ?? 0;
    const prev = text[start - 1];
    const next = text[start + m[0].length];
    // glued to letters or other digits: part of an id or a word
    if (prev && /[\p{L}\d_.\-/]/u.test(prev) && !(prev === '-' && /\s/.test(text[start - 2] ?? ' '))) continue;
    if (next && /[\p{L}\d_]/u.test(next)) continue;
    if (next === '.' && /\d/.test(text[start + m[0].length + 1] ?? '')) continue; // 1.2.3.4 style
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    out.push({ raw, before: text.slice(Math.max(lineStart, start - 40), start) });
  }
  return out;
}

/** Shapes that hold enough digits but are not phone numbers. */
export function looksLikeNotPhone(raw: string, trusted = false): boolean {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return true;
  const s = raw.trim();
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(s) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s)) return true; // dates
  if (/^\d{1,3}(\.\d{1,4}){2,}$/.test(s) && !/^(?:1\.)?\d{3}\.\d{3}\.\d{4}$/.test(s)) return true; // versions, IPs (not 1.800.433.4512)
  if (/^\d{4}\s*[-–]\s*\d{4}$/.test(s)) return true; // year ranges 2019-2024
  if (!trusted && /^\d+$/.test(s) && !s.startsWith('0') && digits.length > 7) return true; // bare long ids (order 123456789)
  if (/^(\d)\1{6,}$/.test(digits)) return true;
  return false;
}

const NANP_SHAPE = /^(?:1[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)|[2-9]\d{2})[\s./-]?[2-9]\d{2}[\s.-]?\d{4}(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$/i;

export interface PhoneContext {
  /** regions to try, best first (from the block's other numbers, the page TLD, other numbers on the page, the lang) */
  regions: CountryCode[];
}

/**
 * E.164 for a raw phone string. `trusted` (a tel: link, a labelled value, a structured property) accepts a number
 * that is possible but not known valid; free text needs a valid number.
 */
export function normalizePhone(raw: string, ctx: PhoneContext, trusted: boolean): string | undefined {
  return normalizePhoneMemo(`${trusted ? 1 : 0}|${ctx.regions.join(',')}|${raw}`);
}

const normalizePhoneMemo = memo((key: string) => {
  const [trusted, regions, ...rest] = key.split('|');
  return normalizePhoneUncached(rest.join('|'), { regions: (regions ? regions.split(',') : []) as CountryCode[] }, trusted === '1');
});

function normalizePhoneUncached(raw: string, ctx: PhoneContext, trusted: boolean): string | undefined {
  let s = raw.trim().replace(/^tel:/i, '').replace(/^callto:/i, '');
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep */
  }
  if (looksLikeNotPhone(s, trusted)) return undefined;
  s = s.replace(/^00(?=[1-9])/, '+');
  const regions: (CountryCode | undefined)[] = s.startsWith('+') ? [undefined] : [...ctx.regions];
  if (!regions.length) regions.push(undefined);
  let possible: string | undefined;
  for (const region of regions) {
    const p = parsePhoneNumberFromString(s, region ? { defaultCountry: region } : undefined);
    if (!p) continue;
    if (p.isValid()) return p.number;
    if (trusted && p.isPossible() && !possible) possible = p.number;
  }
  if (possible) return possible;
  // a number written the North American way ("(780) 555-0142", "780-555-0142", "1-800-…") on a page that says
  // nothing else of where it is: that shape is the NANP's own, so +1
  if (!s.startsWith('+') && !regions.includes('US') && !regions.includes('CA') && NANP_SHAPE.test(s)) {
    const p = parsePhoneNumberFromString(s, { defaultCountry: 'US' });
    if (p && (p.isValid() || (trusted && p.isPossible()))) return p.number;
  }
  // a trusted number whose country cannot be known stays as written (digits and a leading +)
  if (trusted && !s.startsWith('+') && !ctx.regions.length) {
    const digits = s.replace(/[^\d]/g, '');
    if (digits.length >= 7 && digits.length <= 15) return digits;
  }
  return undefined;
}

/** A toll-free number (+1 800, 0800 …): a business's line, never one person's direct number. */
export const isTollFree: (e164: string) => boolean = memo((e164: string) => parsePhoneNumberFromString(e164)?.getType() === 'TOLL_FREE');

/** The country a number names itself (+44 …), for guessing the region of national numbers beside it. */
export const regionOf: (raw: string) => CountryCode | undefined = memo(regionOfUncached);

function regionOfUncached(raw: string): CountryCode | undefined {
  const s = raw.trim().replace(/^tel:/i, '').replace(/^00(?=[1-9])/, '+');
  if (!s.startsWith('+')) return undefined;
  const p = parsePhoneNumberFromString(s);
  return p?.country ?? undefined;
}

// a VAT id written with its country prefix apart ("USt-IdNr.: DE 298 765 432", "BTW: NL 8123…")
const VAT_PREFIX = /(?:^|[\s:])(?:AT|BE|BG|CHE|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK)\s?$/;

export function isPhoneContextRejected(before: string): { rejected: boolean; labelled: boolean } {
  if (FAX_RE.test(before) || VAT_PREFIX.test(before)) return { rejected: true, labelled: false };
  if (NOT_PHONE_BEFORE.test(before)) return { rejected: true, labelled: false };
  return { rejected: false, labelled: PHONE_LABEL_RE.test(before) };
}

const TLD_REGION: Record<string, CountryCode> = { uk: 'GB', gb: 'GB', eu: 'DE' };

/** Region from a host's country-code TLD (co.uk → GB, .de → DE); generic TLDs say nothing. */
export function regionFromHost(host: string): CountryCode | undefined {
  const tld = host.toLowerCase().split('.').pop() ?? '';
  if (tld.length !== 2) return undefined;
  const region = TLD_REGION[tld] ?? tld.toUpperCase();
  return isKnownRegion(region) ? region : undefined;
}

/** Region from <html lang="en-GB"> (the region subtag); a bare language maps to its main country. */
export function regionFromLang(lang: string | undefined): CountryCode | undefined {
  if (!lang) return undefined;
  const [language = '', region] = lang.replace('_', '-').split('-');
  const upper = region?.toUpperCase() ?? '';
  if (/^[A-Z]{2}$/.test(upper) && isKnownRegion(upper)) return upper;
  const byLanguage: Record<string, CountryCode> = {
    de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', sv: 'SE', da: 'DK', nb: 'NO', no: 'NO', fi: 'FI', pl: 'PL',
    pt: 'PT', ja: 'JP', ko: 'KR', zh: 'CN', cs: 'CZ', hu: 'HU', el: 'GR', tr: 'TR', ru: 'RU', uk: 'UA', he: 'IL',
  };
  return byLanguage[language.toLowerCase()];
}

function isKnownRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

// The postal codes of US states (with DC) and Canadian provinces: read in addresses on pages and in places typed by hand.
const US_STATE_CODES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
const CA_PROVINCE_CODES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ');

// Postal addresses name their country: a US state and ZIP ("Farmington, NM 87401"), a Canadian province and postal
// code ("Edmonton, AB T5J 3N4"), a UK postcode ("Macclesfield SK10 2XA"), an Irish Eircode, an Australian state and
// postcode. Each pattern is specific enough that ordinary prose does not match it.
const ADDRESS_REGIONS: [RegExp, CountryCode][] = [
  [new RegExp(`\\b(?:${US_STATE_CODES.join('|')}|Ala\\.|Ariz\\.|Calif\\.|Colo\\.|Conn\\.|Fla\\.|Ill\\.|Ind\\.|Mass\\.|Mich\\.|Minn\\.|Tenn\\.|Tex\\.|Wash\\.|Wis\\.|California|Texas|Florida|New York|Illinois|Ohio|Georgia|Virginia|Washington|Massachusetts|Colorado|Arizona|Oregon|Michigan|Pennsylvania|New Jersey|Connecticut|Maryland|Minnesota)\\.?,?\\s+\\d{5}(?:-\\d{4})?\\b`, 'g'), 'US'],
  [new RegExp(`\\b(?:${CA_PROVINCE_CODES.join('|')}|Alberta|British Columbia|Manitoba|Ontario|Quebec|Québec|Saskatchewan|Nova Scotia|New Brunswick)\\.?,?\\s+[ABCEGHJ-NPRSTVXY]\\d[A-Z]\\s?\\d[A-Z]\\d\\b`, 'g'), 'CA'],
  [/\b(?:[A-Z]{1,2}\d{1,2}[A-Z]?)\s\d[ABD-HJLNP-UW-Z]{2}\b/g, 'GB'],
  [/\b(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT)\s+\d{4}\b/g, 'AU'],
];

/** The countries the postal addresses in a text name, most frequent first. */
export function regionsFromAddresses(text: string): CountryCode[] {
  const counts: [CountryCode, number][] = [];
  for (const [re, region] of ADDRESS_REGIONS) {
    const n = text.match(re)?.length ?? 0;
    if (n) counts.push([region, n]);
  }
  return counts.sort((a, b) => b[1] - a[1]).map(([r]) => r);
}

// US states and Canadian provinces as people write them after a city ("Boston, MA", "Toronto, Ontario").
const US_STATE_NAMES =
  /^(?:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming)$/i;
const CA_PROVINCE_NAMES = /^(?:alberta|british columbia|manitoba|new brunswick|newfoundland and labrador|nova scotia|ontario|prince edward island|quebec|québec|saskatchewan|yukon)$/i;
const COUNTRY_ALIASES: Record<string, CountryCode> = { usa: 'US', 'u.s.a.': 'US', 'u.s.': 'US', us: 'US', uk: 'GB', 'united states': 'US', england: 'GB', scotland: 'GB', wales: 'GB' };

let countryNames: Map<string, CountryCode> | undefined;
/** Country names in English and the browser's language (Intl.DisplayNames), built once on first use. */
function countryByName(name: string): CountryCode | undefined {
  if (!countryNames) {
    countryNames = new Map();
    const langs = ['en', ...(typeof navigator !== 'undefined' ? navigator.languages ?? [] : [])];
    for (const lang of langs) {
      let names: Intl.DisplayNames;
      try {
        names = new Intl.DisplayNames([lang], { type: 'region' });
      } catch {
        continue;
      }
      for (const code of getCountries()) {
        const n = names.of(code);
        if (n && n !== code) countryNames.set(n.toLowerCase(), code);
      }
    }
  }
  return countryNames.get(name.toLowerCase());
}

/**
 * The country a place as people type it names ("Stockholm, Sweden" → SE, "Boston, MA" → US, "Toronto, Ontario" → CA,
 * "München, Deutschland" in a German browser → DE); a bare city says nothing.
 */
export function regionFromPlace(place: string | undefined): CountryCode | undefined {
  const last = place?.split(',').pop()?.trim().replace(/\s+\d[\d\s-]*$/, '');
  if (!last) return undefined;
  if (COUNTRY_ALIASES[last.toLowerCase()]) return COUNTRY_ALIASES[last.toLowerCase()];
  if (place!.includes(',') && (US_STATE_CODES.includes(last) || US_STATE_NAMES.test(last))) return 'US';
  if (place!.includes(',') && (CA_PROVINCE_CODES.includes(last.toUpperCase()) || CA_PROVINCE_NAMES.test(last))) return 'CA';
  return countryByName(last);
}

/**
 * A phone number typed by hand, read by capture's own rule (a typed number is trusted like a labelled one) into E.164;
 * a national number takes its country from the contact's place, then the browser's languages. Undefined: it cannot be
 * a phone number.
 */
export function typedPhone(raw: string, place: string | undefined, languages: readonly string[]): string | undefined {
  const regions: CountryCode[] = [];
  for (const r of [regionFromPlace(place), ...languages.map((l) => regionFromLang(l))]) if (r && !regions.includes(r)) regions.push(r);
  return normalizePhone(raw, { regions }, true);
}
