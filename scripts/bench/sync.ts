/**
 * Figure 5, sync: queued events drained to a local receiver on 127.0.0.1, one per request and batched by 100, with the
 * service worker's JS heap after the drain.
 *
 * The events are real outbox entries, written by the store code as contacts are saved. They are drained by the
 * extension's own engine (utils/sync/engine.ts + the webhook connector + the IndexedDB outbox port) running inside the
 * service worker, because the batch size is a parameter of the engine that no message exposes. When the background
 * answers settings.save and sync.now, the same drain is also measured through them, at the background's own batch size.
 */
import { ask } from './ask';
import { type ExtensionSession, extensionUrl, launchWithExtension } from './browser';
import type { Page } from '@playwright/test';
import { STORE_GLOBAL } from './browser-bundle';
import { generatePeople } from './people';
import { type Receiver, startReceiver } from './receiver';
import { type Figure, type SyncData, type SyncRun, emptyFigure, why } from './results';
import { SEED_CHUNK, seedInPage } from './seed';
import { type StoreApi, bundleStore } from './store-bundle';
import { workerHeapUsed } from './worker-heap';

export interface SyncOptions {
  root: string;
  /** events per run */
  events: number;
  log: (s: string) => void;
}

/** Each saveCapturedPerson queues this many outbox events (the contact and its touchpoint); the outbox is counted anyway. */
const EVENTS_PER_CONTACT = 2;

async function pendingCount(session: ExtensionSession): Promise<number> {
  return session.worker.evaluate(async (global) => {
    const store = (globalThis as unknown as Record<string, StoreApi>)[global]!;
    const db = await store.openTouchpointDB();
    const counts = await store.outboxCounts(db);
    (db as { close(): void }).close();
    return counts.pending;
  }, STORE_GLOBAL);
}

/** Drain everything pending with the engine in the worker; ms from the first claim to the last ack. */
async function drainInWorker(session: ExtensionSession, url: string, batchSize: number): Promise<{ ms: number; acked: number; lastError?: string }> {
  return session.worker.evaluate(
    async (args) => {
      const store = (globalThis as unknown as Record<string, StoreApi>)[args.global]!;
      const db = await store.openTouchpointDB();
      const port = store.createOutboxPort(db);
      const connector = store.createWebhookConnector({ url: args.url, maxBatch: Math.max(args.batchSize, 100) });
      let acked = 0;
      let lastError: string | undefined;
      const t0 = performance.now();
      for (;;) {
        const r = await store.drainOutbox({ port, connector, batchSize: args.batchSize, maxBatches: 500 });
        acked += r.acked;
        if (r.lastError) lastError = r.lastError;
        if (r.requests === 0 || r.retried > 0 || r.dead > 0) break;
      }
      const ms = performance.now() - t0;
      (db as { close(): void }).close();
      return { ms, acked, lastError };
    },
    { url, batchSize, global: STORE_GLOBAL },
  );
}

/** "Sync now" until nothing is pending, from an extension page. */
async function drainThroughBackground(page: Page): Promise<{ ms: number }> {
  const t0 = performance.now();
  for (let i = 0; i < 10_000; i++) {
    const status = await ask<{ pending: number; lastError?: string }>(page, 'sync.now', {});
    if (status.pending === 0) return { ms: performance.now() - t0 };
    if (status.lastError) throw new Error(`sync.now: ${status.lastError}`);
  }
  throw new Error('sync.now did not empty the outbox');
}

const SETTINGS = (destination: object) => ({ settings: { defaultKind: 'prospect', ownDomains: [], destination, autoSync: false } });

