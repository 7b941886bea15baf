import type { CallOutcome } from '../../utils/model/note';
import type { RequestOf } from '../../utils/model/messages';

/** A call in progress, as mirrored to browser.storage.local: enough to resume after the panel closes. */
export interface CallDraft {
  startedAt: string;
  /** minted when the call starts, so every save (and a reopened panel's) is the same note */
  noteId?: string;
  /** the note is in the store: End then records the call even if its words were deleted */
  saved?: boolean;
  body: string;
}

export function callNoteRequest(contactId: string, d: CallDraft, end?: { endedAt: string; outcome?: CallOutcome }): RequestOf<'notes.save'> {
  return {
    ...(d.noteId ? { id: d.noteId } : {}),
    contactId,
    body: d.body,
    call: { startedAt: d.startedAt, ...(end ? { endedAt: end.endedAt, ...(end.outcome ? { outcome: end.outcome } : {}) } : {}) },
  };
}

/** `#/contact/<id>` → id; anything else is the list. */
export function contactIdFromHash(hash: string): string | undefined {
  const m = /^#\/contact\/([^/?#]+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
