import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { Contact, Stage } from '../../utils/model/contact';
import type { ResponseOf } from '../../utils/model/messages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { KindChip } from '../../components/KindChip';
import { NoteEditor } from '../../components/NoteEditor';
import { StageSelect } from '../../components/StageSelect';
import { Timeline } from '../../components/Timeline';
import { draftKeys } from '../../components/lib/drafts';
import { campaignText, isSafeHref, linkText, subtitle } from '../../components/lib/format';
import { errorText } from '../../components/lib/hooks';
import { useDraft } from '../../components/lib/useDraft';
import { CallMode } from './CallMode';
import { CompanyLink } from './CompanyView';
import { ContactForm } from './ContactForm';
import { FollowUps } from './FollowUps';
import { focusSoon } from '../../components/lib/focus';
import { mintNoteId } from '../../components/lib/note-id';
import { IconUndo, IconBack, IconEmail, IconLink, IconLocation, IconPhone } from '../../components/icons';

type Detail = ResponseOf<'contacts.get'>;

/** How long a deleted note can be brought back. */
const NOTE_UNDO_MS = 8000;

/** "Company was changed elsewhere to “Acme AB”: yours (“Acme”) was not saved." */
export function conflictText(conflicts: ResponseOf<'contacts.update'>['conflicts']): string {
  const label: Record<string, string> = { name: 'Name', jobTitle: 'Title', company: 'Company', location: 'Location', stage: 'Stage' };
  return conflicts
    .map((c) => `${label[c.field] ?? c.field} was changed elsewhere to “${c.theirs || '(empty)'}”: yours (“${c.yours || '(empty)'}”) was not saved.`)
    .join(' ');
}

export { mintNoteId };

/** A note being written in the panel: its id once the background has created it. */
interface NoteDraft {
  body: string;
  noteId?: string;
}

/**
 * One contact: fields, stage, promote, call mode, notes and timeline.
 * data-testid: contact-back, contact-detail, contact-name, contact-subtitle, kind-chip, stage-select,
 * promote, contact-edit, contact-edit-form, edit-name/-jobTitle/-company/-location/-tags, contact-edit-save,
 * contact-delete, call-start (CallMode.tsx), note-input, note-input-status, note-done,
 * timeline, timeline-item, detail-error
 */
