/** bench/results.json rendered for people: tables for the terminal and docs/performance.md. Pure. */
import type { BenchResults, Figure, Timing } from './results';
import { formatBytes, formatMarkdownTable, formatMs, formatRange, formatTextTable, type Table } from './table';

const dash = '—';
const range = (t: Timing | undefined): string => (t ? formatRange(t.warm) : dash);
const cold = (t: Timing | undefined): string => (t ? formatMs(t.cold) : dash);

export interface Section {
  title: string;
  /** what the figure shows and the goal it is held to */
  intro: string;
  table?: Table;
  notMeasured: string[];
  notes: string[];
}

function section<T>(title: string, intro: string, fig: Figure<T>, table: (data: T) => Table): Section {
  return { title, intro, table: fig.data ? table(fig.data) : undefined, notMeasured: fig.notMeasured, notes: fig.notes };
}

export function sections(r: BenchResults): Section[] {
  const f = r.figures;
  return [
    section(
      '1. Capture',
      'Milliseconds, median (min–max) of warm runs; cold = the first run. Goal: collect within 3× the text-scan floor of the same page for a real ~600 KB profile page (x-profile is a real 520 KB saved page); on pages of a few KB, fixed costs dominate the ratio.',
      f.capture,
      (d) => ({
        headers: ['page', 'size', 'floor', 'collect', 'ratio', 'floor cold', 'collect cold', 'injected', 'injected cold', 'refine (Node)', 'refine cold', 'people'],
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        rows: d.pages.map((p) => [
          p.page,
          formatBytes(p.bytes),
          range(p.floor),
          range(p.collect),
          p.ratio !== undefined ? `${p.ratio.toFixed(2)}×` : dash,
          cold(p.floor),
          cold(p.collect),
          range(p.injected),
          cold(p.injected),
          range(p.refine),
          cold(p.refine),
          p.people !== undefined ? String(p.people) : p.rawPeople !== undefined ? `${p.rawPeople} raw` : dash,
        ]),
      }),
    ),
    section(
      '2. Script sizes',
      'Bytes of JavaScript each entry loads before it runs (production build). The injected capture script should only go down.',
      f.size,
      (d) => ({
        headers: ['entry', 'raw', 'gzip', 'files', 'lazy raw', 'lazy gzip'],
        align: ['left', 'right', 'right', 'right', 'right', 'right'],
        rows: d.bundles.map((b) => [
          b.entry,
          formatBytes(b.raw),
          formatBytes(b.gzip),
          String(b.files.length),
          b.lazyRaw ? formatBytes(b.lazyRaw) : dash,
          b.lazyGzip ? formatBytes(b.lazyGzip) : dash,
        ]),
      }),
    ),
    section(
      '3. Popup',
      'Milliseconds from opening the popup to the first person card on screen: the LinkedIn profile fixture with the service worker running and stopped, each beside the floor of the same runs (a blank extension page; goals: running within 1.5× the floor, stopped under 300 ms) and the generated 10,000-person directory (goal: under 1 s), and on the directory until the whole page was read and the popup said how many people it leaves out.',
      f.popup,
      (d) => ({
        headers: ['page', 'worker', 'cold', 'warm median (min–max)', 'floor median (min–max)', 'ratio', 'whole page read (cold / warm median)', 'runs'],
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
        rows: [
          [d.page, 'running', formatMs(d.firstCard.cold), formatRange(d.firstCard.warm), d.floor ? formatRange(d.floor.warm) : dash, d.floor ? `${(d.firstCard.warm.median / d.floor.warm.median).toFixed(2)}×` : dash, dash, String(d.runs)],
          ...(d.stoppedWorker
            ? [[d.page, 'stopped', dash, formatRange(d.stoppedWorker.firstCard.warm), formatRange(d.stoppedWorker.floor.warm), `${(d.stoppedWorker.firstCard.warm.median / d.stoppedWorker.floor.warm.median).toFixed(2)}×`, dash, String(d.stoppedWorker.runs)]]
            : []),
          ...(d.large
            ? [[d.large.page, 'running', formatMs(d.large.firstCard.cold), formatRange(d.large.firstCard.warm), dash, dash, `${formatMs(d.large.wholePage.cold)} / ${formatMs(d.large.wholePage.warm.median)}`, String(d.large.runs)]]
            : []),
        ],
      }),
    ),
    section(
      '4. Contacts at scale',
      'Side panel first render (ms, cold and warm median), search latency p50 / p95 (ms; goal p95 under 50 ms at 100,000), database size.',
      f.contacts,
      (d) => ({
        headers: ['contacts', 'seeded via', 'seed time', 'panel cold', 'panel warm', 'search UI p50 / p95', 'search msg p50 / p95', 'storage estimate', 'IndexedDB on disk'],
        align: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        rows: d.scales.map((s) => [
          s.contacts.toLocaleString('en-US'),
          s.seededVia,
          `${(s.seedMs / 1000).toFixed(1)} s`,
          cold(s.firstRender),
          range(s.firstRender),
          s.searchUi ? `${formatMs(s.searchUi.p50)} / ${formatMs(s.searchUi.p95)}` : dash,
          s.searchMessage ? `${formatMs(s.searchMessage.p50)} / ${formatMs(s.searchMessage.p95)}` : dash,
          s.storageEstimate !== undefined ? formatBytes(s.storageEstimate) : dash,
          s.indexedDbOnDisk !== undefined ? formatBytes(s.indexedDbOnDisk) : dash,
        ]),
      }),
    ),
    section(
      '5. Sync',
      'Queued events drained to a local HTTP receiver on 127.0.0.1, and the service worker JS heap after the drain.',
      f.sync,
      (d) => ({
        headers: ['drained by', 'batch size', 'events', 'requests', 'time', 'events/s', 'worker heap'],
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
        rows: d.runs.map((s) => [
          s.via,
          String(s.batchSize),
          s.events.toLocaleString('en-US'),
          s.requests.toLocaleString('en-US'),
          `${(s.ms / 1000).toFixed(2)} s`,
          Math.round(s.eventsPerSecond).toLocaleString('en-US'),
          s.heapUsedBytes !== undefined ? formatBytes(s.heapUsedBytes) : dash,
        ]),
      }),
    ),
    // results written before this figure existed have none
    ...(f.records
      ? [
          section(
            '6. Import and duplicates',
            'A CSV import of many rows (goal: a few seconds for 10,000), the same file again, and the duplicates view\'s pair listing afterwards.',
            f.records,
            (d) => ({
              headers: ['rows', 'file', 'import', 'added / merged / unchanged', 're-import', 'added / merged / unchanged', 'duplicate pairs', 'listing cold', 'listing warm'],
              align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
              rows: [
                [
                  d.rows.toLocaleString('en-US'),
                  formatBytes(d.bytes),
                  `${(d.importMs / 1000).toFixed(2)} s`,
                  `${d.imported.added} / ${d.imported.merged} / ${d.imported.unchanged}`,
                  `${(d.reimportMs / 1000).toFixed(2)} s`,
                  `${d.reimported.added} / ${d.reimported.merged} / ${d.reimported.unchanged}`,
                  String(d.pairs),
                  formatMs(d.duplicates.cold),
                  formatRange(d.duplicates.warm),
                ],
              ],
            }),
          ),
        ]
      : []),
  ];
}

