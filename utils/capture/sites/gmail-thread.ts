/**
 * Gmail, one open thread (mail.google.com/mail/…#<view>/<threadId>). Gmail's classes are short generated names, but
 * its participant chips carry real attributes: `<span email="…" name="…">` for the sender (.gD) and recipients (.g2),
 * and the thread heading carries data-thread-perm-id. The mailbox owner is read from the account button
 * ("Google Account: Name (email)") or the tab title. Campaign links are the hrefs of the owner's own words in the
 * thread: messages the owner sent and quoted text attributed to the owner (a reply to a campaign is its response).
 */
import type { EmailMeta, PersonRole } from '../../model/capture';
import type { RawPerson, SiteExtractor, SiteResult, Viewer } from '../types';
import { siteMatch } from './define';
import { all, attr, clean, closest, first, findEmail, text, uniq, every } from './dom';
import { httpLinks, namesOwner } from './mail-common';

const SEL = {
  account: ['a[aria-label^="Google Account"]', 'header a[aria-label*="@"][href*="accounts.google.com"]', 'header [aria-label*="@"]'],
  subject: ['h2[data-thread-perm-id]', 'h2.hP', '[role="main"] h2[data-legacy-thread-id]'],
  message: ['[data-message-id]', '.adn', '[role="listitem"] .gs'],
  sender: ['.gD[email]', 'h3 span[email]', 'span[email][data-hovercard-id]'],
  recipient: ['.g2[email]', 'span.g2[email]', '.hb span[email]', '.ajB span[email]'],
  date: ['.g3[title]', 'span[title][alt]', '.g3'],
  body: ['.a3s', '.ii.gt', '[role="article"]'],
  quote: ['.gmail_quote', 'blockquote', '[id^="divRplyFwdMsg"]', '.yahoo_quoted'],
  thread: ['[role="main"] [role="list"]', '.nH.if', '[role="main"]'],
  excluded: ['[role="navigation"]', 'header[role="banner"]', '[role="complementary"]', '.aeN', '.bq9', '[gh="tl"]'],
};

/** Row labels of the expanded header details, in the languages Gmail is most used in. */
const ADDRESS_ROW = /^(to|cc|bcc|à|an|para|a|kopie|copie|cco|ccn)\s*:/;

const ROLE_RANK: Record<PersonRole, number> = { sender: 0, recipient: 1, cc: 2, profile: 3, author: 3, contact: 3, listed: 3 };

/** "Google Account: Alex Morgan  (alex.morgan@ourco.example)" → name and email; the title names the mailbox too. */
function owner(doc: Document): Viewer | undefined {
  const label = attr(doc, SEL.account, 'aria-label') ?? '';
  const email = findEmail(label) ?? findEmail(doc.title);
  const name = clean(/^[^:]*:\s*([^(]+?)\s*\(/.exec(label)?.[1]) || undefined;
  if (!email && !name) return undefined;
  return { name, emails: email ? [email.toLowerCase()] : [] };
}

/** The thread id is the last segment of the hash route: #inbox/FMfcg…, #label/Clients/FMfcg…, #search/q/FMfcg… */
function threadIdFromHash(url: URL): string | undefined {
  const last = url.hash.replace(/^#/, '').split('/').filter(Boolean).slice(1).pop();
  return last && /^[A-Za-z0-9_-]{12,}$/.test(last) ? last : undefined;
}

/** "to:"/"cc:"/"bcc:" label of the row a chip sits in (expanded header details), if any. */
function rowLabel(chip: Element): string {
  const row = closest(chip, 'tr');
  return row ? text(row.firstElementChild).toLowerCase() : '';
}

/** Gmail shows full dates in the title attribute: "Wed, Nov 25, 2026, 9:41 AM" (the browser's time zone). */
function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw.replace(/\s+at\s+/, ' ').replace(/(\d{4}),/, '$1'));
  return Number.isNaN(t) ? clean(raw).slice(0, 64) : new Date(t).toISOString();
}

/** The attribution line of a quote ("On …, Alex Morgan <alex@…> wrote:", Outlook's "From: …" block), lowercased. */
function attribution(quote: Element): string {
  const line = text(first(quote, ['.gmail_attr', '[id$="divRplyFwdMsg"]'])) || leadingText(quote) || trailingTextBefore(quote);
  return line.slice(0, 300).toLowerCase();
}

/** Older Gmail writes the attribution as bare text inside the quote container, before its blockquote. */
function leadingText(quote: Element): string {
  let out = '';
  for (let n = quote.firstChild; n && out.length < 300; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === 'BLOCKQUOTE') break;
    out += ' ' + (n.nodeType === 3 ? n.nodeValue ?? '' : text(n));
  }
  return quote.tagName === 'BLOCKQUOTE' ? '' : clean(out);
}

/** A bare blockquote's attribution is the text just before it ("On …, Alex <a@…> wrote:"). */
function trailingTextBefore(quote: Element): string {
  let out = '';
  for (let n = quote.previousSibling; n && out.length < 300; n = n.previousSibling) {
    out = (n.nodeType === 3 ? n.nodeValue ?? '' : text(n)) + ' ' + out;
    if (/wrote:|schrieb|a écrit|escribió|scritto|schreef/i.test(out)) break;
  }
  return clean(out);
}

