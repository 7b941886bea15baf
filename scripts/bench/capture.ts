/**
 * Figure 1, capture: for each fixture page and the generated 2,000-person directory, in the same page and run,
 *  - the text-scan floor (one TreeWalker pass joining every text node's value, one email regex over the result);
 *  - collect(document, url) from a bench bundle of utils/capture/collect.ts (the in-page half of capture);
 *  - the built content script injected by scripting.executeScript, timed in the service worker (what the extension pays);
 *  - refine(collected) in Node (the half that runs outside the page, in the background in the extension).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtensionSession } from './browser';
import { currentWorker, tabIdOf } from './browser';
import type { ChromeApi } from './chrome-api';
import { COLLECT_GLOBAL, bundleCollect } from './browser-bundle';
import { generateBoundedPage, generateDirectoryPage } from './large-page';
import { type CaptureData, type CapturePage, type Figure, type Timing, emptyFigure, why } from './results';
import { summarize } from './stats';

export interface CaptureOptions {
  root: string;
  fixturesDir: string;
  runs: number;
  warmup: number;
  /** people in the generated directory page */
  largePeople: number;
  /** runs for the slow pages (the large directory) and for injection round trips */
  slowRuns: number;
  log: (line: string) => void;
}

interface PageSource {
  page: string;
  url: string;
  html: string;
}

export function fixturePages(dir: string): PageSource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = basename(f, '.html');
      const meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { url?: unknown };
      if (typeof meta.url !== 'string') throw new Error(`${name}.json has no url`);
      return { page: name, url: meta.url, html: readFileSync(join(dir, f), 'utf8') };
    });
}

interface InPageRun {
  floor: { cold: number; warm: number[]; emails: number };
  collect?: { cold: number; warm: number[]; result: unknown; error?: string };
}

/**
 * Runs inside the page. Self-contained: Playwright serialises it.
 * A warm sample averages as many back-to-back calls as it takes to last minSampleMs, so results far below the timer's
 * resolution still measure; the cold run is necessarily a single call.
 */
function timeInPage(args: { runs: number; warmup: number; collectGlobal: string; minSampleMs: number }): InPageRun {
  const floor = (): number => {
    // The least any text-level extractor must do: read every text node once, run one email regex.
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
    const matches = parts.join('\n').match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g);
    return matches ? matches.length : 0;
  };
  const fn = (globalThis as Record<string, unknown>)[args.collectGlobal] as
    | ((doc: Document, url: string) => unknown)
    | undefined;
  const collect = fn ? () => fn(document, location.href) : undefined;
  const time = (f: () => unknown, reps: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    return (performance.now() - t0) / reps;
  };
  const repsFor = (f: () => unknown): number => {
    let reps = 1;
    while (reps < 4096 && time(f, reps) * reps < args.minSampleMs) reps *= 2;
    return reps;
  };
  // Cold: collect first, so it pays for anything the first DOM walk on a page pays (conservative for collect).
  let collectRun: InPageRun['collect'];
  if (collect) {
    try {
      const t0 = performance.now();
      const result = collect();
      collectRun = { cold: performance.now() - t0, warm: [], result };
    } catch (e) {
      collectRun = { cold: NaN, warm: [], result: undefined, error: String((e as Error)?.message ?? e) };
    }
  }
  let emails = 0;
  const floorCold = time(() => (emails = floor()), 1);
  const ok = !!collectRun && !collectRun.error;
  for (let i = 0; i < args.warmup; i++) {
    floor();
    if (ok) collect!();
  }
  const floorReps = repsFor(floor);
  const collectReps = ok ? repsFor(collect!) : 0;
  const floorWarm: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    // interleaved so both see the same machine noise
    floorWarm.push(time(floor, floorReps));
    if (ok) collectRun!.warm.push(time(collect!, collectReps));
  }
  return { floor: { cold: floorCold, warm: floorWarm, emails }, collect: collectRun };
}

