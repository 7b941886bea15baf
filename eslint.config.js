// ESLint: the TypeScript recommendations, plus the architecture's "never" arrows (docs/architecture.md, "Dependency
// rules") as import bans, so a forbidden import fails `npm test` with a message naming the rule it breaks.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One zone of the architecture: the files it covers and the imports they may never make. */
function zone(name, files, patterns) {
  return {
    name: `touchpoint/architecture/${name}`,
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: patterns.map(([regex, why]) => ({ regex, message: `architecture (${name}): ${why}` })) }],
    },
  };
}

const PAGES = ['entrypoints/popup/**', 'entrypoints/sidepanel/**', 'entrypoints/options/**', 'components/**'];
// An import path reaching a folder, written relatively from anywhere in the tree ("../store/x", "../../utils/sync").
const to = (dir) => `(^|/)${dir}(/|$)`;

export default tseslint.config(
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'reports/**', 'test-results/**', 'bench/tmp/**', 'tests/fixtures/**', 'tests/tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // zod's and Preact's types sometimes need an empty interface or a namespace merge; the compiler checks them
      '@typescript-eslint/no-empty-object-type': 'off',
      // WXT's auto-imported globals (defineBackground, defineContentScript, browser) are declared in .wxt/types
      'no-undef': 'off',
    },
  },
  zone('capture is pure', ['utils/capture/**'], [
    [to('(utils/)?(store|sync|messaging|export)'), 'capture never imports the store, sync, messaging or export'],
    [to('(entrypoints|components)'), 'capture never imports pages or entrypoints'],
    // pure helpers such as wxt/utils/match-patterns are fine; the extension API objects are not
    ['^(wxt|wxt/browser|webextension-polyfill|@wxt-dev/browser|@wxt-dev/webextension-polyfill)$', 'capture runs in pages and the CLI: no extension APIs'],
  ]),
  zone('pages talk by messages', PAGES, [
    [to('(utils/)?(store|sync)'), 'pages never import the store or sync: send a message to the background'],
    ['^idb$', 'pages never open the database: send a message to the background'],
  ]),
  zone('the model is schemas', ['utils/model/**'], [
    ['^(?!zod$|\\./|\\.\\./domain(/|$)).*', 'the model imports only zod, its own files and the pure domain rules'],
  ]),
  zone('domain rules are pure', ['utils/domain/**'], [['^(?!\\./).*', 'the domain rules import nothing but each other (no zod, no DOM, no extension APIs)']]),
  zone('content scripts only capture', ['entrypoints/*.content.ts', 'entrypoints/*.content/**'], [
    ['^(?!\\.\\./utils/capture/|\\.\\./\\.\\./utils/capture/|\\./).*', 'content scripts import only utils/capture (they run in the page)'],
  ]),
);
