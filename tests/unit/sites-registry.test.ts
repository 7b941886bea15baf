// refined-github style registry test: every extractor file is registered, claims its own sample URLs and no other's,
// rejects look-alike URLs, and reads something from each of its fixtures.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { findSite, siteExtractors } from '../../utils/capture/sites';
import { matchSite, siteMatchers } from '../../utils/capture/sites/match';
import type { SiteExtractor } from '../../utils/capture/types';
import { fixtureExists, loadPage } from './sites-load';

const modules = import.meta.glob<{ default?: SiteExtractor }>('../../utils/capture/sites/*.ts', { eager: true });

describe('site registry', () => {
  it('registers every extractor file, and only those', () => {
    const declared = Object.entries(modules)
      .filter(([file, mod]) => !file.endsWith('/index.ts') && mod.default && typeof mod.default.collect === 'function')
      .map(([, mod]) => mod.default!);
    expect(declared.length).toBeGreaterThanOrEqual(7);
    for (const extractor of declared) expect(siteExtractors).toContain(extractor);
    expect(siteExtractors).toHaveLength(declared.length);
  });

  it('gives the background a URL matcher for every extractor, and each extractor a site script that offers it', () => {
    expect(siteMatchers.map((m) => m.id)).toEqual(siteExtractors.map((s) => s.id));
    for (const [file, mod] of Object.entries(modules)) {
      const s = mod.default;
      if (!s || typeof s.collect !== 'function') continue;
      const matcher = siteMatchers.find((m) => m.id === s.id)!;
      expect(matcher.matches, s.id).toBe(s.matches);
      // entrypoints/site-<id>.content.ts must import this very file and offer its extractor to the core script
      const entry = `entrypoints/site-${s.id}.content.ts`;
      expect(existsSync(entry), entry).toBe(true);
      const source = readFileSync(entry, 'utf8');
      const base = file.replace(/^.*\/sites\//, '').replace(/\.ts$/, '');
      expect(source, entry).toContain(`from '../utils/capture/sites/${base}'`);
      expect(source, entry).toMatch(/offerSite\(\w+\)/);
    }
  });

  it('gives every extractor a unique id, patterns and at least one sample with a fixture', () => {
    const ids = siteExtractors.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of siteExtractors) {
      expect(s.patterns.length, s.id).toBeGreaterThan(0);
      expect(s.samples.some((x) => x.fixture), s.id).toBe(true);
    }
  });

  for (const s of siteExtractors) {
    for (const sample of s.samples) {
      it(`${s.id} alone claims ${sample.url}`, () => {
        const url = new URL(sample.url);
        const claimants = siteExtractors.filter((x) => x.matches(url)).map((x) => x.id);
        expect(claimants).toEqual([s.id]);
        expect(findSite(url)).toBe(s);
        expect(matchSite(url)?.id).toBe(s.id);
      });
      if (!sample.fixture) continue;
      it(`${s.id} reads a person or an organization from ${sample.fixture}`, () => {
        expect(fixtureExists(sample.fixture!), `missing fixture ${sample.fixture}`).toBe(true);
        const url = new URL(sample.url);
        const result = s.collect(loadPage(sample.fixture!, sample.url), url);
        expect(result).not.toBeNull();
        expect(result!.people.length > 0 || !!result!.organization).toBe(true);
        for (const p of result!.people) {
          expect(p.name, `${s.id}: every person has a name`).toBeTruthy();
          for (const link of p.links ?? []) expect(link).toMatch(/^https?:\/\//);
        }
      });
    }
  }

  const notProfiles = [
    'https://github.com/tokafor/lintkit',
    'https://github.com/tokafor/lintkit/issues/3',
    'https://github.com/settings/profile',
    'https://github.com/orgs/lumen-labs/people',
    'https://github.com/features/copilot',
    'https://github.com/marketplace',
    'https://github.com/',
    'https://gist.github.com/tokafor',
    'https://x.com/home',
    'https://x.com/search?q=revops',
    'https://x.com/i/bookmarks',
    'https://x.com/settings/account',
    'https://x.com/explore',
    'https://x.com/Kikobeats/status/1790000000000000000',
    'https://twitter.com/notifications',
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/jobs/view/3811111111/',
    'https://www.linkedin.com/messaging/thread/2-abc/',
    'https://www.linkedin.com/search/results/companies/?keywords=acme',
    'https://www.linkedin.com/posts/maya-lindqvist_partners-activity-7139871234567890123-abcd',
    'https://www.notlinkedin.com/in/maya',
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/0/#label/Clients',
    'https://calendar.google.com/calendar/u/0/r',
    'https://outlook.office.com/calendar/view/week',
    'https://outlook.example.com/mail/inbox',
    'https://example.com/in/maya-lindqvist',
  ];
  for (const url of notProfiles) {
    it(`no extractor claims ${url}`, () => {
      expect(findSite(new URL(url))?.id).toBeUndefined();
      expect(matchSite(new URL(url))).toBeUndefined();
    });
  }

  it('never throws on an empty or foreign page, and finds no one there', () => {
    for (const s of siteExtractors) {
      for (const sample of s.samples) {
        const doc = loadPage('tests/fixtures/sites/empty.html', sample.url);
        const result = s.collect(doc, new URL(sample.url));
        expect(result?.people ?? []).toEqual([]);
      }
    }
  });
});
