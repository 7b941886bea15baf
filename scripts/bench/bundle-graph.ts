/**
 * Which files make up an entry of the built extension: the scripts an HTML page loads, and the chunks a module imports.
 * Pure string parsing of Vite/Rollup output, so it is unit-tested on samples.
 */

/** Script and modulepreload URLs an extension HTML page loads, as written in the page. */
export function htmlScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel\s*=\s*["']?modulepreload\b/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag);
    if (href) out.push(href[1]!);
  }
  return [...new Set(out)];
}

export interface ModuleImports {
  /** loaded before the module runs: count toward the entry */
  static: string[];
  /** import("…"): loaded only when that code path runs */
  dynamic: string[];
}

/**
 * Relative specifiers a built ES module imports. Matches `import … from"./x.js"`, `import"./x.js"`,
 * `export … from"./x.js"` and `import("./x.js")`; bare specifiers cannot occur in a browser bundle.
 */
export function moduleImports(source: string): ModuleImports {
  const stat = new Set<string>();
  const dyn = new Set<string>();
  for (const m of source.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) stat.add(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) dyn.add(m[1]!);
  for (const d of dyn) stat.delete(d);
  return { static: [...stat], dynamic: [...dyn] };
}

/** Resolve a specifier written in `fromFile` (both relative to the build root, "/x" meaning the root) to a root path. */
export function resolveIn(fromFile: string, spec: string): string {
  const parts = spec.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  for (const seg of spec.replace(/^\//, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Every file an entry loads before it runs (the static closure), and the lazy chunks reachable by import() that are
 * not already in it. `read` returns a file's text by root path, or undefined if it is not a module we can read.
 */
export function entryClosure(
  roots: string[],
  read: (path: string) => string | undefined,
): { files: string[]; lazy: string[] } {
  const files = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    files.add(file);
    const src = read(file);
    if (src === undefined || !file.endsWith('.js')) continue;
    const imports = moduleImports(src);
    for (const s of imports.static) queue.push(resolveIn(file, s));
    for (const d of imports.dynamic) lazy.add(resolveIn(file, d));
  }
  // lazy chunks and what they pull in, minus what the entry already loads
  const lazyQueue = [...lazy];
  const lazyAll = new Set<string>();
  while (lazyQueue.length) {
    const file = lazyQueue.shift()!;
    if (files.has(file) || lazyAll.has(file)) continue;
    lazyAll.add(file);
    const src = read(file);
    if (src === undefined) continue;
    const imports = moduleImports(src);
    for (const s of [...imports.static, ...imports.dynamic]) lazyQueue.push(resolveIn(file, s));
  }
  return { files: [...files], lazy: [...lazyAll] };
}
