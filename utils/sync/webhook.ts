import { EVENT_VERSION, publicCompany, publicContact, publicNote, publicTask, publicTouchpoint, WebhookAck, type WebhookEvent } from '../model/events';
import { parseRetryAfter } from './backoff';
import { reasonFromBody, scrubError } from './errors';
import type { Connector, EventResult, Failure, SendOutcome, SyncEvent, TestResult } from './types';

/**
 * The webhook connector: Standard Webhooks (standardwebhooks.com). POST a JSON batch of events to the URL
 * the user configured (their server, Zapier, Make, n8n …). Wire format in docs/sync.md:
 *   headers  webhook-id (the batch id: the same on every retry), webhook-timestamp (unix seconds),
 *            webhook-signature "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>" — one per valid
 *            secret, space-separated, during a rotation; Idempotency-Key (= webhook-id).
 *            The secret itself is never sent.
 *   body     { "events": [ { id, type, version, timestamp, data, remote? } ] }   (utils/model/events.ts)
 *   answer   2xx with { "results": [ { id, status: ok|rejected|retry, remoteId?, error? } ] } or { "ok": true }.
 * Redirects are never followed (a 3xx is a failure), and nothing but that acknowledgement counts.
 */

export interface WebhookOptions {
  url: string;
  /** `whsec_<base64>` (Standard Webhooks); any other string is used as UTF-8 key bytes */
  secret?: string;
  /** still signed with during a rotation, beside `secret` */
  previousSecret?: string;
  /** add provenance and field history to contact payloads (the user opted in) */
  includeProvenance?: boolean;
  fetch?: typeof fetch;
  now?: () => number;
  /** per request; a hung receiver must not hold the drain forever */
  timeoutMs?: number;
  maxBatch?: number;
}

export const WEBHOOK_TIMEOUT_MS = 30_000;

/** FNV-1a 64-bit: a short, stable identity for a URL (not a secret, not security-relevant). */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The destination identity of a webhook: remote ids from one URL are never sent to another. */
export function webhookDestination(url: string): string {
  let normal = url.trim();
  try {
    normal = new URL(normal).href;
  } catch {
    // kept as typed; the settings schema has validated it already
  }
  return `webhook:${fnv1a64(normal)}`;
}

/** The public wire form of one event (no internal bookkeeping; provenance only on opt-in). */
export function wireEvent(e: SyncEvent, includeProvenance = false): WebhookEvent {
  const head = { id: e.id, version: EVENT_VERSION, timestamp: e.at, ...(e.remote ? { remote: e.remote.mergedIds ? { ...(e.remote.id ? { id: e.remote.id } : {}), ...(e.remote.contactId ? { contactId: e.remote.contactId } : {}) } : e.remote } : {}) } as const;
  switch (e.type) {
    case 'contact.upserted':
      return { ...head, type: e.type, data: publicContact(e.data, includeProvenance) };
    case 'contact.merged':
      return { ...head, type: e.type, data: { ...e.data, ...(e.remote?.mergedIds?.length ? { mergedRemoteIds: e.remote.mergedIds } : {}) } };
    case 'touchpoint.created':
      return { ...head, type: e.type, data: publicTouchpoint(e.data) };
    case 'note.created':
    case 'note.updated':
      return { ...head, type: e.type, data: publicNote(e.data) };
    case 'task.created':
    case 'task.updated':
      return { ...head, type: e.type, data: publicTask(e.data) };
    case 'company.upserted':
      return { ...head, type: e.type, data: publicCompany(e.data) };
    case 'contact.deleted':
    case 'note.deleted':
      return { ...head, type: e.type, data: { id: e.data.id } };
  }
}

