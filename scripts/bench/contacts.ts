/**
 * Figure 4, contacts at scale: contacts seeded into the extension's IndexedDB through its own store code, then the
 * side panel's first render, search-as-you-type latency (in the side panel UI, and as a contacts.search message
 * round trip), and the database size (storage estimate and the profile's IndexedDB folder).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ask } from './ask';
import { type ExtensionSession, extensionUrl, launchWithExtension } from './browser';
import type { ChromeApi } from './chrome-api';
import { STORE_GLOBAL } from './browser-bundle';
import { firstPaintOf, watchFirst } from './first-paint';
import { generatePeople, searchQueries } from './people';
import { SEED_CHUNK, seedInPage } from './seed';
import { type ContactsData, type ContactsScale, type Figure, emptyFigure, why } from './results';
import { percentiles, summarize } from './stats';
import { bundleStore } from './store-bundle';

const ROW = '[data-testid="contact-row"]';
const SEARCH = '[data-testid="contact-search"]';

export interface ContactsOptions {
  root: string;
  scales: number[];
  searches: number;
  panelRuns: number;
  log: (s: string) => void;
}

/** Bytes under a folder (0 when it does not exist). */
export function folderBytes(path: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = join(path, e);
    const st = statSync(full);
    total += st.isDirectory() ? folderBytes(full) : st.size;
  }
  return total;
}

/** The extension's IndexedDB folders in a Chromium profile (leveldb + blobs). */
function indexedDbBytes(session: ExtensionSession): number {
  const dir = join(session.userDataDir, 'Default', 'IndexedDB');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  return names.filter((n) => n.startsWith(`chrome-extension_${session.extensionId}_`)).reduce((s, n) => s + folderBytes(join(dir, n)), 0);
}

/** Type a query into the side panel search; ms from the input event to the frame that shows changed, matching rows. */
function searchInPanel(args: { query: string; row: string; search: string; timeoutMs: number }): Promise<number> {
  const input = document.querySelector<HTMLInputElement>(args.search);
  if (!input) return Promise.reject(new Error('no search box'));
  const rowIds = (): string => [...document.querySelectorAll(args.row)].map((r) => r.getAttribute('data-id') ?? r.textContent).join(',');
  const before = rowIds();
  const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(args.query);
  const shows = (): boolean => {
    const first = document.querySelector(args.row);
    if (!first || rowIds() === before) return false;
    return fold(first.textContent ?? '').split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q)) ||
      fold(first.textContent ?? '').includes(q);
  };
  return new Promise((resolve, reject) => {
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`rows did not update for "${args.query}" within ${args.timeoutMs} ms`));
    }, args.timeoutMs);
    const observer = new MutationObserver(() => {
      if (!shows()) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    // as a keystroke does it: the value changes, then an input event
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    t0 = performance.now();
    setter.call(input, args.query);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: args.query, inputType: 'insertText' }));
  });
}

async function searchMessageTimes(page: Page, queries: string[]): Promise<number[]> {
  return page.evaluate(async (qs) => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const out: number[] = [];
    for (const query of qs) {
      const t0 = performance.now();
      const res = (await chrome.runtime.sendMessage({ type: 'contacts.search', payload: { query, limit: 50 } })) as
        | { ok: boolean; error?: { message: string } }
        | undefined;
      const ms = performance.now() - t0;
      if (!res || !res.ok) throw new Error(res?.error?.message ?? 'the background gave no answer');
      out.push(ms);
    }
    return out;
  }, queries);
}

interface Seeder {
  via: string;
  /** bring the database to `target` contacts */
  seedTo(target: number): Promise<void>;
  /** last names present in the database, for search queries */
  names(): Promise<string[]>;
}

/** The store engineer's seeding path: debug.seed (utils/store/seed.ts through the background, e2e builds only). */
async function debugSeeder(page: Page): Promise<Seeder> {
  await ask(page, 'debug.seed', { contacts: 0, seed: 1 });
  return {
    via: 'debug.seed message',
    async seedTo(target) {
      // ids are seed-000000 …: seeding to a larger count rewrites the first ones and adds the rest
      await ask(page, 'debug.seed', { contacts: target, seed: 1 });
    },
    async names() {
      const r = await ask<{ items: { name: string }[] }>(page, 'contacts.search', { query: '', limit: 500 });
      return r.items.map((c) => c.name.split(' ').slice(-1)[0] ?? '');
    },
  };
}

