import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../entrypoints/background/handlers';
import type { SyncService } from '../../entrypoints/background/sync';
import { createRouter } from '../../utils/messaging/router';
import { openTouchpointDB, type TouchpointDatabase } from '../../utils/store';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}popup.html` };

const noSync: SyncService = {
  drainNow: async () => undefined,
  changed: () => {},
  ensureAlarms: async () => {},
  onAlarm: async () => {},
  refreshBadge: async () => {},
  status: async () => ({ pending: 0, dead: 0, destination: 'none' }),
  test: async () => ({ ok: true }),
  destinationSaved: async () => {},
  fullSync: async () => 0,
  now: () => Date.now(),
};

let warn: ReturnType<typeof vi.fn<(message: string, e?: unknown) => void>>;
let db: TouchpointDatabase;

function routerWith(getDb: () => Promise<TouchpointDatabase>) {
  return createRouter(createHandlers({ db: getDb, sync: noSync }), {
    extensionId: ID,
    extensionOrigin: ORIGIN,
    warn,
    error: warn,
  });
}

beforeEach(async () => {
  warn = vi.fn<(message: string, e?: unknown) => void>();
  db = await openTouchpointDB();
});
afterEach(() => db.close());

describe('router', () => {
  it('answers a valid message from our own page', async () => {
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Touchpoint', version: '0.1.0' });
    const route = routerWith(async () => db);
    expect(await route({ type: 'ping', payload: {} }, popup)).toEqual({ ok: true, data: { version: '0.1.0' } });
    const found = await route({ type: 'contacts.search', payload: { query: '' } }, popup);
    expect(found).toEqual({ ok: true, data: { items: [], total: 0, counts: { lead: 0, prospect: 0 } } }); // limit defaulted by zod
  });

  it('malformed and unknown messages get a typed bad-request and a warning, never a throw', async () => {
    const route = routerWith(async () => db);
    const bad: unknown[] = [
      null,
      undefined,
      'ping',
      42,
      { payload: {} },
      { type: 7, payload: {} },
      { type: 'x'.repeat(10_000), payload: {} },
      { type: 'contacts.nuke', payload: {} },
      { type: 'toString', payload: {} },
      { type: '__proto__', payload: {} },
      { type: 'contacts.get', payload: { id: 42 } },
      { type: 'contacts.get' },
      { type: 'contacts.save', payload: { person: { name: '' }, kind: 'customer' } },
      { type: 'debug.seed', payload: { contacts: 10 } }, // only the e2e build handles it
    ];
    for (const m of bad) {
      const r = await route(m, popup);
      expect(r, JSON.stringify(m)?.slice(0, 60)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.any(String) } });
    }
    expect(warn).toHaveBeenCalledTimes(bad.length);
  });

  it('refuses content scripts, other extensions and unknown senders', async () => {
    const route = routerWith(async () => db);
    const senders = [
      { id: ID, url: 'https://www.linkedin.com/in/someone', tab: { id: 3 } }, // our content script
      { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' },
      { id: ID, url: 'chrome-extension://other-extension/page.html' },
      { id: ID },
      undefined,
    ];
    for (const s of senders) {
      const r = await route({ type: 'data.erase', payload: { confirm: 'erase' } }, s);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // An extension page open in a tab is still our page.
    expect(await route({ type: 'outbox.status', payload: {} }, { ...popup, tab: { id: 9 } })).toMatchObject({ ok: true });
  });

  it('a storage failure reaches the page as a readable storage error', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const route = routerWith(async () => Promise.reject(quota));
    const r = await route({ type: 'contacts.search', payload: { query: 'x' } }, popup);
    expect(r).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/no room left/) } });

    const version = new DOMException('The requested version is less than the existing version.', 'VersionError');
    const r2 = await routerWith(async () => Promise.reject(version))({ type: 'outbox.status', payload: {} }, popup);
    expect(r2).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/newer version/) } });
  });

  it('not-found and bad imports are typed; unexpected bugs are internal', async () => {
    const route = routerWith(async () => db);
    expect(await route({ type: 'contacts.get', payload: { id: 'nope' } }, popup)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await route({ type: 'notes.save', payload: { contactId: 'nope', body: 'x' } }, popup)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await route({ type: 'data.import', payload: { text: '{"format":"other"}' } }, popup)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/not a Touchpoint export/) },
    });
    const broken = createRouter({ ping: () => { throw new TypeError('x is undefined'); } }, { extensionId: ID, extensionOrigin: ORIGIN, warn, error: warn });
    expect(await broken({ type: 'ping', payload: {} }, popup)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('settings never hand secrets to pages, and keep them across a save without one', async () => {
    const route = routerWith(async () => db);
    const settings = { defaultKind: 'lead', ownDomains: [], autoSync: false, destination: { type: 'webhook', url: 'https://crm.test/hook', secret: 'TOPSECRET' } };
    const saved = await route({ type: 'settings.save', payload: { settings } }, popup);
    expect(JSON.stringify(saved)).not.toContain('TOPSECRET');
    expect(saved).toMatchObject({ ok: true, data: { settings: { destination: { type: 'webhook', target: 'https://crm.test/hook', hasSecret: true } } } });
    const { secret: _s, ...withoutSecret } = settings.destination;
    await route({ type: 'settings.save', payload: { settings: { ...settings, destination: withoutSecret } } }, popup);
    expect((await db.get('meta', 'settings'))?.value).toMatchObject({ destination: { secret: 'TOPSECRET' } });
    const got = await route({ type: 'settings.get', payload: {} }, popup);
    expect(JSON.stringify(got)).not.toContain('TOPSECRET');
  });
});
