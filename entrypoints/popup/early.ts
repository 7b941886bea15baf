/**
 * The popup's first questions, asked before the rest of the popup's code evaluates (asked.ts, the first module main.tsx
 * imports): the background captures the page while the cards' code is evaluated, so the first card appears sooner.
 * This module stays small: the messaging client and nothing of the UI.
 */
import { send } from '../../utils/messaging/client';
import type { ResponseOf } from '../../utils/model/messages';

/** `?tab=123` → 123. Only the e2e build's background honours it; elsewhere the active tab is captured. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export interface EarlyAnswers {
  /** the start of the page (capture.tab quick): on a directory of thousands, refining everything takes seconds */
  captured: Promise<ResponseOf<'capture.tab'>>;
  settings: Promise<ResponseOf<'settings.get'>>;
}

export function askEarly(search: string): EarlyAnswers {
  const tabId = tabIdFromSearch(search);
  const captured = send('capture.tab', { ...(tabId === undefined ? {} : { tabId }), quick: true });
  const settings = send('settings.get', {});
  // Whoever takes these handles their failures; until then they must not count as unhandled.
  captured.catch(() => undefined);
  settings.catch(() => undefined);
  return { captured, settings };
}
