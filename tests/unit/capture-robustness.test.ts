import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import { capture } from '../../utils/capture';
import type { Collected, SiteExtractor } from '../../utils/capture/types';
import { Capture } from '../../utils/model/capture';
import { docOf, page } from './capture-helpers';
import { boundedBody } from '../../scripts/bench/large-page';
import { DEFAULT_LIMITS, scanAttributes, walkText } from '../../utils/capture/dom/walk';

/** Capture never throws and always returns in bounded time, with what it found and a warning. */

describe('bounded work', () => {
  // The 200,000-element page itself runs in `npm run bench` (scripts/bench/large-page.ts generateBoundedPage), in the
  // browser where it takes a fraction of a second; in jsdom it took one to two minutes of npm test. Here: the same
  // caps and the same code paths, on a page small enough to be quick.
  it('a page over the node cap returns what it found, with a warning, without throwing', () => {
    const html = page(boundedBody(400)); // ~2,000 elements
    const doc = docOf(html, 'https://bigco.test/people');
    let c: Capture | undefined;
    expect(() => {
      c = refine(collect(doc, 'https://bigco.test/people', { site: null, limits: { maxNodes: 500 } }));
    }).not.toThrow();
    expect(c!.warnings?.some((w) => /too large/.test(w))).toBe(true);
    expect(c!.people.map((p) => p.name)).toContain('Selma Okonkwo');
  });

  it('the per-element checks a page too large for the up-front scan gets agree with the scan', () => {
    const html = page(
      `<div hidden><p>Ghost Writer, ghost@bigco.test</p></div><p style="display:none">Trap Person, trap@bigco.test</p>` +
        `<div aria-hidden="true"><p>Aria Hidden, aria@bigco.test</p></div>` +
        `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ida Lund</span></div>` +
        `<div class="h-card"><span class="p-name">Mei Chen</span></div>${boundedBody(5)}`,
    );
    const doc = docOf(html, 'https://bigco.test/people');
    const scanned = scanAttributes(doc);
    expect(scanned).not.toBeNull();
    const withScan = walkText([doc.body], new Set(), DEFAULT_LIMITS, scanned);
    const perElement = walkText([doc.body], new Set(), DEFAULT_LIMITS, null);
    expect(perElement.blocks.map((b) => b.text)).toEqual(withScan.blocks.map((b) => b.text));
    const text = withScan.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('Selma Okonkwo');
    expect(text).not.toMatch(/Ghost|Trap|Aria Hidden/);
    expect(withScan.blocks.find((b) => b.text.includes('Ida Lund'))?.structured).toBe(true);
    expect(perElement.blocks.find((b) => b.text.includes('Ida Lund'))?.structured).toBe(true);
    expect(scanned!.hcards).toHaveLength(1);
    expect(scanned!.items).toHaveLength(1);
  });

  it('a page with megabytes of text stops at the character cap', () => {
    const para = `<p>${'lorem ipsum dolor sit amet '.repeat(400)}</p>`;
    const doc = docOf(page(para.repeat(300)), 'https://long.test/');
    const c = collect(doc, 'https://long.test/', { site: null, limits: { maxChars: 1_000_000 } });
    expect(c.warnings.some((w) => /too long/.test(w))).toBe(true);
    const total = c.raw.textBlocks.reduce((s, b) => s + b.text.length, 0);
    expect(total).toBeLessThan(1_100_000);
  }, 60_000);
});

describe('never throws', () => {
  it('a site extractor that throws falls back to the generic layers with a warning', () => {
    const site: SiteExtractor = {
      id: 'broken', patterns: [], matches: () => true,
      collect: () => {
        throw new Error('selector exploded');
      },
    };
    const html = page('<article class="card"><h3>Tove Lund</h3><p>Chief Marketing Officer</p></article>');
    const c = refine(collect(docOf(html), 'https://www.acme-widgets.test/', { site }));
    expect(c.site).toBe('generic');
    expect(c.people.map((p) => p.name)).toEqual(['Tove Lund']);
    expect(c.warnings?.some((w) => w.includes('selector exploded'))).toBe(true);
  });

  it('refine survives malformed collected data', () => {
    const junk = [
      {} as unknown as Collected,
      { url: 'not a url', site: 'generic', pageKind: 'page', people: [{ layer: 'x', name: 42 }], raw: null, warnings: [] } as unknown as Collected,
      { url: 'https://a.test/', site: 'generic', pageKind: 'page', people: [{ layer: 'x', emails: 'a@b.test', phones: [null], links: [{}] }], raw: { hcards: ['<div class="h-card">'], jsonld: ['[[['], textBlocks: [{ text: '' }], meta: {} }, warnings: [] } as unknown as Collected,
    ];
    for (const j of junk) {
      let c: Capture | undefined;
      expect(() => (c = refine(j))).not.toThrow();
      expect(Capture.safeParse(c).success).toBe(true);
    }
  });

  it('output always validates, and over-long values are truncated to the schema bounds', () => {
    const long = 'A'.repeat(5000);
    const ld = { '@type': 'Person', name: `Zed ${long}`, jobTitle: long, email: Array.from({ length: 80 }, (_, i) => `p${i}.x@many.test`) };
    const c = capture(docOf(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), 'https://many.test/'), 'https://many.test/', { site: null });
    expect(Capture.safeParse(c).success).toBe(true);
    expect(c.people[0]!.name.length).toBeLessThanOrEqual(500);
    expect(c.people[0]!.emails).toHaveLength(50);
  });
});
