import { MessageError } from '../../utils/messaging/client';
import type { Capture, CapturedPerson } from '../../utils/model/capture';
import type { RequestOf } from '../../utils/model/messages';
import type { ContactKindName } from '../../utils/model/stages';
import { editedPerson, type CardDraft } from '../../components/PersonCard';
import { parseTags } from '../../components/lib/format';
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
