import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { debounce, type Debouncer } from './debounce';

/**
 * A debounced callback that always calls the latest `fn`, and writes what is pending when the page
 * is hidden, closed or unmounted: a popup can vanish between two keystrokes.
 */
export function useFlushingDebouncer<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debouncer<A> {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const d = useMemo(() => debounce((...args: A) => fnRef.current(...args), ms), [ms]);
  useEffect(() => {
    const flush = () => d.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') d.flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      d.flush();
    };
  }, [d]);
  return d;
}

/** The current time, ticking every `ms` while `running`. */
export function useNow(running: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [running, ms]);
  return now;
}

/** Reads the message of anything thrown, for showing to the user. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
