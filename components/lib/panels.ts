import { browser } from 'wxt/browser';

/**
 * Opens the side panel (Chrome) or sidebar (Firefox). Must run inside the click handler: both APIs
 * need a user gesture, so nothing is awaited before the call. Falls back to a tab.
 */
export async function openSidePanel(windowId: number | undefined): Promise<void> {
  const b = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  try {
    if (b.sidePanel && windowId !== undefined) return await b.sidePanel.open({ windowId });
    if (b.sidebarAction) return await b.sidebarAction.open();
  } catch {
    // fall through to a tab
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}

/** Settings; with a section ("destination"), opened at that section (the options page reads its hash). */
export function openOptions(section?: string): void {
  if (!section) {
    void browser.runtime.openOptionsPage();
    return;
  }
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${encodeURIComponent(section)}`) });
}

/** The id of the window this page is in, looked up ahead of any click (see openSidePanel). */
export async function currentWindowId(): Promise<number | undefined> {
  try {
    return (await browser.windows.getCurrent()).id;
  } catch {
    return undefined;
  }
}
