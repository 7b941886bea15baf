import { browser } from 'wxt/browser';

/**
 * Browser UI around the extension: the page context menu, the side-panel shortcut (Chrome; Firefox
 * opens its sidebar through the manifest's _execute_sidebar_action), and the panel's behaviour.
 * Side panels and popups may only be opened in direct response to a user gesture, so these handlers
 * call open* synchronously, before awaiting anything.
 */

export const CAPTURE_MENU_ID = 'touchpoint-capture';

interface SidePanelApi {
  open(o: { windowId?: number; tabId?: number }): Promise<void>;
  setPanelBehavior?(o: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}
interface ActionWithPopup {
  openPopup?(o?: { windowId?: number }): Promise<void>;
}

const api = () =>
  browser as unknown as {
    sidePanel?: SidePanelApi;
    sidebarAction?: SidebarActionApi;
    action?: ActionWithPopup;
    browserAction?: ActionWithPopup;
  };

/** chrome.windows.WINDOW_ID_CURRENT: in the worker, the window the user last used. */
export const WINDOW_ID_CURRENT = -2;

/**
 * Open the side panel (Chrome) or sidebar (Firefox) of this window. Chrome needs a tab or a window: with neither (a
 * notification's click names none) it is the current window — looking one up first would be an await, and the
 * gesture would be gone by then.
 */
export function openSidePanel(windowId?: number, tabId?: number): Promise<void> {
  const b = api();
  if (b.sidePanel) return b.sidePanel.open(windowId !== undefined ? { windowId } : tabId !== undefined ? { tabId } : { windowId: WINDOW_ID_CURRENT });
  if (b.sidebarAction) return b.sidebarAction.open();
  return Promise.reject(new Error('no side panel in this browser'));
}

/** Called on install/update: menus are persistent, so they are (re)created only then. */
export async function setUpBrowserUi(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: CAPTURE_MENU_ID,
    title: 'Capture people on this page',
    contexts: ['page', 'selection', 'link'],
  });
  // The toolbar button opens the popup (capture); the side panel has its own shortcut and menu.
  try {
    await api().sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false });
  } catch {
    // older Chrome without setPanelBehavior: the default is the same
  }
}

/**
 * The menu item opens the popup, where capture happens (the click also grants activeTab on that tab).
 * Where openPopup is unavailable, the side panel opens instead.
 */
export function onMenuClicked(info: { menuItemId: string | number }, tab?: { id?: number; windowId?: number }): void {
  if (info.menuItemId !== CAPTURE_MENU_ID) return;
  const b = api();
  const action = b.action ?? b.browserAction;
  const fallback = () => openSidePanel(tab?.windowId, tab?.id).catch((e) => console.warn('[touchpoint] could not open the side panel', e));
  if (action?.openPopup) {
    action.openPopup(tab?.windowId !== undefined ? { windowId: tab.windowId } : undefined).catch(fallback);
  } else {
    void fallback();
  }
}

export function onCommand(command: string, tab?: { id?: number; windowId?: number }): void {
  if (command !== 'open-side-panel') return;
  openSidePanel(tab?.windowId, tab?.id).catch((e) => console.warn('[touchpoint] could not open the side panel', e));
}
