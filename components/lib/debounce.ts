/**
 * A debouncer that can be flushed: autosave waits for a pause in typing, but a page that is being
 * hidden or closed must write what it has right away.
 */
export interface Debouncer<A extends unknown[]> {
  call(...args: A): void;
  /** run the pending call now, if any */
  flush(): void;
  cancel(): void;
  readonly pending: boolean;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debouncer<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastArgs: A | undefined;
  const run = () => {
    timer = undefined;
    const args = lastArgs;
    lastArgs = undefined;
    if (args) fn(...args);
  };
  return {
    call(...args: A) {
      lastArgs = args;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      lastArgs = undefined;
    },
    get pending() {
      return lastArgs !== undefined;
    },
  };
}
