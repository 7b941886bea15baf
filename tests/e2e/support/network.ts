import { readFileSync } from 'node:fs';
import type { BrowserContext, Route } from '@playwright/test';

/** Hosts a test may reach for real: local receivers a test starts itself (a fake CRM, the bench). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ServedPage {
  body: string | Buffer;
  contentType: string;
}

/** The key a served page is found by: origin + path, so the same page is served whatever its query (UTM tags) or hash. */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * Serves saved pages at their real URLs and blocks every other request to the internet, so site
 * matching works as in the field and a test can never depend on (or leak to) a live site.
 * One catch-all route, installed again on every (re)launched context; the table outlives contexts.
 */
export class FixtureNetwork {
  private readonly pages = new Map<string, ServedPage>();
  /** http(s) requests that were refused, for a failing test's report */
  readonly blocked: string[] = [];

  serveFile(url: string, file: string, contentType = 'text/html; charset=utf-8'): void {
    this.pages.set(pageKey(url), { body: readFileSync(file), contentType });
  }

  serveBody(url: string, body: string, contentType = 'text/html; charset=utf-8'): void {
    this.pages.set(pageKey(url), { body, contentType });
  }

  async install(context: BrowserContext): Promise<void> {
    await context.route('**/*', (route) => this.handle(route));
  }

  private async handle(route: Route): Promise<void> {
    const url = route.request().url();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return route.abort('blockedbyclient');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return route.continue();
    const served = this.pages.get(pageKey(url));
    if (served) return route.fulfill({ status: 200, contentType: served.contentType, body: served.body });
    if (LOCAL_HOSTS.has(parsed.hostname)) return route.continue();
    if (this.blocked.length < 200) this.blocked.push(url);
    return route.abort('blockedbyclient');
  }
}
