import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is tests/e2e/support/browser.ts). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Which Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own
 * download (a developer laptop). Playwright cannot download browsers on the CI machines, and its
 * headless shell cannot load extensions, so the fallback asks for its full "chromium" channel.
 */
export function resolveChromium(): { executablePath?: string; channel?: string } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv };
  }
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium' };
  return { channel: 'chromium' };
}

/** The unpacked extension under test: TOUCHPOINT_EXTENSION_DIR, else the e2e build. */
export function extensionDir(): string {
  const dir = path.resolve(ROOT, process.env.TOUCHPOINT_EXTENSION_DIR ?? '.output-e2e/chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build:e2e\` first (or set TOUCHPOINT_EXTENSION_DIR).`);
  }
  return dir;
}

/** Flags that load the extension and keep Chromium quiet and off the network (checked on this machine). */
export function chromiumArgs(extDir: string): string[] {
  return [
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    '--no-sandbox', // CI runs as root in a container
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}
