import type { CallOutcome, Note } from '../utils/model/note';
import type { Touchpoint } from '../utils/model/touchpoint';
import { callTouchpointId, foldKey } from '../utils/domain/touchpoint';
import { withoutTracking } from '../utils/domain/link';
import { IconCall, IconDelete, IconNote } from './icons';
import { CALL_OUTCOME_LABELS, campaignText, formatDuration, formatWhen, isSafeHref, linkText, touchpointLabel } from './lib/format';

type Item =
  | { kind: 'touchpoint'; at: string; tp: Touchpoint; /** repeated views folded into this one (same page, same day) */ times: number }
  | { kind: 'note'; at: string; note: Note };


/**
 * Touchpoints and notes of one contact, newest first, as the timeline shows them: repeated views of the same page
 * (tracking parameters aside) on one day are one entry (the newest, with a count); a call is its note (duration,
 * outcome and what was said in one entry), so the call's own touchpoint is not listed beside it.
 */
export function timelineItems(touchpoints: Touchpoint[], notes: Note[]): Item[] {
  const callTouchpoints = new Set(notes.filter((n) => n.call).map((n) => callTouchpointId(n.id)));
  const sorted = [...touchpoints].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const folded = new Map<string, Item & { kind: 'touchpoint' }>();
  const items: Item[] = [];
  for (const tp of sorted) {
    if (tp.type === 'call' && callTouchpoints.has(tp.id)) continue;
    // Folded when saved (a count on the record); records from before that are folded here the same way.
    const key = foldKey(tp);
    if (key) {
      const seen = folded.get(key);
      if (seen) {
        seen.times += tp.count ?? 1;
        continue;
      }
      const item = { kind: 'touchpoint' as const, at: tp.at, tp, times: tp.count ?? 1 };
      folded.set(key, item);
      items.push(item);
      continue;
    }
    items.push({ kind: 'touchpoint', at: tp.at, tp, times: tp.count ?? 1 });
  }
  items.push(...notes.map((note) => ({ kind: 'note' as const, at: note.call?.startedAt ?? note.createdAt, note })));
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

/** data-testid: timeline, timeline-item (data-type = touchpoint type, "note", or "call" for a call with its notes), timeline-times, timeline-url, note-delete */
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
              {it.times > 1 && <span class="chip" data-testid="timeline-times">{it.times} times</span>}
              {it.tp.emailSubject && <span> — “{it.tp.emailSubject}”</span>}
            </div>
            {summaryOf(it.tp) && <div class="body">{summaryOf(it.tp)}</div>}
            {it.tp.campaign && <div class="small muted">Campaign: {campaignText(it.tp.campaign)}</div>}
            {it.tp.url &&
              (isSafeHref(it.tp.url) ? (
                <a class="small url" href={withoutTracking(it.tp.url)} target="_blank" rel="noopener noreferrer" data-testid="timeline-url">
                  {linkText(withoutTracking(it.tp.url))}
                </a>
              ) : (
                <div class="small muted url">{it.tp.url}</div>
              ))}
            <div class="when">{formatWhen(it.at, props.now)}</div>
          </li>
        ) : (
          <li key={`n-${it.note.id}`} data-testid="timeline-item" data-type={it.note.call ? 'call' : 'note'}>
            <div class="row wrap tight">
              {it.note.call ? <IconCall /> : <IconNote />}
              <strong>{it.note.call ? 'Call' : 'Note'}</strong>
              {it.note.call?.endedAt && (
                <span class="chip">
                  {formatDuration(Date.parse(it.note.call.endedAt) - Date.parse(it.note.call.startedAt))}
                </span>
              )}
              {it.note.call?.outcome && <span class="chip">{CALL_OUTCOME_LABELS[it.note.call.outcome]}</span>}
              {it.note.call && !it.note.call.endedAt && <span class="chip">in progress</span>}
              <span class="spacer" />
              {props.onDeleteNote && (
                <button
                  type="button"
                  class="ghost small"
                  data-testid="note-delete"
                  onClick={() => props.onDeleteNote!(it.note.id)}
                  aria-label={it.note.call ? 'Delete call notes' : 'Delete note'}
                >
                  <IconDelete />
                </button>
              )}
            </div>
            {it.note.body ? <div class="body">{it.note.body}</div> : !it.note.call && <div class="body muted">(empty)</div>}
            <div class="when">{formatWhen(it.at, props.now)}</div>
          </li>
        ),
      )}
    </ol>
  );
}
