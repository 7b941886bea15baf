import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import { capture } from '../../utils/capture';
import type { Collected, SiteExtractor } from '../../utils/capture/types';
import { Capture } from '../../utils/model/capture';
import { docOf, page } from './capture-helpers';

/** Capture never throws and always returns in bounded time, with what it found and a warning. */

describe('bounded work', () => {
  it('a 200,000-element page returns, with a warning, without throwing', () => {
    const cards: string[] = [];
    // 40,000 cards × 5 elements = 200,000 elements, one real person at the top
    cards.push('<article class="card"><h3>Selma Okonkwo</h3><p>Head of Partnerships</p><a href="mailto:selma@bigco.test">mail</a></article>');
    for (let i = 0; i < 40_000; i++) cards.push(`<div><span>Item</span><b>${i}</b><i>x</i><em>y</em></div>`);
    const doc = docOf(page(cards.join('')), 'https://bigco.test/people');
    expect(doc.getElementsByTagName('*').length).toBeGreaterThanOrEqual(200_000);
    let c: Capture | undefined;
    expect(() => {
      c = refine(collect(doc, 'https://bigco.test/people', { site: null }));
    }).not.toThrow();
    expect(c!.warnings?.some((w) => /too large|too long|too slow/.test(w))).toBe(true);
    expect(c!.people.map((p) => p.name)).toContain('Selma Okonkwo');
    // The bound is the walk's caps (the warning above says one fired), not a wall-clock assertion: machines here are
    // shared and noisy. How long capture takes on a large page is measured by `npm run bench`.
  }, 180_000);

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