/** Fallback: saveCapturedPerson from a bench bundle of the store code, in the same extension page. */
async function bundleSeeder(page: Page, root: string, maxContacts: number): Promise<Seeder> {
  await page.evaluate(await bundleStore(root));
  const people = generatePeople(maxContacts);
  let seeded = 0;
  return {
    via: 'saveCapturedPerson in an extension page',
    async seedTo(target) {
      while (seeded < target) {
        const chunk = people.slice(seeded, Math.min(target, seeded + SEED_CHUNK));
        const created = await page.evaluate(seedInPage, { people: chunk, offset: seeded, global: STORE_GLOBAL });
        if (created !== chunk.length) throw new Error(`seeding created ${created} of ${chunk.length} contacts (the store merged some)`);
        seeded += chunk.length;
      }
    },
    names: async () => people.slice(0, seeded).map((p) => p.lastName),
  };
}

async function openPanelTimes(session: ExtensionSession, runs: number): Promise<{ cold: number; warm: number[] }> {
  const open = async (): Promise<number> => {
    const panel = await session.context.newPage();
    try {
      await watchFirst(panel, ROW);
      await panel.goto(extensionUrl(session, 'sidepanel.html'));
      return await firstPaintOf(panel, ROW, 20_000);
    } finally {
      await panel.close();
    }
  };
  const cold = await open();
  await open();
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await open());
  return { cold, warm };
}

async function panelSearchTimes(session: ExtensionSession, queries: string[]): Promise<number[]> {
  const panel = await session.context.newPage();
  try {
    await panel.goto(extensionUrl(session, 'sidepanel.html'));
    await panel.waitForSelector(ROW, { timeout: 20_000 });
    await panel.waitForSelector(SEARCH, { timeout: 5_000 });
    const times: number[] = [];
    // the first query is untimed: it warms the path, as a user's first keystroke would
    for (const [i, query] of queries.entries()) {
      const ms = await panel.evaluate(searchInPanel, { query, row: ROW, search: SEARCH, timeoutMs: 10_000 });
      if (i > 0) times.push(ms);
    }
    return times;
  } finally {
    await panel.close();
  }
}

export async function measureContacts(extensionDir: string, opts: ContactsOptions): Promise<Figure<ContactsData>> {
  const fig = emptyFigure<ContactsData>();
  fig.notes.push(
    'seeded through the store code: the debug.seed message (utils/store/seed.ts in the background, e2e build), else saveCapturedPerson from a bench bundle of utils/store in an extension page (same IndexedDB)',
    'side panel = sidepanel.html opened in a tab; first render = navigation start to the frame painting the first contact row',
    'search UI = a last-name prefix set into the search box with an input event, until the frame showing changed rows whose first row matches (includes the panel\'s typing debounce and its three contacts.search messages)',
    'search msg = one contacts.search message (limit 50) from an extension page, round trip',
    'storage estimate = navigator.storage.estimate().usage in an extension page (includes the cached service worker script); on disk = the profile\'s IndexedDB folders for the extension',
  );
  const session = await launchWithExtension(extensionDir);
  const scales: ContactsScale[] = [];
  const missing = new Set<string>();
  try {
    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'options.html'));
    let seeder: Seeder;
    try {
      seeder = await debugSeeder(page);
    } catch (e) {
      try {
        seeder = await bundleSeeder(page, opts.root, Math.max(...opts.scales));
        fig.notes.push(why('debug.seed not used', e));
      } catch (e2) {
        fig.notMeasured.push(why('contacts at scale: no seeding path (debug.seed)', e), why('nor the store bundle', e2));
        return fig;
      }
    }
    let seedMs = 0;
    for (const target of [...opts.scales].sort((a, b) => a - b)) {
      const t0 = performance.now();
      await seeder.seedTo(target);
      seedMs += performance.now() - t0;
      opts.log(`  contacts: ${target.toLocaleString('en-US')} seeded in ${(seedMs / 1000).toFixed(1)} s`);
      const scale: ContactsScale = { contacts: target, seedMs: Math.round(seedMs), seededVia: seeder.via };
      const queries = searchQueries(await seeder.names(), opts.searches + 1);

      try {
        const t = await openPanelTimes(session, opts.panelRuns);
        scale.firstRender = { cold: t.cold, warm: summarize(t.warm) };
      } catch (e) {
        missing.add(why('side panel first render', e));
      }
      try {
        scale.searchUi = percentiles(await panelSearchTimes(session, queries));
      } catch (e) {
        missing.add(why('search in the side panel', e));
      }
      try {
        await searchMessageTimes(page, queries.slice(0, 2)); // warm-up
        scale.searchMessage = percentiles(await searchMessageTimes(page, queries));
      } catch (e) {
        missing.add(why('contacts.search message', e));
      }
      scale.storageEstimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
      const onDisk = indexedDbBytes(session);
      if (onDisk > 0) scale.indexedDbOnDisk = onDisk;
      else missing.add('IndexedDB on disk: no IndexedDB folder for the extension in the profile');
      scales.push(scale);
    }
  } finally {
    await session.close();
  }
  fig.notMeasured.push(...missing);
  fig.data = { scales };
  return fig;
}
