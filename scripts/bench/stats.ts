/** Summary statistics for benchmark samples. Pure, so they are unit-tested. */

export interface Summary {
  /** how many samples the summary covers */
  n: number;
  median: number;
  min: number;
  max: number;
}

export interface Percentiles extends Summary {
  p50: number;
  p95: number;
}

/**
 * The q-quantile (0..1) of the samples by linear interpolation between closest ranks
 * (the same definition as numpy's default), so p50 of an even count is the mean of the middle two.
 */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('quantile of no samples');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile out of range: ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summary of no samples');
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new RangeError(`sample is not a finite number: ${s}`);
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return { n: samples.length, median: quantile(samples, 0.5), min, max };
}

export function percentiles(samples: readonly number[]): Percentiles {
  const s = summarize(samples);
  return { ...s, p50: s.median, p95: quantile(samples, 0.95) };
}

/** Round for display and for the JSON file: timings to 0.01 ms are already below the noise here. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