/** Where this site applies: no DOM code, so the background bundles this part alone (sites/define.ts). */
export const match = siteMatch({
  id: 'gmail-thread',
  patterns: ['*://mail.google.com/mail/*'],
  claims: (url) => url.hostname === 'mail.google.com' && /^\/mail\//.test(url.pathname) && !!threadIdFromHash(url),
});

export const gmailThread: SiteExtractor = {
  ...match,
  collect(doc, url): SiteResult | null {
    const me = owner(doc);
    const myEmails = new Set(me?.emails ?? []);
    const isMe = (email: string) => myEmails.has(email.toLowerCase());
    const heading = first(doc, SEL.subject);
    const subject = text(heading) || clean(doc.title.split(/\s+-\s+/)[0]);
    const exclude = every(doc, SEL.excluded);
    const messages = all(doc, SEL.message).filter((m) => !exclude.some((x) => x.contains(m)));
    if (!messages.length) return { pageKind: 'email', people: [], viewer: me, exclude };

    const people = new Map<string, RawPerson>();
    // a role read from the details table (to:/cc:) is certain; one from the summary line ("to me, Nora") is not
    const certain = new Set<string>();
    const add = (chip: Element, role: PersonRole, sure = true) => {
      const email = clean(chip.getAttribute('email')).toLowerCase();
      if (!email || isMe(email)) return;
      const attrName = clean(chip.getAttribute('name'));
      // the name attribute is the full name; the chip's text is often a first name ("Daniel"), used only without it
      const shown = attrName || text(chip);
      const name = shown && shown !== email && !/^(me|moi|ich|yo|eu|io)$/i.test(shown) && !shown.includes('@') ? shown : undefined;
      const known = people.get(email);
      if (!known) people.set(email, { layer: 'gmail', name, emails: [email], role });
      else {
        known.name ??= name;
        const better = ROLE_RANK[role] < ROLE_RANK[known.role ?? 'cc'];
        if (role === 'sender' || (sure && (!certain.has(email) || better)) || (!sure && !certain.has(email) && better)) known.role = role;
      }
      if (sure) certain.add(email);
    };

    const campaignLinks: string[] = [];
    const repeated: Element[] = [];
    const ownSent: Element[] = [];
    const senders = new Set<string>();
    let sentAt: string | undefined;
    let messageId: string | undefined;
    for (const msg of messages) {
      const sender = first(msg, SEL.sender);
      if (sender) {
        add(sender, 'sender');
        senders.add(clean(sender.getAttribute('email')).toLowerCase());
      }
      // the expanded details table says to:/cc:/bcc: per row; the one-line summary ("to me, Daniel") mixes them
      const chips = all(msg, SEL.recipient);
      const labelled = chips.filter((c) => ADDRESS_ROW.test(rowLabel(c)));
      if (labelled.length) for (const chip of labelled) add(chip, /^b?cc\b|^kopie|^copie/.test(rowLabel(chip)) ? 'cc' : 'recipient');
      else for (const chip of chips) add(chip, 'recipient', false);
      sentAt = isoDate(attr(msg, SEL.date, 'title')) ?? sentAt;
      messageId = msg.getAttribute('data-message-id')?.replace(/^#/, '') || messageId;
      const sent = clean(sender?.getAttribute('email')).toLowerCase();
      if (me && sent && isMe(sent)) ownSent.push(first(msg, SEL.body) ?? msg);
    }

    for (const msg of messages) {
      const body = first(msg, SEL.body);
      for (const quote of all(body, SEL.quote)) {
        if (repeated.some((q) => q.contains(quote))) continue;
        const head = attribution(quote);
        if (me && namesOwner(head, me)) {
          // a reply to the owner's message: its links are the campaign this thread responds to
          campaignLinks.push(...httpLinks(quote, url));
          repeated.push(quote);
        } else if ([...senders].some((e) => head.includes(e))) {
          // quoted copy of a message already in the thread: read once, where it was sent (its signature would
          // otherwise sit next to the quoting sender's header)
          repeated.push(quote);
        }
      }
    }

    const email: EmailMeta = {
      subject: subject.slice(0, 500),
      sentAt,
      threadId: heading?.getAttribute('data-thread-perm-id') ?? threadIdFromHash(url),
      messageId,
    };
    // a reply quoting the owner is the campaign response; the owner's own messages in the thread come after
    for (const body of ownSent) campaignLinks.push(...httpLinks(body, url));

    // the generic layers read the message bodies (signatures, contact lines); the headers are read above, exactly
    const bodies = messages.map((m) => first(m, SEL.body)).filter((b): b is Element => !!b);
    const thread = first(doc, SEL.thread);
    return {
      pageKind: 'email',
      people: [...people.values()],
      viewer: me,
      email,
      campaignLinks: uniq(campaignLinks),
      // quoted copies (the owner's words, messages shown above) are not the quoting sender's signature
      exclude: [...exclude, ...repeated],
      scope: bodies.length ? bodies : thread ? [thread] : messages,
    };
  },
};

export default gmailThread;
