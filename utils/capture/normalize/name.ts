/**
 * Person names: clean-up, and the judgement "does this string look like a person's name" used by the text
 * heuristics (structured data and site layers are trusted to say what is a name).
 */

export function cleanText(s: string | undefined, max = 500): string | undefined {
  if (s == null) return undefined;
  const t = String(s).replace(/[\s\u00a0\u200b\u200e\u200f]+/g, ' ').trim();
  return t ? t.slice(0, max) : undefined;
}

const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'le', 'la', 'du', 'dos', 'das', 'bin', 'binti', 'al', 'el', 'y', 'ter', 'ten', 'zu', 'af', 'av', 'st.', "o'"]);

// Words that appear in headings, buttons and org names but are not personal names.
const NOT_NAME_WORDS = new Set(
  (
    'about contact contacts us our we you your team teams sales support help home menu login log sign in out up register ' +
    'the a an and or of for with to on at by from meet talk get started learn more read view all see new blog news press ' +
    'careers jobs services service solutions products product pricing company inc ltd llc gmbh plc corp corporation ' +
    'group limited co customer customers success marketing partners partner speakers speaker people staff leadership ' +
    'board directors management overview profile settings privacy policy terms cookies cookie events event program ' +
    'programme agenda schedule follow message connect share like comment reply forward inbox mail email phone address ' +
    'office offices headquarters location locations street road avenue suite floor building unit works department ' +
    'director manager head chief officer president vice engineer developer designer founder ceo cto cfo coo vp svp evp ' +
    'lead senior junior associate assistant analyst consultant specialist coordinator executive account representative ' +
    'university institute school college hospital bank foundation association society committee council ministry ' +
    'thanks thank regards best cheers sincerely kind warm hello hi dear dashboard account accounts premium free trial ' +
    'today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april ' +
    'may june july august september october november december mr mrs ms dr prof sir madam ' +
    // greetings and openers: "Hi, I'm Mei", "Welcome Friends", "Hallo Zusammen"
    "hey hiya howdy greetings welcome hola hallo servus moin bonjour salut ciao ahoj hej i'm i’m " +
    // headings and link texts of business sites: "Available Positions", "Job Postings", "Patient Education"
    'available positions position openings opening opportunities postings posting vacancies apply requests request ' +
    'education information resources links related gallery photos photo video videos faqs faq guide tips search ' +
    'sitemap accessibility statement notice copyright disclaimer repair repairs rental rentals sale orders order ' +
    'store shop shades membership range business project accounting hours map maps permit permits ' +
    'plan housing parking trails section box clinic health benefits administration postale p.o'
  ).split(' '),
);

