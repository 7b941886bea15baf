/**
 * The few chrome.* calls the bench makes inside the service worker and extension pages, typed here because the
 * project has no @types/chrome. Inside a page.evaluate body, get them with `chromeApi()`-like inline code:
 * `(globalThis as unknown as { chrome: ChromeApi }).chrome` (functions sent to the browser cannot close over imports).
 */
export interface ChromeApi {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  scripting: {
    executeScript(options: { target: { tabId: number }; files: string[] }): Promise<{ result?: unknown }[]>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}
