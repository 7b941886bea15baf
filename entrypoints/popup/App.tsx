/**
 * Popup: the people on the current page → review, tag lead/prospect, note, save.
 *
 * data-testid (stable; used by e2e tests and the benchmark):
 *   popup-loading, capture-error, empty-state (no people), campaign-banner, page-summary,
 *   bulk-bar, select-all, save-selected, bulk-kind-lead, bulk-kind-prospect, bulk-status, open-sidepanel, open-options,
 *   person-card (one per captured person; data-saved="true" when saved) and inside it see PersonCard.tsx:
 *   person-name, person-subtitle, person-select, person-edit, person-name-input, person-title-input,
 *   person-company-input, role-chip, saved-badge, kind-lead, kind-prospect, stage-select, tags-input,
 *   note-input, save-person, card-error, open-contact, person-more (lists of more than 2: unfolds stage, tags, note),
 *   people-left-out (how many people are not shown, and why), show-more (renders the next cards)
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import { askEarly, type EarlyAnswers } from './early';
import type { Capture } from '../../utils/model/capture';
import type { ContactKind } from '../../utils/model/contact';
import { PersonCard, initialCardDraft, knownCardDraft, mintNoteId, type CardDraft, type CardStatus, type KnownView } from '../../components/PersonCard';
import type { DuplicateHint } from '../../utils/model/contact';
import type { KnownRecord } from '../../utils/model/messages';
import { KindToggle } from '../../components/KindToggle';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { campaignText, personKey as personKeyOf, touchpointLabel } from '../../components/lib/format';
import { draftKeys, pruneDrafts } from '../../components/lib/drafts';
import { errorText } from '../../components/lib/hooks';
import { currentWindowId, openOptions, openSidePanel } from '../../components/lib/panels';
import { requestContactFocus } from '../../components/lib/handoff';
import { focusSoon, isSaveChord } from '../../components/lib/focus';
import { IconSettings, IconSidePanel } from '../../components/icons';
import { STAGE_LABELS, stagesFor, type Stage } from '../../utils/model/stages';
import { pageLabel } from '../../utils/model/labels';
import { hasCampaign } from '../../utils/domain/campaign';
import {
  applyBulk, CARDS_PER_PAGE, captureErrorText, type BulkDraft, lastTouchText, leftOutText, pageAdds, reasonText, restOf, saveRequest, savedText, stoppedEarly,
  suggestedKind, tabIdFromSearch,
} from './logic';

/** Above this many people (a list page rather than a thread), cards fold their stage, tags and note. */
const COMPACT_FROM = 2;

type Load =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; capture: Capture; matches: (string | null)[] };

