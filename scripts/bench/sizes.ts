/** Figure 2, sizes: what each entry of the production build loads, raw and gzip -9 bytes. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { entryClosure, htmlScripts } from './bundle-graph';
import { type BundleSize, type Figure, type SizeData, emptyFigure } from './results';

interface Manifest {
  background?: { service_worker?: string };
  action?: { default_popup?: string };
  side_panel?: { default_path?: string };
  options_ui?: { page?: string };
  options_page?: string;
}

const gzipBytes = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;

export function measureSizes(dir: string, buildName: string): Figure<SizeData> {
  const fig = emptyFigure<SizeData>();
  fig.notes.push(
    'production build (no e2e host permissions); JS only: each entry sums the files it loads before it runs (script tags, modulepreload, static imports); gzip is level 9 per file, summed',
    'lazy = chunks reachable only through import(), fetched when that code path runs',
  );
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const read = (p: string): string | undefined => {
    const full = join(dir, p);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  };
  const measure = (entry: string, roots: string[]): BundleSize & { lazyRaw: number; lazyGzip: number } => {
    const { files, lazy } = entryClosure(roots, read);
    const js = files.filter((f) => f.endsWith('.js'));
    let raw = 0;
    let gzip = 0;
    for (const f of js) {
      const buf = readFileSync(join(dir, f));
      raw += buf.length;
      gzip += gzipBytes(buf);
    }
    let lazyRaw = 0;
    let lazyGzip = 0;
    for (const f of lazy.filter((x) => x.endsWith('.js') && existsSync(join(dir, x)))) {
      const buf = readFileSync(join(dir, f));
      lazyRaw += buf.length;
      lazyGzip += gzipBytes(buf);
    }
    return { entry, files: js, raw, gzip, lazyRaw, lazyGzip };
  };

  const bundles: BundleSize[] = [];
  const capture = 'content-scripts/capture.js';
  if (existsSync(join(dir, capture))) {
    // A page a site extractor claims gets that site's script (content-scripts/site-<id>.js) injected before the core;
    // the row is the worst case, core + the largest site script, and each part is reported beside it.
    const sites = readdirSync(join(dir, 'content-scripts'))
      .filter((f) => /^site-.+\.js$/.test(f))
      .sort()
      .map((f) => measure(`capture site: ${f.slice(5, -3)}`, [`content-scripts/${f}`]));
    const largest = sites.reduce<(typeof sites)[number] | undefined>((a, b) => (!a || b.raw > a.raw ? b : a), undefined);
    bundles.push(measure('capture (injected)', largest ? [capture, ...largest.files] : [capture]));
    if (largest) {
      fig.notes.push(`capture (injected) = the core script + the largest site script (${largest.entry.slice(14)}); a page no site claims gets the core alone`);
      bundles.push(measure('capture core (generic page)', [capture]), ...sites);
    }
  } else fig.notMeasured.push(`capture (injected): ${capture} is not in the build`);

  const pages: [string, string | undefined][] = [
    ['popup', manifest.action?.default_popup],
    ['side panel', manifest.side_panel?.default_path],
    ['options', manifest.options_ui?.page ?? manifest.options_page],
  ];
  for (const [name, html] of pages) {
    const text = html ? read(html) : undefined;
    if (!html || text === undefined) {
      fig.notMeasured.push(`${name}: no page in the manifest`);
      continue;
    }
    bundles.push(measure(name, htmlScripts(text).map((s) => s.replace(/^\//, ''))));
  }
  const bg = manifest.background?.service_worker;
  if (bg && read(bg) !== undefined) bundles.push(measure('background', [bg]));
  else fig.notMeasured.push('background: no service worker in the manifest');
  fig.data = { build: buildName, bundles };
  return fig;
}
