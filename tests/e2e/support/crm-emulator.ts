import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The common part of the local CRM emulators (hubspot-emulator.ts, pipedrive-emulator.ts): an HTTP server
 * on 127.0.0.1 that records every request, checks authentication, answers queued faults first (a 429
 * with rate-limit headers, a 500 …), and routes the rest to the CRM's handlers. Unit tests drive the
 * connectors against it through Node's fetch; the e2e suite points the built extension at it.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** the answer's status */
  status: number;
  at: number;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** only requests whose path matches (default: any) */
  path?: RegExp;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (req: { method: string; path: string; query: URLSearchParams; body: unknown; params: string[] }) => Answer;

export abstract class CrmEmulator {
  readonly requests: RecordedRequest[] = [];
  /** contract violations found in request bodies (each also answered 400) */
  readonly violations: string[] = [];
  private readonly faults: Fault[] = [];
  private server!: http.Server;
  url = '';

  constructor(public token: string) {}

  protected abstract routes(): [method: string, path: RegExp, route: Route][];
  protected abstract authorised(headers: http.IncomingHttpHeaders, query: URLSearchParams): boolean;
  protected abstract unauthorised(): Answer;
  /** rate-limit headers sent with every answer (and faults) */
  protected abstract rateHeaders(): Record<string, string>;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answer the next matching requests with these, in order, before any routing. */
  fault(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Requests that reached a route (or a fault), by "METHOD path". */
  calls(method?: string, path?: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && (!path || path.test(r.path)));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://emulator');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    const rec: RecordedRequest = { method, path: u.pathname, query: u.searchParams, headers: req.headers, body, status: 0, at: Date.now() };
    this.requests.push(rec);
    const answer = this.answer(method, u.pathname, u.searchParams, req.headers, body);
    rec.status = answer.status;
    const headers = { 'Content-Type': 'application/json;charset=utf-8', ...this.rateHeaders(), ...answer.headers };
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private answer(method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): Answer {
    if (!this.authorised(headers, query)) return this.unauthorised();
    const i = this.faults.findIndex((f) => !f.path || f.path.test(path));
    if (i >= 0) {
      const [f] = this.faults.splice(i, 1);
      return { status: f!.status, body: f!.body ?? { message: `emulated ${f!.status}` }, headers: f!.headers };
    }
    for (const [m, pattern, route] of this.routes()) {
      if (m !== method) continue;
      const match = pattern.exec(path);
      if (match) return route({ method, path, query, body, params: match.slice(1) });
    }
    return { status: 404, body: { message: `no route for ${method} ${path}` } };
  }

  /** Records contract violations and answers 400 for them, as a strict CRM would. */
  protected violated(errors: string[]): Answer | undefined {
    if (!errors.length) return undefined;
    this.violations.push(...errors);
    return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: `Invalid input: ${errors.join('; ')}` } };
  }
}