export function App(props: { search?: string; early?: EarlyAnswers }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [drafts, setDrafts] = useState<CardDraft[]>([]);
  const [statuses, setStatuses] = useState<CardStatus[]>([]);
  const [savedIds, setSavedIds] = useState<(string | null)[]>([]);
  const [windowId, setWindowId] = useState<number | undefined>();
  const [bulk, setBulk] = useState<string>('');
  const [bulkKind, setBulkKind] = useState<ContactKind>('prospect');
  /** what the bulk bar sets on the selected people (kind only once the user picks one) */
  const [bulkDraft, setBulkDraft] = useState<BulkDraft>({ tags: '', note: '' });
  /** the bulk note's id per person, minted once per note text: applying twice is one note each */
  const bulkNoteIds = useRef<{ text: string; ids: Map<number, string> }>({ text: '', ids: new Map() });
  const [known, setKnown] = useState<(KnownRecord | null)[]>([]);
  const [dupes, setDupes] = useState<DuplicateHint[][]>([]);
  const [merged, setMerged] = useState<({ text: string; undoId?: string } | undefined)[]>([]);
  /** cards rendered (a directory of thousands renders a page of them at a time) */
  const [shown, setShown] = useState(CARDS_PER_PAGE);
  /** the first answer covered only the start of a very large page; the whole page is on its way */
  const [readingRest, setReadingRest] = useState(false);

  // A layout effect runs right after the first render, not after a paint: the capture starts sooner.
  useLayoutEffect(() => {
    let live = true;
    const tabId = tabIdFromSearch(props.search ?? location.search);
    const target = tabId === undefined ? {} : { tabId };
    // First the start of the page (quick): on a directory of thousands, refining everything takes seconds, and the
    // first cards should be up within one. The whole page follows when the first answer says it was partial.
    // main.tsx asked already, before this code had loaded (early.ts); tests render App alone and it asks here.
    const early = props.early ?? askEarly(props.search ?? location.search);
    const captured = early.captured;
    // Housekeeping waits until the first screen is up.
    const prune = setTimeout(() => void pruneDrafts().catch(() => undefined), 3000);
    // Known before any click, so "Open side panel" can call sidePanel.open without awaiting (user gesture).
    void currentWindowId().then((id) => live && setWindowId(id));
    const kindP: Promise<ContactKind> = early.settings.then(
      (r) => r.settings.defaultKind,
      () => 'prospect' as const,
    );
    Promise.all([captured, kindP]).then(
      ([res, defaultKind]) => {
        if (!live) return;
        const kind = suggestedKind(res.capture, defaultKind);
        const k = res.capture.people.map((_, i) => res.known?.[i] ?? null);
        setKnown(k);
        setDupes(res.capture.people.map((_, i) => res.duplicates?.[i] ?? []));
        // A saved person's card starts from their record, never from the page's defaults.
        setDrafts(res.capture.people.map((p, i) => (k[i] ? knownCardDraft(p, k[i]!.contact) : initialCardDraft(p, kind))));
        setBulkKind(kind);
        setStatuses(res.capture.people.map(() => ({ state: 'idle' })));
        setSavedIds(res.capture.people.map((_, i) => res.matches[i] ?? null));
        setLoad({ state: 'ready', capture: res.capture, matches: res.matches });
        // The first thing to do, under the cursor: a saved person's Update, a new person's note (Ctrl+Enter saves),
        // a list's "select all".
        focusSoon(
          res.capture.people.length > COMPACT_FROM
            ? ['[data-testid="select-all"]']
            : k[0]
              ? ['[data-testid="person-card"] [data-testid="save-person"]']
              : ['[data-testid="person-card"] [data-testid="note-input"]', '[data-testid="person-card"] [data-testid="save-person"]'],
        );
        if (!res.partial) return;
        setReadingRest(true);
        send('capture.tab', target).then(
          (full) => {
            if (!live) return;
            setReadingRest(false);
            const rest = restOf(res.capture.people, { people: full.capture.people, matches: full.matches, known: full.known, duplicates: full.duplicates });
            setKnown((all) => [...all, ...rest.known]);
            setDupes((all) => [...all, ...rest.duplicates]);
            setDrafts((all) => [...all, ...rest.people.map((p, j) => (rest.known[j] ? knownCardDraft(p, rest.known[j]!.contact) : initialCardDraft(p, kind)))]);
            setStatuses((all) => [...all, ...rest.people.map((): CardStatus => ({ state: 'idle' }))]);
            setSavedIds((all) => [...all, ...rest.matches]);
            // the first people keep their place (and their drafts); the whole page's answer brings the rest and its counts
            setLoad({
              state: 'ready',
              capture: { ...full.capture, people: [...res.capture.people, ...rest.people] },
              matches: [...res.matches, ...rest.matches],
            });
          },
          // the first cards stay usable; the rest could not be read (the tab closed, the page navigated)
          () => live && setReadingRest(false),
        );
      },
      (e) => live && setLoad({ state: 'error', message: captureErrorText(e) }),
    );
    return () => {
      live = false;
      clearTimeout(prune);
    };
  }, []);

  const update = (i: number, patch: Partial<CardDraft> | ((d: CardDraft) => CardDraft)) =>
    setDrafts((all) => all.map((d, j) => (j === i ? (typeof patch === 'function' ? patch(d) : { ...d, ...patch }) : d)));
  const setStatus = (i: number, s: CardStatus) => setStatuses((all) => all.map((x, j) => (j === i ? s : x)));

  async function save(capture: Capture, i: number, draft: CardDraft, intoId?: string, opts: { quiet?: boolean } = {}): Promise<boolean> {
    const person = capture.people[i];
    if (!person) return false;
    setStatus(i, { state: 'saving' });
    try {
      const record = known[i]?.contact;
      const res = await send('contacts.save', saveRequest(capture, person, draft, record, intoId));
      setSavedIds((all) => all.map((x, j) => (j === i ? res.contact.id : x)));
      const promoted = !!record && record.kind === 'lead' && res.contact.kind === 'prospect';
      setStatus(i, {
        state: 'saved',
        message: savedText(res.created, res.contact, !!draft.note.trim(), promoted, record ? pageAdds(person, record).length : 0),
      });
      // From now on the card shows the saved record, and the record's possible duplicates.
      setKnown((all) =>
        all.map((x, j) =>
          j === i ? { contact: res.contact, lastTouch: res.touchpointType ? { type: res.touchpointType, at: new Date().toISOString() } : x?.lastTouch } : x,
        ),
      );
      setDupes((all) => all.map((x, j) => (j === i ? (res.duplicates ?? []) : x)));
      // The note now lives in the contact; an empty note clears its draft (see useDraft).
      update(i, { ...knownCardDraft(person, res.contact), ...{ name: draft.name, jobTitle: draft.jobTitle, company: draft.company }, note: '', noteId: undefined, selected: false });
      // Saved: the next thing is to open the record (or add to it); focus never falls to the page body.
      if (!opts.quiet) focusSoon([`[data-testid="person-card"]:nth-of-type(${i + 1}) [data-testid="open-contact"]`, `[data-testid="person-card"]:nth-of-type(${i + 1}) [data-testid="save-person"]`, '[data-testid="open-sidepanel"]']);
      return true;
    } catch (e) {
      setStatus(i, { state: 'error', message: errorText(e) });
      return false;
    }
  }

  /** "Possibly the same as …": merge the hinted record into this card's record (or save this person into it). */
  async function mergeHint(capture: Capture, i: number, h: DuplicateHint) {
    const survivorId = known[i]?.contact.id ?? savedIds[i];
    if (!survivorId) {
      await save(capture, i, drafts[i]!, h.id);
      return;
    }
    try {
      const r = await send('contacts.merge', { survivorId, mergedId: h.id });
      setKnown((all) => all.map((x, j) => (j === i && x ? { ...x, contact: r.contact } : x)));
      setDupes((all) => all.map((x, j) => (j === i ? x.filter((d) => d.id !== h.id) : x)));
      setMerged((all) => {
        const next = [...all];
        next[i] = { text: `Merged ${h.name}'s record into this one: every touchpoint and note kept.`, undoId: r.undoId };
        return next;
      });
    } catch (e) {
      setStatus(i, { state: 'error', message: errorText(e) });
    }
  }

  async function undoMerge(i: number, h: { undoId?: string }) {
    if (!h.undoId) return;
    try {
      const r = await send('contacts.unmerge', { undoId: h.undoId });
      setKnown((all) => all.map((x, j) => (j === i && x ? { ...x, contact: r.contact } : x)));
      setDupes((all) =>
        all.map((x, j) => (j === i ? [...x, { id: r.restored.id, name: r.restored.name, ...(r.restored.company ? { company: r.restored.company } : {}), kind: r.restored.kind, reasons: [] }] : x)),
      );
      setMerged((all) => {
        const next = [...all];
        next[i] = { text: `Merge undone: ${r.restored.name} is a record of their own again.` };
        return next;
      });
    } catch (e) {
      setStatus(i, { state: 'error', message: errorText(e) });
    }
  }

  const knownView = (i: number): KnownView | null => {
    const k = known[i];
    const p = load.state === 'ready' ? load.capture.people[i] : undefined;
    if (!k || !p) return null;
    return { record: k, lastTouch: lastTouchText(k, touchpointLabel), adds: pageAdds(p, k.contact) };
  };

  async function saveSelected(capture: Capture) {
    const b = bulkDraft;
    if (bulkNoteIds.current.text !== b.note.trim()) bulkNoteIds.current = { text: b.note.trim(), ids: new Map() };
    const ids = bulkNoteIds.current.ids;
    const picked = drafts
      .map((d, i) => [d, i] as const)
      .filter(([d]) => d.selected)
      .map(([d, i]) => {
        if (!ids.has(i)) ids.set(i, mintNoteId());
        return [applyBulk(d, b, known[i]?.contact, ids.get(i)!), i] as const;
      });
    let ok = 0;
    setBulk(`Saving ${picked.length}…`);
    // One at a time: each save dedupes against the ones before it.
    for (const [d, i] of picked) if (await save(capture, i, d, undefined, { quiet: true })) ok++;
    setBulk(`${ok} of ${picked.length} saved`);
    if (ok === picked.length) {
      setBulkDraft({ tags: '', note: '' });
      bulkNoteIds.current = { text: '', ids: new Map() };
    }
    // Done: the next sensible control is the side panel, where the records now are.
    focusSoon(['[data-testid="open-sidepanel"]']);
  }

  const header = (
    <header class="app-header">
      <img src="/icon/32.png" alt="" />
      <h1>Touchpoint</h1>
      {load.state === 'ready' && (
        <span class="chip" data-testid="page-summary" title={load.capture.url}>
          {pageLabel(load.capture.site, load.capture.pageKind, load.capture.people.length + (load.capture.omitted ?? 0))}
        </span>
      )}
      <span class="spacer" />
      <button type="button" class="ghost small" data-testid="open-options" onClick={() => openOptions()}>
        <IconSettings />
        Settings
      </button>
    </header>
  );
  const footer = (
    <footer class="app-footer">
      <button type="button" class="ghost" data-testid="open-sidepanel" onClick={() => void openSidePanel(windowId).then(() => window.close())}>
        <IconSidePanel />
        Open side panel
      </button>
      <span class="spacer" />
      {load.state === 'ready' && (
        <span class="status">
          {(load.capture.people.length + (load.capture.omitted ?? 0)).toLocaleString('en-US')}
          {load.capture.people.length + (load.capture.omitted ?? 0) === 1 ? ' person' : ' people'} on this page
          {readingRest ? ' so far' : ''}
        </span>
      )}
    </footer>
  );

  if (load.state === 'loading') {
    return (
      <>
        {header}
        <div class="app-body">
          <p class="muted" role="status" data-testid="popup-loading">
            Reading the people on this page…
          </p>
        </div>
        {footer}
      </>
    );
  }
  if (load.state === 'error') {
    return (
      <>
        {header}
        <div class="app-body">
          <ErrorBanner title="Touchpoint can't capture this page." message={load.message} testid="capture-error" />
          <p class="muted small">
            Touchpoint reads profiles (LinkedIn, GitHub, X), open emails in Gmail and Outlook, team and contact pages, and
            any page with contact details on it.
          </p>
        </div>
        {footer}
      </>
    );
  }

  const { capture } = load;
  const many = capture.people.length > 1;
  const visible = capture.people.slice(0, shown);
  const leftOut = leftOutText({
    shown: visible.length,
    listed: capture.people.length,
    omitted: capture.omitted ?? 0,
    readingRest,
    stoppedEarly: stoppedEarly(capture.warnings),
  });
  const selectedCount = drafts.filter((d) => d.selected).length;
  const compact = capture.people.length > COMPACT_FROM;
  return (
    <>
      {header}
      <div class="app-body">
        {capture.campaign && hasCampaign(capture.campaign) && (
          <div class="banner campaign" data-testid="campaign-banner">
            <strong>Campaign:</strong> {campaignText(capture.campaign)}
            <div class="small muted">Saving records this as a campaign response.</div>
          </div>
        )}
        {capture.email?.subject && (
          <p class="small muted" data-testid="email-subject">
            Email: “{capture.email.subject}”
          </p>
        )}
        {capture.people.length === 0 ? (
          <EmptyState title="No people found on this page">
            <p>
              Touchpoint looks for people on profiles, email threads, team and contact pages, and for contact details
              (emails, phones, bylines) anywhere else. Open such a page and click the Touchpoint button again.
            </p>
            {capture.organization && <p data-testid="organization">Organization found: {capture.organization.name}</p>}
          </EmptyState>
        ) : (
          <>
            {many && (
              <section
                class="bulk"
                data-testid="bulk-bar"
                aria-label="Selected people"
                onKeyDown={(e) => {
                  if (isSaveChord(e) && selectedCount > 0) {
                    e.preventDefault();
                    void saveSelected(capture);
                  }
                }}
              >
                <div class="row">
                  <label class="row small">
                    <input
                      type="checkbox"
                      data-testid="select-all"
                      checked={selectedCount === drafts.length}
                      onChange={(e) => {
                        const on = (e.currentTarget as HTMLInputElement).checked;
                        setDrafts((all) => all.map((d) => ({ ...d, selected: on })));
                      }}
                    />
                    Select all {capture.people.length}
                  </label>
                  <span class="spacer" />
                  {bulk && (
                    <span class="status" role="status" data-testid="bulk-status">
                      {bulk}
                    </span>
                  )}
                </div>
                {selectedCount > 0 && (
                  <div class="stack" data-testid="bulk-fields" style={{ marginTop: 'var(--space-3)' }}>
                    <div class="row wrap">
                      <span class="small muted">Mark {selectedCount} as</span>
                      <KindToggle
                        testid="bulk-kind"
                        label="Mark selected people as leads or prospects"
                        value={bulkDraft.kind ?? bulkKind}
                        onChange={(k) => {
                          setBulkKind(k);
                          setBulkDraft((b) => ({ ...b, kind: k, ...(b.stage && !stagesFor(k).includes(b.stage) ? { stage: undefined } : {}) }));
                        }}
                      />
                    </div>
                    <div class="two">
                      <label class="field">
                        <span>Stage</span>
                        <select
                          data-testid="bulk-stage"
                          value={bulkDraft.stage ?? ''}
                          onChange={(e) => {
                            const v = (e.currentTarget as HTMLSelectElement).value;
                            setBulkDraft((b) => ({ ...b, stage: v ? (v as Stage) : undefined }));
                          }}
                        >
                          <option value="">Keep each one's</option>
                          {stagesFor(bulkDraft.kind ?? bulkKind).map((st) => (
                            <option value={st}>{STAGE_LABELS[st]}</option>
                          ))}
                        </select>
                      </label>
                      <label class="field">
                        <span>Add tags</span>
                        <input
                          data-testid="bulk-tags"
                          placeholder="webinar-may, emea"
                          value={bulkDraft.tags}
                          onInput={(e) => {
                            const tags = (e.currentTarget as HTMLInputElement).value;
                            setBulkDraft((b) => ({ ...b, tags }));
                          }}
                        />
                      </label>
                    </div>
                    <label class="field">
                      <span>One note for each</span>
                      <textarea
                        data-testid="bulk-note"
                        rows={2}
                        placeholder="Replied to the May webinar invite"
                        value={bulkDraft.note}
                        onInput={(e) => {
                          const note = (e.currentTarget as HTMLTextAreaElement).value;
                          setBulkDraft((b) => ({ ...b, note }));
                        }}
                      />
                    </label>
                  </div>
                )}
                <div class="row" style={{ marginTop: 'var(--space-3)' }}>
                  <span class="small muted">{selectedCount > 0 ? 'Ctrl+Enter applies' : 'Select people to save or update them together'}</span>
                  <span class="spacer" />
                  <button
                    type="button"
                    class="primary"
                    data-testid="save-selected"
                    disabled={selectedCount === 0}
                    aria-keyshortcuts="Control+Enter Meta+Enter"
                    onClick={() => void saveSelected(capture)}
                  >
                    Save selected ({selectedCount})
                  </button>
                </div>
              </section>
            )}
            {leftOut && (
              <p class="small muted" role="status" data-testid="people-left-out">
                {leftOut}
              </p>
            )}
            <div class={compact ? 'people' : undefined} data-testid="people">
            {visible.map((p, i) => (
              <PersonCard
                key={`${i}-${p.name}`}
                person={p}
                index={i}
                draft={drafts[i]!}
                status={statuses[i] ?? { state: 'idle' }}
                savedId={savedIds[i]}
                known={knownView(i)}
                duplicates={dupes[i]}
                reasonText={reasonText}
                onMerge={(h) => void mergeHint(capture, i, h)}
                merged={merged[i] ? { text: merged[i]!.text, ...(merged[i]!.undoId ? { onUndo: () => void undoMerge(i, merged[i]!) } : {}) } : undefined}
                selectable={many}
                compact={compact}
                noteDraftKey={draftKeys.popupNote(capture.url, personKeyOf(p))}
                onChange={(patch) => update(i, patch)}
                onSave={() => void save(capture, i, drafts[i]!)}
                onOpen={
                  savedIds[i]
                    ? () => {
                        // No await before opening: the side panel needs the click's user gesture.
                        void requestContactFocus(savedIds[i]!);
                        void openSidePanel(windowId).then(() => window.close());
                      }
                    : undefined
                }
              />
            ))}
            </div>
            {visible.length < capture.people.length && (
              <button type="button" class="link" data-testid="show-more" onClick={() => setShown((n) => n + CARDS_PER_PAGE)}>
                Show {Math.min(CARDS_PER_PAGE, capture.people.length - visible.length).toLocaleString('en-US')} more
              </button>
            )}
          </>
        )}
      </div>
      {footer}
    </>
  );
}
