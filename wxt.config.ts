import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The e2e build adds host permissions so headless tests can inject the capture script without a
// real user gesture (activeTab). It is written to its own folder; the production build never has them.
const e2e = process.env.TOUCHPOINT_E2E === '1';
/** Where a CRM endpoint may live; requested at run time when the user configures one. */
const crmOrigins = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // TOUCHPOINT_OUT_DIR lets parallel builds (tests, benchmarks) use their own folder.
  outDir: process.env.TOUCHPOINT_OUT_DIR ?? (e2e ? '.output-e2e' : '.output'),
  vite: () => ({
    plugins: [preact()],
    define: { __TOUCHPOINT_E2E__: JSON.stringify(e2e) },
  }),
  hooks: {
    // Capture is injected on demand (runtime registration), so no content script is declared; WXT 0.20 still writes an
    // empty `content_scripts: []`, which says nothing but reads like a declaration. Leave the key out.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (Array.isArray(manifest.content_scripts) && manifest.content_scripts.length === 0) delete manifest.content_scripts;
    },
    // The injected capture scripts (capture, and the site-<id> scripts injected before it) only return or leave what
    // they read and call no extension API; WXT's content-script wrapper still imports `wxt/browser` (for runtime.id).
    // Point it at WXT's plain chrome/browser export there, so webextension-polyfill (~10 kB) is not injected into
    // every captured page. Other entrypoints keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      const injected = (name: string) => name === 'capture' || name.startsWith('site-');
      if (!entrypoints.length || !entrypoints.every((e) => injected(e.name))) return;
      const current = config.resolve?.alias ?? [];
      const list = Array.isArray(current)
        ? current
        : Object.entries(current as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' }, ...list] };
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Touchpoint',
    description:
      'Capture people from the page you are on, tag them as leads or prospects, keep notes and sync to your CRM.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'alarms',
      'contextMenus',
      // follow-ups that fall due are shown as a browser notification (README: permissions)
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: e2e ? ['<all_urls>'] : undefined,
    optional_host_permissions: crmOrigins,
    // MV2 (the Firefox build) has no optional_host_permissions: origins go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: crmOrigins } : {}),
    action: { default_title: 'Touchpoint: capture people on this page' },
    commands: {
      // MV2's name for the toolbar button's shortcut is _execute_browser_action.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Capture people on this page',
      },
      // Firefox opens its sidebar by this reserved command name, no background code needed.
      [browser === 'firefox' ? '_execute_sidebar_action' : 'open-side-panel']: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Touchpoint side panel',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'touchpoint@touchpoint.dev', strict_min_version: '115.0' } } }
      : {}),
  }),
});
