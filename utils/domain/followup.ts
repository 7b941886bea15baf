/**
 * Follow-ups: when one is due, and when it counts as due. One home for the presets the side panel and call mode
 * offer ("in 2 days", "next week", "on a date") and for the "due now" rule the Due list, the alarm and the badge share.
 */

export type FollowUpPreset = 'tomorrow' | '2-days' | 'next-week';

/** The hour of the day (local time) a follow-up is due when only its day is chosen: the start of a working day. */
export const FOLLOW_UP_HOUR = 9;

function atHour(d: Date): Date {
  const out = new Date(d);
  out.setHours(FOLLOW_UP_HOUR, 0, 0, 0);
  return out;
}

/** The due time of a preset, from `now` (local calendar days; "next week" is next Monday). */
export function followUpDue(preset: FollowUpPreset, now: Date): Date {
  const d = new Date(now);
  if (preset === 'tomorrow') d.setDate(d.getDate() + 1);
  else if (preset === '2-days') d.setDate(d.getDate() + 2);
  else d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  return atHour(d);
}

/** "2026-12-03" (an <input type=date> value) → that day at FOLLOW_UP_HOUR local time; undefined when not a date. */
export function followUpOnDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), FOLLOW_UP_HOUR);
  return Number.isNaN(d.getTime()) || d.getMonth() !== Number(m[2]) - 1 ? undefined : d;
}

/** The last moment of `now`'s local day: the Due list shows what falls due by then. */
export function endOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** Snoozing moves a follow-up's due time without losing the original: it is due at the later of the two. */
export function effectiveDue(task: { due: string; snoozedUntil?: string }): string {
  return task.snoozedUntil && task.snoozedUntil > task.due ? task.snoozedUntil : task.due;
}

/** Open and its (snoozed) due time has come. */
export function isDue(task: { status: string; due: string; snoozedUntil?: string }, now: number): boolean {
  return task.status === 'open' && Date.parse(effectiveDue(task)) <= now;
}

export type SnoozePreset = '1-hour' | 'tomorrow';

/** When a snoozed follow-up comes back: in an hour, or tomorrow at the start of the day. */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  return preset === '1-hour' ? new Date(now.getTime() + 3_600_000) : followUpDue('tomorrow', now);
}
