import type { Page } from '@playwright/test';
import type { CapturedPerson, Contact, RequestOf, Result } from '../../utils/model';
import { test, expect } from './fixtures';

/** What the popup sends when the user saves someone from a profile page reached through a campaign link. */
function saveRequest(person: Partial<CapturedPerson> = {}): RequestOf<'contacts.save'> {
  return {
    person: {
      name: 'Ingrid Halvorsen',
      firstName: 'Ingrid',
      lastName: 'Halvorsen',
      jobTitle: 'VP Engineering',
      company: 'Fjordline Systems',
      location: 'Bergen, Norway',
      emails: ['ingrid.halvorsen@fjordline.example'],
      phones: ['+4755512345'],
      links: ['https://www.linkedin.com/in/ingrid-halvorsen'],
      role: 'profile',
      sources: { name: 'linkedin', jobTitle: 'linkedin', emails: 'text', phones: 'text', links: 'linkedin' },
      ...person,
    },
    kind: 'prospect',
    stage: 'contacted',
    tags: ['conference-2026'],
    note: 'Met at the Bergen data summit; wants a demo in March.',
    page: {
      url: 'https://www.linkedin.com/in/ingrid-halvorsen/?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      site: 'linkedin',
      campaign: { source: 'newsletter', medium: 'email', name: 'spring' },
    },
    touchpointType: 'profile-view',
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`background answered ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** A page's first screen: the Preact app rendered something a user can read, and nothing threw. */
async function expectRealFirstScreen(page: Page, errors: string[]): Promise<void> {
  const app = page.locator('#app');
  await expect(app).not.toBeEmpty();
  await expect(page.locator('#app :is(h1, h2, h3, [role=heading])').first()).toBeVisible();
  await expect.poll(async () => (await app.innerText()).trim().length).toBeGreaterThan(30);
  await expect(app).not.toContainText(/hello world|Touchpoint (popup|sidepanel|options)$/i);
  expect(errors).toEqual([]);
}

test.describe('foundation', () => {
  test('the extension loads: service worker up, named Touchpoint, answering ping', async ({ extension, sendMessage }) => {
    const worker = await extension.serviceWorker();
    expect(worker.url()).toBe(`chrome-extension://${extension.extensionId}/background.js`);
    const manifest = await extension.inExtension(
      () => (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string; version: string } } } }).chrome.runtime.getManifest(),
      undefined,
    );
    expect(manifest.name).toBe('Touchpoint');
    const pong = unwrap(await sendMessage('ping', {}));
    expect(pong.version).toBe(manifest.version);
  });

  for (const [name, pagePath] of [
    ['popup', 'popup.html'],
    ['side panel', 'sidepanel.html'],
    ['options', 'options.html'],
  ] as const) {
    test(`the ${name} page renders a real first screen`, async ({ extension }) => {
      const page = await extension.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(extension.extensionUrl(pagePath));
      await expectRealFirstScreen(page, errors);
    });
  }

  test('a contact saved through the background survives a stopped worker and a browser restart', async ({
    sendMessage,
    stopServiceWorker,
    relaunch,
  }) => {
    const saved = unwrap(await sendMessage('contacts.save', saveRequest()));
    expect(saved.created).toBe(true);
    const contact: Contact = saved.contact;
    expect(contact).toMatchObject({
      kind: 'prospect',
      stage: 'contacted',
      name: 'Ingrid Halvorsen',
      jobTitle: 'VP Engineering',
      company: 'Fjordline Systems',
      emails: ['ingrid.halvorsen@fjordline.example'],
      phones: ['+4755512345'],
      links: ['https://www.linkedin.com/in/ingrid-halvorsen'],
      tags: ['conference-2026'],
    });

    const readBack = async () => unwrap(await sendMessage('contacts.get', { id: contact.id }));
    const first = await readBack();
    expect(first.contact).toEqual(contact);
    expect(first.notes.map((n) => n.body)).toEqual(['Met at the Bergen data summit; wants a demo in March.']);
    expect(first.touchpoints.length).toBeGreaterThanOrEqual(1);
    expect(first.touchpoints.map((t) => t.type)).toContain('profile-view');
    expect(first.touchpoints.find((t) => t.type === 'profile-view')?.campaign).toMatchObject({ name: 'spring' });

    // Chrome stops an idle MV3 worker at any time: nothing may live only in its memory.
    await stopServiceWorker();
    expect(await readBack()).toEqual(first);

    // The user quits and reopens the browser.
    await relaunch();
    expect(await readBack()).toEqual(first);
    const found = unwrap(await sendMessage('contacts.search', { query: 'halvorsen' }));
    expect(found.items.map((c) => c.id)).toContain(contact.id);

    // Saving the same person again (same email) merges into the same contact and drops nothing.
    const again = unwrap(
      await sendMessage('contacts.save', saveRequest({ phones: ['+4755599999'], jobTitle: 'CTO', sources: { jobTitle: 'linkedin' } })),
    );
    expect(again.created).toBe(false);
    expect(again.contact.id).toBe(contact.id);
    expect(again.contact.phones).toEqual(expect.arrayContaining(['+4755512345', '+4755599999']));
  });

  test('malformed and unknown messages get a typed error and the worker keeps serving', async ({ extension, sendMessage }) => {
    const malformed: unknown[] = [
      { type: 'contacts.nuke', payload: {} },
      { type: 'contacts.get', payload: { id: 42 } },
      { type: 'contacts.save', payload: { person: { name: '' }, kind: 'customer' } },
      { type: 'contacts.get' },
      { payload: {} },
      'contacts.get',
      null,
      { type: 'x'.repeat(10_000), payload: {} },
    ];
    for (const message of malformed) {
      const answer = (await extension.sendRaw(message)) as Result<unknown>;
      expect(answer, `answer to ${JSON.stringify(message)?.slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.any(String) },
      });
    }
    expect(unwrap(await sendMessage('ping', {})).version).toMatch(/^\d+\.\d+\.\d+/);
    const missing = await sendMessage('contacts.get', { id: 'no-such-contact' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  test('a message from a web page or its content scripts is refused', async ({ extension, sendMessage }) => {
    const saved = unwrap(await sendMessage('contacts.save', saveRequest()));
    const page = await extension.openFixture('https://www.linkedin.com/in/ingrid-halvorsen/', 'tests/e2e/support/blank.html');

    // The page itself cannot even address the extension (no externally_connectable).
    const reachable = await page.evaluate(
      () => typeof (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    );
    expect(reachable).toBe('undefined');

    // A script in the page's isolated world (what a compromised content script could do) is refused.
    const tabId = await extension.tabIdOf(page);
    type ChromeScripting = {
      scripting: { executeScript(o: object): Promise<Array<{ result?: unknown }>> };
      runtime: { sendMessage(m: unknown): Promise<unknown> };
    };
    const answers = await extension.inExtension(async (id) => {
      const chrome = (globalThis as unknown as { chrome: ChromeScripting }).chrome;
      const results = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const send = (m: unknown) => (globalThis as unknown as { chrome: ChromeScripting }).chrome.runtime.sendMessage(m);
          return [
            await send({ type: 'contacts.search', payload: { query: '' } }),
            await send({ type: 'data.erase', payload: { confirm: 'erase' } }),
          ];
        },
      });
      return results[0]?.result;
    }, tabId);
    expect(answers).toEqual([
      { ok: false, error: { code: 'forbidden', message: expect.any(String) } },
      { ok: false, error: { code: 'forbidden', message: expect.any(String) } },
    ]);
    // …and nothing was erased.
    expect(unwrap(await sendMessage('contacts.get', { id: saved.contact.id })).contact.id).toBe(saved.contact.id);
  });
});
