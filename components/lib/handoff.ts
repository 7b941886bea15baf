import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FOCUS_CONTACT_KEY } from './handoff-key';

/**
 * The popup asks the side panel to show a contact ("Open in side panel" after saving). It goes through
 * browser.storage.local because the panel may not be open yet; an open panel hears the change.
 */
const KEY = FOCUS_CONTACT_KEY;

export function requestContactFocus(contactId: string): Promise<void> {
  return browser.storage.local.set({ [KEY]: { id: contactId, at: Date.now() } });
}

/** Calls `onFocus` with a requested contact id (on open, and whenever one is requested), then forgets it. */
export function useContactFocusRequests(onFocus: (id: string) => void, maxAgeMs = 60_000): void {
  const cb = useRef(onFocus);
  cb.current = onFocus;
  useEffect(() => {
    const take = (v: unknown) => {
      const req = v as { id?: unknown; at?: unknown } | undefined;
      if (!req || typeof req.id !== 'string' || typeof req.at !== 'number') return;
      void browser.storage.local.remove(KEY);
      if (Date.now() - req.at <= maxAgeMs) cb.current(req.id);
    };
    void browser.storage.local.get(KEY).then((got) => take(got[KEY]), () => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[KEY]?.newValue) take(changes[KEY].newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [maxAgeMs]);
}
