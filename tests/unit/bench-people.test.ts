import { describe, expect, it } from 'vitest';
import { generatePeople, searchQueries } from '../../scripts/bench/people';

describe('bench contacts and search queries', () => {
  it('generates the same people for the same seed, with unique emails and links', () => {
    const a = generatePeople(5000);
    expect(a).toEqual(generatePeople(5000));
    expect(new Set(a.map((p) => p.emails[0])).size).toBe(5000);
    expect(new Set(a.map((p) => p.links[0])).size).toBe(5000);
    expect(new Set(a.map((p) => p.phones[0])).size).toBe(5000);
  });

  it('spreads names widely, as a real address book does', () => {
    const people = generatePeople(10_000);
    expect(new Set(people.map((p) => p.firstName)).size).toBeGreaterThan(1000);
    expect(new Set(people.map((p) => p.lastName)).size).toBeGreaterThan(5000);
    for (const p of people.slice(0, 200)) {
      expect(p.name).toBe(`${p.firstName} ${p.lastName}`);
      expect(p.emails[0]).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.com$/);
    }
  });

  it('asks for prefixes of names that exist, each starting with another letter than the one before', () => {
    const names = ['Svensson', 'Johansson', 'Karlsson', 'Nilsson', 'Smith'];
    const qs = searchQueries(names, 30);
    expect(qs).toHaveLength(30);
    for (const [i, q] of qs.entries()) {
      expect(q.length).toBeGreaterThanOrEqual(3);
      expect(names.some((n) => n.toLowerCase().startsWith(q))).toBe(true);
      if (i > 0) expect(q[0]).not.toBe(qs[i - 1]![0]);
    }
  });

  it('skips names a tokeniser might split, and returns nothing when nothing is usable', () => {
    expect(searchQueries(["O'Brien", 'Li'], 5)).toEqual([]);
    expect(searchQueries(["O'Brien", 'Öberg'], 3).every((q) => 'öberg'.startsWith(q))).toBe(true);
  });
});
