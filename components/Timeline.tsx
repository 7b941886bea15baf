import type { CallOutcome, Note } from '../utils/model/note';
import type { Touchpoint } from '../utils/model/touchpoint';
import { CALL_OUTCOME_LABELS, campaignText, formatDuration, formatWhen, isSafeHref, linkText, touchpointLabel } from './lib/format';

type Item =
  | { kind: 'touchpoint'; at: string; tp: Touchpoint }
  | { kind: 'note'; at: string; note: Note };

/** Touchpoints and notes of one contact, newest first. */
export function timelineItems(touchpoints: Touchpoint[], notes: Note[]): Item[] {
  const items: Item[] = [
    ...touchpoints.map((tp) => ({ kind: 'touchpoint' as const, at: tp.at, tp })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.call?.startedAt ?? note.createdAt, note })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The background sums a call up as "Call: <outcome>"; say it in words, and don't repeat "Call". */
export function summaryOf(tp: Touchpoint): string {
  const s = tp.summary ?? '';
  if (tp.type !== 'call') return s;
  const m = /^Call(?::\s*(.+))?$/.exec(s.trim());
  if (!m) return s;
  const outcome = m[1] as CallOutcome | undefined;
  return outcome ? (CALL_OUTCOME_LABELS[outcome] ?? outcome) : '';
}

/** data-testid: timeline, timeline-item (data-type = touchpoint type or "note" / "call-note") */
export function Timeline(props: { touchpoints: Touchpoint[]; notes: Note[]; now?: number; onDeleteNote?: (id: string) => void }) {
  const items = timelineItems(props.touchpoints, props.notes);
  if (items.length === 0) return <p class="muted" data-testid="timeline-empty">No touchpoints yet.</p>;
  return (
    <ol class="timeline" data-testid="timeline">
      {items.map((it) =>
        it.kind === 'touchpoint' ? (
          <li key={`t-${it.tp.id}`} data-testid="timeline-item" data-type={it.tp.type}>
            <div>
              <strong>{touchpointLabel(it.tp.type)}</strong>
              {it.tp.emailSubject && <span> — “{it.tp.emailSubject}”</span>}
            </div>
            {summaryOf(it.tp) && <div class="body">{summaryOf(it.tp)}</div>}
            {it.tp.campaign && <div class="small muted">Campaign: {campaignText(it.tp.campaign)}</div>}
            {it.tp.url &&
              (isSafeHref(it.tp.url) ? (
                <a class="small" href={it.tp.url} target="_blank" rel="noopener noreferrer">
                  {linkText(it.tp.url)}
                </a>
              ) : (
                <div class="small muted">{it.tp.url}</div>
              ))}
            <div class="when">{formatWhen(it.at, props.now)}</div>
          </li>
        ) : (
          <li key={`n-${it.note.id}`} data-testid="timeline-item" data-type={it.note.call ? 'call-note' : 'note'}>
            <div class="row">
              <strong>{it.note.call ? 'Call notes' : 'Note'}</strong>
              {it.note.call?.endedAt && (
                <span class="chip">
                  {formatDuration(Date.parse(it.note.call.endedAt) - Date.parse(it.note.call.startedAt))}
                </span>
              )}
              {it.note.call?.outcome && <span class="chip">{CALL_OUTCOME_LABELS[it.note.call.outcome]}</span>}
              {it.note.call && !it.note.call.endedAt && <span class="chip">in progress</span>}
              <span class="spacer" />
              {props.onDeleteNote && (
                <button type="button" class="link small" onClick={() => props.onDeleteNote!(it.note.id)} aria-label="Delete note">
                  Delete
                </button>
              )}
            </div>
            <div class="body">{it.note.body || <span class="muted">(empty)</span>}</div>
            <div class="when">{formatWhen(it.at, props.now)}</div>
          </li>
        ),
      )}
    </ol>
  );
}
