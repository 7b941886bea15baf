import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Result } from '../../utils/model';
import { test, expect, type ExtensionHarness } from './fixtures';
import { ROOT } from './support/browser';
import { CAPTURE_FIXTURES } from './support/expected';
import { HubspotEmulator } from './support/hubspot-emulator';
import { PipedriveEmulator } from './support/pipedrive-emulator';
import { POPUP_VIEWPORT } from './support/ui';

/**
 * Capture → save → sync against local emulators of HubSpot and Pipedrive (tests/e2e/support), through
 * the built extension: the destination is chosen in options (its form rendered from the destination
 * declarations), the person is captured and saved in the popup, and "Sync now" in the side panel sends
 * them. The e2e build points the connectors at the emulator (debug.sync crmBaseUrl; the store build has
 * no such switch). The emulators check every request body against the official client packages' models.
 */

const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB';

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`background answered ${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** Options → choose the destination, fill its fields, sync only on "Sync now", save. */
async function configure(extension: ExtensionHarness, emulatorUrl: string, type: 'hubspot' | 'pipedrive', fields: Record<string, string>): Promise<Page> {
  unwrap(await extension.sendMessage('debug.sync', { crmBaseUrl: emulatorUrl }));
  const options = await extension.extPage('options.html');
  await options.getByTestId(`dest-${type}`).check();
  for (const [id, value] of Object.entries(fields)) await options.getByTestId(`${type}-${id}`).fill(value);
  await options.getByTestId('auto-sync').uncheck();
  await options.getByTestId('settings-save').click();
  await expect(options.getByTestId('settings-status')).toHaveText('Settings saved.');
  return options;
}

/** Popup on a saved page → set kind/stage/note on the person's card → save. */
async function captureAndSave(extension: ExtensionHarness, url: string, fixture: string, name: string, opts: { kind: 'lead' | 'prospect'; stage: string; note: string }): Promise<void> {
  const page = await extension.openFixture(url, path.join(CAPTURE_FIXTURES, fixture));
  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(extension.extensionUrl(`popup.html?tab=${await extension.tabIdOf(page)}`));
  const card = popup.getByTestId('person-card').filter({ hasText: name });
  await card.getByTestId(`kind-${opts.kind}`).click();
  await card.getByTestId('stage-select').selectOption(opts.stage);
  await card.getByTestId('note-input').fill(opts.note);
  await card.getByTestId('save-person').click();
  await expect(card.getByTestId('saved-badge')).toBeVisible();
}

async function syncNowInPanel(extension: ExtensionHarness): Promise<Page> {
  const panel = await extension.extPage('sidepanel.html');
  await panel.getByTestId('sync-now').click();
  await expect(panel.getByTestId('sync-status')).toContainText('All synced');
  return panel;
}

test.describe('sync to HubSpot (emulated)', () => {
  let hs: HubspotEmulator;
  test.beforeEach(async () => {
    hs = await new HubspotEmulator().start();
  });
  test.afterEach(async () => {
    expect(hs.violations).toEqual([]);
    await hs.stop();
  });

  test('capture → save → sync: the person arrives with the note, the lifecycle stage right, in their company', async ({ extension }) => {
    const company = hs.addCompany('Northwind Analytics');
    await configure(extension, hs.url, 'hubspot', { token: hs.token });
    // The account's portal id is the destination's identity, learned when saved.
    await expect.poll(async () => unwrap(await extension.sendMessage('sync.status', {})).identity).toBe(`hubspot:${hs.portalId}`);

    await captureAndSave(extension, PROFILE_URL, 'linkedin-profile.html', 'Maya Lindqvist', { kind: 'prospect', stage: 'contacted', note: 'Met at the Gothenburg meetup; wants a demo in March.' });
    await syncNowInPanel(extension);

    // No email on the profile: created, and remembered by the id HubSpot gave.
    const [maya] = [...hs.contacts.values()];
    expect(hs.contacts.size).toBe(1);
    expect(maya!.properties).toMatchObject({ firstname: 'Maya', lastname: 'Lindqvist', company: 'Northwind Analytics', lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'ATTEMPTED_TO_CONTACT' });
    expect(maya!.associations).toEqual([company]);
    const notes = hs.notesOf(maya!.id).map((n) => n.properties.hs_note_body);
    expect(notes).toEqual(expect.arrayContaining([expect.stringContaining('Met at the Gothenburg meetup'), expect.stringContaining('Profile viewed')]));
    const saved = unwrap(await extension.sendMessage('contacts.search', { query: 'maya', limit: 5 }));
    const contact = unwrap(await extension.sendMessage('contacts.get', { id: saved.items[0]!.id }));
    expect(contact.contact.sync[`hubspot:${hs.portalId}`]).toMatchObject({ remoteId: maya!.id, lastResult: 'ok' });

    // Saved again with a new stage: updated by that id, not created twice.
    unwrap(await extension.sendMessage('contacts.update', { id: contact.contact.id, patch: { set: { stage: { from: 'contacted', to: 'qualified' } } } }));
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(hs.contacts.size).toBe(1);
    expect(maya!.properties.lifecyclestage).toBe('opportunity');
    expect(hs.calls('POST', /contacts\/batch\/update$/)).toHaveLength(1);
  });

  test('401 pauses the destination; after the token is fixed, "Test connection" resumes and everything arrives', async ({ extension }) => {
    await configure(extension, hs.url, 'hubspot', { token: hs.token });
    await captureAndSave(extension, PROFILE_URL, 'linkedin-profile.html', 'Maya Lindqvist', { kind: 'prospect', stage: 'new', note: 'Call back Tuesday.' });
    const rightToken = hs.token;
    hs.token = 'pat-eu1-rotated-elsewhere'; // the private app's token was rotated in HubSpot

    const status = unwrap(await extension.sendMessage('sync.now', {}));
    expect(status.dead).toBe(0); // nothing is killed by an auth failure
    const paused = unwrap(await extension.sendMessage('sync.status', {}));
    expect(paused).toMatchObject({ paused: { reason: 'auth' } });
    expect(paused.pending).toBeGreaterThan(0);
    expect(JSON.stringify(paused)).not.toContain(rightToken);
    const tried = hs.requests.length;
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(hs.requests.length).toBe(tried); // paused: no request until the user acts

    // The side panel says so: "Reconnect HubSpot", with Test connection.
    const panel = await extension.extPage('sidepanel.html');
    const banner = panel.getByTestId('reconnect-banner');
    await expect(banner).toContainText('Reconnect HubSpot', { timeout: 10_000 });
    // Still wrong: Test connection says so, clearly, and the destination stays paused.
    await panel.getByTestId('reconnect-test').click();
    await expect(panel.getByTestId('reconnect-result')).toContainText('HubSpot refused the token (401)');
    expect(unwrap(await extension.sendMessage('sync.test', {}))).toMatchObject({ ok: false, error: expect.stringContaining('HubSpot refused the token (401)') });

    hs.token = rightToken; // fixed on HubSpot's side (the same token is valid again)
    await panel.getByTestId('reconnect-test').click();
    await expect(banner).toBeHidden({ timeout: 10_000 });
    await expect.poll(async () => unwrap(await extension.sendMessage('outbox.status', {})).pending).toBe(0);
    expect(hs.calls('GET', /contacts$/).at(-1)!.status).toBe(200);
    expect(hs.contacts.size).toBe(1);
    expect(hs.notesOf([...hs.contacts.keys()][0]!).length).toBeGreaterThanOrEqual(2);
  });

  test('429 with Retry-After is honoured: nothing is sent before the time HubSpot asked for', async ({ extension }) => {
    await configure(extension, hs.url, 'hubspot', { token: hs.token });
    await captureAndSave(extension, PROFILE_URL, 'linkedin-profile.html', 'Maya Lindqvist', { kind: 'prospect', stage: 'new', note: 'Later.' });
    hs.rateLimitNext(60);
    const before = hs.requests.length; // the test connection made when the destination was saved

    unwrap(await extension.sendMessage('sync.now', {}));
    expect(hs.requests).toHaveLength(before + 1);
    expect(hs.requests.at(-1)!.status).toBe(429);
    const status = unwrap(await extension.sendMessage('sync.status', {}));
    expect(status.retryAt! - Date.now()).toBeGreaterThan(50_000);
    // "Sync now" again and again within the minute: HubSpot hears nothing.
    for (let i = 0; i < 3; i++) unwrap(await extension.sendMessage('sync.now', {}));
    unwrap(await extension.sendMessage('debug.sync', { advanceMs: 30_000 }));
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(hs.requests).toHaveLength(before + 1);

    unwrap(await extension.sendMessage('debug.sync', { advanceMs: 31_000 }));
    expect(unwrap(await extension.sendMessage('sync.now', {}))).toMatchObject({ pending: 0, dead: 0 });
    expect(hs.contacts.size).toBe(1);
  });
});

test.describe('sync to Pipedrive (emulated)', () => {
  let pd: PipedriveEmulator;
  test.beforeEach(async () => {
    pd = await new PipedriveEmulator().start();
  });
  test.afterEach(async () => {
    expect(pd.violations).toEqual([]);
    await pd.stop();
  });

  test('capture → save → sync: a marketing lead arrives as a person in their organisation, a Pipedrive Lead, with notes', async ({ extension }) => {
    await configure(extension, pd.url, 'pipedrive', { domain: 'acme.pipedrive.com', token: pd.token });
    await expect.poll(async () => unwrap(await extension.sendMessage('sync.status', {})).identity).toBe('pipedrive:acme');

    await captureAndSave(extension, GMAIL_URL, 'gmail-thread.html', 'Priya Natarajan', { kind: 'lead', stage: 'engaged', note: 'Replied to the webinar invite; send the recording.' });
    await syncNowInPanel(extension);

    const priya = pd.personByEmail('priya.natarajan@fernwood-bio.example')!;
    expect(priya).toMatchObject({ name: 'Priya Natarajan' });
    expect(pd.orgs.get(priya.org_id!)!.name).toBe('Fernwood Bio');
    expect(pd.leads).toEqual([expect.objectContaining({ person_id: priya.id, title: expect.stringContaining('Priya Natarajan') })]);
    const notes = pd.notesOf(priya.id).map((n) => n.content);
    expect(notes).toEqual(expect.arrayContaining([expect.stringContaining('Replied to the webinar invite'), expect.stringContaining('Campaign response')]));
    expect(pd.calls().every((r) => r.headers['x-api-token'] === pd.token)).toBe(true);
  });

  test('401 pauses, Test connection resumes; 429 waits for Pipedrive’s reset', async ({ extension }) => {
    await configure(extension, pd.url, 'pipedrive', { domain: 'acme', token: pd.token });
    await captureAndSave(extension, GMAIL_URL, 'gmail-thread.html', 'Priya Natarajan', { kind: 'lead', stage: 'new', note: 'First touch.' });
    const rightToken = pd.token;
    pd.token = 'revoked';
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(unwrap(await extension.sendMessage('sync.status', {}))).toMatchObject({ paused: { reason: 'auth' }, dead: 0 });
    expect(unwrap(await extension.sendMessage('sync.test', {}))).toMatchObject({ ok: false, error: expect.stringContaining('refused the API token (401)') });

    pd.token = rightToken;
    pd.rateLimitNext(45);
    // The test connection itself is answered 429: not connected yet, and the pause stays until it succeeds.
    expect(unwrap(await extension.sendMessage('sync.test', {}))).toMatchObject({ ok: false });
    expect(unwrap(await extension.sendMessage('sync.test', {}))).toMatchObject({ ok: true });
    await expect.poll(async () => unwrap(await extension.sendMessage('outbox.status', {})).pending).toBe(0);
    expect(pd.personByEmail('priya.natarajan@fernwood-bio.example')).toBeTruthy();

    // A 429 mid-sync: the endpoint waits for x-ratelimit-reset.
    const saved = unwrap(await extension.sendMessage('contacts.search', { query: 'priya', limit: 5 }));
    unwrap(await extension.sendMessage('contacts.update', { id: saved.items[0]!.id, patch: { set: { stage: { from: 'new', to: 'marketing-qualified' } } } }));
    pd.rateLimitNext(45);
    unwrap(await extension.sendMessage('sync.now', {}));
    const before = pd.requests.length;
    const waiting = unwrap(await extension.sendMessage('sync.status', {}));
    expect(waiting.pending).toBeGreaterThan(0);
    expect(waiting.retryAt! - Date.now()).toBeGreaterThan(40_000);
    unwrap(await extension.sendMessage('sync.now', {}));
    expect(pd.requests.length).toBe(before);
    unwrap(await extension.sendMessage('debug.sync', { advanceMs: 46_000 }));
    expect(unwrap(await extension.sendMessage('sync.now', {}))).toMatchObject({ pending: 0, dead: 0 });
  });
});

test('only the e2e build can point a CRM connector at an emulator; the store build cannot', () => {
  const read = (dir: string, build: string) => {
    const file = path.join(ROOT, dir, 'background.js');
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`${build}\` first`);
    return readFileSync(file, 'utf8');
  };
  // The override reaches the connector's options only behind the build-time constant TOUCHPOINT_E2E.
  const override = /baseUrl:\w+\.crmBaseUrl/;
  expect(read('.output-e2e/chrome-mv3', 'npm run build:e2e')).toMatch(override);
  const store = read('.output/chrome-mv3', 'npm run build');
  expect(store).not.toMatch(override);
  expect(store).toContain('https://api.hubapi.com');
});