const timing = (cold: number, warm: number[]): Timing => ({ cold, warm: summarize(warm) });

type RefineFn = (collected: unknown) => unknown;

async function loadRefine(root: string): Promise<RefineFn> {
  const path = join(root, 'utils/capture/refine.ts');
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const fn = (mod.refine ?? mod.default) as RefineFn | undefined;
  if (typeof fn !== 'function') throw new Error('utils/capture/refine.ts exports no refine function');
  return fn;
}

function timeRefine(refine: RefineFn, collected: unknown, runs: number, warmup: number): { timing: Timing; people?: number } {
  const clone = (): unknown => structuredClone(collected);
  let t0 = performance.now();
  const first = refine(clone()) as { people?: unknown[] };
  const cold = performance.now() - t0;
  for (let i = 0; i < warmup; i++) refine(clone());
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = clone(); // refine may normalise in place; each run gets fresh input, cloned outside the timing
    t0 = performance.now();
    refine(input);
    warm.push(performance.now() - t0);
  }
  return { timing: timing(cold, warm), people: Array.isArray(first?.people) ? first.people.length : undefined };
}

type InjectedFiles = (url: string) => string[];

/**
 * What the extension injects for a URL (captureFiles in entrypoints/background/capture.ts): the script of the site
 * that claims it, if any, then the core capture script, whose value is the result. A tree without the matcher
 * registry (utils/capture/sites/match.ts) injects the core script alone.
 */
async function loadInjectedFiles(root: string): Promise<InjectedFiles> {
  const core = 'content-scripts/capture.js';
  // The full registry (sites/index.ts) answers the same as the background's matchers, which are generated at build
  // time from it (modules/sites.ts) and so cannot be imported here. Older trees had a hand-written sites/match.ts.
  const registry = join(root, 'utils/capture/sites/registry.ts');
  const path = existsSync(registry) ? join(root, 'utils/capture/sites/index.ts') : join(root, 'utils/capture/sites/match.ts');
  if (!existsSync(path)) return () => [core];
  const mod = (await import(pathToFileURL(path).href)) as {
    findSite?: (url: URL) => { id: string } | undefined;
    matchSite?: (url: URL) => { id: string } | undefined;
  };
  const find = mod.findSite ?? mod.matchSite!;
  return (url) => {
    const site = find(new URL(url));
    return site ? [`content-scripts/site-${site.id}.js`, core] : [core];
  };
}

async function timeInjection(session: ExtensionSession, tabId: number, runs: number, files: string[]): Promise<{ timing: Timing; result: unknown }> {
  const worker = await currentWorker(session);
  const out = await worker.evaluate(
    async ({ tabId, runs, files }) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const once = async () => {
        const t0 = performance.now();
        const [frame] = await chrome.scripting.executeScript({ target: { tabId }, files });
        return { ms: performance.now() - t0, result: frame?.result };
      };
      const first = await once();
      await once(); // untimed warm-up
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push((await once()).ms);
      return { cold: first.ms, warm, result: first.result };
    },
    { tabId, runs, files },
  );
  return { timing: timing(out.cold, out.warm), result: out.result };
}

