import { endOfDay, snoozeUntil } from '../../utils/domain/followup';
import { HandlerError } from '../../utils/messaging/errors';
import type { Handlers } from '../../utils/messaging/router';
import {
  companyIdOfContact,
  createContact,
  createTask,
  dueTasks,
  getCompany,
  renameCompany,
  tasksOfContact,
  updateTask,
  type TouchpointDatabase,
} from '../../utils/store';
import type { Task, TaskView } from '../../utils/model';
import type { FollowUpService } from './followups';
import type { SyncService } from './sync';

/**
 * Handlers for follow-ups, companies and contacts added by hand (their own module: handlers.ts holds the capture and
 * sync ones). Every write tells the sync service (drain soon) and the follow-up service (next alarm, badge, panels).
 */
export function recordHandlers(db: () => Promise<TouchpointDatabase>, sync: SyncService, followUps: FollowUpService): Handlers {
  const write = async <T>(fn: (d: TouchpointDatabase) => Promise<T>): Promise<T> => {
    try {
      return await fn(await db());
    } finally {
      sync.changed();
    }
  };
  /** A follow-up as the panel shows it, with its contact's name. */
  const view = async (t: Task): Promise<TaskView> => {
    const c = await (await db()).get('contacts', t.contactId);
    if (!c) throw new HandlerError('not-found', 'The contact of this follow-up no longer exists.');
    const { sync: _s, notifiedAt: _n, ...shown } = t;
    return { ...shown, contactName: c.name };
  };
  return {
    'contacts.create': async (input) => write((d) => createContact(d, input)),

    'tasks.create': async (input) => {
      const task = await view(await write((d) => createTask(d, input)));
      await followUps.changed();
      return { task };
    },
    'tasks.update': async ({ id, snooze, ...rest }) => {
      const change = snooze ? { ...rest, snoozedUntil: snoozeUntil(snooze, new Date(followUps.now())).toISOString() } : rest;
      const task = await view(await write((d) => updateTask(d, id, change)));
      // Done or snoozed in the panel: its notification, if shown, no longer asks anything.
      if (change.done || change.snoozedUntil) await followUps.dismiss(id);
      await followUps.changed();
      return { task };
    },
    'tasks.ofContact': async ({ contactId }) => ({ items: await tasksOfContact(await db(), contactId) }),
    'tasks.due': async () => {
      const now = followUps.now();
      return dueTasks(await db(), now, endOfDay(now));
    },

    'companies.get': async (req) => {
      const d = await db();
      const id = 'id' in req ? req.id : await companyIdOfContact(d, req.contactId);
      if (!id) throw new HandlerError('not-found', 'This contact has no company saved.');
      const { company, people } = await getCompany(d, id);
      const { sync: _s, ...shown } = company;
      return { company: shown, people };
    },
    'companies.rename': async ({ id, name }) => {
      const { sync: _s, ...shown } = await write((d) => renameCompany(d, id, name));
      return { company: shown };
    },
  };
}
