import { describe, expect, it } from 'vitest';
import { entryClosure, htmlScripts, moduleImports, resolveIn } from '../../scripts/bench/bundle-graph';

describe('bundle graph of the built extension', () => {
  it('finds the module script and modulepreload links of a Vite page, not stylesheets', () => {
    const html = `<head>
      <script type="module" crossorigin src="/chunks/popup-BgJbc_Tk.js"></script>
      <link rel="modulepreload" crossorigin href="/chunks/jsxRuntime-B9UUVa3T.js">
      <link rel="stylesheet" crossorigin href="/assets/popup.css">
    </head>`;
    expect(htmlScripts(html)).toEqual(['/chunks/popup-BgJbc_Tk.js', '/chunks/jsxRuntime-B9UUVa3T.js']);
  });

  it('tells static imports from dynamic ones in minified output', () => {
    const src = 'import{a as e,b as t}from"./hooks-1.js";import"./side.js";export{x}from"../common/x.js";const m=()=>import("./lazy-2.js");';
    expect(moduleImports(src)).toEqual({ static: ['./hooks-1.js', './side.js', '../common/x.js'], dynamic: ['./lazy-2.js'] });
  });

  it('ignores bare specifiers and strings that are not imports', () => {
    expect(moduleImports('const s="./not-an-import.js";import{h}from"preact";')).toEqual({ static: [], dynamic: [] });
  });

  it('resolves specifiers against the importing file', () => {
    expect(resolveIn('chunks/popup.js', './hooks.js')).toBe('chunks/hooks.js');
    expect(resolveIn('chunks/a/b.js', '../c.js')).toBe('chunks/c.js');
    expect(resolveIn('popup.html', '/chunks/popup.js')).toBe('chunks/popup.js');
  });

  it('sums an entry as its static closure and keeps lazy chunks apart', () => {
    const files: Record<string, string> = {
      'chunks/popup.js': 'import{a}from"./shared.js";const l=()=>import("./lazy.js");',
      'chunks/shared.js': 'import"./runtime.js";',
      'chunks/runtime.js': '',
      'chunks/lazy.js': 'import{a}from"./shared.js";import"./lazy-dep.js";',
      'chunks/lazy-dep.js': '',
    };
    const { files: closure, lazy } = entryClosure(['chunks/popup.js'], (p) => files[p]);
    expect(closure.sort()).toEqual(['chunks/popup.js', 'chunks/runtime.js', 'chunks/shared.js']);
    expect(lazy.sort()).toEqual(['chunks/lazy-dep.js', 'chunks/lazy.js']);
  });

  it('survives import cycles', () => {
    const files: Record<string, string> = { 'a.js': 'import"./b.js";', 'b.js': 'import"./a.js";' };
    expect(entryClosure(['a.js'], (p) => files[p]).files.sort()).toEqual(['a.js', 'b.js']);
  });
});
