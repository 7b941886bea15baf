/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com): the message open in the reading
 * pane. Outlook's classes are generated; its accessibility labels are the stable hooks ("Reading Pane",
 * "To: …", "Opens card for …", "Account manager for …"). A header shows "Name <email>" or only names: a recipient
 * known only by name is still a person. The message list and the folder tree are excluded.
 */
import type { EmailMeta, PersonRole } from '../../model/capture';
import type { RawPerson, SiteExtractor, SiteResult, Viewer } from '../types';
import { siteMatch } from './define';
import { all, attr, clean, closest, every, first, findEmail, text, uniq } from './dom';
import { httpLinks, namesOwner } from './mail-common';

const HOSTS = /^(outlook\.office\.com|outlook\.office365\.com|outlook\.live\.com|outlook\.cloud\.microsoft)$/i;

const SEL = {
  pane: ['#ReadingPaneContainerId', '[role="main"][aria-label="Reading Pane"]', '[aria-label="Reading Pane"]', '#ItemReadingPaneContainer', '[role="main"]'],
  subject: ['[role="heading"][aria-level="2"] span[title]', '[role="heading"][aria-level="2"]', '#ConversationReadingPaneContainer [role="heading"]', '[role="heading"]'],
  /** To/Cc/Bcc lines, labelled in the UI language ("To:", "An:", "À :", "Para:") */
  addressLine: '[aria-label]',
  sender: [
    '[aria-label^="From:"]',
    '[aria-label^="From "]',
    'button[aria-label^="Opens card for"]',
    '[data-testid="SenderPersona"]',
    'span[title*="@"]',
  ],
  date: ['[data-testid="SentReceivedSavedTime"]', 'div[title]', 'span[title]'],
  body: ['[aria-label="Message body"]', '[id^="UniqueMessageBody"]', '[role="document"]'],
  /** Outlook's reply header ("From: … Sent: … To: …") opens the quoted original; ids get an "x_" prefix when re-quoted */
  replyHeader: ['[id$="divRplyFwdMsg"]', '#divRplyFwdMsg'],
  account: ['#O365_MainLink_Me[aria-label]', 'button[aria-label^="Account manager"]', '#mectrl_main_trigger[aria-label]'],
  accountEmail: ['#mectrl_currentAccount_secondary', '[role="tree"][aria-label*="@"]', '[id^="primaryMailboxRoot_"]'],
  excluded: ['#MailList', '[role="listbox"]', '[role="tree"]', '[role="navigation"]', '#O365_NavHeader', '[role="banner"]', '#LeftRail'],
};

const LINE = /^(to|cc|bcc|an|à|a|para|per|aan|kopie|cci|cco|ccn)\s*:\s*/i;
const LABEL_ONLY = /^(to|cc|bcc|an|à|a|para|per|aan|kopie|cci|cco|ccn)\s*:?$/i;
const CC = /^(cc|bcc|kopie|cci|cco|ccn)\s*:/i;
const SELF = /^(me|you|ich|moi|yo|eu|io)$/i;

/** "Account manager for Alex Morgan" → Alex Morgan; the mailbox address from the folder tree or the account panel. */
function owner(doc: Document): Viewer | undefined {
  const label = attr(doc, SEL.account, 'aria-label');
  const name =
    clean(label?.replace(/^account manager for\s*/i, '').replace(/^.*\bfor\s+/i, '')) ||
    clean(/^Mail\s+-\s+(.+?)\s+-\s+Outlook/.exec(doc.title)?.[1]) ||
    undefined;
  const el = first(doc, SEL.accountEmail);
  const email =
    findEmail(text(el)) ?? findEmail(el?.getAttribute('aria-label')) ?? findEmail(el?.id.replace(/^primaryMailboxRoot_/, ''));
  if (!name && !email) return undefined;
  return { name, emails: email ? [email.toLowerCase()] : [] };
}

