/** A typed-message round trip to the background, sent from an extension page as the popup and side panel do. */
import type { Page } from '@playwright/test';
import type { ChromeApi } from './chrome-api';

type Reply = { ok: true; data: unknown } | { ok: false; error: { code?: string; message: string } } | undefined;

export async function ask<T>(page: Page, type: string, payload: object): Promise<T> {
  const res = await page.evaluate(
    async (msg) => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage(msg)) as Reply,
    { type, payload },
  );
  if (!res) throw new Error(`${type}: the background gave no answer`);
  if (!res.ok) throw new Error(`${type}: ${res.error.message}`);
  return res.data as T;
}
