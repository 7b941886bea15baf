/**
 * "Time to the first X on screen" for an extension page: an init script, installed before navigation, watches the
 * DOM from the first byte and records performance.now() (ms since the page's navigation start) in the animation frame
 * after the element appears — the frame that paints it.
 */
import type { Page } from '@playwright/test';

const MARK = '__touchpointBenchFirst';

/** Runs in the page before any of its scripts. Self-contained (serialised by Playwright). */
function watchFor(args: { selector: string; mark: string }): void {
  const w = window as unknown as Record<string, number | undefined>;
  const check = (): boolean => {
    if (w[args.mark] !== undefined || !document.querySelector(args.selector)) return false;
    w[args.mark] = -1; // found; the paint time lands in the next frame
    requestAnimationFrame(() => (w[args.mark] = performance.now()));
    return true;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

export async function watchFirst(page: Page, selector: string): Promise<void> {
  await page.addInitScript(watchFor, { selector, mark: MARK });
}

/** ms from navigation start to the first paint with the element; throws after timeoutMs. */
export async function firstPaintOf(page: Page, selector: string, timeoutMs: number): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      (mark) => {
        const v = (window as unknown as Record<string, number | undefined>)[mark];
        return v !== undefined && v >= 0 ? v : false;
      },
      MARK,
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as number;
  } catch {
    throw new Error(`no ${selector} on screen within ${timeoutMs / 1000} s`);
  }
}