function machineLines(r: BenchResults): string[] {
  const m = r.machine;
  return [
    `CPU: ${m.cpu}, ${m.cores} cores; memory ${formatBytes(m.memoryBytes)}; ${m.os}`,
    `Node ${m.node}; ${m.chromium}`,
    ...(m.load ? [`Load average (1 min): ${m.load.start.toFixed(1)} at the start, ${m.load.end.toFixed(1)} at the end, on ${m.cores} cores`] : []),
    `Run: ${m.date} at commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}, ${r.mode} mode, ${(r.durationMs / 1000).toFixed(0)} s`,
  ];
}

export function renderText(r: BenchResults): string {
  const out: string[] = ['Touchpoint benchmark', ...machineLines(r), ''];
  for (const s of sections(r)) {
    out.push(s.title, s.intro);
    if (s.table) out.push(formatTextTable(s.table));
    for (const n of s.notMeasured) out.push(`  not measured: ${n}`);
    out.push('');
  }
  return out.join('\n');
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [
    '# Performance',
    '',
    'Generated by `npm run bench` (a full run; do not edit by hand). `npm run bench -- --quick` is the small version CI runs; it writes `bench/tmp/` and leaves this file alone.',
    'Everything runs the built extension in headless Chromium through Playwright; pages are served from fixtures at their real URLs, nothing reaches the network.',
    'The raw numbers are in `bench/results.json`.',
    '',
    '## Machine',
    '',
    ...machineLines(r).map((l) => `- ${l}`),
    '',
    'These machines are shared and noisy: compare runs on the same machine, and read the min–max ranges.',
  ];
  for (const s of sections(r)) {
    out.push('', `## ${s.title}`, '', s.intro, '');
    if (s.table) out.push(formatMarkdownTable(s.table), '');
    if (s.notMeasured.length) {
      out.push('Not measured yet:', '', ...s.notMeasured.map((n) => `- ${n}`), '');
    }
    if (s.notes.length) out.push('How:', '', ...s.notes.map((n) => `- ${n}`), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
