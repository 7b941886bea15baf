// What the extension injects into a tab: the site script the URL needs (if any) before the core capture script, and
// the page-global hand-over between the two.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { captureFiles } from '../../entrypoints/background/capture';
import { measureSizes } from '../../scripts/bench/sizes';
import { collect, collectPage } from '../../utils/capture/collect';
import { siteExtractors } from '../../utils/capture/sites';
import { offerSite, takeSite } from '../../utils/capture/sites/page-slot';
import { linkedinProfile } from '../../utils/capture/sites/linkedin-profile';
import { gmailThread } from '../../utils/capture/sites/gmail-thread';
import { loadPage } from './sites-load';
import samplesJson from '../fixtures/sites/samples.json';

const PROFILE = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';

describe('captureFiles', () => {
  it('puts the claiming site script before the core script', () => {
    expect(captureFiles(PROFILE)).toEqual(['/content-scripts/site-linkedin-profile.js', '/content-scripts/capture.js']);
    expect(captureFiles('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB')).toEqual([
      '/content-scripts/site-gmail-thread.js',
      '/content-scripts/capture.js',
    ]);
  });

  it('injects the core script alone where no site claims the URL, or the URL is unknown or unparsable', () => {
    for (const url of ['https://example.org/team', 'https://www.linkedin.com/feed/', undefined, 'not a url']) {
      expect(captureFiles(url), String(url)).toEqual(['/content-scripts/capture.js']);
    }
  });

  it('names the site script of every registered site (modules/sites.ts generates one per registry line)', () => {
    const samples = samplesJson as Record<string, { url: string }[]>;
    for (const s of siteExtractors) {
      const [file] = captureFiles(samples[s.id]![0]!.url);
      expect(file).toBe(`/content-scripts/site-${s.id}.js`);
    }
  });
});

describe('the page slot', () => {
  afterEach(() => void takeSite('https://example.org/'));

  it('hands the offered extractor to the core script once, for a URL it claims', () => {
    offerSite(linkedinProfile);
    expect(takeSite(PROFILE)).toBe(linkedinProfile);
    expect(takeSite(PROFILE)).toBeNull(); // emptied: a later capture of a generic page cannot reuse it
  });

  it('ignores an extractor left for another page (an SPA navigated since) and garbage', () => {
    offerSite(gmailThread);
    expect(takeSite(PROFILE)).toBeNull();
    (globalThis as Record<string, unknown>).__touchpointSite = { id: 'x' };
    expect(takeSite(PROFILE)).toBeNull();
    offerSite(linkedinProfile);
    expect(takeSite('::')).toBeNull();
  });

  it('gives the core script the same result as the full-registry collect', () => {
    const doc = loadPage('tests/fixtures/capture/linkedin-profile.html', PROFILE);
    offerSite(linkedinProfile);
    const viaSlot = collectPage(doc, PROFILE, { site: takeSite(PROFILE) });
    const viaRegistry = collect(doc, PROFILE);
    expect(viaSlot.site).toBe('linkedin-profile');
    expect(viaSlot.people.length).toBeGreaterThan(0);
    expect(viaSlot).toEqual(viaRegistry);
    const generic = new JSDOM('<p>Anna Berg, anna@berg.example</p>', { url: 'https://berg.example/' }).window.document;
    expect(collectPage(generic, 'https://berg.example/', { site: takeSite('https://berg.example/') }).site).toBe('generic');
  });
});

describe('bench sizes of the injected scripts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('reports core + the largest site script, the core alone, and each site script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-inject-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'content-scripts'));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    writeFileSync(join(dir, 'content-scripts/capture.js'), 'c'.repeat(100));
    writeFileSync(join(dir, 'content-scripts/site-a.js'), 'a'.repeat(30));
    writeFileSync(join(dir, 'content-scripts/site-b.js'), 'b'.repeat(50));
    const by = Object.fromEntries(measureSizes(dir, 'fake').data!.bundles.map((b) => [b.entry, b]));
    expect(by['capture (injected)']).toMatchObject({ raw: 150, files: ['content-scripts/capture.js', 'content-scripts/site-b.js'] });
    expect(by['capture core (generic page)']!.raw).toBe(100);
    expect(by['capture site: a']!.raw).toBe(30);
    expect(by['capture site: b']!.raw).toBe(50);
  });
});
