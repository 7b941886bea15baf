import { MessageError } from '../../utils/messaging/client';
import type { Capture, CapturedPerson } from '../../utils/model/capture';
import type { KnownRecord, RequestOf } from '../../utils/model/messages';
import type { Contact, DuplicateHint } from '../../utils/model/contact';
import { emailKey, linkKey } from '../../utils/domain';
import type { ContactKindName } from '../../utils/model/stages';
import { editedPerson, withKind, type CardDraft } from '../../components/PersonCard';
import { isStageOf, type Stage } from '../../utils/model/stages';
import { parseTags, personKey } from '../../components/lib/format';
import { hasCampaign } from '../../utils/domain/campaign';

export { tabIdFromSearch } from './early';

/**
 * The contacts.save request for one card: the page's campaign and email go along as the touchpoint. For a saved
 * record (`known`), kind, stage and tags go only as what the user changed on this card (`edits`): a re-save never
 * resets the pipeline, and a lead becomes a prospect only when the user said so.
 */
export function saveRequest(capture: Capture, person: CapturedPerson, d: CardDraft, known?: Contact | null, contactId?: string): RequestOf<'contacts.save'> {
  const note = d.note.trim();
  const tags = parseTags(d.tags);
  const target = known ?? undefined;
  let edits: RequestOf<'contacts.save'>['edits'];
  if (target) {
    edits = {};
    const promote = d.touched.kind && d.kind === 'prospect' && target.kind === 'lead';
    if (promote) edits.promote = true;
    if ((d.touched.stage || promote) && (promote || d.stage !== target.stage)) edits.stage = d.stage;
    if (d.touched.tags) {
      const had = new Set(target.tags.map((t) => t.toLowerCase()));
      const has = new Set(tags.map((t) => t.toLowerCase()));
      const add = tags.filter((t) => !had.has(t.toLowerCase()));
      const remove = target.tags.filter((t) => !has.has(t.toLowerCase()));
      if (add.length) edits.addTags = add;
      if (remove.length) edits.removeTags = remove;
    }
  }
  const into = contactId ?? target?.id;
  return {
    person: editedPerson(person, d),
    kind: d.kind,
    stage: d.stage,
    ...(!target && tags.length ? { tags } : {}),
    ...(note ? { note, ...(d.noteId ? { noteId: d.noteId } : {}) } : {}),
    ...(into ? { contactId: into } : {}),
    ...(edits && Object.keys(edits).length ? { edits } : {}),
    page: {
      url: capture.url,
      site: capture.site,
      pageKind: capture.pageKind,
      ...(capture.campaign ? { campaign: capture.campaign } : {}),
      ...(capture.email ? { email: capture.email } : {}),
    },
  };
}

