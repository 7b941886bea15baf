/**
 * Project modules bundled for the browser, exposed on a global, so the bench can call them where the extension runs
 * them: collect() repeatedly inside a page (the built content script runs it once per injection and cannot be called
 * again), and the store / sync code inside an extension page or the service worker (seeding, draining).
 * esbuild IIFE from the same sources the extension is built from.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const COLLECT_GLOBAL = '__touchpointBenchCollect';
export const STORE_GLOBAL = '__touchpointBenchStore';

/** Bundle `names` exported by `file` (relative to root) as `globalThis[global] = { name, … }`. */
export async function bundleExports(root: string, global: string, file: string, names: string[]): Promise<string> {
  const entry = join(root, file);
  if (!existsSync(entry)) throw new Error(`${file} does not exist yet`);
  return bundleSource(root, `import { ${names.join(', ')} } from ${JSON.stringify(entry)};\nglobalThis.${global} = { ${names.join(', ')} };\n`);
}

/** Bundle an entry module given as source text (imports resolved from the project root) into an IIFE. */
export async function bundleSource(root: string, contents: string): Promise<string> {
  const result = await build({
    stdin: {
      contents,
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-entry.ts',
    },
    // the project's tsconfig carries WXT's path aliases (@/, ~/ …)
    tsconfig: join(root, 'tsconfig.json'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  }).catch((e: { errors?: { text: string }[] }) => {
    throw new Error(e.errors?.map((x) => x.text).join('; ') || String(e));
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output');
  return out.text;
}

/** collect(document, url) from utils/capture/collect.ts, as globalThis.__touchpointBenchCollect. */
export async function bundleCollect(root: string): Promise<string> {
  const src = await bundleExports(root, '__touchpointBenchCollectModule', 'utils/capture/collect.ts', ['collect']);
  return `${src}\nglobalThis.${COLLECT_GLOBAL} = globalThis.__touchpointBenchCollectModule.collect;`;
}