export function ContactDetail(props: { id: string; onBack: () => void }) {
  const [detail, setDetail] = useState<Detail | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [callOffer, setCallOffer] = useState(false);
  const [note, setNote] = useState<NoteDraft>({ body: '' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState('');
  /** a deleted note, hidden at once and deleted for good when its Undo expires (or the panel closes) */
  const [deleting, setDeleting] = useState<{ id: string; timer: ReturnType<typeof setTimeout> } | undefined>();
  const deletingRef = useRef(deleting);
  deletingRef.current = deleting;
  const backRef = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  // Saves run one after another so a note is created once, then updated by id, however slow the worker.
  const noteId = useRef<string | undefined>(undefined);
  const noteChain = useRef<Promise<unknown>>(Promise.resolve());
  const noteDraft = useDraft(draftKeys.contactNote(props.id), note, {
    onRestore: (n) => {
      noteId.current = n.noteId;
      setNote(n);
    },
    isEmpty: (n) => !n.body && !n.noteId,
  });
  const saveNote = (contactId: string, body: string): Promise<void> => {
    // The id exists from the draft's first keystroke (and is mirrored with it), so every save is the same note.
    noteId.current ??= mintNoteId();
    const id = noteId.current;
    const run = noteChain.current.then(async () => {
      const r = await send('notes.save', { id, contactId, body });
      noteId.current = r.note.id;
      setNote((n) => ({ ...n, noteId: r.note.id }));
    });
    noteChain.current = run.catch(() => undefined);
    return run;
  };

  const [refusedWhy, setRefusedWhy] = useState('');
  const reload = () => {
    send('sync.status', {}).then(
      (s) => setRefusedWhy(s.refused?.find((r) => r.contactId === props.id)?.error ?? ''),
      () => undefined,
    );
    return send('contacts.get', { id: props.id }).then(
      (d) => {
        setDetail(d);
        setError('');
      },
      (e) => setError(errorText(e)),
    );
  };
  useEffect(() => {
    setDetail(undefined);
    void reload();
  }, [props.id]);
  // Opening a contact puts focus in it (its Back button), never on the page body.
  useEffect(() => {
    if (!detail || focused.current) return;
    focused.current = true;
    backRef.current?.focus();
  }, [detail]);

  const deleteNow = (id: string) => send('notes.delete', { id }).then(() => reload(), (e) => setError(errorText(e)));
  const deleteNote = (id: string) => {
    const prev = deletingRef.current;
    if (prev) {
      clearTimeout(prev.timer);
      void deleteNow(prev.id);
    }
    setDeleting({ id, timer: setTimeout(() => {
      setDeleting(undefined);
      void deleteNow(id);
    }, NOTE_UNDO_MS) });
    focusSoon('[data-testid="note-undo"]');
  };
  const undoDelete = () => {
    if (deletingRef.current) clearTimeout(deletingRef.current.timer);
    setDeleting(undefined);
    focusSoon('[data-testid="note-input"]');
  };
  // A pending delete is carried out when the panel closes or the contact changes: Undo lasts while it is on screen.
  useEffect(() => {
    const flush = () => {
      const d = deletingRef.current;
      if (!d) return;
      clearTimeout(d.timer);
      deletingRef.current = undefined;
      void send('notes.delete', { id: d.id }).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      await reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <button type="button" class="link" data-testid="contact-back" ref={backRef} onClick={props.onBack}>
      <IconBack /> All contacts
    </button>
  );
  if (!detail) {
    return (
      <div class="stack">
        {back}
        {error ? <ErrorBanner message={error} testid="detail-error" /> : <p class="muted">Loading…</p>}
      </div>
    );
  }
  const c: Contact = detail.contact;
  const finishNote = () =>
    act(async () => {
      if (!note.body.trim() && !note.noteId) return;
      // Make sure the last words are in before starting a fresh note.
      await saveNote(c.id, note.body);
      await noteDraft.clear();
      noteId.current = undefined;
      setNote({ body: '' });
      focusSoon('[data-testid="note-input"]');
    });
  return (
    <div class="stack" data-testid="contact-detail">
      {back}
      <div class="row">
        <div class="spacer">
          <h2 data-testid="contact-name">{c.name}</h2>
          {subtitle(c.jobTitle, c.company) && (
            <div class="muted" data-testid="contact-subtitle">
              {c.company ? <CompanyLink contactId={c.id} jobTitle={c.jobTitle} company={c.company} /> : subtitle(c.jobTitle, c.company)}
            </div>
          )}
        </div>
        <KindChip kind={c.kind} />
      </div>
      {editing ? (
        <ContactForm
          contact={c}
          onCancel={() => setEditing(false)}
          onSaved={(_saved, info) => {
            if (info.conflicts) setConflict(info.conflicts);
            setEditing(false);
            void reload();
          }}
        />
      ) : (
        <div class="row">
          <button type="button" class="link small" data-testid="contact-edit" onClick={() => setEditing(true)}>
            Edit details
          </button>
        </div>
      )}
      {refusedWhy && (
        <div class="banner error small" role="status" data-testid="detail-sync-refused">
          <strong>Not synced: </strong>the CRM refused a change to this contact ({refusedWhy}). Fix it in Settings, then
          use “Retry refused” below.
        </div>
      )}
      {error && <ErrorBanner message={error} onDismiss={() => setError('')} testid="detail-error" />}
      {conflict && <ErrorBanner message={conflict} onDismiss={() => setConflict('')} testid="edit-conflict" />}
      <div class="row wrap" style={{ alignItems: 'flex-end' }}>
        <div style={{ flex: 1, minWidth: '140px' }}>
          <StageSelect
            kind={c.kind}
            value={c.stage as Stage}
            disabled={busy}
            onChange={(stage) =>
              void act(async () => {
                const r = await send('contacts.update', { id: c.id, patch: { set: { stage: { from: c.stage, to: stage } } }, version: c.updatedAt });
                if (r.conflicts.length) setConflict(conflictText(r.conflicts));
              })
            }
          />
        </div>
        {c.kind === 'lead' && (
          <button
            type="button"
            data-testid="promote"
            disabled={busy}
            title="Hand this lead to sales: it keeps every touchpoint and note"
            onClick={() => void act(() => send('contacts.promote', { id: c.id }))}
          >
            Promote to prospect
          </button>
        )}
      </div>
      <ul class="details" data-testid="contact-fields">
        {c.location && (
          <li>
            <IconLocation label="Location" />
            <span>{c.location}</span>
          </li>
        )}
        {c.emails.map((e) => (
          <li>
            <IconEmail label="Email" />
            <a href={`mailto:${e}`}>{e}</a>
          </li>
        ))}
        {c.phones.map((p) => (
          <li>
            <IconPhone label="Phone" />
            <a href={`tel:${p}`}>{p}</a>
          </li>
        ))}
        {c.links.map((l) => (
          <li>
            <IconLink label="Link" />
            {isSafeHref(l) ? (
              <a href={l} target="_blank" rel="noopener noreferrer">
                {linkText(l)}
              </a>
            ) : (
              l
            )}
          </li>
        ))}
        {c.tags.length > 0 && (
          <li class="row wrap" style={{ gap: '4px' }}>
            {c.tags.map((t) => (
              <span class="chip">{t}</span>
            ))}
          </li>
        )}
        {c.campaign && <li class="muted">Campaign: {campaignText(c.campaign)}</li>}
        {c.promotedAt && <li class="muted">Promoted from lead on {new Date(c.promotedAt).toLocaleDateString()}</li>}
      </ul>

      <CallMode key={c.id} contactId={c.id} contactName={c.name} onChanged={() => void reload()} onOffer={setCallOffer} />
      {/* after a call, its offer is the picker: one question, not two */}
      <FollowUps contactId={c.id} contactName={c.name} picker={!callOffer} />

      <div class="card">
        <NoteEditor
          id="contact-note"
          label="Add a note"
          value={note.body}
          placeholder="Saved as you type"
          onChange={(body) =>
            setNote((n) => {
              noteId.current ??= n.noteId ?? mintNoteId();
              return { ...n, body, noteId: noteId.current };
            })
          }
          onAutosave={(body) => saveNote(c.id, body)}
          onSubmit={() => void finishNote()}
        />
        {(note.body || note.noteId) && (
          <div class="row" style={{ marginTop: '6px' }}>
            <span class="spacer" />
            <button
              type="button"
              data-testid="note-done"
              onClick={() => void finishNote()}
            >
              Done
            </button>
          </div>
        )}
      </div>

      <h3>Timeline</h3>
      {deleting && (
        <div class="banner row small" role="status" data-testid="note-deleted">
          <span class="spacer">Note deleted.</span>
          <button type="button" class="link small" data-testid="note-undo" onClick={undoDelete}>
            <IconUndo />
            Undo
          </button>
        </div>
      )}
      <Timeline
        touchpoints={detail.touchpoints}
        notes={deleting ? detail.notes.filter((n) => n.id !== deleting.id) : detail.notes}
        onDeleteNote={deleteNote}
      />

      <div class="row" style={{ marginTop: '16px' }}>
        <span class="spacer" />
        {confirmDelete ? (
          <>
            <span class="small">Delete {c.name} and their timeline?</span>
            <button type="button" class="danger" data-testid="contact-delete-confirm" onClick={() => void send('contacts.delete', { id: c.id }).then(props.onBack, (e) => setError(errorText(e)))}>
              Delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" class="link small" data-testid="contact-delete" onClick={() => setConfirmDelete(true)}>
            Delete contact
          </button>
        )}
      </div>
    </div>
  );
}
