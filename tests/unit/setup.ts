// Every unit test gets a fresh in-memory IndexedDB and WXT's fake browser.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

// Preact schedules effects with a 35 ms timer racing requestAnimationFrame; a timer left over from a file's last test
// fires after jsdom is torn down ("cancelAnimationFrame is not defined"). Let it fire while the DOM still exists.
afterAll(async () => {
  if (typeof window !== 'undefined') await new Promise((r) => setTimeout(r, 60));
});
