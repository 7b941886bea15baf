/** A local CRM stand-in for the sync figure: accepts webhook batches on 127.0.0.1 and counts them. */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceiverStats {
  requests: number;
  events: number;
  /** largest batch seen in one request */
  maxBatch: number;
  /** distinct event ids (a retried event is counted once here) */
  uniqueEvents: number;
}

export interface Receiver {
  url: string;
  origin: string;
  stats(): ReceiverStats;
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let requests = 0;
  let events = 0;
  let maxBatch = 0;
  let ids = new Set<string>();
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'POST' };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events?: { id?: string }[] };
        const list = Array.isArray(body.events) ? body.events : [];
        requests++;
        events += list.length;
        maxBatch = Math.max(maxBatch, list.length);
        for (const e of list) if (typeof e.id === 'string') ids.add(e.id);
        // the webhook contract's short acknowledgement: every event accepted
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"ok":true}');
      } catch {
        res.writeHead(400, cors).end('bad json');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/touchpoint-hook`,
    origin,
    stats: () => ({ requests, events, maxBatch, uniqueEvents: ids.size }),
    reset() {
      requests = 0;
      events = 0;
      maxBatch = 0;
      ids = new Set();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
