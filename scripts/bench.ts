/**
 * npm run bench [-- --quick] [--rebuild] [--only capture,size,popup,contacts,sync,records] [--render]
 *
 * Measures what users feel, in the real browser, with the built extension (see issue 4 and docs/performance.md):
 * capture time against the text-scan floor of the same page, injected script sizes, popup time to the first person
 * card, the side panel and search with many contacts, and sync throughput. Prints a table; a full run writes
 * bench/results.json and regenerates docs/performance.md, a quick or --only run writes bench/tmp/results-*.json.
 * It fails only when it crashes, never on a number; a capability the extension does not have yet is reported as
 * "not measured" with the reason.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addBlankPage, launchWithExtension } from './bench/browser';
import { E2E_BUILD, PROD_BUILD, ensureBuild } from './bench/build';
import { measureCapture } from './bench/capture';
import { measureContacts } from './bench/contacts';
import { loadNow, machineInfo } from './bench/machine';
import { measurePopup } from './bench/popup';
import { renderMarkdown, renderText } from './bench/report';
import { type BenchResults, type Figure, emptyFigure, why } from './bench/results';
import { measureSizes } from './bench/sizes';
import { measureSync } from './bench/sync';
import { measureRecords } from './bench/records';

const FIGURES = ['capture', 'size', 'popup', 'contacts', 'sync', 'records'] as const;
type FigureName = (typeof FIGURES)[number];

interface Args {
  /** re-render docs/performance.md from bench/results.json, measuring nothing (after a change of the report's format) */
  render: boolean;
  quick: boolean;
  rebuild: boolean;
  only: Set<FigureName>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { render: false, quick: false, rebuild: false, only: new Set(FIGURES) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--render') args.render = true;
    else if (a === '--rebuild') args.rebuild = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice('--only='.length) : (argv[++i] ?? '');
      const names = list.split(',').filter(Boolean);
      const bad = names.filter((n) => !(FIGURES as readonly string[]).includes(n));
      if (bad.length || !names.length) throw new Error(`--only takes some of ${FIGURES.join(',')}`);
      args.only = new Set(names as FigureName[]);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench [-- --quick] [--rebuild] [--only capture,size,popup,contacts,sync,records] [--render]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return args;
}

/** How much of everything: --quick keeps the whole run under a minute. */
function plan(quick: boolean) {
  return quick
    ? // the sync queue is smaller than the 1,000: at one event per request that alone took half a minute here
      // and the generated directory is a quarter of the full run's
      { runs: 5, warmup: 2, slowRuns: 2, largePeople: 500, popupRuns: 3, popupWarmup: 1, largePopupRuns: 1, scales: [1_000, 10_000], searches: 8, panelRuns: 2, syncEvents: 100, importRows: 1_000, listings: 3 }
    : { runs: 30, warmup: 5, slowRuns: 10, largePeople: 2000, popupRuns: 15, popupWarmup: 3, largePopupRuns: 3, scales: [10_000, 100_000], searches: 40, panelRuns: 5, syncEvents: 10_000, importRows: 10_000, listings: 5 };
}

const t0 = performance.now();
const log = (line: string): void => void process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const fixturesDir = resolve(root, process.env.TOUCHPOINT_FIXTURES ?? 'tests/fixtures/capture');
  if (args.render) {
    const saved = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as BenchResults;
    writeFileSync(join(root, 'docs/performance.md'), renderMarkdown(saved));
    process.stdout.write(`${renderText(saved)}\n`);
    return;
  }
  const p = plan(args.quick);
  const started = performance.now();
  const skipped = <T>(): Figure<T> => ({ ...emptyFigure<T>(), notMeasured: ['skipped by --only'] });
  const results: BenchResults = {
    schema: 1,
    mode: args.quick ? 'quick' : 'full',
    machine: machineInfo(root),
    durationMs: 0,
    figures: { capture: skipped(), size: skipped(), popup: skipped(), contacts: skipped(), sync: skipped(), records: skipped() },
  };
  const f = results.figures;

  if (args.only.has('size')) {
    try {
      const prod = ensureBuild(root, PROD_BUILD, args.rebuild, log);
      f.size = measureSizes(prod.dir, `${PROD_BUILD.outDir}/chrome-mv3`);
    } catch (e) {
      f.size = { ...emptyFigure(), notMeasured: [why('production build', e)] };
    }
  }

  const browserFigures = (['capture', 'popup', 'contacts', 'sync', 'records'] as const).filter((n) => args.only.has(n));
  if (browserFigures.length) {
    let dir: string | undefined;
    try {
      dir = ensureBuild(root, E2E_BUILD, args.rebuild, log).dir;
      addBlankPage(dir);
    } catch (e) {
      for (const n of browserFigures) f[n] = { ...emptyFigure(), notMeasured: [why('e2e build', e)] };
    }
    if (dir) {
      if (args.only.has('capture') || args.only.has('popup')) {
        const session = await launchWithExtension(dir);
        try {
          if (args.only.has('capture')) {
            log('capture …');
            f.capture = await measureCapture(session, { root, fixturesDir, runs: p.runs, warmup: p.warmup, slowRuns: p.slowRuns, largePeople: p.largePeople, log });
          }
          if (args.only.has('popup')) {
            log('popup …');
            f.popup = await measurePopup(session, { fixturesDir, runs: p.popupRuns, warmup: p.popupWarmup, largeRuns: p.largePopupRuns, log });
          }
        } finally {
          await session.close();
        }
      }
      // Contacts and sync each get a fresh profile, so one's database does not weigh on the other.
      if (args.only.has('contacts')) {
        log('contacts …');
        f.contacts = await measureContacts(dir, { root, scales: p.scales, searches: p.searches, panelRuns: p.panelRuns, log });
      }
      if (args.only.has('sync')) {
        log('sync …');
        f.sync = await measureSync(dir, { root, events: p.syncEvents, log });
      }
      if (args.only.has('records')) {
        log('records …');
        f.records = await measureRecords(dir, { rows: p.importRows, listings: p.listings, log });
      }
    }
  }

  results.durationMs = Math.round(performance.now() - started);
  if (results.machine.load) results.machine.load.end = loadNow();
  process.stdout.write(`${renderText(results)}\n`);
  // Only a complete full run replaces the committed results; a quick or partial run (CI, a developer checking one
  // figure) is saved beside them, in the ignored bench/tmp/.
  const complete = !args.quick && args.only.size === FIGURES.length;
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (complete) {
    mkdirSync(join(root, 'bench'), { recursive: true });
    writeFileSync(join(root, 'bench/results.json'), json);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs/performance.md'), renderMarkdown(results));
    log(`wrote bench/results.json and docs/performance.md in ${(results.durationMs / 1000).toFixed(1)} s`);
  } else {
    const out = join('bench/tmp', `results-${args.quick ? 'quick' : 'partial'}.json`);
    mkdirSync(join(root, 'bench/tmp'), { recursive: true });
    writeFileSync(join(root, out), json);
    writeFileSync(join(root, out.replace(/\.json$/, '.md')), renderMarkdown(results));
    log(`wrote ${out} (and .md) in ${(results.durationMs / 1000).toFixed(1)} s; bench/results.json and docs/performance.md come from full runs only`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
