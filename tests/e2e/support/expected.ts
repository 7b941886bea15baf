import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CapturedPerson } from '../../../utils/model';
import { ROOT } from './browser';

/** The saved pages with expected captures, copied into the repository (tests/fixtures/capture, see its README). */
export const CAPTURE_FIXTURES = path.resolve(ROOT, 'tests/fixtures/capture');

type OneOrMany = string | string[];
export interface ExpectedPerson {
  name?: OneOrMany;
  emails?: string[];
  links?: string[];
}
export interface ExpectedPage {
  name: string;
  html: string;
  url: string;
  people: ExpectedPerson[];
  email?: { subject?: OneOrMany };
  campaign?: { name?: OneOrMany; source?: OneOrMany };
}

export function loadCaptureFixtures(dir = CAPTURE_FIXTURES): ExpectedPage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const spec = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Omit<ExpectedPage, 'name' | 'html'>;
      return { ...spec, name: f.replace(/\.json$/, ''), html: path.join(dir, f.replace(/\.json$/, '.html')) };
    });
}

// The same normalisation as tests/tools/score-capture.mjs, so "the same value" means the same thing here.
export const normText = (s: string) =>
  s.normalize('NFKC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s.,;:|·•-]+|[\s.,;:|·•-]+$/g, '');
export const normEmail = (s: string) => s.trim().toLowerCase().replace(/^mailto:/, '');
export function normLink(s: string): string {
  try {
    const u = new URL(s.trim());
    let host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
    if (host === 'twitter.com') host = 'x.com';
    return `${host}${decodeURIComponent(u.pathname).replace(/\/+$/, '').toLowerCase()}`;
  } catch {
    return s.trim().toLowerCase();
  }
}

const alternatives = (v: OneOrMany) => (Array.isArray(v) ? v : [v]);
export const sameText = (want: OneOrMany, got: string | undefined) =>
  got != null && alternatives(want).some((w) => normText(w) === normText(got));

/** The captured person an expected one is: same email, else same link, else same name (the scorer's order). */
export function findPerson(want: ExpectedPerson, found: CapturedPerson[]): CapturedPerson | undefined {
  const emails = (want.emails ?? []).map(normEmail);
  const links = (want.links ?? []).map(normLink);
  return (
    found.find((f) => f.emails.some((e) => emails.includes(normEmail(e)))) ??
    found.find((f) => f.links.some((l) => links.includes(normLink(l)))) ??
    (want.name ? found.find((f) => sameText(want.name!, f.name)) : undefined)
  );
}
