import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Result } from '../../utils/model';
import { test, expect, type ExtensionHarness } from './fixtures';
import { ROOT } from './support/browser';
import { PANEL_VIEWPORT, shot } from './support/ui';

/**
 * Import and export journeys on the built extension: files chosen in the options page as a person
 * would, people then seen in the side panel, and the outbox checked for what an import queued.
 */

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`background answered ${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function openPanel(extension: ExtensionHarness): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  return panel;
}

/** A CRM endpoint on 127.0.0.1 that acknowledges every event with a remote id. */
async function startCrm(): Promise<{ url: string; events: string[]; stop: () => Promise<void> }> {
  const events: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: { id: string; entity: string; data: { id: string } }[] };
      for (const e of body.events) events.push(`${e.entity}:${e.data.id}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ results: body.events.map((e) => ({ id: e.id, status: 'ok', remoteId: `crm-${e.data.id}` })) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    events,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test.describe('import and export', () => {
  test('a HubSpot contacts export imports from the options page, the people show in the side panel, and importing it again adds nothing', async ({ extension, sendMessage }) => {
    const options = await extension.extPage('options.html');
    await options.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'hubspot-contacts.csv'));
    const status = options.getByTestId('data-status');
    await expect(status).toContainText('hubspot-contacts.csv (HubSpot export): 4 new, 0 already there.');
    await expect(status).toContainText('1 row skipped');
    await shot(options, 'options-import-hubspot');
    const queued = unwrap(await sendMessage('outbox.status', {})).pending;
    expect(queued).toBe(4); // one upsert per new person; no CRM yet, so they wait

    const panel = await openPanel(extension);
    await expect(panel.getByTestId('contact-row')).toHaveCount(4);
    await expect(panel.getByTestId('kind-filter-lead')).toContainText('2');
    const priya = panel.getByTestId('contact-row').filter({ hasText: 'Priya Natarajan' });
    await expect(priya).toContainText('VP Operations');
    await expect(priya).toContainText('Contacted');
    await expect(panel.getByTestId('contact-row').filter({ hasText: 'Marcus Oyelaran' })).toContainText('Marketing-qualified');
    await shot(panel, 'sidepanel-after-hubspot-import');

    await options.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'hubspot-contacts.csv'));
    await expect(status).toContainText('0 new, 4 already there.');
    await expect(status).toContainText('Nothing new to sync.');
    expect(unwrap(await sendMessage('outbox.status', {})).pending).toBe(queued);
  });

  test('a LinkedIn Connections.csv imports (notes above the header and all), and the connections are found in the side panel', async ({ extension }) => {
    const options = await extension.extPage('options.html');
    await options.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'Connections.csv'));
    await expect(options.getByTestId('data-status')).toContainText('LinkedIn connections export): 4 new, 0 already there.');

    const panel = await openPanel(extension);
    await expect(panel.getByTestId('contact-row')).toHaveCount(4);
    await panel.getByTestId('contact-search').pressSequentially('aisha', { delay: 30 });
    await expect(panel.getByTestId('contact-row')).toHaveCount(1);
    await expect(panel.getByTestId('contact-row')).toContainText('Director of Partnerships · Kestrel Analytics');
    await panel.getByTestId('contact-row').click();
    await expect(panel.locator('body')).toContainText('linkedin.com/in/aisha-bello-7b1a2c');
  });

  test('a damaged file shows a clear error and changes nothing', async ({ extension, sendMessage }) => {
    const options = await extension.extPage('options.html');
    await options.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'malformed-unclosed-quote.csv'));
    await expect(options.getByTestId('data-error')).toContainText('never closed. Nothing was imported.');
    expect(unwrap(await sendMessage('contacts.search', { query: '', limit: 10 })).total).toBe(0);
    expect(unwrap(await sendMessage('outbox.status', {})).pending).toBe(0);
  });

  test('export → erase → import restores everything and queues nothing new; importing the export again says "0 new, 3 already there"', async ({ extension, sendMessage }) => {
    const crm = await startCrm();
    try {
      unwrap(await sendMessage('settings.save', { settings: { defaultKind: 'prospect', ownDomains: [], autoSync: false, destination: { type: 'webhook', url: crm.url } } }));
      const page = { url: 'https://example.org/team', site: 'generic' };
      const ids: string[] = [];
      for (const [name, email, note, company] of [
        ['Ann Lee', 'ann@acme.example', 'Wants a demo in May', 'Acme'],
        ['Bo Ek', 'bo@fjord.example', 'Budget approved', 'Fjord Line'],
        ['Chen Wu', 'chen@harbor.example', undefined, undefined],
      ] as const) {
        const person = { name, emails: [email], phones: [], links: [], sources: {}, ...(company ? { company } : {}) };
        const saved = unwrap(await sendMessage('contacts.save', { person, kind: 'lead', page, ...(note ? { note } : {}) }));
        ids.push(saved.contact.id);
      }
      unwrap(await sendMessage('tasks.create', { id: 'fu-ann', contactId: ids[0]!, title: 'Send the demo invite', due: '2030-05-02T09:00:00.000Z' }));
      const companiesOf = () => Promise.all(ids.slice(0, 2).map(async (contactId) => unwrap(await sendMessage('companies.get', { contactId }))));
      const tasksOf = async () => unwrap(await sendMessage('tasks.ofContact', { contactId: ids[0]! })).items;
      // Everything reaches the CRM: nothing is owed any more.
      expect(unwrap(await sendMessage('sync.now', {}))).toMatchObject({ pending: 0, dead: 0 });
      const delivered = crm.events.length;
      expect(delivered).toBeGreaterThanOrEqual(8); // 3 contacts, 3 touchpoints, 2 notes
      const before = await Promise.all(ids.map(async (id) => unwrap(await sendMessage('contacts.get', { id }))));
      const [companiesBefore, tasksBefore] = [await companiesOf(), await tasksOf()];
      expect(tasksBefore).toHaveLength(1);

      const options = await extension.extPage('options.html');
      const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-json').click()]);
      const file = await download.path();
      expect(readFileSync(file, 'utf8')).toContain('"outbox": []');

      await options.getByTestId('erase-confirm').fill('erase');
      await options.getByTestId('erase-all').click();
      await expect(options.getByTestId('data-status')).toContainText('erased');
      expect(unwrap(await sendMessage('contacts.search', { query: '', limit: 10 })).total).toBe(0);

      await options.getByTestId('import-file').setInputFiles(file);
      const status = options.getByTestId('data-status');
      await expect(status).toContainText('(Touchpoint export): 3 new, 0 already there.');
      await expect(status).toContainText('1 follow-up added, 2 companies added.');
      await expect(status).toContainText('Nothing new to sync.');
      await shot(options, 'options-import-restore');
      expect(unwrap(await sendMessage('outbox.status', {}))).toMatchObject({ pending: 0, dead: 0 });

      const after = await Promise.all(ids.map(async (id) => unwrap(await sendMessage('contacts.get', { id }))));
      expect(after).toEqual(before); // contacts (timestamps, CRM ids), touchpoints and notes, exactly
      // companies (ids, CRM ids, their people) and follow-ups, exactly
      expect(await companiesOf()).toEqual(companiesBefore);
      expect(await tasksOf()).toEqual(tasksBefore);
      // remote ids are kept per destination identity ("webhook:<hash of its URL>", docs/sync.md)
      const remote = Object.entries(after[0]!.contact.sync).find(([key]) => key.startsWith('webhook:'))?.[1];
      expect(remote?.remoteId).toBe(`crm-${ids[0]}`);

      await options.getByTestId('import-file').setInputFiles(file);
      await expect(status).toContainText('(Touchpoint export): 0 new, 3 already there.');
      await expect(status).toContainText('1 follow-up already there, 2 companies already there.');
      expect(unwrap(await sendMessage('outbox.status', {}))).toMatchObject({ pending: 0 });

      // With the CRM configured again, a sync has nothing to send.
      unwrap(await sendMessage('settings.save', { settings: { defaultKind: 'prospect', ownDomains: [], autoSync: false, destination: { type: 'webhook', url: crm.url } } }));
      unwrap(await sendMessage('sync.now', {}));
      expect(crm.events.length).toBe(delivered);

      const panel = await openPanel(extension);
      await expect(panel.getByTestId('contact-row')).toHaveCount(3);
    } finally {
      await crm.stop();
    }
  });

  test('CSV for HubSpot and CSV for Salesforce download with the CRMs’ import headers', async ({ extension, sendMessage }) => {
    unwrap(await sendMessage('contacts.save', {
      person: { name: 'Ann Marie Lee', emails: ['ann@acme.example'], phones: ['+46701234567'], links: [], sources: {} },
      kind: 'prospect',
      page: { url: 'https://example.org/?utm_source=newsletter&utm_campaign=spring', site: 'generic', campaign: { source: 'newsletter', name: 'spring' } },
    }));
    const options = await extension.extPage('options.html');
    const [hs] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-csv-hubspot').click()]);
    expect(hs.suggestedFilename()).toMatch(/\.hubspot\.csv$/);
    const hubspot = readFileSync(await hs.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(hubspot[0]).toMatch(/^First Name,Last Name,Email,/);
    expect(hubspot[1]).toMatch(/^Ann,Marie Lee,ann@acme\.example,,\+46701234567,/);
    expect(hubspot[1]).toContain(',newsletter,,spring,Campaign response,');
    const [sf] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-csv-salesforce').click()]);
    const salesforce = readFileSync(await sf.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(salesforce[0]).toMatch(/^First Name,Last Name,Title,Company,Email,Phone,Mobile,/);
    expect(salesforce[1]).toMatch(/^Ann,Marie Lee,,\[not provided\],ann@acme\.example,\+46701234567,/);
  });

  test('Companies CSV downloads one row per company with its people and latest touch', async ({ extension, sendMessage }) => {
    const page = { url: 'https://example.org/team', site: 'generic' };
    for (const [name, jobTitle] of [['Ann Lee', 'CFO'], ['Bo Ek', 'Buyer']] as const) {
      unwrap(await sendMessage('contacts.save', { person: { name, jobTitle, company: 'Acme Corp', emails: [], phones: [], links: [], sources: {} }, kind: 'prospect', page }));
    }
    unwrap(await sendMessage('contacts.save', { person: { name: 'Chen Wu', company: '=Harbor', emails: [], phones: [], links: [], sources: {} }, kind: 'prospect', page }));
    const options = await extension.extPage('options.html');
    const [dl] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-csv-companies').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.companies\.csv$/);
    const rows = readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('id,name,domain,people,contacts,lastTouch,lastTouchAt,createdAt,updatedAt');
    expect(rows).toHaveLength(3);
    const acme = rows.find((r) => r.includes(',Acme Corp,'));
    expect(acme).toContain(',2,Ann Lee (CFO); Bo Ek (Buyer),Web page visited,');
    // a company name that would start a formula is text
    expect(rows.some((r) => r.includes(",'=Harbor,"))).toBe(true);
  });
});
