import type { CallOutcome } from '../../utils/model/note';
import type { RequestOf } from '../../utils/model/messages';
import { CALL_OUTCOME_LABELS, formatDuration } from '../../components/lib/format';

/** A call in progress, as mirrored to browser.storage.local: enough to resume after the panel closes. */
export interface CallDraft {
  startedAt: string;
  /** set once the background has created the note */
  noteId?: string;
  body: string;
}

export function callNoteRequest(contactId: string, d: CallDraft, end?: { endedAt: string; outcome: CallOutcome }): RequestOf<'notes.save'> {
  return {
    ...(d.noteId ? { id: d.noteId } : {}),
    contactId,
    body: d.body,
    call: { startedAt: d.startedAt, ...(end ? { endedAt: end.endedAt, outcome: end.outcome } : {}) },
  };
}

/** The 'call' touchpoint that puts the call on the timeline: "4:12 · Connected — first line of notes". */
export function callTouchpoint(
  contactId: string,
  d: CallDraft,
  end: { endedAt: string; outcome: CallOutcome },
): RequestOf<'touchpoints.add'> {
  const duration = formatDuration(Date.parse(end.endedAt) - Date.parse(d.startedAt));
  const first = d.body.trim().split('\n')[0]?.slice(0, 140) ?? '';
  return {
    contactId,
    type: 'call',
    at: d.startedAt,
    summary: `${duration} · ${CALL_OUTCOME_LABELS[end.outcome]}${first ? ` — ${first}` : ''}`,
  };
}

/** `#/contact/<id>` → id; anything else is the list. */
export function contactIdFromHash(hash: string): string | undefined {
  const m = /^#\/contact\/([^/?#]+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
