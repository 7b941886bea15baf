import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the real built extension (`npm run build:e2e` → .output-e2e/chrome-mv3) in Chromium.
 * The browser is launched by tests/e2e/fixtures.ts (an extension needs a persistent context), so no
 * `projects`/`use.browserName` here. One worker: the machines running this have two shared cores.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  // A loaded, shared machine can be slow; a single retry absorbs a hiccup without hiding a real failure
  // (a test that only passes on retry is reported as "flaky" in the summary).
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  outputDir: 'test-results',
  use: {
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
  },
});
