// A very large page: a quick first answer from its start, and no silent cut of the people beyond what one capture lists.
import { describe, expect, it } from 'vitest';
import { QUICK_TEXT_BLOCKS, startOfPage } from '../../utils/capture/partial';
import { refine } from '../../utils/capture/refine';
import type { Collected, TextBlock } from '../../utils/capture/types';
import { Capture, MAX_PEOPLE } from '../../utils/model/capture';
import { leftOutText, restOf, stoppedEarly } from '../../entrypoints/popup/logic';

const card = (i: number): TextBlock => ({ text: `Person Number${i}\nAccount Executive\np${i}@northwind-big.example`, links: [`mailto:p${i}@northwind-big.example`], card: true });
function collected(blocks: TextBlock[]): Collected {
  return { url: 'https://northwind-big.example/people', site: 'generic', pageKind: 'page', people: [], raw: { hcards: [], jsonld: [], textBlocks: blocks, meta: {} }, warnings: [] };
}

describe('startOfPage', () => {
  it('keeps a page of ordinary size whole', () => {
    const c = collected(Array.from({ length: 50 }, (_, i) => card(i)));
    expect(startOfPage(c)).toEqual({ collected: c, partial: false });
  });

  it('keeps the first blocks and the closing non-card blocks of a long page, and says it is partial', () => {
    const footer: TextBlock = { text: '© 2026 Northwind Big AB', hint: 'footer' };
    const c = collected([...Array.from({ length: 2000 }, (_, i) => card(i)), footer]);
    const start = startOfPage(c);
    expect(start.partial).toBe(true);
    expect(start.collected.raw.textBlocks).toHaveLength(QUICK_TEXT_BLOCKS + 1);
    expect(start.collected.raw.textBlocks.at(-1)).toBe(footer);
    expect(start.collected.raw.textBlocks.some((b) => b.text.includes('Number1999'))).toBe(false);
    expect(c.raw.textBlocks).toHaveLength(2001); // the input is not changed
  });
});

describe('people beyond what one capture lists', () => {
  it('are counted in omitted, not dropped silently, and the capture validates', () => {
    const FIRST = ['Maya', 'Liam', 'Sofia', 'Noah', 'Amara', 'Elias', 'Ingrid', 'Mateo', 'Priya', 'Jonas'];
    const LAST = ['Lindqvist', 'Okafor', 'Moreau', 'Tanaka', 'Berg', 'Haddad', 'Novak', 'Iyer', 'Schmidt', 'Nguyen'];
    const MID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const people = Array.from({ length: MAX_PEOPLE + 40 }, (_, i) => {
      const name = `${FIRST[i % 10]} ${MID[Math.floor(i / 100) % 26]}. ${MID[Math.floor(i / 2600)]}. ${LAST[Math.floor(i / 10) % 10]}`;
      return { layer: 'directory', name, emails: [`p${i}@northwind-big.example`] };
    });
    const c = refine({ ...collected([]), site: 'directory', people });
    expect(c.people).toHaveLength(MAX_PEOPLE);
    expect(c.omitted).toBe(40);
    expect(Capture.safeParse(c).success).toBe(true);
  }, 120_000);
});

describe('popup logic for many people', () => {
  const p = (name: string, email?: string) => ({ name, emails: email ? [email] : [], phones: [], links: [], sources: {} });

  it('restOf keeps the people shown and adds the rest in page order, with their matches and hints, without repeats', () => {
    const shown = [p('Ana', 'ana@x.example'), p('Bo', 'bo@x.example')];
    const full = { people: [p('Ana', 'ana@x.example'), p('Cy', 'cy@x.example'), p('Bo', 'bo@x.example'), p('Di')], matches: ['c-ana', 'c-cy', null, null] };
    expect(restOf(shown, full)).toEqual({ people: [p('Cy', 'cy@x.example'), p('Di')], matches: ['c-cy', null], known: [null, null], duplicates: [[], []] });
  });

  it('leftOutText says how many are not shown and why, and nothing when all are', () => {
    expect(leftOutText({ shown: 3, listed: 3, omitted: 0, readingRest: false, stoppedEarly: false })).toBeNull();
    expect(leftOutText({ shown: 100, listed: 5000, omitted: 1234, readingRest: false, stoppedEarly: true })).toBe(
      'Showing the first 100 of 6,234 people: 6,134 more not shown. Touchpoint lists at most 5,000 people of one page; 1,234 more were found and left out. This page is very large: Touchpoint stopped reading part way down, so people further down are not listed.',
    );
    expect(stoppedEarly(['capture: page too slow to read: stopped after 1500 ms; the result may be incomplete'])).toBe(true);
    expect(stoppedEarly(['capture: the linkedin reader found no one'])).toBe(false);
  });
});

describe('a quick first read in the page', () => {
  it('collect stops after the blocks asked for and says the result is partial, without a warning', async () => {
    const { docOf, page } = await import('./capture-helpers');
    const { collectPage } = await import('../../utils/capture/collect-page');
    const cards = Array.from({ length: 50 }, (_, i) => `<article class="card"><h3>Maya Lindqvist ${i}</h3><p>m${i}@northwind.example</p></article>`).join('');
    const doc = docOf(page(`${cards}<footer>© Northwind</footer>`), 'https://northwind.example/team');
    const quick = collectPage(doc, 'https://northwind.example/team', { site: null, limits: { maxBlocks: 10 } });
    expect(quick.partial).toBe(true);
    expect(quick.raw.textBlocks.length).toBeGreaterThanOrEqual(10);
    expect(quick.raw.textBlocks.length).toBeLessThan(15);
    expect(quick.warnings).toEqual([]);
    const whole = collectPage(doc, 'https://northwind.example/team', { site: null });
    expect(whole.partial).toBeUndefined();
    expect(whole.raw.textBlocks.length).toBeGreaterThan(50);
  });

  it('the background\'s quick flag is taken once by the core script', async () => {
    const { QUICK_SLOT, takeQuick } = await import('../../utils/capture/sites/page-slot');
    expect(takeQuick()).toBe(false);
    (globalThis as Record<string, unknown>)[QUICK_SLOT] = true;
    expect(takeQuick()).toBe(true);
    expect(takeQuick()).toBe(false);
  });
});
