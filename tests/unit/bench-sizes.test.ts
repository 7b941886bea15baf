import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measureSizes } from '../../scripts/bench/sizes';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sizes-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const gz = (s: string): number => gzipSync(Buffer.from(s), { level: 9 }).length;

describe('script sizes of a build', () => {
  const popupJs = 'import{h}from"./runtime.js";const lazy=()=>import("./editor.js");'.repeat(3);
  const runtimeJs = 'export const h=1;'.repeat(40);
  const editorJs = 'export const e=2;'.repeat(10);
  const capture = '(function(){return 1})();'.repeat(20);
  const files = {
    'manifest.json': JSON.stringify({
      action: { default_popup: 'popup.html' },
      side_panel: { default_path: 'sidepanel.html' },
      background: { service_worker: 'background.js' },
    }),
    'popup.html': '<script type="module" src="/chunks/popup.js"></script><link rel="modulepreload" href="/chunks/runtime.js"><link rel="stylesheet" href="/assets/a.css">',
    'sidepanel.html': '<script type="module" src="/chunks/panel.js"></script>',
    'chunks/popup.js': popupJs,
    'chunks/runtime.js': runtimeJs,
    'chunks/editor.js': editorJs,
    'chunks/panel.js': 'import"./runtime.js";',
    'assets/a.css': 'body{}',
    'background.js': 'self.x=1;',
    'content-scripts/capture.js': capture,
  };

  it('sums each entry\'s JS (raw and gzip per file), keeps lazy chunks apart, and ignores CSS', () => {
    const fig = measureSizes(fakeBuild(files), 'fake');
    const by = Object.fromEntries(fig.data!.bundles.map((b) => [b.entry, b]));
    expect(by['capture (injected)']).toMatchObject({ raw: capture.length, gzip: gz(capture), files: ['content-scripts/capture.js'] });
    expect(by.popup!.raw).toBe(popupJs.length + runtimeJs.length);
    expect(by.popup!.gzip).toBe(gz(popupJs) + gz(runtimeJs));
    expect(by.popup!.lazyRaw).toBe(editorJs.length);
    expect(by['side panel']!.files.sort()).toEqual(['chunks/panel.js', 'chunks/runtime.js']);
    expect(by.background!.raw).toBe('self.x=1;'.length);
  });

  it('says what it could not find instead of reporting zero', () => {
    const fig = measureSizes(fakeBuild({ ...files, 'content-scripts/capture.js': '' }), 'fake');
    expect(fig.notMeasured).toContain('options: no page in the manifest');
    const noCapture = { ...files } as Record<string, string>;
    delete noCapture['content-scripts/capture.js'];
    const fig2 = measureSizes(fakeBuild(noCapture), 'fake');
    expect(fig2.notMeasured.some((n) => n.startsWith('capture (injected):'))).toBe(true);
    expect(fig2.data!.bundles.map((b) => b.entry)).not.toContain('capture (injected)');
  });
});