/** A capture failure in words: the background's message, which already says why. */
export function captureErrorText(e: unknown): string {
  if (e instanceof MessageError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * People reached through a campaign (UTM-tagged page, reply to a campaign email) are marketing's: they start as leads
 * whatever the default kind, so a marketer in the inbox saves a campaign response with one click. The user can still
 * switch any card to prospect.
 */
export function suggestedKind(capture: Pick<Capture, 'campaign'>, fallback: ContactKindName): ContactKindName {
  return hasCampaign(capture.campaign) ? 'lead' : fallback;
}

/** What this page adds to a saved record: "New email: …", "New title: …" (compared by the store's keys). */
export function pageAdds(p: CapturedPerson, c: Contact): string[] {
  const out: string[] = [];
  const emails = new Set(c.emails.map(emailKey));
  for (const e of p.emails) if (!emails.has(emailKey(e))) out.push(`New email: ${e}`);
  const phones = new Set(c.phones.map((x) => x.replace(/[^\d+]/g, '')));
  for (const ph of p.phones) if (!phones.has(ph.replace(/[^\d+]/g, ''))) out.push(`New phone: ${ph}`);
  const links = new Set(c.links.map(linkKey));
  for (const l of p.links) if (!links.has(linkKey(l))) out.push(`New link: ${l.replace(/^https?:\/\/(www\.)?/, '')}`);
  if (p.jobTitle && p.jobTitle !== c.jobTitle) out.push(`New title: ${p.jobTitle}${c.jobTitle ? ` (was ${c.jobTitle})` : ''}`);
  if (p.company && p.company !== c.company) out.push(`New company: ${p.company}${c.company ? ` (was ${c.company})` : ''}`);
  if (p.location && p.location !== c.location) out.push(`New location: ${p.location}`);
  return out;
}

/** "2 days ago · Campaign response". */
export function lastTouchText(k: KnownRecord, label: (t: NonNullable<KnownRecord['lastTouch']>['type']) => string, now = Date.now()): string {
  if (!k.lastTouch) return '';
  return `${daysAgo(k.lastTouch.at, now)} · ${label(k.lastTouch.type)}`;
}

export function daysAgo(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = Math.max(0, now - t);
  const day = 86_400_000;
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < day) return `${Math.floor(diff / 3_600_000)} h ago`;
  const d = Math.floor(diff / day);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

/** What a save did, in words, for the card's status line. */
export function savedText(created: boolean, c: Contact, noted: boolean, promoted: boolean, adds: number): string {
  if (created) return `Saved as a new ${c.kind}`;
  const parts = [promoted ? 'promoted to prospect' : '', adds ? `${adds} new ${adds === 1 ? 'detail' : 'details'} added` : '', noted ? 'note added' : ''].filter(Boolean);
  return `Updated ${c.name}'s record${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export { reasonText } from '../../components/lib/format';
/** Cards rendered at first and added by each "Show more": a directory of thousands must not render thousands at once. */
export const CARDS_PER_PAGE = 100;

/**
 * The whole page's people after a first answer that covered only its start: the people already shown keep their
 * place (and whatever the user typed into their cards), the rest follow in page order, each with its saved-contact
 * match.
 */
export function restOf(
  shown: readonly CapturedPerson[],
  full: {
    people: readonly CapturedPerson[];
    matches: readonly (string | null)[];
    known?: readonly (KnownRecord | null)[];
    duplicates?: readonly (readonly DuplicateHint[])[];
  },
): { people: CapturedPerson[]; matches: (string | null)[]; known: (KnownRecord | null)[]; duplicates: DuplicateHint[][] } {
  const seen = new Set(shown.map(personKey));
  const people: CapturedPerson[] = [];
  const matches: (string | null)[] = [];
  const known: (KnownRecord | null)[] = [];
  const duplicates: DuplicateHint[][] = [];
  full.people.forEach((p, i) => {
    if (seen.has(personKey(p))) return;
    seen.add(personKey(p));
    people.push(p);
    matches.push(full.matches[i] ?? null);
    known.push(full.known?.[i] ?? null);
    duplicates.push([...(full.duplicates?.[i] ?? [])]);
  });
  return { people, matches, known, duplicates };
}

/** What the popup says about the people it does not show; null when it shows everyone it found. */
export function leftOutText(o: { shown: number; listed: number; omitted: number; readingRest: boolean; stoppedEarly: boolean }): string | null {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts: string[] = [];
  const total = o.listed + o.omitted;
  if (o.shown < total) parts.push(`Showing the first ${n(o.shown)} of ${n(total)} people: ${n(total - o.shown)} more not shown.`);
  if (o.omitted > 0) parts.push(`Touchpoint lists at most ${n(o.listed)} people of one page; ${n(o.omitted)} more were found and left out.`);
  if (o.readingRest) parts.push('Reading the rest of this page…');
  if (o.stoppedEarly) parts.push('This page is very large: Touchpoint stopped reading part way down, so people further down are not listed.');
  return parts.length ? parts.join(' ') : null;
}

/** Whether capture stopped reading the page early (its walk's caps), from the warnings it gives. */
export const stoppedEarly = (warnings: readonly string[] | undefined): boolean => !!warnings?.some((w) => /page too (large|long|slow)/.test(w));

/** What the bulk bar sets on every selected person; an empty field changes nothing. */
export interface BulkDraft {
  /** set only when the user picked a kind in the bulk bar */
  kind?: ContactKindName;
  stage?: Stage;
  /** comma-separated, as typed: added to each person's tags */
  tags: string;
  note: string;
}

/**
 * One selected person's card after the bulk bar's choices: a new person takes the kind; a saved lead is promoted
 * only when "prospect" was picked, and a saved prospect is never demoted. The stage applies where the person's kind
 * has it; tags are added to the person's own; the note is added to any note already typed on the card, under the
 * card's note id (or `noteId`, minted once per person by the caller, so applying twice is one note).
 */
export function applyBulk(d: CardDraft, b: BulkDraft, record: Pick<Contact, 'kind'> | null | undefined, noteId: string): CardDraft {
  let out: CardDraft = { ...d, touched: { ...d.touched } };
  if (b.kind && (!record ? out.kind !== b.kind : record.kind === 'lead' && b.kind === 'prospect')) out = withKind(out, b.kind);
  if (b.stage && isStageOf(out.kind, b.stage)) out = { ...out, stage: b.stage, touched: { ...out.touched, stage: true } };
  const add = parseTags(b.tags);
  if (add.length) out = { ...out, tags: parseTags([out.tags, ...add].join(',')).join(', '), touched: { ...out.touched, tags: true } };
  const note = b.note.trim();
  if (note) out = { ...out, note: out.note.trim() ? `${out.note.trim()}\n\n${note}` : note, noteId: out.noteId ?? noteId };
  return out;
}
