// refined-github style registry test: every site file is registered, claims its own sample URLs and no other's,
// rejects look-alike URLs, and reads something from each of its fixtures. Samples live here in the tests
// (tests/fixtures/sites/samples.json), not in the site files, so no fixture path reaches the injected scripts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findSite, siteExtractors } from '../../utils/capture/sites';
import { matchSite, siteMatchers } from '../../utils/capture/sites/match';
import { siteClaims, siteMatch } from '../../utils/capture/sites/define';
import type { SiteExtractor } from '../../utils/capture/types';
import { readRegistry, siteEntrypointSource } from '../../modules/sites';
import samplesJson from '../fixtures/sites/samples.json';
import { ROOT, fixtureExists, loadPage } from './sites-load';

type Sample = { url: string; fixture?: string };
const samples = samplesJson as Record<string, Sample[]>;
const modules = import.meta.glob<{ default?: SiteExtractor; match?: unknown }>('../../utils/capture/sites/*.ts', { eager: true });
const siteFiles = Object.entries(modules).filter(([, mod]) => mod.default && typeof mod.default.collect === 'function');

describe('site registry', () => {
  it('registers every site file, and only those, each file named by its site id', () => {
    expect(siteFiles.length).toBeGreaterThanOrEqual(7);
    for (const [file, mod] of siteFiles) {
      expect(siteExtractors, file).toContain(mod.default);
      expect(path.basename(file, '.ts'), file).toBe(mod.default!.id);
    }
    expect(siteExtractors).toHaveLength(siteFiles.length);
  });

  it('gives each site one URL test: the file\'s `match` export, which the background gets and the site carries', () => {
    const registered = readRegistry(ROOT);
    expect(registered.map((s) => s.id).sort()).toEqual(siteExtractors.map((s) => s.id).sort());
    expect(siteMatchers.map((m) => m.id).sort()).toEqual(siteExtractors.map((s) => s.id).sort());
    for (const [, mod] of siteFiles) {
      const s = mod.default!;
      expect(mod.match, s.id).toBeDefined();
      expect(siteMatchers, s.id).toContain(mod.match);
      expect(s.matches, s.id).toBe((mod.match as SiteExtractor).matches);
      expect(s.patterns, s.id).toBe((mod.match as SiteExtractor).patterns);
    }
  });

  it('generates an injected entrypoint per site that offers that site\'s extractor', () => {
    for (const site of readRegistry(ROOT)) {
      const source = siteEntrypointSource(site, path.join(ROOT, '.wxt/sites'), path.join(ROOT, 'utils/capture/sites'));
      expect(source).toContain(`import site from '../../utils/capture/sites/${site.id}';`);
      expect(source).toMatch(/registration: 'runtime'/);
      expect(source).toMatch(/offerSite\(site\)/);
    }
  });

  it('gives every site a unique id, patterns, and samples with at least one fixture; no sample names an unknown site', () => {
    const ids = siteExtractors.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(samples).sort()).toEqual([...ids].sort());
    for (const s of siteExtractors) {
      expect(s.patterns.length, s.id).toBeGreaterThan(0);
      expect(samples[s.id]!.some((x) => x.fixture), s.id).toBe(true);
    }
  });

  it('keeps sample URLs and fixture paths out of the site files (they would be injected into pages)', () => {
    for (const s of siteExtractors) {
      const source = readFileSync(path.join(ROOT, 'utils/capture/sites', `${s.id}.ts`), 'utf8');
      expect(source, s.id).not.toMatch(/tests\/fixtures|\bsamples\s*:/);
    }
  });

  for (const s of siteExtractors) {
    for (const sample of samples[s.id] ?? []) {
      it(`${s.id} alone claims ${sample.url}, by its patterns and its own test`, () => {
        const url = new URL(sample.url);
        const claimants = siteExtractors.filter((x) => siteClaims(x, url)).map((x) => x.id);
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
    // the site's own test accepts /mail, its patterns (/mail/*) do not: patterns are tested at run time
    'https://outlook.office.com/mail',
  ];
  for (const url of notProfiles) {
    it(`no extractor claims ${url}`, () => {
      expect(findSite(new URL(url))?.id).toBeUndefined();
      expect(matchSite(new URL(url))).toBeUndefined();
    });
  }

  it('tests the match patterns at run time, then the site\'s own narrowing', () => {
    const site = siteMatch({ id: 'fake', patterns: ['*://*.example.org/team/*'], claims: (u) => !u.pathname.endsWith('/old') });
    expect(siteClaims(site, new URL('https://www.example.org/team/anna'))).toBe(true);
    expect(siteClaims(site, new URL('https://example.org/team/x?y=1'))).toBe(true);
    expect(siteClaims(site, new URL('https://www.example.org/team/old'))).toBe(false);
    expect(siteClaims(site, new URL('https://www.example.org/about'))).toBe(false);
    expect(siteClaims(site, new URL('https://example.com/team/anna'))).toBe(false);
    expect(() => siteMatch({ id: 'bad', patterns: ['not a pattern'] })).not.toThrow();
    expect(() => siteClaims(siteMatch({ id: 'bad', patterns: ['not a pattern'] }), new URL('https://a.b/'))).toThrow();
  });

  it('never throws on an empty or foreign page, and finds no one there', () => {
    for (const s of siteExtractors) {
      for (const sample of samples[s.id] ?? []) {
        const doc = loadPage('tests/fixtures/sites/empty.html', sample.url);
        const result = s.collect(doc, new URL(sample.url));
        expect(result?.people ?? []).toEqual([]);
      }
    }
  });
});
