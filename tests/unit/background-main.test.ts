import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background/index';
import { NO_PERMISSION, NOT_A_WEB_PAGE } from '../../entrypoints/background/capture';
import { resetDbForTests } from '../../entrypoints/background/db';
import { PERIODIC_ALARM } from '../../entrypoints/background/sync';
import type { Collected } from '../../utils/capture/types';
import type { MessageType, RequestOf, ResponseOf, Result } from '../../utils/model';

const page = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<Result<ResponseOf<T>>> {
  // The fake's typings (chrome's) name two listener arguments; the polyfill's listener also gets sendResponse.
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (...args: unknown[]) => Promise<unknown[]>;
  const answers = await trigger({ type, payload }, page(), () => {});
  return answers[0] as unknown as Result<ResponseOf<T>>;
}
async function ok<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const r = await send(type, payload);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

function collected(url: string): Collected {
  return {
    url,
    site: 'generic',
    pageKind: 'page',
    people: [{ layer: 'jsonld', name: 'Ingrid Halvorsen', jobTitle: 'CTO', emails: ['ingrid@fjordline.example'] }],
    raw: { hcards: [], jsonld: [], textBlocks: [], meta: {} },
    warnings: [],
  };
}

const executeScript = vi.fn();

/** A tab in front. (The fake browser's tabs.query({ currentWindow }) needs a focused window it cannot have, so it is stubbed.) */
async function activeTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url, active: true });
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (q: { active?: boolean }) => (q.active ? [tab] : []) as never);
  return tab;
}
const menus = { create: vi.fn(), removeAll: vi.fn(async () => {}) };

beforeEach(async () => {
  vi.restoreAllMocks();
  resetDbForTests();
  executeScript.mockReset();
  menus.create.mockReset();
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.runtime!.getManifest = () => ({ manifest_version: 3, name: 'Touchpoint', version: '0.1.0' });
  b.scripting = { executeScript };
  b.contextMenus = { ...menus, onClicked: { addListener: vi.fn() } };
  b.commands = { onCommand: { addListener: vi.fn() } };
  background.main();
});

