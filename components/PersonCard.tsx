import { useState } from 'preact/hooks';
import type { CapturedPerson } from '../utils/model/capture';
import { isStageOf, stagesFor, type Stage } from '../utils/model/stages';
import type { Contact, ContactKind, DuplicateHint } from '../utils/model/contact';
import type { KnownRecord } from '../utils/model/messages';
import { STAGE_LABELS } from '../utils/model/stages';
import { ROLE_LABELS } from '../utils/model/labels';
import { KindChip } from './KindChip';
import { KindToggle } from './KindToggle';
import { StageSelect } from './StageSelect';
import { NoteEditor } from './NoteEditor';
import { isSafeHref, linkText, subtitle } from './lib/format';

/** What the popup knows about a saved person, worked out by the page (see entrypoints/popup/logic.ts). */
export interface KnownView {
  record: KnownRecord;
  /** "2 days ago · Campaign response" */
  lastTouch: string;
  /** what this page adds: "New email: …" */
  adds: string[];
}
import { useDraft } from './lib/useDraft';
import { IconCheck, IconClock, IconCollapse, IconEmail, IconExpand, IconLink, IconLocation, IconNote, IconPhone } from './icons';
import { focusSoon, isSaveChord } from './lib/focus';
import { mintNoteId } from './lib/note-id';

/** What the user has chosen or corrected for one captured person before saving. */
export interface CardDraft {
  name: string;
  jobTitle: string;
  company: string;
  kind: ContactKind;
  stage: Stage;
  /** comma-separated, as typed */
  tags: string;
  note: string;
  /** the note's id, minted when its draft starts: saving it twice is one note */
  noteId?: string;
  selected: boolean;
  /** what the user changed on this card: for a saved record only these go to the store */
  touched: { kind?: boolean; stage?: boolean; tags?: boolean };
}

export interface CardStatus {
  state: 'idle' | 'saving' | 'saved' | 'error';
  message?: string;
}

export function initialCardDraft(p: CapturedPerson, kind: ContactKind): CardDraft {
  return {
    name: p.name,
    jobTitle: p.jobTitle ?? '',
    company: p.company ?? '',
    kind,
    stage: stagesFor(kind)[0]!,
    tags: '',
    note: '',
    selected: false,
    touched: {},
  };
}

/** A saved person's card starts from their record: its kind, stage and tags, not the page's defaults. */
export function knownCardDraft(p: CapturedPerson, c: Pick<Contact, 'kind' | 'stage' | 'tags'>): CardDraft {
  return { ...initialCardDraft(p, c.kind), stage: c.stage as Stage, tags: c.tags.join(', ') };
}

export { mintNoteId };

/** Switching kind keeps the stage when both kinds have it ("new"), else starts at the first stage. */
export function withKind(d: CardDraft, kind: ContactKind): CardDraft {
  return { ...d, kind, stage: isStageOf(kind, d.stage) ? d.stage : stagesFor(kind)[0]!, touched: { ...d.touched, kind: true } };
}

/** The captured person with the user's corrections applied. */
export function editedPerson(p: CapturedPerson, d: CardDraft): CapturedPerson {
  const name = d.name.trim() || p.name;
  const out: CapturedPerson = { ...p, name, sources: { ...p.sources } };
  const set = (field: 'name' | 'jobTitle' | 'company', v: string, orig: string | undefined) => {
    if (v === (orig ?? '')) return;
    if (v) (out as Record<string, unknown>)[field] = v;
    else delete (out as Record<string, unknown>)[field];
    out.sources[field] = 'user';
  };
  set('name', name, p.name);
  set('jobTitle', d.jobTitle.trim(), p.jobTitle);
  set('company', d.company.trim(), p.company);
  if (name !== p.name) {
    // The split no longer matches a corrected name.
    delete out.firstName;
    delete out.lastName;
  }
  return out;
}


