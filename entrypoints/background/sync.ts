import { browser } from 'wxt/browser';
import type { CrmDestination } from '../../utils/model';
import { connectorFor, identify, type ConnectorEnv } from '../../utils/sync/connectors';
import { createDrainLock, DEFAULT_LEASE_MS, drainOutbox, freshEndpoint, resumeEndpoint, type DrainReport } from '../../utils/sync/engine';
import { scrubError } from '../../utils/sync/errors';
import type { Connector, EndpointState, TestResult } from '../../utils/sync/types';
import {
  createOutboxPort,
  getSettings,
  outboxCounts,
  queueFullSync,
  readEndpoint,
  setDestinationIdentity,
  writeEndpoint,
  type OutboxCounts,
  type TouchpointDatabase,
} from '../../utils/store';
import { outboxPeople } from '../../utils/store/outbox-people';

/**
 * Outbox draining in the service worker. Alarms, not timers, carry it across worker restarts:
 *  - 'outbox-periodic' every 5 minutes (created on install/startup, survives restarts);
 *  - 'outbox-soon' one-shot shortly after a change when autoSync is on, and when the engine says
 *    (endpoint backoff, Retry-After, a lease running out, the circuit's cool-down).
 * A short in-memory timer also drains a couple of seconds after a change while the worker is awake;
 * the drain lock keeps these from overlapping, the outbox lease keeps two workers from sending twice.
 */

export const PERIODIC_ALARM = 'outbox-periodic';
export const SOON_ALARM = 'outbox-soon';
const PERIOD_MINUTES = 5;
/** debounce of the in-memory kick after a change: typing a note should not send per keystroke */
const KICK_DELAY_MS = 2000;
const KNOWN_DESTINATIONS_KEY = 'sync:destinations';

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
 * (without one, waiting is normal and not worth a badge). Red when some need the user (dead, or the
 * destination is paused), grey while they are just queued. Empty when all is synced.
 */
export function badgeFor(counts: OutboxCounts, configured: boolean, paused = false, due = 0): { text: string; color: string; title?: string } {
  const waiting = counts.pending + counts.dead;
  const needsUser = configured && (counts.dead > 0 || paused);
  // Follow-ups due now come first (amber), unless the CRM needs the user (red): both ask for action, a queue does not.
  if (due > 0 && !needsUser) return { text: due > 99 ? '99+' : String(due), color: '#b45309', title: `Touchpoint: ${due} follow-up${due === 1 ? '' : 's'} due` };
  if (!configured || (waiting === 0 && !paused)) return { text: '', color: '#6b7280' };
  const text = waiting === 0 ? '!' : waiting > 999 ? '999+' : String(waiting);
  return { text, color: counts.dead > 0 || paused ? '#dc2626' : '#6b7280' };
}

/** Test-only controls of the e2e build (debug.sync): a clock that can be moved forward, a shorter request timeout. */
export interface SyncDebug {
  clockOffsetMs: number;
  timeoutMs?: number;
  /** the CRM connectors' API origin: a local HubSpot or Pipedrive emulator */
  crmBaseUrl?: string;
}
export const DEBUG_SYNC_KEY = 'debug:sync';

export interface SyncStatus extends OutboxCounts {
  destination: CrmDestination['type'];
  /** the destination identity remote ids are kept under */
  identity?: string;
  paused?: { reason: 'auth' | 'circuit'; error: string; since: number };
  failures?: number;
  /** when the endpoint may be tried again (backoff, Retry-After) */
  retryAt?: number;
  /** a destination never synced to before: offer to send everything there */
  fullSyncOffer?: boolean;
}

