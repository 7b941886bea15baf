/**
 * Chromium with the built extension loaded, as in the e2e suite (design.md): Debian's Chromium through Playwright,
 * pages served at their real URLs from fixtures, and nothing else reaching the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { ChromeApi } from './chrome-api';
import { chromiumArgs } from '../browser/chromium';
import { requireChromium } from '../browser/machine';

export interface ServedPage {
  body: string | Buffer;
  contentType?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** the extension's service worker (background) */
  worker: Worker;
  /** the profile folder, kept so the database size on disk can be read */
  userDataDir: string;
  /** serve a page at its real URL (the fragment is ignored); call before navigating */
  serve(url: string, page: ServedPage): void;
  unserve(url: string): void;
  close(): Promise<void>;
}

/** The same Chromium the e2e suite drives (scripts/browser: CHROMIUM_PATH, system Chromium, Playwright's own). */
export function chromiumPath(): string {
  return requireChromium().executablePath;
}

export function chromiumVersion(): string {
  try {
    const path = chromiumPath();
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim();
  } catch {
    return 'unknown';
  }
}

export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/** URL key for the served map: without the fragment, which never reaches the network. */
const key = (url: string): string => url.split('#')[0]!;

export async function launchWithExtension(extensionDir: string, options: { allowOrigins?: string[] } = {}): Promise<ExtensionSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: chromiumArgs(extensionDir),
  });
  // tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(…) calls; functions the bench
  // sends into pages and the worker carry those calls, so every context gets a no-op __name.
  await context.addInitScript({ content: NAME_SHIM });
  const served = new Map<string, ServedPage>();
  const allowed = options.allowOrigins ?? [];
  // Fixtures at their real URLs; the extension's files and our local receivers; every other http(s) request is
  // aborted (never the internet).
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const page = served.get(key(url));
    if (page) {
      await route.fulfill({
        status: 200,
        body: page.body,
        contentType: page.contentType ?? 'text/html; charset=utf-8',
        // cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs; every subresource is
        // aborted anyway, so it changes nothing else for these pages
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      });
    } else if (!/^https?:/.test(url) || allowed.some((o) => url.startsWith(o))) {
      // the extension's own files (chrome-extension://) and the local receivers we start
      await route.continue();
    } else {
      await route.abort('blockedbyclient');
    }
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  await worker.evaluate(NAME_SHIM);
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    serve: (url, page) => void served.set(key(url), page),
    unserve: (url) => void served.delete(key(url)),
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The current service worker (it may have been stopped and restarted since launch). */
export async function currentWorker(session: ExtensionSession): Promise<Worker> {
  const live = session.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${session.extensionId}/`));
  const worker = live ?? (await session.context.waitForEvent('serviceworker', { timeout: 15_000 }));
  await worker.evaluate(NAME_SHIM);
  return worker;
}

/** The tab id Chrome gave a Playwright page, found by its URL from the background. */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  const worker = await currentWorker(session);
  const url = page.url();
  const id = await worker.evaluate(async (u) => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id == null) throw new Error(`no tab found for ${url}`);
  return id;
}

export const extensionUrl = (session: ExtensionSession, path: string): string =>
  `chrome-extension://${session.extensionId}/${path.replace(/^\//, '')}`;

/** A page of the extension with no script and almost no content: opening it is the floor of opening any extension page. */
export const BLANK_PAGE = 'bench-blank.html';
export const BLANK_SELECTOR = '#bench-blank';

/**
 * Write the blank page into the built extension folder (the bench's own build; nothing ships it). Chrome reads
 * extension files from disk when they are requested, so it can be added to a build before the browser starts.
 */
export function addBlankPage(extensionDir: string): void {
  writeFileSync(join(extensionDir, BLANK_PAGE), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><div id="bench-blank">.</div></body></html>\n');
}

/**
 * Stop the extension's service worker (as Chrome does after 30 s idle) and wait until it is stopped, following its
 * running status through CDP (Playwright's Worker 'close' event arrives late). The next event starts it from scratch.
 */
export async function stopWorker(session: ExtensionSession, page: Page): Promise<void> {
  const cdp = await session.context.newCDPSession(page);
  const scope = `chrome-extension://${session.extensionId}/`;
  let status = 'unknown';
  let asked = false;
  let done!: () => void;
  const stopped = new Promise<void>((resolve) => (done = resolve));
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    const ours = versions.filter((v) => v.scriptURL.startsWith(scope));
    if (!ours.length) return;
    status = ours.every((v) => v.runningStatus === 'stopped') ? 'stopped' : 'running';
    if (asked && status === 'stopped') done();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await cdp.send('ServiceWorker.enable');
    asked = true;
    await cdp.send('ServiceWorker.stopAllWorkers');
    if (status === 'stopped') done();
    await Promise.race([stopped, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('service worker did not stop within 15 s')), 15_000)))]);
  } finally {
    clearTimeout(timer);
    await cdp.detach().catch(() => undefined);
  }
}