describe('background', () => {
  it('registers its listeners synchronously in main and sets up menus and the periodic alarm on install', async () => {
    expect((fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(PERIODIC_ALARM)).toBeDefined());
    expect(menus.create).toHaveBeenCalledWith(expect.objectContaining({ title: 'Capture people on this page' }));
  });

  it('capture.tab injects the capture script into the active tab, refines, validates and matches saved contacts', async () => {
    const tab = await activeTab('https://fjordline.example/team');
    executeScript.mockResolvedValue([{ result: collected('https://fjordline.example/team') }]);
    const first = await ok('capture.tab', {});
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['/content-scripts/capture.js'] });
    expect(first.capture.people.map((p) => p.name)).toEqual(['Ingrid Halvorsen']);
    expect(first.matches).toEqual([null]);

    const person = first.capture.people[0]!;
    const saved = await ok('contacts.save', { person, kind: 'prospect', page: { url: first.capture.url, site: first.capture.site } });
    const second = await ok('capture.tab', {});
    expect(second.matches).toEqual([saved.contact.id]);
  });

  it('a quick capture (the popup\'s first) raises the quick flag in the same executeScript call, before the capture files', async () => {
    const tab = await activeTab('https://fjordline.example/team');
    executeScript.mockClear();
    executeScript.mockResolvedValue([{ result: collected('https://fjordline.example/team') }]);
    await ok('capture.tab', { quick: true });
    expect(executeScript).toHaveBeenCalledTimes(1);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['/content-scripts/capture-quick.js', '/content-scripts/capture.js'] });
  });

  it('honours a tab id from the caller in the e2e build (the store build compiles this out: tests/e2e/store-build.spec.ts)', async () => {
    await activeTab('https://a.example/');
    const other = await fakeBrowser.tabs.create({ url: 'https://b.example/team', active: false });
    executeScript.mockResolvedValue([{ result: collected('https://b.example/team') }]);
    await ok('capture.tab', { tabId: other.id });
    expect(executeScript.mock.calls[0]![0].target.tabId).toBe(other.id);
    expect(await send('capture.tab', { tabId: 12345 })).toMatchObject({ ok: false, error: { code: 'capture', message: expect.stringContaining('No tab 12345') } });
  });

  it('capture errors are readable: browser pages and pages without permission', async () => {
    await activeTab('chrome://settings/');
    expect(await send('capture.tab', {})).toEqual({ ok: false, error: { code: 'capture', message: NOT_A_WEB_PAGE } });
    expect(executeScript).not.toHaveBeenCalled();

    await activeTab('https://www.example.org/');
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'));
    expect(await send('capture.tab', {})).toEqual({ ok: false, error: { code: 'capture', message: NO_PERMISSION } });

    executeScript.mockResolvedValue([{ result: { people: 'not a list' } }]);
    expect(await send('capture.tab', {})).toMatchObject({ ok: false, error: { code: 'capture' } });
  });

  it('changes wait in the outbox, the badge counts them, sync.now delivers them to the webhook', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const { events } = JSON.parse(String(init.body)) as { events: { id: string }[] };
      return Response.json({ results: events.map((e) => ({ id: e.id, status: 'ok' })) });
    });
    vi.stubGlobal('fetch', fetchMock);
    try {
      await ok('settings.save', {
        settings: { defaultKind: 'lead', ownDomains: [], autoSync: false, destination: { type: 'webhook', url: 'https://crm.test/hook' } },
      });
      const person = { name: 'Ada', emails: ['ada@x.test'], phones: [], links: [], sources: {} };
      await ok('contacts.save', { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } });
      expect(await ok('outbox.status', {})).toEqual({ pending: 2, dead: 0 });
      await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
      expect(fetchMock).not.toHaveBeenCalled(); // autoSync is off

      expect(await ok('sync.now', {})).toEqual({ pending: 0, dead: 0 });
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(fetchMock.mock.calls[0]![0]).toBe('https://crm.test/hook');
      expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('with autoSync on, a change reaches the webhook shortly after, with no user action', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const { events } = JSON.parse(String(init.body)) as { events: { id: string }[] };
      return Response.json({ ok: true, received: events.length });
    });
    vi.stubGlobal('fetch', fetchMock);
    try {
      await ok('settings.save', {
        settings: { defaultKind: 'lead', ownDomains: [], autoSync: true, destination: { type: 'webhook', url: 'https://crm.test/hook' } },
      });
      const person = { name: 'Ada', emails: ['ada@x.test'], phones: [], links: [], sources: {} };
      await ok('contacts.save', { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } });
      // the safety net if the worker stops before the in-memory kick
      await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('outbox-soon')).toBeDefined());
      await vi.waitFor(async () => expect(await ok('outbox.status', {})).toEqual({ pending: 0, dead: 0 }), { timeout: 8000, interval: 200 });
      expect(fetchMock).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a drain cut short (worker stopped mid-request) has an alarm waiting for when its lease runs out', async () => {
    let answer!: (r: Response) => void;
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetchMock);
    try {
      await ok('settings.save', {
        settings: { defaultKind: 'lead', ownDomains: [], autoSync: false, destination: { type: 'webhook', url: 'https://crm.test/hook' } },
      });
      const person = { name: 'Ada', emails: ['ada@x.test'], phones: [], links: [], sources: {} };
      await ok('contacts.save', { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' } });
      const started = Date.now();
      const syncing = ok('sync.now', {});
      await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
      const alarm = await fakeBrowser.alarms.get('outbox-soon');
      expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(started + 2 * 60_000);
      expect(alarm?.scheduledTime).toBeLessThan(Date.now() + 2 * 60_000 + 5000);
      answer(Response.json({ ok: true }));
      expect(await syncing).toEqual({ pending: 0, dead: 0 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sync.now without a CRM says so; export, import and erase round-trip', async () => {
    expect(await send('sync.now', {})).toMatchObject({ ok: false, error: { code: 'network', message: expect.stringMatching(/No CRM/) } });
    const person = { name: '=HYPERLINK("http://evil")', emails: ['e@x.test'], phones: ['+4612345678'], links: [], sources: {}, company: 'Initech', jobTitle: 'CFO' };
    const { contact } = await ok('contacts.save', { person, kind: 'lead', page: { url: 'https://x.test', site: 'generic' }, note: 'n' });
    const { company } = await ok('companies.get', { contactId: contact.id });
    const { task } = await ok('tasks.create', { id: 'fu-1', contactId: contact.id, title: 'Send pricing', due: '2030-01-01T09:00:00.000Z' });
    const csv = await ok('data.export', { format: 'csv' });
    expect(csv.content).toContain(`'=HYPERLINK(""http://evil"")`);
    // the companies CSV: one row per company with its people
    const companiesCsv = await ok('data.export', { format: 'csv-companies' });
    expect(companiesCsv.filename).toMatch(/\.companies\.csv$/);
    const rows = companiesCsv.content.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('id,name,domain,people,contacts,lastTouch,lastTouchAt,createdAt,updatedAt');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${company.id},Initech,`);
    expect(rows[1]).toContain(`,1,"'=HYPERLINK(""http://evil"") (CFO)",`);
    expect((await ok('data.export', { format: 'vcard' })).content).toContain('BEGIN:VCARD');
    const json = await ok('data.export', { format: 'json' });
    await fakeBrowser.storage.local.set({ 'draft:note': 'half-typed' });
    expect(await ok('data.erase', { confirm: 'erase' })).toEqual({ erased: true });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await ok('contacts.search', { query: '' })).total).toBe(0);
    expect(await ok('data.import', { text: json.content })).toMatchObject({
      contacts: { added: 1, merged: 0, unchanged: 0 }, notes: { added: 1 }, touchpoints: { added: 1 }, companies: { added: 1, unchanged: 0 }, tasks: { added: 1, unchanged: 0 },
    });
    const back = await ok('contacts.get', { id: contact.id });
    expect(back.contact.name).toBe(person.name);
    expect(back.notes.map((n) => n.body)).toEqual(['n']);
    expect(back.touchpoints).toHaveLength(1);
    // the same company (its id and name) with its person, the same follow-up
    expect(await ok('companies.get', { contactId: contact.id })).toMatchObject({ company: { id: company.id, name: 'Initech' }, people: [{ id: contact.id }] });
    expect((await ok('tasks.ofContact', { contactId: contact.id })).items).toEqual([task]);
    // Importing the same file again changes nothing and queues nothing.
    expect(await ok('data.import', { text: json.content })).toMatchObject({
      contacts: { added: 0, merged: 0, unchanged: 1 }, companies: { added: 0, unchanged: 1 }, tasks: { added: 0, unchanged: 1 }, queued: 0,
    });
    expect((await ok('contacts.search', { query: '' })).total).toBe(1);
    expect((await ok('contacts.get', { id: contact.id })).touchpoints).toHaveLength(1);
  });

  it('imports a CSV export in the background with the default kind; a damaged file is a readable bad-request that writes nothing', async () => {
    await ok('settings.save', { settings: { defaultKind: 'lead', ownDomains: [], autoSync: false, destination: { type: 'none' } } });
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAisha,Bello,https://www.linkedin.com/in/aisha-bello,,Kestrel,Director,04 Feb 2026\r\n';
    expect(await ok('data.import', { text: csv, fileName: 'Connections.csv' })).toMatchObject({ format: 'linkedin-csv', contacts: { added: 1 }, companies: { added: 1 }, queued: 1 });
    const [row] = (await ok('contacts.search', { query: 'aisha' })).items;
    expect(row).toMatchObject({ name: 'Aisha Bello', kind: 'lead', company: 'Kestrel' });
    expect(await send('data.import', { text: 'Record ID,First Name,Email\r\n1,"Broken,a@b.se\r\n' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/never closed\. Nothing was imported\./) },
    });
    expect((await ok('contacts.search', { query: '' })).total).toBe(1);
    const hubspot = await ok('data.export', { format: 'csv-hubspot' });
    expect(hubspot.filename).toMatch(/\.hubspot\.csv$/);
    expect(hubspot.content).toMatch(/^\uFEFFFirst Name,Last Name,Email,/);
    expect((await ok('data.export', { format: 'csv-salesforce' })).content).toContain('Aisha,Bello,Director,Kestrel,');
  });
});
