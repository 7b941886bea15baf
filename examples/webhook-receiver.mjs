// A Touchpoint webhook receiver in plain Node (no dependencies): verifies Standard Webhooks signatures,
// rejects old or future timestamps (replays), applies each event id at most once, and acknowledges.
//
//   TOUCHPOINT_SECRET=whsec_... node examples/webhook-receiver.mjs      # listens on 127.0.0.1:8787
//
// Point Touchpoint's webhook URL at http://127.0.0.1:8787/touchpoint and paste the same secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** How far webhook-timestamp may be from our clock (Standard Webhooks recommends 5 minutes). */
export const TOLERANCE_SECONDS = 5 * 60;

/**
 * Verify one request. `secret` is the whsec_ secret configured in Touchpoint; `headers` are the request's
 * (lower-case names); `body` is the raw body exactly as received (verify before parsing JSON).
 * Returns the parsed body, or throws with the reason.
 */
export function verify(secret, headers, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('missing webhook headers');
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) throw new Error('timestamp too old or too new');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  // During a secret rotation Touchpoint sends one signature per valid secret, space-separated.
  const ok = signatures.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new Error('no valid signature');
  return JSON.parse(body);
}

/** A receiver: every event id is applied once (keep `seen` in your database in real life). */
export function createReceiver(secret, apply = (event) => console.log(event.type, event.data.id)) {
  const seen = new Set();
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let payload;
      try {
        payload = verify(secret, req.headers, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: e.message }));
        return;
      }
      const results = payload.events.map((event) => {
        if (event.type !== 'ping' && !seen.has(event.id)) {
          apply(event);
          seen.add(event.id);
        }
        return { id: event.id, status: 'ok' };
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ results }));
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.TOUCHPOINT_SECRET;
  if (!secret) {
    console.error('Set TOUCHPOINT_SECRET to the whsec_ secret configured in Touchpoint.');
    process.exit(2);
  }
  createReceiver(secret).listen(8787, '127.0.0.1', () => console.log('listening on http://127.0.0.1:8787/touchpoint'));
}
