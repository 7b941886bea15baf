import '../../assets/records.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { followUpDue, followUpOnDate, type FollowUpPreset, type SnoozePreset } from '../../utils/domain/followup';
import { send } from '../../utils/messaging/client';
import type { TaskView } from '../../utils/model/task';
import { TASKS_CHANGED_KEY } from '../../components/lib/handoff-key';
import { errorText } from '../../components/lib/hooks';
import { IconCheck, IconClock } from '../../components/icons';
import { dateInputValue, dueText } from './followup-format';

/** Re-run `load` when follow-ups change outside this page (one fell due, done from a notification, another panel). */
export function useTasksChanged(load: () => void): void {
  const cb = useRef(load);
  cb.current = load;
  useEffect(() => {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && changes[TASKS_CHANGED_KEY]) cb.current();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}

/** A follow-up's id, minted when it is scheduled: a repeated request (double click, retried message) is one follow-up. */
const mintTaskId = () => `t-${crypto.randomUUID()}`;

const PRESETS: [FollowUpPreset, string][] = [
  ['tomorrow', 'Tomorrow'],
  ['2-days', 'In 2 days'],
  ['next-week', 'Next week'],
];

/**
 * "Follow up tomorrow / in 2 days / next week / on a date": one click schedules it (at 09:00 that day).
 * data-testid: followup-picker, followup-title, followup-<preset>, followup-date, followup-date-set, followup-scheduled,
 * followup-error
 */
export function FollowUpPicker(props: { contactId: string; contactName: string; prompt?: string; onScheduled?: (t: TaskView) => void }) {
  const [title, setTitle] = useState(`Follow up with ${props.contactName}`);
  const [date, setDate] = useState('');
  const [done, setDone] = useState<TaskView | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function schedule(due: Date | undefined) {
    if (!due) return setError('Choose a date first.');
    setBusy(true);
    try {
      const { task } = await send('tasks.create', { id: mintTaskId(), contactId: props.contactId, title: title.trim() || `Follow up with ${props.contactName}`, due: due.toISOString() });
      setDone(task);
      setError('');
      props.onScheduled?.(task);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <p class="status" role="status" data-testid="followup-scheduled">
        Follow-up set: {dueText(done, Date.now())} — {done.title}.{' '}
        <button type="button" class="link small" onClick={() => setDone(undefined)}>
          Add another
        </button>
      </p>
    );
  }
  return (
    <div class="stack" data-testid="followup-picker">
      {props.prompt && <strong>{props.prompt}</strong>}
      <label class="field">
        <span>Follow-up</span>
        <input data-testid="followup-title" value={title} maxLength={500} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div class="row wrap" role="group" aria-label="When">
        {PRESETS.map(([p, label]) => (
          <button type="button" data-testid={`followup-${p}`} disabled={busy} onClick={() => void schedule(followUpDue(p, new Date()))}>
            {label}
          </button>
        ))}
        <input
          type="date"
          aria-label="On a date"
          data-testid="followup-date"
          min={dateInputValue(new Date())}
          value={date}
          onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" data-testid="followup-date-set" disabled={busy || !date} onClick={() => void schedule(followUpOnDate(date))}>
          Set
        </button>
      </div>
      {error && (
        <div class="banner error small" role="alert" data-testid="followup-error">
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * One follow-up: what, when (overdue in red), Done, and Snooze (an hour, or tomorrow morning).
 * data-testid: task-row (data-id, data-status), task-due, task-done, task-snooze-hour, task-snooze-tomorrow,
 * task-reopen, task-open-contact (when `onOpenContact`)
 */
export function TaskRow(props: { task: TaskView; now: number; onChanged: () => void; onOpenContact?: (id: string) => void }) {
  const t = props.task;
  const [error, setError] = useState('');
  const act = (change: { done?: boolean; snooze?: SnoozePreset }) =>
    void send('tasks.update', { id: t.id, ...change }).then(props.onChanged, (e) => setError(errorText(e)));
  // The background snoozes on its own clock (the one that decides when a follow-up is due).
  const snooze = (p: SnoozePreset) => act({ snooze: p });
  const due = dueText(t, props.now);
  return (
    <li class="task" data-testid="task-row" data-id={t.id} data-status={t.status}>
      <div class="row wrap">
        <span class="spacer">
          {props.onOpenContact ? (
            <button type="button" class="link" data-testid="task-open-contact" onClick={() => props.onOpenContact!(t.contactId)}>
              {t.contactName}
            </button>
          ) : null}
          <span style={{ display: 'block' }} class={t.status === 'done' ? 'muted' : ''}>
            {t.title}
          </span>
          <span class={`small ${t.status === 'open' && due.startsWith('Overdue') ? 'overdue' : 'muted'}`} data-testid="task-due">
            {t.status === 'done' ? `Done ${t.doneAt ? new Date(t.doneAt).toLocaleDateString() : ''}` : due}
          </span>
        </span>
        {t.status === 'open' ? (
          <>
            <button type="button" class="small" data-testid="task-done" aria-label={`Done: ${t.title}`} onClick={() => act({ done: true })}>
              <IconCheck /> Done
            </button>
            <button type="button" class="link small" data-testid="task-snooze-hour" title="Snooze for an hour" onClick={() => snooze('1-hour')}>
              +1 h
            </button>
            <button type="button" class="link small" data-testid="task-snooze-tomorrow" title="Snooze until tomorrow morning" onClick={() => snooze('tomorrow')}>
              Tomorrow
            </button>
          </>
        ) : (
          <button type="button" class="link small" data-testid="task-reopen" onClick={() => act({ done: false })}>
            Reopen
          </button>
        )}
      </div>
      {error && (
        <div class="banner error small" role="alert">
          {error}
        </div>
      )}
    </li>
  );
}

/** A contact's follow-ups (open ones first) and the picker to schedule one. data-testid: followups, followups-list */
export function FollowUps(props: { contactId: string; contactName: string; picker?: boolean }) {
  const [items, setItems] = useState<TaskView[] | undefined>();
  const [error, setError] = useState('');
  const load = () =>
    void send('tasks.ofContact', { contactId: props.contactId }).then(
      (r) => {
        setItems(r.items);
        setError('');
      },
      (e) => setError(errorText(e)),
    );
  useEffect(load, [props.contactId]);
  useTasksChanged(load);
  const open = items?.filter((t) => t.status === 'open') ?? [];
  const recentDone = items?.filter((t) => t.status === 'done').slice(0, 3) ?? [];
  return (
    <section class="card stack" data-testid="followups" aria-label="Follow-ups">
      <h3 class="row">
        <IconClock /> Follow-ups
      </h3>
      {error && (
        <div class="banner error small" role="alert">
          {error}
        </div>
      )}
      {(open.length > 0 || recentDone.length > 0) && (
        <ul class="list tasks" data-testid="followups-list">
          {[...open, ...recentDone].map((t) => (
            <TaskRow key={t.id} task={t} now={Date.now()} onChanged={load} />
          ))}
        </ul>
      )}
      {props.picker !== false && <FollowUpPicker contactId={props.contactId} contactName={props.contactName} onScheduled={load} />}
    </section>
  );
}
