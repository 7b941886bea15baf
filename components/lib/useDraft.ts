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
  useEffect(() => {
    if (!key || !ready || last.current === value) return;
    last.current = value;
    if (isEmpty.current(value)) {
      writer.cancel();
      void clearDraft(key).catch(() => undefined);
    } else {
      writer.call(key, value);
    }
  }, [key, ready, value, writer]);

  return {
    ready,
    restored,
    clear: async () => {
      writer.cancel();
      if (key) await clearDraft(key);
    },
  };
}
