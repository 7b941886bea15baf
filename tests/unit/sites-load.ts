// Shared by the sites-*.test.ts files: load a saved page at its real URL, as the extension sees it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { findSite } from '../../utils/capture/sites';
import type { SiteResult } from '../../utils/capture/types';

/** The project root: sample fixture paths are relative to it (every fixture is inside the repository, under tests/fixtures). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const fixturePath = (fixture: string): string => path.resolve(ROOT, fixture);
export const fixtureExists = (fixture: string): boolean => existsSync(fixturePath(fixture));

export function loadPage(fixture: string, url: string): Document {
  return new JSDOM(readFileSync(fixturePath(fixture), 'utf8'), { url, contentType: 'text/html' }).window.document;
}

export function loadHtml(html: string, url: string): Document {
  return new JSDOM(html, { url, contentType: 'text/html' }).window.document;
}

/** Run the extractor that claims the URL on the fixture; fails the test if none claims it. */
export function extract(fixture: string, url: string): { result: SiteResult; doc: Document } {
  const u = new URL(url);
  const site = findSite(u);
  if (!site) throw new Error(`no site extractor claims ${url}`);
  const doc = loadPage(fixture, url);
  const result = site.collect(doc, u);
  if (!result) throw new Error(`${site.id} returned null for ${fixture}`);
  return { result, doc };
}

/** Whether an element is inside one of the excluded subtrees. */
export const isExcluded = (result: SiteResult, el: Element | null): boolean =>
  !!el && (result.exclude ?? []).some((x) => x === el || x.contains(el));

/** The element whose text is exactly this (first in document order), for checking exclusions. */
export function byText(doc: Document, selector: string, value: string): Element | null {
  return Array.from(doc.querySelectorAll(selector)).find((e) => e.textContent?.trim() === value) ?? null;
}
