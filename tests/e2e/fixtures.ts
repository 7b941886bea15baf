import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { MessageType, RequestOf, ResponseOf, Result } from '../../utils/model/messages';
import { chromiumArgs, extensionDir, resolveChromium } from './support/browser';
import { FixtureNetwork } from './support/network';

export { expect };

/**
 * The `chrome` global as seen from inside page.evaluate. Playwright's types don't know it, and closures
 * don't cross into the page, so each callback casts inline.
 */
interface ChromeInPage {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
}

/**
 * The built extension in a real Chromium on a profile of its own. One per test; `relaunch()` closes
 * the browser and opens it again on the same profile (what a user restarting the browser does).
 * Methods always act on the current context, so they keep working after a relaunch.
 */
export class ExtensionHarness {
  readonly network = new FixtureNetwork();
  /** console output of the service worker and extension pages, attached to a failing test */
  readonly logs: string[] = [];
  private ctx!: BrowserContext;
  private id = '';
  private messenger: Page | undefined;

  constructor(
    readonly userDataDir: string,
    readonly extDir: string,
  ) {}

  get context(): BrowserContext {
    return this.ctx;
  }

  get extensionId(): string {
    return this.id;
  }

  async launch(): Promise<BrowserContext> {
    this.ctx = await chromium.launchPersistentContext(this.userDataDir, {
      ...resolveChromium(),
      headless: true,
      args: chromiumArgs(this.extDir),
      viewport: { width: 1280, height: 800 },
    });
    this.messenger = undefined;
    await this.network.install(this.ctx);
    const worker = await this.serviceWorker();
    this.id = new URL(worker.url()).host;
    this.ctx.on('serviceworker', (w) => this.watch(w));
    this.watch(worker);
    return this.ctx;
  }

  /** Close the browser and open it again on the same profile: IndexedDB and storage must survive. */
  async relaunch(): Promise<BrowserContext> {
    await this.ctx.close();
    return this.launch();
  }

  async close(): Promise<void> {
    await this.ctx?.close().catch(() => undefined);
  }

