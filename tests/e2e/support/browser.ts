import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from '../../../scripts/browser/chromium';
import { requireChromium } from '../../../scripts/browser/machine';

/** The project root (this file is tests/e2e/support/browser.ts). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Which Chromium to drive: one rule for the harness, the benchmark and npm test's browser step (scripts/browser). */
export function resolveChromium(): { executablePath: string } {
  return { executablePath: requireChromium().executablePath };
}

/** The unpacked extension under test: TOUCHPOINT_EXTENSION_DIR, else the e2e build. */
export function extensionDir(): string {
  const dir = path.resolve(ROOT, process.env.TOUCHPOINT_EXTENSION_DIR ?? '.output-e2e/chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build:e2e\` first (or set TOUCHPOINT_EXTENSION_DIR).`);
  }
  return dir;
}

export { chromiumArgs };
