import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ROOT } from './support/browser';

/**
 * The store build carries no test code. Test powers are compiled in behind the build-time constant
 * __TOUCHPOINT_E2E__ (entrypoints/background/env.d.ts), and fixtures live in tests/, never in site modules. Each marker
 * is a string only test code holds; the e2e build must still contain the background ones, so a marker that stops
 * meaning anything (renamed, minified away) fails here instead of passing forever.
 */
const BACKGROUND_MARKERS = [
  'Massive Dynamic', // a company in the seeding name lists, reachable only through the debug.seed handler
  'tab named by the caller', // capture.tab honouring a tab id named by the caller (entrypoints/background/capture.ts)
  'debug:followups', // the follow-ups' test clock (entrypoints/background/followups.ts, debug.followUps)
];
const ANYWHERE_MARKERS = [
  'resetDbForTests',
  'tests/fixtures', // a sample's fixture path
  ['..', 'shared'].join('/'), // the sibling folder a clone does not have
  'samples',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(js|html|json)$/.test(name) ? [p] : [];
  });
}

function found(dir: string, markers: string[]): string[] {
  const hits: string[] = [];
  for (const file of files(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of markers) if (text.includes(m)) hits.push(`${path.relative(ROOT, file)}: ${m}`);
  }
  return hits;
}

for (const dir of ['.output/chrome-mv3', '.output/firefox-mv2']) {
  test(`the store build ${dir} contains no test powers, samples or fixture paths`, () => {
    const full = path.join(ROOT, dir);
    expect(existsSync(full), `${dir} must be built before the e2e suite (npm test does)`).toBe(true);
    expect(found(full, [...BACKGROUND_MARKERS, ...ANYWHERE_MARKERS])).toEqual([]);
  });
}

test('the markers are real: the e2e build does carry the test powers', () => {
  const full = path.join(ROOT, '.output-e2e/chrome-mv3');
  const hits = found(full, BACKGROUND_MARKERS).map((h) => h.split(': ')[1]);
  expect(new Set(hits)).toEqual(new Set(BACKGROUND_MARKERS));
});
