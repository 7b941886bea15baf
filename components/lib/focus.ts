/**
 * Keyboard helpers shared by the pages: where focus goes after an action, and the "save" chord.
 * After an action the control that was clicked often vanishes (Save becomes Update, Start call becomes the call
 * panel), and the browser then drops focus to the page body: every page moves it on to the next sensible control.
 */

/** Ctrl+Enter (Windows, Linux) or Cmd+Enter (macOS): save what is being written. */
export function isSaveChord(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/**
 * Focus the first element matching one of `selectors` (in order of preference) once the next render is on screen.
 * A selector that finds nothing (or a disabled control) falls through to the next one.
 */
export function focusSoon(selectors: string | readonly string[], root: ParentNode = document): void {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  const run = () => {
    for (const s of list) {
      const el = root.querySelector<HTMLElement>(s);
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return true;
      }
    }
    return false;
  };
  // Two tries: after Preact's commit (a microtask) and after the next frame (a view that loads its data first).
  setTimeout(() => {
    if (!run()) requestAnimationFrame(() => void run());
  }, 0);
}
