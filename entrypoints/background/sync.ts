import { browser } from 'wxt/browser';
import { connectorFor } from '../../utils/sync/connectors';
import { createDrainLock, DEFAULT_LEASE_MS, drainOutbox, type DrainReport } from '../../utils/sync/engine';
import { createOutboxPort, getSettings, outboxCounts, type OutboxCounts, type TouchpointDatabase } from '../../utils/store';

/**
 * Outbox draining in the service worker. Alarms, not timers, carry it across worker restarts:
 *  - 'outbox-periodic' every 5 minutes (created on install/startup, survives restarts);
 *  - 'outbox-soon' one-shot shortly after a change when autoSync is on, and at the next retry time.
 * A short in-memory timer also drains a couple of seconds after a change while the worker is awake;
 * the drain lock keeps these from overlapping, the outbox lease keeps two workers from sending twice.
 */

export const PERIODIC_ALARM = 'outbox-periodic';
export const SOON_ALARM = 'outbox-soon';
const PERIOD_MINUTES = 5;
/** debounce of the in-memory kick after a change: typing a note should not send per keystroke */
const KICK_DELAY_MS = 2000;

type ActionApi = {
  setBadgeText(d: { text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { color: string }): Promise<void>;
  setTitle?(d: { title: string }): Promise<void>;
};

/** MV3 Chrome has `action`; the Firefox MV2 build has `browserAction`. */
function actionApi(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

/**
 * Badge: the number of changes not yet in the CRM (pending + dead), only when a CRM is configured
 * (without one, waiting is normal and not worth a badge). Red when some need the user (dead), grey
 * while they are just queued. Empty when all is synced.
 */
export function badgeFor(counts: OutboxCounts, configured: boolean): { text: string; color: string } {
  const waiting = counts.pending + counts.dead;
  if (!configured || waiting === 0) return { text: '', color: '#6b7280' };
  const text = waiting > 999 ? '999+' : String(waiting);
  return { text, color: counts.dead > 0 ? '#dc2626' : '#6b7280' };
}

export interface SyncService {
  drainNow(): Promise<DrainReport | undefined>;
  /** after a change: drain soon if autoSync */
  changed(): void;
  ensureAlarms(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  refreshBadge(): Promise<void>;
}

export function createSyncService(db: () => Promise<TouchpointDatabase>, fetchImpl?: typeof fetch): SyncService {
  let kick: ReturnType<typeof setTimeout> | undefined;

  async function refreshBadge(): Promise<void> {
    const api = actionApi();
    if (!api) return;
    try {
      const d = await db();
      const [counts, settings] = await Promise.all([outboxCounts(d), getSettings(d)]);
      const badge = badgeFor(counts, settings.destination.type !== 'none');
      await api.setBadgeText({ text: badge.text });
      if (badge.text) await api.setBadgeBackgroundColor({ color: badge.color });
    } catch {
      // The badge is a hint; a failure here must not break a handler.
    }
  }

  async function run(): Promise<DrainReport | undefined> {
    const d = await db();
    const settings = await getSettings(d);
    const connector = connectorFor(settings.destination, fetchImpl);
    if (!connector) return undefined; // no CRM: changes wait in the outbox
    // If the worker is stopped mid-request, what it claimed comes due again when the lease runs out:
    // an alarm at that time resumes it (else it would wait for the periodic alarm). A finished drain
    // moves the alarm to the next due time below; left in place, it only costs one empty drain.
    await browser.alarms.create(SOON_ALARM, { when: Date.now() + DEFAULT_LEASE_MS + 1000 });
    const report = await drainOutbox({ port: createOutboxPort(d), connector, leaseMs: DEFAULT_LEASE_MS });
    if (report.nextDueAt !== undefined && report.nextDueAt !== Number.MAX_SAFE_INTEGER) {
      await browser.alarms.create(SOON_ALARM, { when: Math.max(report.nextDueAt, Date.now() + 1000) });
    }
    await refreshBadge();
    return report;
  }

  const drainNow = createDrainLock(run);

  return {
    drainNow,
    refreshBadge,
    changed() {
      void refreshBadge();
      void (async () => {
        const settings = await getSettings(await db());
        if (!settings.autoSync || settings.destination.type === 'none') return;
        // The alarm is the safety net if the worker stops before the timer fires.
        await browser.alarms.create(SOON_ALARM, { delayInMinutes: 0.5 });
        if (kick) clearTimeout(kick);
        kick = setTimeout(() => void drainNow().catch((e) => console.warn('[touchpoint] sync failed', e)), KICK_DELAY_MS);
      })().catch(() => {});
    },
    async ensureAlarms() {
      const existing = await browser.alarms.get(PERIODIC_ALARM);
      if (!existing) await browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 1 });
    },
    async onAlarm(name) {
      if (name !== PERIODIC_ALARM && name !== SOON_ALARM) return;
      // With autoSync off, only "Sync now" sends.
      if (!(await getSettings(await db())).autoSync) return;
      await drainNow();
    },
  };
}