/**
 * One captured person in the popup: what was found, and the choices to save it. On a list page (`compact`) the card
 * folds to one row (select, name, title · company, saved state) and unfolds for the details. A saved person's card
 * shows their record (kind, stage, tags, last touch, what this page adds) with Update first; a new person's card is
 * the form to save them.
 * data-testid: person-card (data-saved="true" once saved), person-name, person-subtitle, person-select,
 * person-edit, person-name-input, person-title-input, person-company-input, role-chip, saved-badge,
 * kind-lead, kind-prospect, stage-select, tags-input, note-input, save-person, card-error,
 * person-more (compact cards only: unfolds the card), open-contact (saved: show in the side panel);
 * a saved record: kind-chip, record-summary, record-stage, record-tags, last-touch, page-adds/page-add, promote-toggle
 * (leads), add-note, change-record (shows stage and tags); duplicates: duplicate-hint, merge-duplicate, merge-status,
 * undo-merge
 */
export function PersonCard(props: {
  person: CapturedPerson;
  index: number;
  draft: CardDraft;
  onChange: (patch: Partial<CardDraft> | ((d: CardDraft) => CardDraft)) => void;
  onSave: () => void;
  status: CardStatus;
  /** id of the saved contact this person matches, if any */
  savedId?: string | null;
  selectable: boolean;
  /** storage key under which the unsaved note is kept */
  noteDraftKey?: string;
  /** long lists: the card is one row until unfolded */
  compact?: boolean;
  /** shows the saved contact in the side panel */
  onOpen?: () => void;
  /** the saved record this person is: the card shows it and saves only what the user changes */
  known?: KnownView | null;
  /** saved records possibly the same person */
  duplicates?: DuplicateHint[];
  /** one click: merge the hinted record into this one (or, for an unsaved person, save into it) */
  onMerge?: (h: DuplicateHint) => void;
  /** the last merge, with its undo */
  merged?: { text: string; onUndo?: () => void };
  /** "Possibly the same as" reasons in words */
  reasonText?: (reasons: readonly string[]) => string;
}) {
  const { person: p, draft: d, index } = props;
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [noting, setNoting] = useState(false);
  const [changing, setChanging] = useState(false);
  useDraft(props.noteDraftKey, d.note, {
    onRestore: (note) => props.onChange({ note }),
    isEmpty: (v) => !v,
  });
  // The note's id is mirrored beside it, so a popup reopened after a save still saves the same note.
  useDraft(props.noteDraftKey && `${props.noteDraftKey}#id`, d.note ? (d.noteId ?? '') : '', {
    onRestore: (noteId) => props.onChange({ noteId }),
    isEmpty: (v) => !v,
  });
  const known = props.known ?? null;
  const record: Contact | undefined = known?.record.contact;
  const saved = !!props.savedId || props.status.state === 'saved';
  const shownName = d.name.trim() || p.name;
  const sub = subtitle(d.jobTitle, d.company);
  const pre = `p${index}`;
  // A half-typed note keeps a folded row open: the words stay in sight.
  const folded = !!props.compact && !open && !d.note;
  const stageText = record ? (STAGE_LABELS[record.stage as Stage] ?? record.stage) : '';

  const select = props.selectable && (
    <input
      type="checkbox"
      data-testid="person-select"
      aria-label={`Select ${shownName}`}
      checked={d.selected}
      onChange={(e) => props.onChange({ selected: (e.currentTarget as HTMLInputElement).checked })}
    />
  );
  const savedBadge = saved && (
    <span class="chip saved" data-testid="saved-badge">
      <IconCheck />
      Saved
    </span>
  );
  const unfold = props.compact && !d.note && (
    <button
      type="button"
      class="ghost"
      data-testid="person-more"
      aria-expanded={!folded}
      aria-label={folded ? `Show details for ${shownName}` : `Fold ${shownName}`}
      onClick={() => setOpen(folded)}
    >
      {folded ? <IconExpand /> : <IconCollapse />}
    </button>
  );
  const primaryLabel =
    props.status.state === 'saving'
      ? 'Saving…'
      : record
        ? d.touched.kind && d.kind !== record.kind
          ? 'Update and promote'
          : 'Update'
        : `${saved ? 'Update' : 'Save'} as ${d.kind}`;
  const actions = (
    <div class="card-actions">
      <button
        type="button"
        class="primary"
        data-testid="save-person"
        disabled={props.status.state === 'saving'}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Ctrl+Enter"
        onClick={props.onSave}
      >
        {primaryLabel}
      </button>
      {record && !noting && !d.note && (
        <button
          type="button"
          data-testid="add-note"
          onClick={() => {
            setNoting(true);
            focusSoon(`#${pre}-note`);
          }}
        >
          <IconNote />
          Add note
        </button>
      )}
      {props.status.state === 'saved' && (
        <span class="status" role="status">
          {props.status.message ?? 'Saved'}
        </span>
      )}
      <span class="spacer" />
      {props.onOpen && (
        <button type="button" class="link small" data-testid="open-contact" onClick={props.onOpen}>
          Open
        </button>
      )}
    </div>
  );

  if (folded) {
    return (
      <article
        class={`card folded${d.selected ? ' selected' : ''}`}
        data-testid="person-card"
        data-saved={saved ? 'true' : 'false'}
        aria-label={shownName}
      >
        <div class="person-row">
          {select}
          <div class="who">
            <div class="name" data-testid="person-name">
              {shownName}
            </div>
            {(sub || record) && (
              <div class="sub" data-testid="person-subtitle">
                {record ? [stageText, sub].filter(Boolean).join(' · ') : sub}
              </div>
            )}
          </div>
          {record && <KindChip kind={record.kind} />}
          {saved && (
            <span class="chip saved icon-only" data-testid="saved-badge" title="Saved">
              <IconCheck />
              <span class="sr-only">Saved</span>
            </span>
          )}
          {unfold}
        </div>
        {props.status.state === 'error' && (
          <div class="error-text" role="alert" data-testid="card-error">
            {props.status.message}
          </div>
        )}
      </article>
    );
  }

  return (
    <article
      class={`card${d.selected ? ' selected' : ''}${record ? ' record' : ''}`}
      data-testid="person-card"
      data-saved={saved ? 'true' : 'false'}
      aria-label={shownName}
      onKeyDown={(e) => {
        if (isSaveChord(e) && props.status.state !== 'saving') {
          e.preventDefault();
          props.onSave();
        }
      }}
    >
      <div class="card-head">
        {select}
        <div class="who">
          <div class="name" data-testid="person-name">
            {shownName}
          </div>
          {sub && (
            <div class="sub" data-testid="person-subtitle">
              {sub}
            </div>
          )}
        </div>
        <div class="chips">
          {p.role && p.role !== 'profile' && (
            <span class="chip" data-testid="role-chip">
              {ROLE_LABELS[p.role]}
            </span>
          )}
          {record && <KindChip kind={record.kind} />}
          {savedBadge}
        </div>
        {unfold}
      </div>
      {record && known && (
        <div class="record-summary" data-testid="record-summary">
          <div class="row wrap tight">
            <strong data-testid="record-stage">{stageText}</strong>
            {record.tags.length > 0 && (
              <span class="tags" data-testid="record-tags" aria-label="Tags">
                {record.tags.map((t) => (
                  <span class="chip">{t}</span>
                ))}
              </span>
            )}
          </div>
          {known.lastTouch && (
            <div class="muted" data-testid="last-touch">
              <IconClock /> Last touch: {known.lastTouch}
            </div>
          )}
          {known.adds.length > 0 && (
            <ul class="adds" data-testid="page-adds" aria-label="What this page adds">
              {known.adds.map((a) => (
                <li class="add" data-testid="page-add">
                  + {a}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {/* A saved person: Update comes first (two Tabs away), the details below it. */}
      {record && actions}
      {(props.duplicates ?? []).map((h) => (
        <div class="banner small row" data-testid="duplicate-hint">
          <span class="spacer">
            Possibly the same as <strong>{h.name}</strong>
            {h.company ? ` (${h.company})` : ''}
            {props.reasonText ? ` — ${props.reasonText(h.reasons)}` : ''}
          </span>
          {props.onMerge && (
            <button type="button" class="small" data-testid="merge-duplicate" onClick={() => props.onMerge!(h)}>
              {record || props.savedId ? 'Merge' : 'Add to this record'}
            </button>
          )}
        </div>
      ))}
      {props.merged && (
        <div class="banner small row" role="status" data-testid="merge-status">
          <span class="spacer">{props.merged.text}</span>
          {props.merged.onUndo && (
            <button type="button" class="link small" data-testid="undo-merge" onClick={props.merged.onUndo}>
              Undo
            </button>
          )}
        </div>
      )}
      <ul class="details">
        {p.location && (
          <li>
            <IconLocation label="Location" />
            <span>{p.location}</span>
          </li>
        )}
        {p.emails.map((e) => (
          <li data-testid="person-email">
            <IconEmail label="Email" />
            <span>{e}</span>
          </li>
        ))}
        {p.phones.map((ph) => (
          <li data-testid="person-phone">
            <IconPhone label="Phone" />
            <span>{ph}</span>
          </li>
        ))}
        {p.links.map((l) => (
          <li data-testid="person-link">
            <IconLink label="Link" />
            {isSafeHref(l) ? (
              <a href={l} target="_blank" rel="noopener noreferrer">
                {linkText(l)}
              </a>
            ) : (
              <span>{l}</span>
            )}
          </li>
        ))}
      </ul>
      <div class="card-form">
        {editing && (
          <div class="stack">
            <label class="field">
              <span>Name</span>
              <input
                id={`${pre}-name`}
                data-testid="person-name-input"
                value={d.name}
                onInput={(e) => props.onChange({ name: (e.currentTarget as HTMLInputElement).value })}
              />
            </label>
            <div class="two">
              <label class="field">
                <span>Title</span>
                <input
                  data-testid="person-title-input"
                  value={d.jobTitle}
                  onInput={(e) => props.onChange({ jobTitle: (e.currentTarget as HTMLInputElement).value })}
                />
              </label>
              <label class="field">
                <span>Company</span>
                <input
                  data-testid="person-company-input"
                  value={d.company}
                  onInput={(e) => props.onChange({ company: (e.currentTarget as HTMLInputElement).value })}
                />
              </label>
            </div>
          </div>
        )}
        <div class="row wrap">
          {!record ? (
            <KindToggle value={d.kind} onChange={(k) => props.onChange((cur) => withKind(cur, k))} />
          ) : record.kind === 'lead' ? (
            <label class="row small" title="Hands this lead to sales: it keeps every touchpoint and note">
              <input
                type="checkbox"
                data-testid="promote-toggle"
                checked={d.kind === 'prospect'}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  props.onChange((cur) => (on ? withKind(cur, 'prospect') : { ...withKind(cur, 'lead'), stage: record.stage as Stage, touched: { ...cur.touched, kind: false } }));
                }}
              />
              Promote to prospect
            </label>
          ) : null}
          <span class="spacer" />
          {record && (
            <button type="button" class="link small" data-testid="change-record" aria-expanded={changing || !!d.touched.kind} onClick={() => setChanging(!changing)}>
              {changing ? 'Keep stage and tags' : 'Change stage or tags'}
            </button>
          )}
          <button type="button" class="link small" data-testid="person-edit" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Done editing' : 'Edit details'}
          </button>
        </div>
        {(!record || changing || d.touched.kind) && (
          <div class="two">
            <StageSelect kind={d.kind} value={d.stage} onChange={(stage) => props.onChange((cur) => ({ ...cur, stage, touched: { ...cur.touched, stage: true } }))} />
            <label class="field">
              <span>Tags</span>
              <input
                data-testid="tags-input"
                placeholder="comma, separated"
                value={d.tags}
                onInput={(e) => {
                  const tags = (e.currentTarget as HTMLInputElement).value;
                  props.onChange((cur) => ({ ...cur, tags, touched: { ...cur.touched, tags: true } }));
                }}
              />
            </label>
          </div>
        )}
        {(!record || noting || d.note) && (
          <NoteEditor
            id={`${pre}-note`}
            label="Note"
            rows={2}
            value={d.note}
            autoFocus={noting}
            placeholder="What matters about this person?"
            onChange={(note) => props.onChange((cur) => ({ ...cur, note, noteId: cur.noteId ?? (note ? mintNoteId() : undefined) }))}
            hint={d.note ? 'Draft kept on this device until you save · Ctrl+Enter saves' : ''}
          />
        )}
      </div>
      {props.status.state === 'error' && (
        <div class="banner error small" role="alert" data-testid="card-error">
          {props.status.message}
        </div>
      )}
      {!record && actions}
    </article>
  );
}
