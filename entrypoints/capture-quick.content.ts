import { QUICK_SLOT } from '../utils/capture/sites/page-slot';

/**
 * Injected just before the core capture script when the popup asks for a quick first read: it only raises the slot
 * the core script takes (utils/capture/sites/page-slot.ts). As a file it goes in the same executeScript call as the
 * capture files (they run in order), so the quick read costs no extra round trip to the tab.
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    (globalThis as Record<string, unknown>)[QUICK_SLOT] = true;
  },
});
