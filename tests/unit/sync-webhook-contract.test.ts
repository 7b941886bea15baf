import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs example without types (docs/sync.md points receivers at it)
import { createReceiver, verify } from '../../examples/webhook-receiver.mjs';
import { eventSchemaFiles } from '../../utils/model/event-schemas';
import { PingBody, WebhookBody, type CapturedPerson } from '../../utils/model';
import { createOutboxPort, openTouchpointDB, queueFullSync, saveCapturedPerson, saveNote } from '../../utils/store';
import { createSigner, createWebhookConnector, generateSecret, webhookBody, webhookDestination } from '../../utils/sync/webhook';

// The webhook's contract, checked against itself and against others: the JSON Schema files in docs/ are
// generated from the zod schemas; the bodies we build satisfy them; our signatures verify with the official
// Standard Webhooks package and with the receiver example, and the example verifies the package's.

const verifyExample = verify as (secret: string, headers: Record<string, string>, body: string, nowSeconds?: number) => unknown;
const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../docs/schemas');

async function realEvents(includeProvenance = false) {
  const db = await openTouchpointDB();
  const person: CapturedPerson = { name: 'Ada Lindqvist', jobTitle: 'CTO', emails: ['ada@lindqvist.example'], phones: ['+46701234567'], links: [], sources: { name: 'jsonld' } };
  const { contact } = await saveCapturedPerson(db, { person, kind: 'prospect', note: 'Met at the fair', page: { url: 'https://lindqvist.example/team', site: 'generic' } });
  await saveNote(db, { contactId: contact.id, body: 'Call back Tuesday', call: { startedAt: new Date().toISOString() } });
  await db.clear('outbox');
  await queueFullSync(db);
  const port = createOutboxPort(db);
  const claim = await port.claimBatch(Date.now() + 1000, 100, 60_000);
  const { events } = await port.loadEvents(claim!.entries, webhookDestination('https://crm.test/hook'));
  return { events, body: webhookBody(events, includeProvenance) };
}

describe('published JSON Schemas', () => {
  it('docs/schemas holds exactly what the zod schemas generate (run `npm run schemas` after changing them)', () => {
    const generated = eventSchemaFiles();
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, text] of Object.entries(generated)) expect(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'), file).toBe(text);
  });

  it('every event type has its schema, and the body schema lists them all', () => {
    const body = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'webhook-body.v1.json'), 'utf8')) as { properties: { events: { items: { oneOf?: unknown[]; anyOf?: unknown[] } } } };
    const variants = body.properties.events.items.oneOf ?? body.properties.events.items.anyOf ?? [];
    expect(variants).toHaveLength(10);
  });
});

describe('the public payload', () => {
  it('a real body (contact, touchpoints, notes) satisfies the schema, contact first, with no internal fields', async () => {
    const { events, body } = await realEvents();
    const parsed = WebhookBody.parse(JSON.parse(body));
    expect(parsed.events.map((e) => e.type)).toEqual(['contact.upserted', 'touchpoint.created', 'touchpoint.created', 'note.created', 'note.created']);
    expect(events).toHaveLength(5);
    for (const internal of ['"provenance"', '"history"', '"sync"', '"searchKey"']) expect(body).not.toContain(internal);
    const contact = parsed.events[0]!;
    expect(contact).toMatchObject({ version: 1, data: { name: 'Ada Lindqvist', jobTitle: 'CTO', emails: ['ada@lindqvist.example'] } });
  });

  it('provenance and history only when the user opts in', async () => {
    const { body } = await realEvents(true);
    const parsed = WebhookBody.parse(JSON.parse(body));
    expect(parsed.events[0]!.data).toHaveProperty('provenance');
    expect(body).not.toContain('"sync"');
  });
});

describe('signatures (Standard Webhooks)', () => {
  const body = '{"events":[]}';
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const ts = Math.floor(Date.now() / 1000);

  it('ours verify with the official standardwebhooks package and with the receiver example', async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const signature = await createSigner([secret])(id, ts, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ events: [] });
    expect(verifyExample(secret, headers, body)).toEqual({ events: [] });
  });

  it('the receiver example verifies the official package’s signatures', () => {
    const secret = generateSecret();
    const signature = new Webhook(secret).sign(id, new Date(ts * 1000), body);
    expect(verifyExample(secret, { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature }, body)).toEqual({ events: [] });
  });

  it('during a rotation both secrets sign, and a receiver with either one accepts', async () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const signature = await createSigner([newSecret, oldSecret])(id, ts, body);
    expect(signature.split(' ')).toHaveLength(2);
    for (const s of [oldSecret, newSecret]) {
      const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature };
      expect(new Webhook(s).verify(body, headers)).toEqual({ events: [] });
      expect(verifyExample(s, headers, body)).toEqual({ events: [] });
    }
  });

  it('a changed body, another id, an old timestamp or another secret is refused', async () => {
    const secret = generateSecret();
    const signature = await createSigner([secret])(id, ts, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature };
    expect(() => verifyExample(secret, headers, '{"events":[1]}')).toThrow(/signature/);
    expect(() => verifyExample(secret, { ...headers, 'webhook-id': 'msg_other' }, body)).toThrow(/signature/);
    expect(() => verifyExample(secret, headers, body, ts + 10 * 60)).toThrow(/timestamp/);
    expect(() => verifyExample(generateSecret(), headers, body)).toThrow(/signature/);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-timestamp': String(ts - 10 * 60) })).toThrow();
  });
});

describe('the receiver example, end to end on 127.0.0.1', () => {
  it('accepts our connector’s signed ping and batches, applies each event id once, refuses a wrong secret with 401', async () => {
    const secret = generateSecret();
    const applied: string[] = [];
    const server = createReceiver(secret, (e: { id: string }) => applied.push(e.id)) as import('node:http').Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/touchpoint`;
    try {
      const connector = createWebhookConnector({ url, secret });
      expect(await connector.testConnection()).toMatchObject({ ok: true });
      const { events } = await realEvents();
      expect(await connector.send(events, { batchId: 'msg_test' })).toMatchObject({ kind: 'results', status: 200 });
      await connector.send(events, { batchId: 'msg_test' });
      expect(applied).toEqual(events.map((e) => e.id));
      const wrong = createWebhookConnector({ url, secret: generateSecret() });
      expect(await wrong.testConnection()).toMatchObject({ ok: false, status: 401, failure: { kind: 'auth' } });
      expect(PingBody.safeParse({ events: [{ id: 'ping_1', type: 'ping', version: 1, timestamp: 'x', data: { message: 'm' } }] }).success).toBe(true);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
