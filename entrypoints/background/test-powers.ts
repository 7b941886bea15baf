import type { Handlers } from '../../utils/messaging/router';
import { seedContacts, type TouchpointDatabase } from '../../utils/store';
import { DEBUG_SYNC_KEY, type SyncDebug, type SyncService } from './sync';
import type { FollowUpService } from './followups';

/**
 * Messages only the e2e/benchmark build answers. index.ts adds them behind the build-time constant
 * __TOUCHPOINT_E2E__, so the store build drops this module and the seeding code it pulls in.
 */
export function testHandlers(db: () => Promise<TouchpointDatabase>, sync: SyncService, followUps?: FollowUpService): Handlers {
  return {
    'debug.seed': async ({ contacts, queue, seed, noteChars }) => {
      const d = await db();
      const started = performance.now();
      await seedContacts(d, contacts, { queue, seed, ...(noteChars ? { noteChars } : {}), now: sync.now() });
      return { seeded: contacts, ms: Math.round(performance.now() - started) };
    },
    // The sync engine's clock moved forward (backoff, Retry-After, leases), a shorter request timeout, and the
    // CRM connectors pointed at a local emulator: fault and CRM tests in seconds. Kept in meta so a restarted
    // worker or browser runs on the same clock (sync.ts reads them only in this build).
    'debug.sync': async ({ advanceMs, timeoutMs, crmBaseUrl }) => {
      const d = await db();
      const prev = ((await d.get('meta', DEBUG_SYNC_KEY))?.value as SyncDebug | undefined) ?? { clockOffsetMs: 0 };
      const keepTimeout = timeoutMs ?? prev.timeoutMs;
      const keepBase = crmBaseUrl ?? prev.crmBaseUrl;
      const next: SyncDebug = {
        clockOffsetMs: prev.clockOffsetMs + (advanceMs ?? 0),
        ...(keepTimeout ? { timeoutMs: keepTimeout } : {}),
        ...(keepBase ? { crmBaseUrl: keepBase } : {}),
      };
      await d.put('meta', { key: DEBUG_SYNC_KEY, value: next });
      return { clockOffsetMs: next.clockOffsetMs };
    },
    // The follow-ups' clock moved forward: what is due by then falls due through the real alarm and notification.
    'debug.followUps': async ({ advanceMs }) => {
      if (!followUps) throw new Error('no follow-up service');
      return { clockOffsetMs: await followUps.advance(advanceMs) };
    },
  };
}
