import { browser } from 'wxt/browser';

/**
 * Unsaved text lives in browser.storage.local as it is typed, so closing the popup or the side panel,
 * or the service worker being stopped, loses nothing. Drafts are per page + person (popup) or per
 * contact (side panel) and are removed once the background has the text.
 */
const PREFIX = 'draft:';
/** Drafts nobody came back to for this long are dropped. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export interface Stored<T> {
  value: T;
  savedAt: number;
}

export const draftKeys = {
  popupNote: (pageUrl: string, personKey: string) => `${PREFIX}popup-note:${pageUrl}#${personKey}`,
  contactNote: (contactId: string) => `${PREFIX}note:${contactId}`,
  call: (contactId: string) => `${PREFIX}call:${contactId}`,
};

export async function readDraft<T>(key: string): Promise<T | undefined> {
  const got = await browser.storage.local.get(key);
  const stored = got[key] as Stored<T> | undefined;
  return stored && typeof stored === 'object' && 'value' in stored ? stored.value : undefined;
}

export async function writeDraft<T>(key: string, value: T, now = Date.now()): Promise<void> {
  const stored: Stored<T> = { value, savedAt: now };
  await browser.storage.local.set({ [key]: stored });
}

export async function clearDraft(key: string): Promise<void> {
  await browser.storage.local.remove(key);
}

/** Removes drafts older than DRAFT_MAX_AGE_MS. Cheap: called once when a page opens. */
export async function pruneDrafts(now = Date.now()): Promise<number> {
  const all = await browser.storage.local.get(null);
  const stale = Object.entries(all)
    .filter(([k, v]) => k.startsWith(PREFIX) && now - ((v as Stored<unknown>)?.savedAt ?? 0) > DRAFT_MAX_AGE_MS)
    .map(([k]) => k);
  if (stale.length) await browser.storage.local.remove(stale);
  return stale.length;
}
