import { browser } from 'wxt/browser';
import { FOCUS_CONTACT_KEY, TASKS_CHANGED_KEY } from '../../components/lib/handoff-key';
import { endOfDay, snoozeUntil } from '../../utils/domain/followup';
import type { TaskView } from '../../utils/model';
import { dueTasks, takeDueForNotification, updateTask, type TouchpointDatabase } from '../../utils/store';
import { openSidePanel } from './ui';

/**
 * Follow-ups falling due, in the service worker. One alarm, `followups-due`, is set for the next due time (MV3: a
 * timer would die with the worker; the alarm survives it and wakes it). When it fires, the follow-ups now due that
 * were not shown yet get a browser notification each (marked in the same transaction that finds them, so a second
 * alarm or a restarted worker never shows one twice), the badge shows how many are due, and open side panels hear of
 * it through storage.local (TASKS_CHANGED_KEY). Clicking a notification opens the side panel on the contact; its
 * buttons mark the follow-up done or snooze it for an hour.
 */

export const FOLLOWUP_ALARM = 'followups-due';
const NOTIFICATION_PREFIX = 'followup:';
export const DEBUG_FOLLOWUPS_KEY = 'debug:followups';

export interface FollowUpService {
  now(): number;
  /** the alarm fired (or a test moved the clock): notify what fell due, set the next alarm, refresh the badge */
  check(): Promise<TaskView[]>;
  /** after a follow-up was created or changed: the next alarm, the badge, open panels */
  changed(): Promise<void>;
  /** how many open follow-ups are due now (the badge) */
  dueNow(): Promise<number>;
  onAlarm(name: string): Promise<void>;
  onNotificationClicked(id: string): void;
  onButtonClicked(id: string, index: number): Promise<void>;
  /** clear a follow-up's notification (done or snoozed elsewhere) */
  dismiss(taskId: string): Promise<void>;
  /** e2e build only: move the clock forward and check */
  advance(ms: number): Promise<number>;
}

interface NotificationsApi {
  create(id: string, o: { type: 'basic'; iconUrl: string; title: string; message: string; contextMessage?: string; priority?: number; requireInteraction?: boolean; buttons?: { title: string }[] }): Promise<string>;
  clear(id: string): Promise<boolean>;
}
const notifications = () => (browser as unknown as { notifications?: NotificationsApi }).notifications;

/** "Follow up with Ada Lindqvist" / "Call Ada back about pricing" */
export function notificationFor(t: Pick<TaskView, 'title' | 'contactName' | 'due'>): { title: string; message: string } {
  return { title: `Follow up: ${t.contactName}`.slice(0, 120), message: t.title.slice(0, 300) };
}


export function createFollowUpService(db: () => Promise<TouchpointDatabase>, refreshBadge: () => Promise<void>): FollowUpService {
  let offset = 0;
  let loaded = false;
  async function loadOffset(d: TouchpointDatabase): Promise<void> {
    // A build-time constant: the store build has no test clock.
    if (!__TOUCHPOINT_E2E__ || loaded) return;
    offset = ((await d.get('meta', DEBUG_FOLLOWUPS_KEY))?.value as number | undefined) ?? 0;
    loaded = true;
  }
  const now = () => Date.now() + offset;

  async function schedule(nextDueAt: number | undefined): Promise<void> {
    if (nextDueAt === undefined) await browser.alarms.clear(FOLLOWUP_ALARM);
    // alarms run on the real clock
    else await browser.alarms.create(FOLLOWUP_ALARM, { when: Math.max(nextDueAt - offset, Date.now() + 500) });
  }

  const tellPanels = () => browser.storage.local.set({ [TASKS_CHANGED_KEY]: Date.now() }).catch(() => undefined);

  async function check(): Promise<TaskView[]> {
    const d = await db();
    await loadOffset(d);
    const { fresh, nextDueAt } = await takeDueForNotification(d, now());
    const api = notifications();
    for (const t of fresh) {
      const { title, message } = notificationFor(t);
      try {
        await api?.create(`${NOTIFICATION_PREFIX}${t.id}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title,
          message,
          contextMessage: 'Touchpoint follow-up',
          priority: 2,
          requireInteraction: true,
          buttons: [{ title: 'Done' }, { title: 'Snooze 1 hour' }],
        });
      } catch (e) {
        // Notifications turned off for the browser: the badge and the Due list still say it.
        console.warn('[touchpoint] could not show a follow-up notification', e);
      }
    }
    await schedule(nextDueAt);
    await refreshBadge();
    if (fresh.length) await tellPanels();
    return fresh;
  }

  async function changed(): Promise<void> {
    await check();
    await tellPanels();
  }

  return {
    now,
    check,
    changed,
    async dueNow() {
      const d = await db();
      await loadOffset(d);
      const n = now();
      return (await dueTasks(d, n, endOfDay(n))).dueNow;
    },
    async onAlarm(name) {
      if (name === FOLLOWUP_ALARM) await check();
    },
    onNotificationClicked(id) {
      if (!id.startsWith(NOTIFICATION_PREFIX)) return;
      const taskId = id.slice(NOTIFICATION_PREFIX.length);
      // The side panel may only open in answer to a gesture: open it first, before awaiting anything.
      const opening = openSidePanel().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }));
      void (async () => {
        const d = await db();
        const task = await d.get('tasks', taskId);
        if (task) await browser.storage.local.set({ [FOCUS_CONTACT_KEY]: { id: task.contactId, at: Date.now() } });
        await opening;
        await notifications()?.clear(id);
      })().catch((e) => console.warn('[touchpoint] could not open the follow-up', e));
    },
    async onButtonClicked(id, index) {
      if (!id.startsWith(NOTIFICATION_PREFIX)) return;
      const taskId = id.slice(NOTIFICATION_PREFIX.length);
      const d = await db();
      await loadOffset(d);
      if (index === 0) await updateTask(d, taskId, { done: true });
      else await updateTask(d, taskId, { snoozedUntil: snoozeUntil('1-hour', new Date(now())).toISOString() });
      await notifications()?.clear(id);
      await changed();
    },
    async dismiss(taskId) {
      await notifications()?.clear(`${NOTIFICATION_PREFIX}${taskId}`).catch(() => false);
    },
    async advance(ms) {
      // A build-time constant: the store build keeps no way to move this clock.
      if (!__TOUCHPOINT_E2E__) throw new Error('Only the test build can move the follow-ups clock.');
      const d = await db();
      await loadOffset(d);
      offset += ms;
      await d.put('meta', { key: DEBUG_FOLLOWUPS_KEY, value: offset });
      // Through the alarm, as in the field: it fires at once and checks on the moved clock.
      await schedule(now());
      return offset;
    },
  };
}
