import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * An independent webhook endpoint on 127.0.0.1 for the e2e suites: verifies every request with the official
 * Standard Webhooks package, records what it got, and answers as the test's fault plan says. It never
 * loops on its own and stops with `stop()`.
 */

export interface WireEvent {
  id: string;
  type: string;
  version: number;
  timestamp: string;
  data: { id: string; updatedAt?: string; [k: string]: unknown };
  remote?: { id?: string; contactId?: string };
}

export interface Hit {
  n: number;
  path: string;
  webhookId: string | undefined;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  signatureValid: boolean;
  rawBody: string;
  bytes: number;
  events: WireEvent[];
  status?: number;
  /** the browser hung up before we answered (a timeout, or the worker was stopped) */
  aborted: boolean;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** default: a per-event acknowledgement with remote ids */
  body?: string;
  /** hold the answer until this resolves */
  hold?: Promise<void>;
  /** hold the answer this long (a timeout when longer than the extension's) */
  delayMs?: number;
  /** destroy the connection instead of answering */
  reset?: boolean;
}

export type Plan = (hit: Hit) => Answer | undefined;

export class WebhookReceiver {
  readonly hits: Hit[] = [];
  /** event id → times it was acknowledged with a 2xx */
  readonly acked = new Map<string, number>();
  /** every acknowledged event, in order (for duplicate checks by content) */
  readonly ackedEvents: WireEvent[] = [];
  plan: Plan = () => undefined;
  remotePrefix = 'crm';
  private server!: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';
  origin = '';

  constructor(public secret: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.url = `${this.origin}/hook`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get requests(): Hit[] {
    return this.hits.filter((h) => h.path === '/hook');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    let signatureValid = false;
    let events: WireEvent[] = [];
    try {
      const body = new Webhook(this.secret).verify(rawBody, {
        'webhook-id': header('webhook-id') ?? '',
        'webhook-timestamp': header('webhook-timestamp') ?? '',
        'webhook-signature': header('webhook-signature') ?? '',
      }) as { events: WireEvent[] };
      signatureValid = true;
      events = body.events;
    } catch {
      try {
        events = (JSON.parse(rawBody) as { events: WireEvent[] }).events ?? [];
      } catch {
        events = [];
      }
    }
    const hit: Hit = {
      n: this.hits.length + 1,
      path: new URL(req.url ?? '/', this.origin).pathname,
      webhookId: header('webhook-id'),
      idempotencyKey: header('idempotency-key'),
      authorization: header('authorization'),
      signatureValid,
      rawBody,
      bytes: Buffer.byteLength(rawBody),
      events,
      aborted: false,
    };
    this.hits.push(hit);
    res.on('close', () => {
      if (!res.writableFinished) hit.aborted = true;
    });
    const a: Answer = this.plan(hit) ?? (signatureValid ? { status: 200 } : { status: 401, body: '{"error":"invalid signature"}' });
    if (a.reset) {
      req.socket.destroy();
      hit.aborted = true;
      return;
    }
    if (a.hold) await a.hold;
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    if (res.destroyed || req.socket.destroyed) {
      hit.aborted = true;
      return;
    }
    const body =
      a.body ?? JSON.stringify({ results: events.map((e) => ({ id: e.id, status: 'ok', ...(e.type === 'contact.upserted' ? { remoteId: `${this.remotePrefix}-${e.data.id}` } : {}) })) });
    hit.status = a.status;
    res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers });
    res.end(body, () => {
      // Counted as delivered only when the answer is a real acknowledgement and reached the browser.
      if (a.status >= 200 && a.status < 300 && a.body === undefined && signatureValid && hit.path === '/hook') {
        for (const e of events) {
          if (e.type === 'ping') continue;
          this.acked.set(e.id, (this.acked.get(e.id) ?? 0) + 1);
          this.ackedEvents.push(e);
        }
      }
    });
  }
}

/** A whsec_ secret for tests. */
export function testSecret(): string {
  return `whsec_${Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 37 + 11) % 256)).toString('base64')}`;
}