/** A plausible personal name: 2–5 capitalised words of letters, no digits, no markup, no heading vocabulary. */
export function looksLikePersonName(s: string | undefined): boolean {
  if (!s) return false;
  const t = s.trim();
  if (t.length < 3 || t.length > 60) return false;
  if (/[<>{}[\]@#$%^*=_|\\/:;!?0-9"“”]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  // a contraction opens a sentence, never a name: "I'm Mei", "It's Jo", "Let's Talk"
  if (/^\p{L}{1,5}['’](?:m|s|re|ll|ve|d)$/iu.test(words[0]!)) return false;
  let capitalised = 0;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (PARTICLES.has(lower)) continue;
    if (/^\p{Lu}\.$/u.test(w)) {
      capitalised++; // an initial
      continue;
    }
    if (NOT_NAME_WORDS.has(lower.replace(/[.,]$/, ''))) return false;
    if (!/^[\p{Lu}][\p{L}'’.-]*\.?$/u.test(w) && !/^\p{Lu}\.$/u.test(w)) return false;
    if (/^\p{Lu}{3,}$/u.test(w) && words.every((x) => /^\p{Lu}+$/u.test(x))) return false; // ALL CAPS headings
    capitalised++;
  }
  if (STRONG_TITLE.test(t)) return false; // "Orla Finn Editor": a name run into a title
  return capitalised >= 2;
}

// Title words that are not also common surnames (Head, Fellow, Chair, Lead, Partner … are left out).
const STRONG_TITLE =
  /\b(director|manager|chief|officer|president|vp|svp|evp|ceo|cto|cfo|coo|cmo|founder|co-founder|engineer|developer|designer|architect|scientist|analyst|consultant|specialist|coordinator|executive|associate|assistant|representative|advisor|adviser|counsel|attorney|editor|reporter|journalist|correspondent|producer|professor|lecturer|researcher|administrator|strategist|recruiter|accountant|supervisor|intern|sales|marketing|operations|clerk|treasurer|secretary|superintendent|registrar|librarian|receptionist|bookkeeper|paralegal|hygienist|dispatcher|technician|inspector|commissioner|webmaster|geschäftsführer|geschäftsführerin)\b/i;

/** A single capitalised given name ("Priya"), as written under a sign-off. */
export function looksLikeGivenName(s: string | undefined): boolean {
  if (!s) return false;
  const t = s.trim().replace(/[,.]$/, '');
  return /^[\p{Lu}][\p{L}'’-]{1,20}$/u.test(t) && !NOT_NAME_WORDS.has(t.toLowerCase());
}

export { nameKey } from '../../domain/text';

export function splitName(name: string): { firstName?: string; lastName?: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return {};
  return { firstName: words[0], lastName: words.slice(1).join(' ') };
}

/** Name from an address local part when it is clearly first.last ("jordan.blake" → "Jordan Blake"). */
export function nameFromEmail(address: string): string | undefined {
  const local = address.split('@')[0] ?? '';
  const m = /^([a-z]{2,20})[._]([a-z]{2,25})$/i.exec(local);
  if (!m) return undefined;
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1).toLowerCase();
  return `${cap(m[1]!)} ${cap(m[2]!)}`;
}

const TITLE_WORDS =
  /\b(head|director|manager|chief|officer|president|vp|svp|evp|vice|ceo|cto|cfo|coo|cmo|cro|ciso|founder|co-founder|cofounder|owner|partner|principal|engineer|developer|designer|architect|scientist|analyst|consultant|specialist|coordinator|executive|lead|leader|associate|assistant|representative|rep|advisor|adviser|counsel|attorney|lawyer|editor|reporter|journalist|writer|correspondent|producer|professor|lecturer|researcher|fellow|administrator|admin|strategist|marketer|recruiter|accountant|controller|treasurer|secretary|chair|chairman|chairwoman|chairperson|board member|member|intern|student|teacher|nurse|doctor|physician|surgeon|pharmacist|agent|broker|buyer|planner|operator|technician|supervisor|superintendent|evangelist|advocate|ambassador|trainer|coach|sales|marketing|account|product|operations|business development|growth|revenue|customer success|registrar|librarian|dean|provost|chancellor|rector|clerk|curator|pastor|counselor|counsellor|therapist|paralegal|receptionist|bookkeeper|auditor|actuary|underwriter|economist|statistician|photographer|translator|interpreter|officer|tutor|instructor|mgr|asst|coord|supt|dentist|hygienist|orthodontist|optometrist|chiropractor|veterinarian|dietitian|nutritionist|psychologist|practitioner|esthetician|aesthetician|stylist|realtor|estimator|foreman|inspector|appraiser|banker|loan officer|dispatcher|mechanic|technologist|programmer|webmaster|proprietor|minister|reverend|deacon|trustee|commissioner|mayor|councilman|councilwoman|council member|liaison|chef|gründer|geschäftsführer|leiter|leiterin|vertrieb|directeur|directrice|responsable|gerente|jefe|direttore)\b/i;

// a title that names a role a person holds ("President", "Lab Manager"), not a department or a topic ("Sales")
const ROLE =
  /\b(?:president|director|manager|officer|chief|ceo|cfo|coo|cto|cmo|founder|co-founder|owner|partner|principal|engineer|coordinator|administrator|supervisor|superintendent|assistant|secretary|treasurer|chair(?:man|woman|person)?|counsel|attorney|accountant|controller|representative|specialist|consultant|analyst|agent|broker|dean|editor|mayor|head|lead|vp|svp|evp)\b/i;

/** A job title that names a role held by a person, the stronger evidence a name-shaped line needs. */
export function looksLikeRole(s: string | undefined): boolean {
  return !!s && looksLikeJobTitle(s) && ROLE.test(s);
}

/** A job title, as opposed to a sentence, a company or an address. */
export function looksLikeJobTitle(s: string | undefined): boolean {
  if (!s) return false;
  const t = s.trim();
  if (t.length < 2 || t.length > 120) return false;
  if (/[@<>{}]|https?:|\d{3,}/.test(t)) return false;
  if (t.split(/\s+/).length > 12) return false;
  if (/^(?:welcome|meet|about|contact|call|visit|join)\b/i.test(t)) return false; // a heading that greets or invites
  if (/[.!?]$/.test(t) && t.split(/\s+/).length > 4) return false;
  const plain = t.replace(/\b(?:\p{L}\.){2,}/gu, 'X'); // "O.E.M. Markets Manager": initials are not sentence ends
  // prose: a verb written in lower case (a capitalised "Works" names a department: "Public Works Director")
  if (/[.!?]\s+\S/.test(plain) || /\b(?:is|are|was|were|has|have|will|leads|joined|follow|works|worked)\b/.test(t) || /^(?:Is|Are|Was|Has|Have|Will)\b/.test(t)) return false;
  return TITLE_WORDS.test(t);
}
