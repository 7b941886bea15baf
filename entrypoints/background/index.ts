import { browser } from 'wxt/browser';
import { z } from 'zod';
import { createRouter } from '../../utils/messaging/router';
import { getDb } from './db';
import { createHandlers } from './handlers';
import { testHandlers } from './test-powers';
import { createSyncService } from './sync';
import { onCommand, onMenuClicked, setUpBrowserUi } from './ui';
import { createFollowUpService } from './followups';
import { recordHandlers } from './records';

/**
 * The service worker owns storage and network. Every listener is registered synchronously at the top
 * of main: an MV3 worker is stopped at any time and restarted by the next event, which is delivered
 * only to listeners that exist by the end of the first turn.
 */
export default defineBackground(() => {
  // Extension CSP forbids eval: tell zod not to probe for it (no CSP violation, no lint warning at run time).
  z.config({ jitless: true });
  // The badge shows follow-ups due now beside the sync state; the follow-up service refreshes it through sync.
  const sync = createSyncService(getDb, { dueNow: () => followUps.dueNow() });
  const followUps = createFollowUpService(getDb, () => sync.refreshBadge());
  const handlers = { ...createHandlers({ db: getDb, sync }), ...recordHandlers(getDb, sync, followUps) };
  // A build-time constant: the store build has no test powers at all (env.d.ts).
  if (__TOUCHPOINT_E2E__) Object.assign(handlers, testHandlers(getDb, sync, followUps));
  const route = createRouter(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // Returning the promise answers the sender (webextension-polyfill semantics); route never rejects.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  browser.alarms.onAlarm.addListener((alarm) => {
    sync.onAlarm(alarm.name).catch((e) => console.warn('[touchpoint] outbox drain failed', e));
    followUps.onAlarm(alarm.name).catch((e) => console.warn('[touchpoint] follow-up check failed', e));
  });
  // Optional chaining: the Firefox build and the fake browser of unit tests may lack notifications.
  browser.notifications?.onClicked.addListener((id) => followUps.onNotificationClicked(id));
  browser.notifications?.onButtonClicked.addListener((id, index) => {
    followUps.onButtonClicked(id, index).catch((e) => console.warn('[touchpoint] follow-up action failed', e));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => onMenuClicked(info, tab));
  browser.commands?.onCommand.addListener((command, tab) => onCommand(command, tab));

  browser.runtime.onInstalled.addListener(() => {
    setUpBrowserUi().catch((e) => console.warn('[touchpoint] could not set up menus', e));
    sync.ensureAlarms().catch(() => {});
  });
  browser.runtime.onStartup.addListener(() => {
    sync.ensureAlarms().catch(() => {});
    // What fell due while the browser was closed is notified now; the next one gets its alarm.
    followUps.check().catch(() => {});
    void sync.refreshBadge();
  });
});
