import { effectiveDue } from '../../utils/domain/followup';

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Overdue · Mon 30 Nov, 09:00", "Today 09:00", "Tomorrow 09:00", "Thu 3 Dec, 09:00" (local time). */
export function dueText(task: { due: string; snoozedUntil?: string }, now: number): string {
  const due = new Date(effectiveDue(task));
  const n = new Date(now);
  const time = due.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const day = due.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  const tomorrow = new Date(n);
  tomorrow.setDate(n.getDate() + 1);
  const when = sameDay(due, n) ? `Today ${time}` : sameDay(due, tomorrow) ? `Tomorrow ${time}` : `${day}, ${time}`;
  return due.getTime() <= now ? `Overdue · ${when}` : when;
}

/** An <input type=date> value for a day (local), e.g. the picker's minimum (today). */
export function dateInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
