import type { Task, TaskKind, TaskView } from '../model';
import { effectiveDue, isDue } from '../domain/followup';
import type { StoreOptions } from './contacts';
import { abortNotFound, NotFoundError } from './errors';
import { newId, nowIso } from './ids';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';

export interface TaskInput {
  /** minted by the page, so a repeated request (a double click, a retried message) is one follow-up */
  id?: string;
  contactId: string;
  kind?: TaskKind;
  title: string;
  note?: string;
  due: string;
}

/** Schedule a follow-up on a contact; queued for sync in the same transaction. Idempotent by id. */
export async function createTask(db: TouchpointDatabase, input: TaskInput, opts: StoreOptions = {}): Promise<Task> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(['contacts', 'tasks', 'outbox'], 'readwrite');
  if (!(await tx.objectStore('contacts').getKey(input.contactId))) return abortNotFound(tx, 'This contact no longer exists.');
  const existing = input.id ? await tx.objectStore('tasks').get(input.id) : undefined;
  if (existing) {
    await tx.done;
    return existing;
  }
  const task: Task = {
    id: input.id ?? newId(),
    contactId: input.contactId,
    kind: input.kind ?? 'follow-up',
    title: input.title.trim(),
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    due: new Date(input.due).toISOString(),
    status: 'open',
    createdAt: at,
    updatedAt: at,
  };
  await tx.objectStore('tasks').add(task);
  await enqueueChange(tx.objectStore('outbox'), { entity: 'task', entityId: task.id, op: 'upsert' }, now);
  await tx.done;
  return task;
}

export interface TaskChange {
  /** true: done; false: open again */
  done?: boolean;
  /** due again at this time (ISO) */
  snoozedUntil?: string;
  /** rescheduled: a new due time clears a snooze */
  due?: string;
  title?: string;
  note?: string;
}

/** Done, reopened, snoozed or rescheduled: one update, queued for sync. A change that changes nothing writes nothing. */
export async function updateTask(db: TouchpointDatabase, id: string, change: TaskChange, opts: StoreOptions = {}): Promise<Task> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const tx = db.transaction(['tasks', 'outbox'], 'readwrite');
  const before = await tx.objectStore('tasks').get(id);
  if (!before) return abortNotFound(tx, 'This follow-up no longer exists.');
  const next: Task = { ...before };
  if (change.done === true && before.status !== 'done') {
    next.status = 'done';
    next.doneAt = at;
  } else if (change.done === false && before.status !== 'open') {
    next.status = 'open';
    delete next.doneAt;
  }
  if (change.due !== undefined) {
    next.due = new Date(change.due).toISOString();
    delete next.snoozedUntil;
    delete next.notifiedAt;
  }
  if (change.snoozedUntil !== undefined) {
    next.snoozedUntil = new Date(change.snoozedUntil).toISOString();
    // due again later: notify again then
    delete next.notifiedAt;
  }
  if (change.title !== undefined && change.title.trim()) next.title = change.title.trim();
  if (change.note !== undefined) {
    if (change.note.trim()) next.note = change.note.trim();
    else delete next.note;
  }
  const same = (['status', 'due', 'snoozedUntil', 'title', 'note', 'notifiedAt'] as const).every((k) => next[k] === before[k]);
  if (same) {
    await tx.done;
    return before;
  }
  next.updatedAt = at;
  await tx.objectStore('tasks').put(next);
  await enqueueChange(tx.objectStore('outbox'), { entity: 'task', entityId: id, op: 'upsert' }, now);
  await tx.done;
  return next;
}

async function withNames(db: TouchpointDatabase, tasks: Task[]): Promise<TaskView[]> {
  const tx = db.transaction('contacts', 'readonly');
  const names = await Promise.all(tasks.map((t) => tx.store.get(t.contactId)));
  await tx.done;
  const out: TaskView[] = [];
  tasks.forEach((t, i) => {
    const c = names[i];
    if (!c) return; // its contact was deleted: the follow-up went with it
    const { sync: _s, notifiedAt: _n, ...view } = t;
    out.push({ ...view, contactName: c.name });
  });
  return out;
}

const byDue = (a: Task, b: Task) => (effectiveDue(a) < effectiveDue(b) ? -1 : effectiveDue(a) > effectiveDue(b) ? 1 : 0);

/** A contact's follow-ups: open ones by due time, then done ones, most recent first. */
export async function tasksOfContact(db: TouchpointDatabase, contactId: string): Promise<TaskView[]> {
  if (!(await db.getKey('contacts', contactId))) throw new NotFoundError('This contact no longer exists.');
  const all = await db.getAllFromIndex('tasks', 'byContact', contactId);
  const open = all.filter((t) => t.status === 'open').sort(byDue);
  const done = all.filter((t) => t.status === 'done').sort((a, b) => ((a.doneAt ?? '') < (b.doneAt ?? '') ? 1 : -1));
  return withNames(db, [...open, ...done]);
}

/**
 * The Due list: open follow-ups due by `until` (the end of today), earliest first, and how many are due now
 * (the badge's number). Open follow-ups are few (a salesperson's week), so they are read whole from the status index.
 */
export async function dueTasks(db: TouchpointDatabase, now: number, until: number): Promise<{ items: TaskView[]; dueNow: number; next?: string }> {
  const open = await db.getAllFromIndex('tasks', 'byStatus', 'open');
  const items = open.filter((t) => Date.parse(effectiveDue(t)) <= until).sort(byDue);
  const later = open.filter((t) => Date.parse(effectiveDue(t)) > until).sort(byDue)[0];
  const views = await withNames(db, items);
  const dueNow = views.filter((t) => isDue(t, now)).length;
  return { items: views, dueNow, ...(later ? { next: effectiveDue(later) } : {}) };
}

/**
 * For the alarm: follow-ups due now that were not notified yet (marked notified here, in the same transaction, so a
 * restarted worker or a second alarm never shows one twice), and the next time one falls due.
 */
export async function takeDueForNotification(db: TouchpointDatabase, now: number): Promise<{ fresh: TaskView[]; nextDueAt?: number }> {
  const tx = db.transaction('tasks', 'readwrite');
  const open = await tx.store.index('byStatus').getAll('open');
  const fresh: Task[] = [];
  let nextDueAt: number | undefined;
  for (const t of open) {
    const due = Date.parse(effectiveDue(t));
    if (due > now) {
      nextDueAt = nextDueAt === undefined ? due : Math.min(nextDueAt, due);
      continue;
    }
    if (t.notifiedAt) continue;
    // Bookkeeping of this device, not a change to sync: updatedAt and the outbox are untouched.
    const marked = { ...t, notifiedAt: new Date(now).toISOString() };
    fresh.push(marked);
    await tx.store.put(marked);
  }
  await tx.done;
  return { fresh: await withNames(db, fresh.sort(byDue)), ...(nextDueAt !== undefined ? { nextDueAt } : {}) };
}
