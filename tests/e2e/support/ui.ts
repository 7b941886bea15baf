import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * With UI_SHOTS=<folder>, journey tests save what the pages look like as <folder>/<name>.png (for a
 * human to look at, not for comparing); ordinary runs take none.
 */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.UI_SHOTS;
  if (!dir) return;
  await page.screenshot({ path: path.resolve(dir, `${name}.png`), fullPage: true });
}

/** The popup is a fixed-width page: open it at the size the browser gives it. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };
export const PANEL_VIEWPORT = { width: 400, height: 800 };
