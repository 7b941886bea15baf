import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { startOfPage } from '../../utils/capture/partial';
import { refine } from '../../utils/capture/refine';
import { matchSite, siteScriptFile } from '../../utils/capture/sites/match';
import type { Collected } from '../../utils/capture/types';
import { HandlerError } from '../../utils/messaging/errors';
import { Capture } from '../../utils/model';
import type { ResponseOf } from '../../utils/model/messages';
import { lookupPeople, type TouchpointDatabase } from '../../utils/store';

/** Pages no extension may script; asking would only produce a cryptic browser error. */
const OFF_LIMITS = [
  /^(chrome|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|devtools|view-source|data|blob|javascript):/i,
  /^https:\/\/chrome\.google\.com\/webstore/i,
  /^https:\/\/chromewebstore\.google\.com/i,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/i,
  /^https:\/\/addons\.mozilla\.org/i,
];

export const NOT_A_WEB_PAGE =
  'Touchpoint can only read web pages. Browser pages, the extension stores and other extensions are off-limits; open the page with the people on it and try again.';
export const NO_PERMISSION =
  'Touchpoint has no permission to read this tab. Click the Touchpoint button in the toolbar (or press Alt+Shift+T) while the page is in front, then try again.';

export function isCapturableUrl(url: string | undefined): boolean {
  if (!url) return true; // without the tabs permission the URL is hidden; let executeScript decide
  if (OFF_LIMITS.some((re) => re.test(url))) return false;
  return /^(https?|file):/i.test(url);
}

/** Turn the browser's scripting errors into something a user can act on. */
export function captureErrorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/cannot access|cannot be scripted|missing host permission|permission/i.test(m)) {
    return /chrome:\/\/|extensions gallery|webstore|cannot be scripted|about:|moz-extension/i.test(m) ? NOT_A_WEB_PAGE : NO_PERMISSION;
  }
  if (/no tab with id|tab.*(closed|not found)/i.test(m)) return 'That tab is gone. Open the page again and retry.';
  if (/error page|frame with id 0 is showing error page/i.test(m)) return 'The page did not load (the browser shows an error page). Reload it and try again.';
  return `Touchpoint could not read this page: ${m}`;
}

/**
 * The scripts to inject, in order: the site script for the extractor that claims the URL (it leaves the extractor in
 * the page), then the core capture script, which returns what it collected. Other pages get the core script alone.
 */
export function captureFiles(url: string | undefined): ScriptPublicPath[] {
  let site: string | undefined;
  try {
    site = url ? matchSite(new URL(url))?.id : undefined;
  } catch {
    site = undefined;
  }
  // The site file's name is built from the id; the registry test checks entrypoints/site-<id>.content.ts exists.
  return site ? [siteScriptFile(site) as ScriptPublicPath, CORE_SCRIPT] : [CORE_SCRIPT];
}

const CORE_SCRIPT: ScriptPublicPath = '/content-scripts/capture.js';
const QUICK_SCRIPT = '/content-scripts/capture-quick.js' as ScriptPublicPath;

async function pageLocation(tabId: number): Promise<string | undefined> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: () => location.href });
  return typeof frame?.result === 'string' ? frame.result : undefined;
}

function looksCollected(v: unknown): v is Collected {
  return !!v && typeof v === 'object' && Array.isArray((v as Collected).people) && typeof (v as Collected).url === 'string';
}

export interface CaptureDeps {
  db: () => Promise<TouchpointDatabase>;
  ownDomains: () => Promise<string[]>;
  /** refine only the start of a very large page (the popup's first request; see utils/capture/partial.ts) */
  quick?: boolean;
}

export async function captureTab(tabIdRequested: number | undefined, deps: CaptureDeps): Promise<ResponseOf<'capture.tab'>> {
  let tabId: number | undefined;
  let url: string | undefined;
  // Only the e2e build honours a tab id from the caller (headless tests cannot make the gesture activeTab needs).
  if (__TOUCHPOINT_E2E__ && tabIdRequested !== undefined) {
    const tab = await browser.tabs.get(tabIdRequested).catch(() => undefined);
    if (!tab) throw new HandlerError('capture', `No tab ${tabIdRequested} to capture (e2e build: tab named by the caller).`);
    tabId = tab.id;
    url = tab.url;
  } else {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = tab?.id;
    url = tab?.url;
  }
  if (tabId === undefined) throw new HandlerError('capture', 'There is no page in front to capture. Open one and try again.');
  if (!isCapturableUrl(url)) throw new HandlerError('capture', NOT_A_WEB_PAGE);

  // The user's own domains (refine needs them) and the database (the saved-state lookup) are read while the page is
  // scripted, not after: in a worker that has just started, opening IndexedDB is part of the wait for the first card.
  const ownDomains = deps.ownDomains();
  ownDomains.catch(() => undefined); // awaited below, after the page answered; a failure is reported there
  let results: { result?: unknown }[];
  try {
    // Without the URL (a browser that hides it) ask the page; a page that cannot be scripted fails here the same way.
    const pageUrl = url ?? (await pageLocation(tabId));
    // quick: the first file tells the core script to read only the start of the page (it takes and clears the slot)
    const files = deps.quick ? [QUICK_SCRIPT, ...captureFiles(pageUrl)] : captureFiles(pageUrl);
    results = await browser.scripting.executeScript({ target: { tabId }, files });
  } catch (e) {
    throw new HandlerError('capture', captureErrorMessage(e));
  }
  // One frame (the top one), one result: the files run in order and the last one's value is the frame's result.
  const collected = results[0]?.result;
  if (!looksCollected(collected)) throw new HandlerError('capture', 'Touchpoint could not read this page (the capture script returned nothing). Reload the page and try again.');

  const start = deps.quick ? startOfPage(collected) : { collected, partial: false };
  const refined = refine(start.collected, { ownDomains: await ownDomains });
  // The page is untrusted: what it yielded is validated before it goes anywhere.
  const parsed = Capture.safeParse(refined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HandlerError('capture', `This page gave data Touchpoint cannot use (${issue?.path.join('.')}: ${issue?.message}).`);
  }
  const found = await lookupPeople(await deps.db(), parsed.data.people);
  return {
    capture: parsed.data,
    matches: found.map((f) => f.matchId),
    known: found.map((f) => f.known),
    duplicates: found.map((f) => f.duplicates),
    ...(start.partial || collected.partial ? { partial: true } : {}),
  };
}
