import { MessageError } from '../../utils/messaging/client';
import type { Capture, CapturedPerson } from '../../utils/model/capture';
import type { RequestOf } from '../../utils/model/messages';
import type { ContactKindName } from '../../utils/model/stages';
import { editedPerson, type CardDraft } from '../../components/PersonCard';
import { parseTags, personKey } from '../../components/lib/format';
import { hasCampaign } from '../../utils/domain/campaign';

/** `?tab=123` → 123. Only the e2e build's background honours it; elsewhere the active tab is captured. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** The contacts.save request for one card: the page's campaign and email go along as the touchpoint. */
export function saveRequest(capture: Capture, person: CapturedPerson, d: CardDraft): RequestOf<'contacts.save'> {
  const note = d.note.trim();
  const tags = parseTags(d.tags);
  return {
    person: editedPerson(person, d),
    kind: d.kind,
    stage: d.stage,
    ...(tags.length ? { tags } : {}),
    ...(note ? { note } : {}),
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

/** Cards rendered at first and added by each "Show more": a directory of thousands must not render thousands at once. */
export const CARDS_PER_PAGE = 100;

/**
 * The whole page's people after a first answer that covered only its start: the people already shown keep their
 * place (and whatever the user typed into their cards), the rest follow in page order, each with its saved-contact
 * match.
 */
export function restOf(
  shown: readonly CapturedPerson[],
  full: { people: readonly CapturedPerson[]; matches: readonly (string | null)[] },
): { people: CapturedPerson[]; matches: (string | null)[] } {
  const seen = new Set(shown.map(personKey));
  const people: CapturedPerson[] = [];
  const matches: (string | null)[] = [];
  full.people.forEach((p, i) => {
    if (seen.has(personKey(p))) return;
    seen.add(personKey(p));
    people.push(p);
    matches.push(full.matches[i] ?? null);
  });
  return { people, matches };
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