/** "Lena Fischer <lena@x>", "lena@x" or "Jonas Weber" → name and email. */
function parseEntry(raw: string, titleAttr?: string | null): { name?: string; email?: string } {
  const entry = clean(raw).replace(/[;,]$/, '');
  const email = findEmail(entry) ?? findEmail(titleAttr);
  const name = clean(entry.replace(/<[^>]*>|\S+@\S+/g, '').replace(/^["']|["']$/g, '')) || undefined;
  return { name: name && !/@/.test(name) ? name : undefined, email: email?.toLowerCase() };
}

/** Entries of an address line: its chips (spans/buttons with text), else its aria-label split on ";". */
function lineEntries(line: Element): { name?: string; email?: string }[] {
  // one selector group, so chips come back in reading order whichever hook each one carries
  const chips = all(line, '[title], button, span').filter((c) => !c.querySelector('span, button') && text(c) && !LABEL_ONLY.test(text(c)));
  const fromChips = chips.map((c) => parseEntry(text(c), c.getAttribute('title'))).filter((e) => e.name || e.email);
  if (fromChips.length) return fromChips;
  const label = (line.getAttribute('aria-label') || text(line)).replace(LINE, '');
  return label.split(';').map((s) => parseEntry(s)).filter((e) => e.name || e.email);
}

/** "Fri 27/11/2026 10:14", "Thu 11/26/2026 4:05 PM" → ISO; day-first unless the page is US English or the day cannot be. */
function parseDate(raw: string, lang: string): string | undefined {
  const m = /(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s+(\d{1,2}):(\d{2})\s*([AP]M)?/i.exec(raw);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const monthFirst = b > 12 || (a <= 12 && /^en-us$/i.test(lang));
  const [month, day] = monthFirst ? [a, b] : [b, a];
  let hour = Number(m[4]);
  if (m[6]) hour = (hour % 12) + (/pm/i.test(m[6]) ? 12 : 0);
  const d = new Date(Number(m[3]), month - 1, day, hour, Number(m[5]));
  return Number.isNaN(d.getTime()) || month > 12 ? undefined : d.toISOString();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Quoted originals in a body: Outlook's reply header and everything after it, or a blockquote and its attribution. */
function quotes(body: Element): { from: string; region: Element[] }[] {
  const out: { from: string; region: Element[] }[] = [];
  for (const header of all(body, SEL.replyHeader)) {
    const region = [header];
    for (let sib = header.nextElementSibling; sib; sib = sib.nextElementSibling) region.push(sib);
    out.push({ from: fromPart(text(header)), region });
  }
  for (const bq of all(body, 'blockquote')) {
    if (out.some((q) => q.region.some((r) => r.contains(bq)))) continue;
    out.push({ from: fromPart(text(bq.previousElementSibling)), region: [bq] });
  }
  return out;
}

/** Only the "From:" part of a reply header names the quoted message's author ("To:" may well be the owner). */
function fromPart(header: string): string {
  return header.split(/\b(sent|date|to|gesendet|an|envoyé|à|enviado|para|verzonden|aan|inviato|a)\s*:/i)[0]!.slice(0, 300).toLowerCase();
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'outlook-message',
  patterns: ['*://outlook.office.com/mail/*', '*://outlook.office365.com/mail/*', '*://outlook.live.com/mail/*'],
  claims: (url) => HOSTS.test(url.hostname) && /^\/mail(\/|$)/.test(url.pathname),
});

export const outlookMessage: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const me = owner(doc);
    const exclude = every(doc, SEL.excluded);
    const pane = all(doc, SEL.pane).find((p) => !exclude.some((x) => x.contains(p)));
    if (!pane) return { pageKind: 'email', people: [], viewer: me, exclude };

    const myEmails = new Set(me?.emails ?? []);
    const people = new Map<string, RawPerson>();
    const add = (entry: { name?: string; email?: string }, role: PersonRole) => {
      if (entry.email && myEmails.has(entry.email)) return;
      if (!entry.email && (!entry.name || SELF.test(entry.name) || entry.name === me?.name)) return;
      const key = entry.email ?? entry.name!.toLowerCase();
      const known = people.get(key) ?? [...people.values()].find((p) => !!entry.name && p.name === entry.name);
      if (known) {
        known.name ??= entry.name;
        if (entry.email && !known.emails?.includes(entry.email)) known.emails = [...(known.emails ?? []), entry.email];
        if (role === 'sender') known.role = role;
        return;
      }
      people.set(key, { layer: 'outlook', name: entry.name, emails: entry.email ? [entry.email] : [], role });
    };

    const bodies = all(pane, SEL.body);
    const inBody = (el: Element) => bodies.some((b) => b.contains(el));
    let lines = all(pane, SEL.addressLine).filter((el) => LINE.test(el.getAttribute('aria-label') ?? '') && !inBody(el));
    if (!lines.length) {
      // unlabelled header: the innermost elements whose text starts "To:"/"Cc:" (quoted headers in bodies are not ours)
      const found = all(pane, 'div, p, span').filter((el) => {
        const t = text(el);
        return LINE.test(t) && !!t.replace(LINE, '').trim() && !inBody(el);
      });
      lines = found.filter((el) => !found.some((o) => o !== el && el.contains(o)));
    }
    const inLine = (el: Element) => lines.some((l) => l.contains(el));
    for (const s of all(pane, SEL.sender).filter((el) => !inLine(el))) {
      const name = clean(text(s) || s.getAttribute('aria-label')?.replace(/^(from:?|opens card for)\s*/i, ''));
      // the address is printed beside the name ("<lena@…>") or carried in a title attribute
      const holder = closest(s, ['[aria-label^="From"]', 'div']) ?? s;
      const email = findEmail(s.getAttribute('title')) ?? findEmail(text(holder));
      add(parseEntry(name ?? '', email), 'sender');
    }
    for (const line of lines) {
      const role: PersonRole = CC.test(line.getAttribute('aria-label') || text(line)) ? 'cc' : 'recipient';
      for (const entry of lineEntries(line)) add(entry, role);
    }

    const subject = clean(attr(pane, SEL.subject, 'title') ?? text(first(pane, SEL.subject))) || clean(doc.title.split(/\s+-\s+/)[0]);
    const rawDate = all(pane, SEL.date)
      .map((d) => d.getAttribute('title') ?? text(d))
      .map((t) => parseDate(t, doc.documentElement.lang))
      .filter((d): d is string => !!d)
      .pop();
    const convId = attr(pane, '[data-convid]', 'data-convid') ?? /\/id\/([^/?#]+)/.exec(url.pathname)?.[1];
    const email: EmailMeta = {
      subject: subject.slice(0, 500),
      sentAt: rawDate,
      threadId: convId ? safeDecode(convId) : undefined,
    };

    const campaignLinks: string[] = [];
    const ownQuoted: Element[] = [];
    for (const body of bodies) {
      for (const q of quotes(body)) {
        if (me && namesOwner(q.from, me)) {
          ownQuoted.push(...q.region);
          for (const el of q.region) campaignLinks.push(...httpLinks(el, url));
        }
      }
    }
    return {
      pageKind: 'email',
      people: [...people.values()],
      viewer: me,
      email,
      campaignLinks: uniq(campaignLinks),
      // the owner's quoted original is not the sender's signature; headers are read above, bodies by the generic layers
      exclude: [...exclude, ...ownQuoted],
      scope: bodies.length ? bodies : [pane],
    };
  },
};

export default outlookMessage;