export function webhookBody(events: SyncEvent[], includeProvenance = false): string {
  return JSON.stringify({ events: events.map((e) => wireEvent(e, includeProvenance)) });
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The key bytes of a secret: `whsec_` + base64 as Standard Webhooks defines it, else the string's UTF-8 bytes. */
export function secretBytes(secret: string): Uint8Array {
  if (secret.startsWith('whsec_')) {
    const bin = atob(secret.slice('whsec_'.length));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  }
  return new TextEncoder().encode(secret);
}

/** A new secret in the Standard Webhooks form: whsec_ + 24 random bytes, base64. */
export function generateSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** Standard Webhooks signer; the CryptoKeys are imported once per secret. */
export function createSigner(secrets: readonly string[]) {
  const keys = secrets.map((s) =>
    crypto.subtle.importKey('raw', secretBytes(s) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  );
  const encoder = new TextEncoder();
  return async function sign(id: string, timestamp: number, body: string): Promise<string> {
    const content = encoder.encode(`${id}.${timestamp}.${body}`);
    const sigs = await Promise.all(keys.map(async (k) => `v1,${base64(new Uint8Array(await crypto.subtle.sign('HMAC', await k, content)))}`));
    return sigs.join(' ');
  };
}

/** What an HTTP answer means for the request as a whole (a 2xx is read by `readAck`). */
export function classifyStatus(status: number, bodyText: string, retryAfter: string | null, now: number): Failure {
  const reason = reasonFromBody(bodyText);
  const error = scrubError(`HTTP ${status}${reason ? `: ${reason}` : ''}`);
  if (status >= 300 && status < 400) {
    return { kind: 'retryable', error: `HTTP ${status}: the webhook answered with a redirect, which Touchpoint never follows; enter the final URL` };
  }
  if (status === 401 || status === 403) return { kind: 'auth', error: `${error} (the endpoint refused the signature or credentials)` };
  if (status === 413) return { kind: 'too-large', error };
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status === 429) return { kind: 'rate-limited', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 408 || status === 409 || status === 425 || status >= 500) {
    return { kind: 'retryable', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 400) return { kind: 'poison', error };
  return { kind: 'retryable', error: `unexpected HTTP ${status}` };
}

/** A 2xx counts only with a valid acknowledgement; per-event results isolate refusals to their events. */
export function readAck(status: number, bodyText: string, eventIds: readonly string[]): SendOutcome {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { kind: 'failed', status, failure: { kind: 'retryable', error: `HTTP ${status} without a JSON acknowledgement` } };
  }
  const parsed = WebhookAck.safeParse(json);
  if (!parsed.success) return { kind: 'failed', status, failure: { kind: 'retryable', error: `HTTP ${status} with a body that is not an acknowledgement` } };
  if ('ok' in parsed.data) return { kind: 'results', status, results: eventIds.map((id) => ({ id, ok: true as const })) };
  return {
    kind: 'results',
    status,
    results: parsed.data.results.map((r): EventResult => {
      if (r.status === 'ok') return r.remoteId !== undefined ? { id: r.id, ok: true, remoteId: String(r.remoteId) } : { id: r.id, ok: true };
      const error = scrubError(r.error ? `refused: ${r.error}` : `the webhook said ${r.status}`);
      return { id: r.id, ok: false, failure: { kind: r.status === 'rejected' ? 'poison' : 'retryable', error } };
    }),
  };
}

export function createWebhookConnector(opts: WebhookOptions): Connector {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = opts.now ?? Date.now;
  const secrets = [opts.secret, opts.previousSecret].filter((s): s is string => !!s);
  const sign = secrets.length ? createSigner(secrets) : undefined;

  async function post(id: string, body: string, signal?: AbortSignal): Promise<{ status: number; text: string; retryAfter: string | null } | { error: Failure }> {
    const timestamp = Math.floor(now() / 1000);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'Idempotency-Key': id,
    };
    if (sign) headers['webhook-signature'] = await sign(id, timestamp, body);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort);
    try {
      const res = await doFetch(opts.url, { method: 'POST', headers, body, signal: timeout.signal, credentials: 'omit', redirect: 'manual', cache: 'no-store' });
      // redirect: 'manual' gives an opaque redirect (status 0) in browsers, the 3xx itself elsewhere.
      if (res.type === 'opaqueredirect') return { status: 302, text: '', retryAfter: null };
      const text = await res.text();
      return { status: res.status, text, retryAfter: res.headers.get('Retry-After') };
    } catch (e) {
      const msg = timeout.signal.aborted ? 'the webhook did not answer in time' : scrubError((e as Error)?.message ?? String(e));
      return { error: { kind: 'retryable', error: `network: ${msg}` } };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    type: 'webhook',
    destination: webhookDestination(opts.url),
    maxBatch: opts.maxBatch ?? 100,
    async send(events, ctx) {
      const r = await post(ctx.batchId, webhookBody(events, opts.includeProvenance), ctx.signal);
      if ('error' in r) return { kind: 'failed', failure: r.error, status: 0 };
      if (r.status >= 200 && r.status < 300) return readAck(r.status, r.text, events.map((e) => e.id));
      return { kind: 'failed', status: r.status, failure: classifyStatus(r.status, r.text, r.retryAfter, now()) };
    },
    async testConnection(signal): Promise<TestResult> {
      const id = `ping_${crypto.randomUUID()}`;
      const body = JSON.stringify({
        events: [{ id, type: 'ping', version: EVENT_VERSION, timestamp: new Date(now()).toISOString(), data: { message: 'Touchpoint connection test' } }],
      });
      const r = await post(id, body, signal);
      if ('error' in r) return { ok: false, failure: r.error, status: 0 };
      if (r.status >= 200 && r.status < 300) {
        const ack = readAck(r.status, r.text, [id]);
        if (ack.kind === 'failed') return { ok: false, failure: ack.failure, status: r.status };
        const mine = ack.results.find((x) => x.id === id);
        if (mine && !mine.ok) return { ok: false, failure: mine.failure, status: r.status };
        return { ok: true, status: r.status, detail: `HTTP ${r.status}, acknowledged` };
      }
      return { ok: false, failure: classifyStatus(r.status, r.text, r.retryAfter, now()), status: r.status };
    },
  };
}
