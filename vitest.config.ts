import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { siteMatchersPlugin } from './modules/sites';

export default defineConfig({
  // the background's site matchers are generated from the site registry, as in the build (modules/sites.ts)
  plugins: [WxtVitest(), preact(), siteMatchersPlugin(import.meta.dirname)],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
  },
});
