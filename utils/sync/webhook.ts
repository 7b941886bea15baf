import { z } from 'zod';
import { parseRetryAfter } from './backoff';
import type { Connector, EventResult, SendOutcome, SyncEvent } from './types';

/**
 * The first connector: POST the events as JSON to a URL the user configures (their own endpoint, Zapier,
 * Make, n8n …). Wire format (docs/sync.md):
 *   request  { "events": [ { id, entity, op, data, at, remote? } ] }
 *            headers Idempotency-Key, X-Touchpoint-Signature (HMAC-SHA256 of the body, when a secret is set),
 *            Authorization: Bearer <secret> (when set)
 *   response 2xx with { "results": [ { id, status: "ok"|"rejected"|"retry", remoteId?, error? } ] }
 *            or { "ok": true } (every event accepted, no remote ids). Anything else is retried.
 */

export interface WebhookOptions {
  url: string;
  secret?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** per request; a hung receiver must not hold the drain forever */
  timeoutMs?: number;
  maxBatch?: number;
}

const WebhookResponse = z.union([
  z.object({
    results: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['ok', 'rejected', 'retry']),
        remoteId: z.union([z.string(), z.number()]).optional(),
        error: z.string().optional(),
      }),
    ),
  }),
  z.object({ ok: z.literal(true) }),
]);

export function webhookBody(events: SyncEvent[]): string {
  return JSON.stringify({ events: events.map(({ id, entity, op, data, at, remote }) => ({ id, entity, op, data, at, ...(remote ? { remote } : {}) })) });
}

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The request's Idempotency-Key: the outbox id itself for a single event; for a batch, a digest of its ids,
 * sorted (retries are rescheduled with jitter, so the same events can be claimed in another order; the
 * same set still carries the same key). Receivers should dedupe on each event's `id` in any case.
 */
export async function idempotencyKey(events: SyncEvent[]): Promise<string> {
  if (events.length === 1) return events[0]!.id;
  return `batch-${await sha256Hex(events.map((e) => e.id).sort().join(','))}`;
}

function snippet(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function classifyResponse(
  status: number,
  bodyText: string,
  retryAfter: string | null,
  now: number,
  eventIds: readonly string[],
): SendOutcome {
  if (status >= 200 && status < 300) {
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      return { kind: 'retry', error: `the webhook answered ${status} without a JSON acknowledgement` };
    }
    const parsed = WebhookResponse.safeParse(json);
    if (!parsed.success) return { kind: 'retry', error: `the webhook answered ${status} with an unexpected body: ${snippet(bodyText)}` };
    if ('ok' in parsed.data) return { kind: 'results', results: eventIds.map((id) => ({ id, status: 'ok' as const })) };
    return {
      kind: 'results',
      results: parsed.data.results.map((r): EventResult => {
        if (r.status === 'ok') return r.remoteId !== undefined ? { id: r.id, status: 'ok', remoteId: String(r.remoteId) } : { id: r.id, status: 'ok' };
        return { id: r.id, status: r.status, error: r.error ?? `the webhook said ${r.status}` };
      }),
    };
  }
  const error = `HTTP ${status}${bodyText ? `: ${snippet(bodyText)}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return retryAfterMs !== undefined ? { kind: 'retry', error, retryAfterMs } : { kind: 'retry', error };
  }
  if (status >= 400) return { kind: 'dead', error };
  return { kind: 'retry', error: `unexpected HTTP ${status}` };
}

export function createWebhookConnector(opts: WebhookOptions): Connector {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = opts.now ?? Date.now;
  return {
    id: 'webhook',
    maxBatch: opts.maxBatch ?? 100,
    async send(events, signal) {
      const body = webhookBody(events);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Idempotency-Key': await idempotencyKey(events),
      };
      if (opts.secret) {
        headers.Authorization = `Bearer ${opts.secret}`;
        headers['X-Touchpoint-Signature'] = `sha256=${await hmacHex(opts.secret, body)}`;
      }
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), opts.timeoutMs ?? 30_000);
      const onAbort = () => timeout.abort();
      signal?.addEventListener('abort', onAbort);
      try {
        const res = await doFetch(opts.url, { method: 'POST', headers, body, signal: timeout.signal, credentials: 'omit' });
        const text = await res.text();
        return classifyResponse(res.status, text, res.headers.get('Retry-After'), now(), events.map((e) => e.id));
      } catch (e) {
        const msg = timeout.signal.aborted ? 'the webhook did not answer in time' : (e as Error)?.message ?? String(e);
        return { kind: 'retry', error: `network: ${msg}` };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
