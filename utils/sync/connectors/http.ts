import { parseRetryAfter } from '../backoff';
import { reasonFromBody, scrubError } from '../errors';
import type { Failure } from '../types';

/**
 * The HTTP plumbing the CRM connectors share: one request with a timeout, redirects never followed,
 * no cookies; an answer classified into the engine's failure kinds. The connectors themselves are
 * request builders and response interpreters over this, so tests drive them with a fake `fetch`.
 */

export interface HttpEnv {
  fetch?: typeof fetch;
  now?: () => number;
  /** per request; a hung CRM must not hold the drain */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** the body parsed as JSON, when it is JSON */
  json: unknown;
}

export type HttpResult = { ok: true; answer: HttpAnswer } | { ok: false; failure: Failure; status: number };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export const CRM_TIMEOUT_MS = 30_000;

/**
 * Sends one request. A 2xx is `ok`; anything else is a classified failure (see `failureFor`), with
 * the connector's own reading of rate-limit headers. Never throws.
 */
export async function http(
  req: HttpRequest,
  env: HttpEnv,
  opts: { signal?: AbortSignal; crm: string; rateLimitWait?: (headers: Headers, now: number) => number | undefined },
): Promise<HttpResult> {
  const doFetch = env.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = env.now ?? Date.now;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), env.timeoutMs ?? CRM_TIMEOUT_MS);
  const onAbort = () => timeout.abort();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await doFetch(req.url, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      signal: timeout.signal,
      credentials: 'omit',
      // A redirected POST comes back as a GET without its body: a 3xx is a failure, never followed.
      redirect: 'manual',
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, answer: { status: res.status, headers: res.headers, text, json } };
    const wait = opts.rateLimitWait?.(res.headers, now());
    return { ok: false, status: res.status, failure: failureFor(res.status, text, res.headers, now(), opts.crm, wait) };
  } catch (e) {
    const msg = timeout.signal.aborted ? `${opts.crm} did not answer in time` : `network: ${(e as Error)?.message ?? String(e)}`;
    return { ok: false, status: 0, failure: { kind: 'retryable', error: scrubError(msg) } };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * One rule for every CRM answer that is not a 2xx:
 *  - 401/403: auth (the destination pauses until the user reconnects; nothing is dead);
 *  - 429: rate-limited, waiting the longer of Retry-After and the CRM's own rate-limit headers;
 *  - 413: too large (the engine splits the batch);
 *  - 408, 5xx, 3xx (a redirect is never followed), and a 0 (an opaque redirect): retryable;
 *  - other 4xx: poison (this request will never be accepted as it is).
 * The error text is short and scrubbed: a CRM echoing the token must not put it in the side panel.
 */
export function failureFor(status: number, body: string, headers: Headers, now: number, crm: string, rateLimitWaitMs?: number): Failure {
  const reason = reasonFromBody(body);
  const error = scrubError(`${crm} answered HTTP ${status}${reason ? `: ${reason}` : ''}`);
  const retryAfterMs = parseRetryAfter(headers.get('Retry-After'), now);
  const wait = Math.max(retryAfterMs ?? 0, rateLimitWaitMs ?? 0) || undefined;
  if (status === 401 || status === 403) return { kind: 'auth', error };
  if (status === 429) return { kind: 'rate-limited', error, retryAfterMs: wait ?? 10_000 };
  if (status === 413) return { kind: 'too-large', error };
  if (status === 408 || status >= 500 || (status >= 300 && status < 400) || status === 0) {
    return wait !== undefined ? { kind: 'retryable', error, retryAfterMs: wait } : { kind: 'retryable', error };
  }
  return { kind: 'poison', error };
}

/** `a` is worse than `b` for the batch as a whole: auth beats everything (the user must act), then the longest wait. */
export function worse(a: Failure, b: Failure | undefined): boolean {
  if (!b) return true;
  const rank = (f: Failure) => (f.kind === 'auth' ? 3 : f.kind === 'rate-limited' ? 2 : f.kind === 'retryable' ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  return (a.retryAfterMs ?? 0) > (b.retryAfterMs ?? 0);
}

/** A failure that stops the rest of a send: the CRM will refuse the next request the same way. */
export function stopsTheBatch(f: Failure): boolean {
  return f.kind === 'auth' || f.kind === 'rate-limited' || f.kind === 'retryable';
}

/** Plain text for a CRM note, from text the user typed (HubSpot note bodies are HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
