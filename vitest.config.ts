import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { siteMatchersPlugin } from './modules/sites';

export default defineConfig({
  // the background's site matchers are generated from the site registry, as in the build (modules/sites.ts)
  plugins: [WxtVitest(), preact(), siteMatchersPlugin(import.meta.dirname)],
  // Unit tests exercise the test-only powers too (the store build compiles them out: entrypoints/background/env.d.ts).
  define: { __TOUCHPOINT_E2E__: 'true' },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
  },
});