  /** The extension's service worker, waiting for it to start if it has not yet. */
  async serviceWorker(): Promise<Worker> {
    const running = this.ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (running) return running;
    return this.ctx.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: 30_000,
    });
  }

  /** chrome-extension://ID/<path>, e.g. extPage('popup.html?tab=3'). */
  extensionUrl(pagePath: string): string {
    return `chrome-extension://${this.id}/${pagePath.replace(/^\//, '')}`;
  }

  /** Open one of the extension's pages in a new tab and wait for it to load. */
  async extPage(pagePath: string): Promise<Page> {
    const page = await this.ctx.newPage();
    page.on('console', (m) => this.log(`[${pagePath}] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => this.log(`[${pagePath}] pageerror: ${e.message}`));
    await page.goto(this.extensionUrl(pagePath));
    return page;
  }

  /** Serve a saved page at its real URL (any query string or hash) for the rest of the test, across relaunches. */
  serveFixture(url: string, file: string): void {
    this.network.serveFile(url, file);
  }

  /** Serve a saved page at its real URL and open it in a new tab. */
  async openFixture(url: string, file: string): Promise<Page> {
    this.serveFixture(url, file);
    const page = await this.ctx.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  /** The browser tab id of a page (the e2e build's host permissions let an extension page see tab URLs). */
  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const messenger = await this.messengerPage();
    const id = await messenger.evaluate(async (u) => {
      const tabs = await (globalThis as unknown as { chrome: ChromeInPage }).chrome.tabs.query({});
      return tabs.filter((t) => t.url === u).map((t) => t.id)[0];
    }, url);
    if (typeof id !== 'number') throw new Error(`no tab found for ${url}`);
    return id;
  }

  /**
   * Send a typed message to the background from an extension page, exactly as the popup does, and
   * return the raw Result envelope ({ ok, data } or { ok: false, error }) so tests can check errors.
   */
  async sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<Result<ResponseOf<T>>> {
    return (await this.sendRaw({ type, payload })) as Result<ResponseOf<T>>;
  }

  /** Run a function in an extension page (where `chrome.*` is available) and return its result. */
  async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const messenger = await this.messengerPage();
    // Playwright's overloads cannot infer through a generic function; the page returns R by construction.
    return (await messenger.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as R;
  }

  /** Send anything at all (malformed messages included) from an extension page. */
  async sendRaw(message: unknown): Promise<unknown> {
    const messenger = await this.messengerPage();
    return messenger.evaluate((m) => (globalThis as unknown as { chrome: ChromeInPage }).chrome.runtime.sendMessage(m), message);
  }

  /**
   * Stop the extension's service worker (as Chrome does after 30 s idle) and wait until it is gone.
   * The next message or alarm starts it again from scratch, with no in-memory state.
   */
  async stopServiceWorker(): Promise<void> {
    // Playwright's Worker 'close' event arrives late (when the worker next starts), so follow the
    // worker's running status through CDP instead.
    const session = await this.ctx.newCDPSession(await this.messengerPage());
    const scope = `chrome-extension://${this.id}/`;
    let stopped!: () => void;
    const isStopped = new Promise<void>((resolve) => (stopped = resolve));
    let asked = false;
    let lastStatus = 'unknown';
    session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((v) => v.scriptURL.startsWith(scope));
      if (ours.length === 0) return;
      lastStatus = ours.every((v) => v.runningStatus === 'stopped') ? 'stopped' : 'running';
      if (asked && lastStatus === 'stopped') stopped();
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await session.send('ServiceWorker.enable');
      asked = true;
      await session.send('ServiceWorker.stopAllWorkers');
      if (lastStatus === 'stopped') stopped(); // it was already stopped: no update will come
      await Promise.race([
        isStopped,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('service worker did not stop within 15 s')), 15_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await session.detach().catch(() => undefined);
    }
  }

  /**
   * A quiet extension page to send messages from. It is the extension's own manifest.json: an
   * extension-origin document with `chrome.runtime`, but no app of its own that would send messages too.
   */
  private async messengerPage(): Promise<Page> {
    if (this.messenger && !this.messenger.isClosed()) return this.messenger;
    const page = await this.ctx.newPage();
    await page.goto(this.extensionUrl('manifest.json'));
    this.messenger = page;
    return page;
  }

  private watch(worker: Worker): void {
    if (!worker.url().startsWith(`chrome-extension://${this.id}/`)) return;
    worker.on('console', (m) => this.log(`[background] ${m.type()}: ${m.text()}`));
  }

  private log(line: string): void {
    if (this.logs.length < 2000) this.logs.push(line);
  }
}

export interface ExtensionFixtures {
  /** the harness: everything below, plus relaunch(), tabIdOf(), openFixture(), logs */
  extension: ExtensionHarness;
  /** the context as first launched; after `relaunch()` use its return value or `extension.context` */
  context: BrowserContext;
  extensionId: string;
  extPage: (pagePath: string) => Promise<Page>;
  serveFixture: (url: string, file: string) => void;
  stopServiceWorker: () => Promise<void>;
  sendMessage: <T extends MessageType>(type: T, payload: RequestOf<T>) => Promise<Result<ResponseOf<T>>>;
  relaunch: () => Promise<BrowserContext>;
}

export const test = base.extend<ExtensionFixtures>({
  // Playwright reads the fixtures a fixture needs from its first parameter's pattern: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  extension: async ({}, use, testInfo) => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'touchpoint-e2e-'));
    const harness = new ExtensionHarness(userDataDir, extensionDir());
    await harness.launch();
    try {
      await use(harness);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        const report = [...harness.logs, '', 'blocked requests:', ...harness.network.blocked].join('\n');
        await testInfo.attach('extension-logs', { body: report, contentType: 'text/plain' });
      }
      await harness.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
  context: async ({ extension }, use) => use(extension.context),
  extensionId: async ({ extension }, use) => use(extension.extensionId),
  extPage: async ({ extension }, use) => use((p) => extension.extPage(p)),
  serveFixture: async ({ extension }, use) => use((u, f) => extension.serveFixture(u, f)),
  stopServiceWorker: async ({ extension }, use) => use(() => extension.stopServiceWorker()),
  sendMessage: async ({ extension }, use) => use((type, payload) => extension.sendMessage(type, payload)),
  relaunch: async ({ extension }, use) => use(() => extension.relaunch()),
});