export async function measureSync(extensionDir: string, opts: SyncOptions): Promise<Figure<SyncData>> {
  const fig = emptyFigure<SyncData>();
  fig.notes.push(
    'events = pending outbox entries queued by the debug.seed message (utils/store/seed.ts, one contact upsert each), or by saveCapturedPerson from an extension page when that message is not there',
    'sync.now (background) = the webhook configured with settings.save (autoSync off), then sync.now until the outbox is empty; time from the first sync.now to the last answer; it runs first, in a worker the bench has not touched',
    'engine in worker = drainOutbox (utils/sync/engine.ts) with the webhook connector and the IndexedDB outbox port, evaluated inside the service worker by the bench at the batch size shown (no message sets a batch size); time from the first claim to the last ack',
    'receiver = node:http on 127.0.0.1 answering {"ok":true}; events/s = distinct events the receiver got ÷ drain time',
    'worker heap = Runtime.getHeapUsage().usedSize of the service worker after a forced GC; for the engine rows it includes the bench\'s bundle of the store and sync code evaluated in the worker',
  );
  const receiver: Receiver = await startReceiver();
  const session = await launchWithExtension(extensionDir, { allowOrigins: [receiver.origin] });
  const runs: SyncRun[] = [];
  try {
    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'options.html'));
    let bundle: string | undefined;
    let bundleError: unknown;
    const loadBundle = async (where: 'page' | 'worker'): Promise<boolean> => {
      try {
        bundle ??= await bundleStore(opts.root);
        if (where === 'page') await page.evaluate(bundle);
        else await session.worker.evaluate(bundle);
        return true;
      } catch (e) {
        bundleError = e;
        return false;
      }
    };

    // Pending events: the extension's own outbox.status, else the outbox read through the bundle in the worker.
    const pending = async (): Promise<number> => {
      try {
        return (await ask<{ pending: number }>(page, 'outbox.status', {})).pending;
      } catch {
        return pendingCount(session);
      }
    };
    // Queue the events: debug.seed (the store's own seeding path), else saveCapturedPerson from the bench bundle.
    let viaDebugSeed = true;
    let bundleInPage = false;
    const people = generatePeople(Math.ceil(opts.events / EVENTS_PER_CONTACT) * 3, 77);
    let offset = 0;
    const seed = async (events = opts.events): Promise<number> => {
      if (viaDebugSeed) {
        try {
          await ask(page, 'debug.seed', { contacts: events, queue: true, seed: 7 });
          return await pending();
        } catch (e) {
          viaDebugSeed = false;
          fig.notes.push(why('debug.seed not used', e));
        }
      }
      if (!bundleInPage && !(bundleInPage = await loadBundle('page'))) throw bundleError;
      const end = offset + Math.ceil(events / EVENTS_PER_CONTACT);
      while (offset < end) {
        const chunk = people.slice(offset, Math.min(end, offset + SEED_CHUNK));
        await page.evaluate(seedInPage, { people: chunk, offset, global: STORE_GLOBAL });
        offset += chunk.length;
      }
      return pending();
    };

    try {
      const queued = await seed();
      receiver.reset();
      await ask(page, 'settings.save', SETTINGS({ type: 'webhook', url: receiver.url }));
      const r = await drainThroughBackground(page);
      const st = receiver.stats();
      if (st.uniqueEvents < queued) throw new Error(`the receiver got ${st.uniqueEvents} of ${queued} events`);
      const heap = await workerHeapUsed(session, { collectGarbage: true });
      runs.push({ via: 'sync.now (background)', batchSize: st.maxBatch, events: st.uniqueEvents, requests: st.requests, ms: Math.round(r.ms), eventsPerSecond: st.uniqueEvents / (r.ms / 1000), heapUsedBytes: heap });
      opts.log(`  sync via sync.now: ${st.uniqueEvents} events in ${(r.ms / 1000).toFixed(2)} s`);
    } catch (e) {
      fig.notMeasured.push(why('sync through the background (settings.save + sync.now)', e));
    } finally {
      // no destination: the background's own drains must not race the engine runs below
      await ask(page, 'settings.save', SETTINGS({ type: 'none' })).catch(() => undefined);
    }

    if (!(await loadBundle('worker'))) {
      fig.notMeasured.push(why('engine in worker (batch 1 and 100)', bundleError));
    } else {
      for (const batchSize of [1, 100]) {
        try {
          // one event per request is shown for comparison only: a smaller queue keeps the run short
          const queued = await seed(batchSize === 1 ? Math.min(opts.events, 1000) : opts.events);
          receiver.reset();
          const r = await drainInWorker(session, receiver.url, batchSize);
          const st = receiver.stats();
          const left = await pending();
          if (left > 0) throw new Error(`${left} of ${queued} events still pending${r.lastError ? ` (${r.lastError})` : ''}`);
          const heap = await workerHeapUsed(session, { collectGarbage: true });
          runs.push({ via: 'engine in worker', batchSize, events: st.uniqueEvents, requests: st.requests, ms: Math.round(r.ms), eventsPerSecond: st.uniqueEvents / (r.ms / 1000), heapUsedBytes: heap });
          opts.log(`  sync engine, batch ${batchSize}: ${st.uniqueEvents} events in ${(r.ms / 1000).toFixed(2)} s`);
        } catch (e) {
          fig.notMeasured.push(why(`engine in worker, batch ${batchSize}`, e));
        }
      }
    }
  } finally {
    await session.close();
    await receiver.close();
  }
  fig.data = { runs };
  return fig;
}