export async function measureCapture(session: ExtensionSession, opts: CaptureOptions): Promise<Figure<CaptureData>> {
  const fig = emptyFigure<CaptureData>();
  fig.notes.push(
    'floor and collect are timed with performance.now() inside the page (served cross-origin isolated: 5 µs timer), interleaved, after untimed warm-up runs; a warm sample averages as many back-to-back calls as last ≥ 2 ms; cold = the first call on a freshly loaded page',
    'collect runs from a bench bundle of utils/capture/collect.ts (esbuild IIFE) evaluated in the page main world',
    'injected = chrome.scripting.executeScript of the built content-scripts/site-<id>.js (for a page a site claims) and capture.js from the service worker, round trip timed there (includes IPC and result cloning)',
    'refine = refine(collected) in Node (same V8 as Chromium; in the extension it runs in the background), on the data collect returned in the page',
  );
  let bundle: string | undefined;
  try {
    bundle = await bundleCollect(opts.root);
  } catch (e) {
    fig.notMeasured.push(why('collect in the page (and the floor ratio)', e));
  }
  let refine: RefineFn | undefined;
  try {
    refine = await loadRefine(opts.root);
  } catch (e) {
    fig.notMeasured.push(why('refine', e));
  }

  const injectedFiles = await loadInjectedFiles(opts.root);

  const large = generateDirectoryPage({ people: opts.largePeople });
  const sources: (PageSource & { slow: boolean })[] = [
    ...fixturePages(opts.fixturesDir).map((p) => ({ ...p, slow: false })),
    { page: `generated directory (${opts.largePeople.toLocaleString('en-US')} people)`, url: large.url, html: large.html, slow: true },
    // bounded work: over the walk's node cap, capture returns the person at the top with a warning
    { page: '200,000 elements (node cap)', ...generateBoundedPage(), slow: true },
  ];
  const pages: CapturePage[] = [];
  const injectionErrors = new Set<string>();
  const refineErrors = new Set<string>();
  for (const src of sources) {
    const runs = src.slow ? opts.slowRuns : opts.runs;
    const warmup = src.slow ? Math.min(opts.warmup, 1) : opts.warmup;
    session.serve(src.url, { body: src.html });
    const page = await session.context.newPage();
    try {
      await page.goto(src.url, { waitUntil: 'load' });
      // a page the user looks at has been laid out; do not bill the first layout to whoever runs first
      await page.evaluate(() => document.body?.getBoundingClientRect());
      if (bundle) await page.evaluate(bundle);
      const run = await page.evaluate(timeInPage, { runs, warmup, collectGlobal: COLLECT_GLOBAL, minSampleMs: 2 });
      const entry: CapturePage = {
        page: src.page,
        url: src.url,
        bytes: Buffer.byteLength(src.html),
        floor: timing(run.floor.cold, run.floor.warm),
      };
      if (run.collect?.error) {
        fig.notMeasured.push(`collect on ${src.page}: threw ${run.collect.error}`);
      } else if (run.collect) {
        entry.collect = timing(run.collect.cold, run.collect.warm);
        entry.ratio = entry.collect.warm.median / entry.floor.warm.median;
        const collected = run.collect.result as { people?: unknown[]; warnings?: unknown[] } | undefined;
        if (Array.isArray(collected?.people)) entry.rawPeople = collected.people.length;
        // what capture itself says went wrong explains odd numbers (a truncated walk, a reader that failed)
        for (const w of (collected?.warnings ?? []).slice(0, 3)) fig.notes.push(`${src.page}: collect warned "${String(w)}"`);
        if (refine) {
          try {
            const r = timeRefine(refine, run.collect.result, runs, warmup);
            entry.refine = r.timing;
            entry.people = r.people;
          } catch (e) {
            refineErrors.add(why(`refine on ${src.page}`, e));
          }
        }
      }
      try {
        const tabId = await tabIdOf(session, page);
        entry.injected = (await timeInjection(session, tabId, runs, injectedFiles(src.url))).timing;
      } catch (e) {
        injectionErrors.add(why('injected content script', e));
      }
      pages.push(entry);
      opts.log(`  capture ${src.page}: floor ${entry.floor.warm.median.toFixed(2)} ms` +
        (entry.collect ? `, collect ${entry.collect.warm.median.toFixed(2)} ms` : '') +
        (entry.injected ? `, injected ${entry.injected.warm.median.toFixed(1)} ms` : ''));
    } finally {
      await page.close();
      session.unserve(src.url);
    }
  }
  fig.notMeasured.push(...injectionErrors, ...refineErrors);
  fig.data = { runs: opts.runs, warmup: opts.warmup, pages };
  return fig;
}
