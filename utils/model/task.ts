import { z } from 'zod';
import { SyncState } from './sync-state';

/**
 * A follow-up (what CRMs call a task): "call Ada back on Thursday". It belongs to one contact, falls due at
 * `due` (or later, when snoozed), and is open until marked done. Synced as task events (docs/sync.md).
 */
export const TaskKind = z.enum(['follow-up', 'call', 'email', 'meeting']);
export type TaskKind = z.infer<typeof TaskKind>;

export const TaskStatus = z.enum(['open', 'done']);
export type TaskStatus = z.infer<typeof TaskStatus>;

const iso = z.string().max(40);

export const TASK_TITLE_MAX = 500;
export const TASK_NOTE_MAX = 10_000;

export const Task = z.object({
  id: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
  kind: TaskKind,
  title: z.string().trim().min(1).max(TASK_TITLE_MAX),
  note: z.string().max(TASK_NOTE_MAX).optional(),
  /** when it falls due (ISO 8601) */
  due: iso.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  status: TaskStatus,
  /** snoozed: due again at this time (the original `due` is kept) */
  snoozedUntil: iso.optional(),
  doneAt: iso.optional(),
  /** set once the browser notification for this due time was shown, so it is shown once */
  notifiedAt: iso.optional(),
  createdAt: iso,
  updatedAt: iso,
  /** per destination identity: remote id and last acknowledgement (see docs/sync.md) */
  sync: z.record(z.string(), SyncState).optional(),
});
export type Task = z.infer<typeof Task>;

/** A task as the side panel lists it: with its contact's name (the Due list spans contacts). */
export const TaskView = Task.omit({ sync: true, notifiedAt: true }).extend({ contactName: z.string().max(10_000) });
export type TaskView = z.infer<typeof TaskView>;
