import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_URL, generateDirectoryPage, slug } from '../../scripts/bench/large-page';

describe('generated directory page', () => {
  const page = generateDirectoryPage({ people: 2000 });

  it('lists 2,000 distinct people and weighs several MB', () => {
    expect(page.people).toHaveLength(2000);
    expect(new Set(page.people.map((p) => p.name)).size).toBe(2000);
    expect(new Set(page.people.map((p) => p.email)).size).toBe(2000);
    expect(new Set(page.people.map((p) => p.linkedin)).size).toBe(2000);
    const bytes = Buffer.byteLength(page.html);
    expect(bytes).toBeGreaterThan(3_000_000);
    expect(bytes).toBeLessThan(10_000_000);
    expect(page.url).toBe(DIRECTORY_URL);
  });

  it('is the same page byte for byte for the same seed, and a different one for another seed', () => {
    expect(generateDirectoryPage({ people: 50 }).html).toBe(generateDirectoryPage({ people: 50 }).html);
    expect(generateDirectoryPage({ people: 50, seed: 2 }).html).not.toBe(generateDirectoryPage({ people: 50 }).html);
  });

  it('puts every person on the page as a card with their mailto, tel and profile links', () => {
    const small = generateDirectoryPage({ people: 120 });
    const doc = new JSDOM(small.html).window.document;
    const cards = [...doc.querySelectorAll('article.dir-card')];
    expect(cards).toHaveLength(120);
    for (const [i, card] of cards.entries()) {
      const p = small.people[i]!;
      expect(card.querySelector('.dir-card__name')?.textContent).toBe(p.name);
      expect(card.querySelector(`a[href="mailto:${p.email}"]`)).not.toBeNull();
      expect(card.querySelector(`a[href="tel:${p.phone.replace(/ /g, '')}"]`)).not.toBeNull();
      expect(card.querySelector(`a[href="${p.linkedin}"]`)).not.toBeNull();
    }
  });

  it('writes valid-looking emails and international phone numbers', () => {
    for (const p of page.people) {
      expect(p.email).toMatch(/^[a-z0-9.]+@northwind-analytics\.com$/);
      expect(p.phone).toMatch(/^\+46 31 \d\d \d\d \d\d$/);
      expect(p.linkedin).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+\/$/);
    }
  });

  it('escapes nothing into markup: names with accents survive, the app-state script stays a script', () => {
    const doc = new JSDOM(generateDirectoryPage({ people: 60 }).html).window.document;
    expect(doc.body.textContent).toContain('Chloé');
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.body.textContent).not.toContain('__APP_STATE__');
  });

  it('numbers names once the first × last combinations run out, so names stay unique at any size', () => {
    const big = generateDirectoryPage({ people: 2600 });
    expect(new Set(big.people.map((p) => p.name)).size).toBe(2600);
  });

  it('makes ASCII slugs', () => {
    expect(slug('Chloé Fernández', '.')).toBe('chloe.fernandez');
    expect(slug('Wójcik', '-')).toBe('wojcik');
  });

  it('refuses a negative or fractional size', () => {
    expect(() => generateDirectoryPage({ people: -1 })).toThrow(RangeError);
    expect(() => generateDirectoryPage({ people: 1.5 })).toThrow(RangeError);
  });
});
