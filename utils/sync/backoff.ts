/** Retry timing: exponential backoff with jitter, and the server's Retry-After when it gives one. */

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** Longest Retry-After we honour: a server asking for more is treated as this. */
export const RETRY_AFTER_CAP_MS = 24 * 60 * 60_000;

/**
 * Delay before attempt `attempts + 1`: base·2^(attempts−1), capped, then "equal jitter" (half fixed,
 * half random) so a fleet of extensions does not retry in lockstep yet never retries at once.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, RETRY_AFTER_CAP_MS);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.min(Math.max(0, t - now), RETRY_AFTER_CAP_MS);
}
