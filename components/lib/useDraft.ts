import { useEffect, useRef, useState } from 'preact/hooks';
import { clearDraft, readDraft, writeDraft } from './drafts';
import { useFlushingDebouncer } from './hooks';

/**
 * Mirrors `value` into browser.storage.local under `key` as it changes (debounced, flushed when the
 * page hides), and hands a stored draft back through `onRestore` when the page opens again.
 * Nothing is written until the stored draft has been read, so an empty first render never
 * overwrites what the user typed last time.
 */
export function useDraft<T>(
  key: string | undefined,
  value: T,
  opts: { onRestore: (v: T) => void; isEmpty: (v: T) => boolean; ms?: number },
): { ready: boolean; restored: boolean; clear: () => Promise<void> } {
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const onRestore = useRef(opts.onRestore);
  onRestore.current = opts.onRestore;
  const isEmpty = useRef(opts.isEmpty);
  isEmpty.current = opts.isEmpty;
  const writer = useFlushingDebouncer((k: string, v: T) => {
    void writeDraft(k, v).catch(() => undefined);
  }, opts.ms ?? 250);

  useEffect(() => {
    setReady(false);
    setRestored(false);
    if (!key) return;
    let live = true;
    readDraft<T>(key)
      .then((v) => {
        if (!live) return;
        if (v !== undefined && !isEmpty.current(v)) {
          onRestore.current(v);
          setRestored(true);
        }
      })
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [key]);

  const last = useRef<T>(value);
  // The value of the latest render: a popup can vanish between a keystroke's render and the effect below.
  const latest = useRef<T>(value);
  latest.current = value;
  const persist = (k: string, v: T) => {
    last.current = v;
    if (isEmpty.current(v)) {
      writer.cancel();
      void clearDraft(k).catch(() => undefined);
    } else {
      writer.call(k, v);
    }
  };

  useEffect(() => {
    if (!key || !ready || last.current === value) return;
    persist(key, value);
  }, [key, ready, value, writer]);

  useEffect(() => {
    if (!key || !ready) return;
    // On hide, write what was last rendered (not only what the effect above has seen), at once.
    const onHide = () => {
      if (last.current !== latest.current) persist(key, latest.current);
      writer.flush();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key, ready, writer]);

  return {
    ready,
    restored,
    clear: async () => {
      writer.cancel();
      if (key) await clearDraft(key);
    },
  };
}