export interface SyncService {
  drainNow(): Promise<DrainReport | undefined>;
  /** after a change: drain soon if autoSync */
  changed(): void;
  ensureAlarms(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  refreshBadge(): Promise<void>;
  status(): Promise<SyncStatus>;
  /** "Test connection": a harmless signed request; success resumes a paused destination and drains */
  test(): Promise<TestResult>;
  /** after settings.save: a new credential resumes the destination; a new identity is offered a full sync */
  destinationSaved(changed: boolean): Promise<void>;
  /** accept (queue everything) or decline the full sync offered for the current destination */
  fullSync(accept: boolean): Promise<number>;
  /** the clock the engine runs on (the e2e build can move it forward) */
  now(): number;
}

export interface SyncServiceOptions {
  fetch?: typeof fetch;
  /** follow-ups due now, shown on the badge (followups.ts) */
  dueNow?: () => Promise<number>;
}

type Known = Record<string, { firstSeenAt: number; fullSync: 'offered' | 'queued' | 'declined' | 'not-needed' }>;

export function createSyncService(db: () => Promise<TouchpointDatabase>, options: SyncServiceOptions = {}): SyncService {
  let kick: ReturnType<typeof setTimeout> | undefined;
  let debug: SyncDebug = { clockOffsetMs: 0 };

  async function loadDebug(d: TouchpointDatabase): Promise<void> {
    // A build-time constant: the store build drops the test clock entirely.
    if (!__TOUCHPOINT_E2E__) return;
    debug = ((await d.get('meta', DEBUG_SYNC_KEY))?.value as SyncDebug | undefined) ?? { clockOffsetMs: 0 };
  }
  const now = () => Date.now() + debug.clockOffsetMs;

  function env(): ConnectorEnv {
    // The connector keeps the real clock: webhook-timestamp must be real time for receivers' replay checks.
    return {
      fetch: options.fetch,
      ...(debug.timeoutMs ? { timeoutMs: debug.timeoutMs } : {}),
      // Build-time constant: the store build has no way to point a connector anywhere but the real CRM.
      ...(__TOUCHPOINT_E2E__ && debug.crmBaseUrl ? { baseUrl: debug.crmBaseUrl } : {}),
    };
  }

  async function current(d: TouchpointDatabase): Promise<{ connector?: Connector; destination: CrmDestination }> {
    await loadDebug(d);
    const settings = await getSettings(d);
    const connector = connectorFor(settings.destination, env());
    return { connector, destination: settings.destination };
  }

  async function status(): Promise<SyncStatus> {
    const d = await db();
    const [{ connector, destination }, counts] = await Promise.all([current(d), outboxCounts(d)]);
    const out: SyncStatus = { ...counts, destination: destination.type };
    // Who is waiting and who was refused: only worth reading when something is queued.
    if (counts.pending || counts.dead) Object.assign(out, await outboxPeople(d));
    if (!connector) return out;
    out.identity = connector.destination;
    const ep = await readEndpoint(d, connector.destination);
    if (ep?.paused) out.paused = ep.paused;
    if (ep?.failures) out.failures = ep.failures;
    if (ep && ep.nextAttemptAt > now()) out.retryAt = ep.nextAttemptAt - debug.clockOffsetMs;
    const known = ((await d.get('meta', KNOWN_DESTINATIONS_KEY))?.value as Known | undefined) ?? {};
    if (known[connector.destination]?.fullSync === 'offered') out.fullSyncOffer = true;
    return out;
  }

  async function refreshBadge(): Promise<void> {
    const api = actionApi();
    if (!api) return;
    try {
      const [s, due] = await Promise.all([status(), options.dueNow?.().catch(() => 0) ?? 0]);
      const badge = badgeFor(s, s.destination !== 'none', !!s.paused, due);
      await api.setBadgeText({ text: badge.text });
      if (badge.text) await api.setBadgeBackgroundColor({ color: badge.color });
      await api.setTitle?.({ title: badge.title ?? 'Touchpoint: capture people on this page' });
    } catch {
      // The badge is a hint; a failure here must not break a handler.
    }
  }

  /** alarms run on the real clock; the engine's times are on `now` */
  const alarmAt = (engineTime: number) => Math.max(engineTime - debug.clockOffsetMs, Date.now() + 1000);

  async function run(): Promise<DrainReport | undefined> {
    const d = await db();
    const { connector } = await current(d);
    if (!connector) return undefined; // no CRM: changes wait in the outbox
    // If the worker is stopped mid-request, what it claimed comes due again when the lease runs out:
    // an alarm at that time resumes it. A finished drain moves the alarm to the engine's next wake-up.
    await browser.alarms.create(SOON_ALARM, { when: alarmAt(now() + DEFAULT_LEASE_MS + 1000) });
    const report = await drainOutbox({ port: createOutboxPort(d), connector, now, leaseMs: DEFAULT_LEASE_MS });
    if (report.nextWakeAt !== undefined) await browser.alarms.create(SOON_ALARM, { when: alarmAt(report.nextWakeAt) });
    else await browser.alarms.clear(SOON_ALARM);
    await refreshBadge();
    return report;
  }

  const drainNow = createDrainLock(run);

  async function setKnown(d: TouchpointDatabase, identity: string, fullSync: Known[string]['fullSync']): Promise<void> {
    const tx = d.transaction('meta', 'readwrite');
    const known = ((await tx.store.get(KNOWN_DESTINATIONS_KEY))?.value as Known | undefined) ?? {};
    known[identity] = { firstSeenAt: known[identity]?.firstSeenAt ?? now(), fullSync };
    await Promise.all([tx.store.put({ key: KNOWN_DESTINATIONS_KEY, value: known }), tx.done]);
  }

  return {
    drainNow,
    refreshBadge,
    status,
    now,
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
    async test() {
      const d = await db();
      const { connector } = await current(d);
      if (!connector) return { ok: false, failure: { kind: 'poison', error: 'No destination is configured.' } };
      let result: TestResult;
      try {
        result = await connector.testConnection();
      } catch (e) {
        result = { ok: false, failure: { kind: 'retryable', error: `network: ${(e as Error)?.message ?? String(e)}` } };
      }
      if (!result.ok) return { ...result, failure: { ...result.failure, error: scrubError(result.failure.error) } };
      // The endpoint answers again: lift a pause or an open circuit, forget the backoff, send what waits.
      const ep = (await readEndpoint(d, connector.destination)) ?? freshEndpoint(connector.destination);
      await writeEndpoint(d, resumeEndpoint(ep));
      void drainNow().catch(() => undefined);
      return result;
    },
    async destinationSaved(changed) {
      const d = await db();
      await loadDebug(d);
      // HubSpot's identity is its account (portal) id: learn it now, before anything is synced under another key.
      const settings = await getSettings(d);
      const identified = await identify(settings.destination, env());
      if (identified !== settings.destination) await setDestinationIdentity(d, identified);
      const { connector } = await current(d);
      if (!connector) return;
      const ep: EndpointState | undefined = await readEndpoint(d, connector.destination);
      // A new credential (or URL) deserves a fresh start: a paused destination resumes.
      if (changed && ep) await writeEndpoint(d, resumeEndpoint(ep));
      const known = ((await d.get('meta', KNOWN_DESTINATIONS_KEY))?.value as Known | undefined) ?? {};
      if (known[connector.destination]) return;
      // Never synced here: contacts that went to an earlier destination would not reach this one.
      const contacts = await d.count('contacts');
      const synced = known && Object.keys(known).length > 0;
      await setKnown(d, connector.destination, contacts > 0 && synced ? 'offered' : 'not-needed');
    },
    async fullSync(accept) {
      const d = await db();
      const { connector } = await current(d);
      if (!connector) return 0;
      const queued = accept ? await queueFullSync(d, now()) : 0;
      await setKnown(d, connector.destination, accept ? 'queued' : 'declined');
      await refreshBadge();
      return queued;
    },
  };
}
