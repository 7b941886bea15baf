import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { CallOutcome } from '../../utils/model/note';
import { draftKeys, clearDraft, readDraft, writeDraft } from '../../components/lib/drafts';
import { errorText, useFlushingDebouncer, useNow } from '../../components/lib/hooks';
import { CALL_OUTCOME_LABELS, formatDuration } from '../../components/lib/format';
import { IconCall, IconCallEnd } from '../../components/icons';
import { focusSoon } from '../../components/lib/focus';
import { callNoteRequest, type CallDraft } from './call';
import { callWorthRecording } from '../../utils/domain/touchpoint';
import { FollowUpPicker } from './FollowUps';
import { mintNoteId } from '../../components/lib/note-id';

/**
 * Call mode: a running timer and notes saved as they are typed. Every keystroke is mirrored to a local
 * draft (so a closed panel or a stopped service worker loses nothing) and sent to the background after
 * ~300 ms of quiet. Reopening the panel on this contact resumes the call where it was.
 * data-testid: call-start, call-panel, call-timer, call-notes, call-notes-status, call-outcome, call-end, call-error
 */
export function CallMode(props: {
  contactId: string;
  contactName: string;
  onChanged: () => void;
  /** told when the after-call follow-up offer appears (true) or goes (false), so the contact shows one picker, not two */
  onOffer?: (shown: boolean) => void;
  saveMs?: number;
}) {
  const key = draftKeys.call(props.contactId);
  const [call, setCall] = useState<CallDraft | undefined>();
  const [loaded, setLoaded] = useState(false);
  // No outcome until the caller picks one: a call with neither words nor an outcome is not recorded.
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState('');
  const [ending, setEnding] = useState(false);
  // After End call: offer the follow-up at once (what a salesperson decides as they hang up).
  const [ended, setEndedState] = useState(false);
  const setEnded = (v: boolean) => {
    setEndedState(v);
    props.onOffer?.(v);
  };
  const now = useNow(!!call);
  // Saves run one after another, so the note is created once and then updated by id.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef<CallDraft | undefined>(undefined);
  /** the call's note is in the store (then End records the call even if its words were deleted) */
  const saved = useRef(false);
  // "Start call" vanishes as it is clicked, leaving focus on the body: move it to the notes box once it exists, so
  // the first words typed are kept (the autofocus attribute only acts on page load).
  const notesBox = useRef<HTMLTextAreaElement>(null);
  const focusNotes = useRef(false);
  useEffect(() => {
    if (focusNotes.current && notesBox.current) {
      focusNotes.current = false;
      notesBox.current.focus();
    }
  });
  latest.current = call;

  const persistDraft = useFlushingDebouncer((d: CallDraft) => void writeDraft(key, d).catch(() => undefined), 100);

  const saveNote = (): Promise<void> => {
    // The local mirror is always at least as fresh as what the background is asked to keep.
    persistDraft.flush();
    const run = chain.current.then(async () => {
      const d = latest.current;
      if (!d) return;
      setSaveState('saving');
      // Words first: an empty call is not recorded (see end()).
      if (!d.body.trim() && !saved.current) return;
      const { note } = await send('notes.save', callNoteRequest(props.contactId, d));
      saved.current = true;
      const withId = { ...(latest.current ?? d), noteId: note.id, saved: true };
      latest.current = withId;
      setCall((cur) => (cur ? { ...cur, noteId: note.id } : cur));
      await writeDraft(key, withId);
      setSaveState('saved');
      setError('');
      // the timeline below shows the call note as it grows
      props.onChanged();
    });
    chain.current = run.catch((e) => {
      setSaveState('error');
      setError(errorText(e));
    });
    return run;
  };
  const saver = useFlushingDebouncer(() => void saveNote().catch(() => undefined), props.saveMs ?? 300);

  // Resume a call that was running when the panel last closed, and push its latest text.
  useEffect(() => {
    let live = true;
    readDraft<CallDraft>(key)
      .then((d) => {
        if (!live || !d) return;
        latest.current = d;
        saved.current = !!d.saved;
        setCall(d);
        void saveNote().catch(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [key]);

  // Another contact (this component is keyed by contact) or the panel closing: no offer is on screen any more.
  useEffect(() => () => props.onOffer?.(false), []);

  async function start() {
    setEnded(false);
    // The note's id exists from the start (and is mirrored with the draft): a panel closed and reopened mid-call
    // saves the same note, never a second one. Nothing reaches the store until there are words: a call started and
    // ended without notes is not recorded.
    const d: CallDraft = { startedAt: new Date().toISOString(), body: '', noteId: mintNoteId() };
    latest.current = d;
    saved.current = false;
    focusNotes.current = true;
    setCall(d);
    setSaveState('idle');
    await writeDraft(key, d).catch(() => undefined);
  }

  async function end() {
    const d = latest.current;
    if (!d) return;
    setEnding(true);
    saver.cancel();
    persistDraft.flush();
    const fin = { endedAt: new Date().toISOString(), ...(outcome ? { outcome } : {}) };
    try {
      await chain.current;
      const cur = latest.current ?? d;
      if (!callWorthRecording({ body: cur.body, outcome })) {
        // An empty call (nothing said, no outcome): nothing to record. Notes typed and then cleared were already
        // saved, so their note and call entry go too (the store refuses if the call has words or an outcome).
        if (saved.current && cur.noteId) {
          // the clearing itself may not have been saved yet (End cancels the pending save): save it, then discard
          await send('notes.save', callNoteRequest(props.contactId, cur));
          await send('notes.discardCall', { id: cur.noteId });
          props.onChanged();
        }
        saved.current = false;
        setOutcome('');
        await clearDraft(key);
        latest.current = undefined;
        setCall(undefined);
        setSaveState('idle');
        setError('');
        focusSoon('[data-testid="call-start"]');
        return;
      }
      // The background puts the 'call' touchpoint on the timeline (one per call note, idempotent).
      await send('notes.save', callNoteRequest(props.contactId, cur, fin));
      await clearDraft(key);
      latest.current = undefined;
      setCall(undefined);
      setSaveState('idle');
      setError('');
      setOutcome('');
      setEnded(true);
      props.onChanged();
      // The call panel is gone: focus goes to the follow-up question (then Start call), not to the page body.
      focusSoon(['[data-testid="call-followup"] button', '[data-testid="call-start"]']);
    } catch (e) {
      setError(errorText(e));
      setSaveState('error');
    } finally {
      setEnding(false);
    }
  }

  if (!loaded) return null;
  if (!call) {
    return (
      <>
        {ended && (
          <div class="card" data-testid="call-followup">
            <FollowUpPicker contactId={props.contactId} contactName={props.contactName} prompt="Follow up on this call?" />
          </div>
        )}
        <button type="button" class="primary" data-testid="call-start" onClick={() => void start()}>
          <IconCall /> Start call
        </button>
      </>
    );
  }
  const status =
    saveState === 'saving'
      ? 'Saving…'
      : saveState === 'saved'
        ? 'Notes saved'
        : saveState === 'error'
          ? `Kept on this device, not saved yet: ${error}`
          : 'Notes are saved as you type';
  return (
    <section class="call stack" data-testid="call-panel" aria-label={`Call with ${props.contactName}`}>
      <div class="row">
        <strong>On a call with {props.contactName}</strong>
        <span class="spacer" />
        <span class="timer" data-testid="call-timer" role="timer" aria-label="Call duration">
          {formatDuration(now - Date.parse(call.startedAt))}
        </span>
      </div>
      <label class="field" for="call-notes">
        <span>Call notes</span>
      </label>
      <textarea
        id="call-notes"
        data-testid="call-notes"
        ref={notesBox}
        value={call.body}
        autoFocus
        placeholder="Type as you talk: every word is kept."
        onInput={(e) => {
          const body = (e.currentTarget as HTMLTextAreaElement).value;
          const next = { ...(latest.current ?? call), body };
          latest.current = next;
          setCall(next);
          persistDraft.call(next);
          saver.call();
        }}
      />
      <div class="status" aria-live="polite" data-testid="call-notes-status">
        {status}
      </div>
      <div class="row wrap">
        <label class="field" style={{ flex: 1 }}>
          <span>Outcome</span>
          <select
            data-testid="call-outcome"
            value={outcome}
            onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value as CallOutcome | '')}
          >
            <option value="">Not set</option>
            {(Object.keys(CALL_OUTCOME_LABELS) as CallOutcome[]).map((o) => (
              <option value={o}>{CALL_OUTCOME_LABELS[o]}</option>
            ))}
          </select>
        </label>
        <button type="button" class="primary" data-testid="call-end" disabled={ending} onClick={() => void end()} style={{ alignSelf: 'flex-end' }}>
          <IconCallEnd />
          {ending ? 'Ending…' : 'End call'}
        </button>
      </div>
      {saveState === 'error' && (
        <div class="banner error small" role="alert" data-testid="call-error">
          {error}
        </div>
      )}
    </section>
  );
}
