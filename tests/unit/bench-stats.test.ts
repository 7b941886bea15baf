import { describe, expect, it } from 'vitest';
import { percentiles, quantile, round, summarize } from '../../scripts/bench/stats';

describe('bench statistics', () => {
  it('takes the median of an odd count as the middle value, of an even count as the mean of the middle two', () => {
    expect(summarize([5, 1, 3]).median).toBe(3);
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('reports min, max and the sample count, whatever the order', () => {
    expect(summarize([3, 9, 1, 4])).toEqual({ n: 4, median: 3.5, min: 1, max: 9 });
  });

  it('interpolates quantiles between closest ranks', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(quantile(xs, 0.95)).toBe(95);
    expect(quantile([10, 20], 0.95)).toBeCloseTo(19.5);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it('gives p50 equal to the median and p95 near the top', () => {
    const p = percentiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    expect(p.p50).toBe(p.median);
    expect(p.p95).toBeGreaterThan(9);
    expect(p.p95).toBeLessThan(100);
  });

  it('refuses empty samples and non-numbers rather than inventing a figure', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });

  it('does not reorder the caller\'s array', () => {
    const xs = [3, 1, 2];
    quantile(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('rounds to the given digits', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.235, 1)).toBe(1.2);
  });
});
