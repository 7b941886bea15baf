import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { shot } from './support/ui';

/**
 * Options journeys. The e2e build already holds <all_urls>, so the browser grants the CRM origin the
 * options page asks for at once (a real prompt cannot be answered headless).
 */
test.describe('options', () => {
  test('saves a webhook destination, own domains and default kind', async ({ extension, sendMessage }) => {
    const page = await extension.extPage('options.html');
    await page.setViewportSize({ width: 900, height: 1200 });
    await expect(page.getByTestId('settings-form')).toBeVisible();
    await expect(page.getByTestId('dest-none')).toBeChecked();
    await expect(page.getByTestId('privacy')).toContainText('on this device');
    await shot(page, 'options');

    await page.getByTestId('dest-webhook').check();
    await page.getByTestId('webhook-url').fill('http://crm.example.org/hook');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-error')).toContainText('https://');

    await page.getByTestId('webhook-url').fill('https://hooks.example.org/touchpoint');
    await page.getByTestId('webhook-secret').fill('s3cret-value');
    await page.getByTestId('own-domains').fill('Northwind.se, @northwind.com');
    await page.getByTestId('kind-lead').click();
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
    await shot(page, 'options-webhook');

    const got = await sendMessage('settings.get', {});
    if (!got.ok) throw new Error(got.error.message);
    expect(got.data.settings).toMatchObject({
      defaultKind: 'lead',
      ownDomains: ['northwind.se', 'northwind.com'],
      destination: { type: 'webhook', target: 'https://hooks.example.org/touchpoint' },
    });
    expect(JSON.stringify(got.data)).not.toContain('s3cret-value');

    await page.reload();
    await expect(page.getByTestId('dest-webhook')).toBeChecked();
    await expect(page.getByTestId('webhook-url')).toHaveValue('https://hooks.example.org/touchpoint');
    await expect(page.getByTestId('kind-lead')).toHaveAttribute('aria-pressed', 'true');

    // The side panel's sync line now speaks of the CRM.
    const panel = await extension.extPage('sidepanel.html');
    await expect(panel.getByTestId('sync-status')).not.toContainText('No CRM connected');
  });

  test('exports JSON, erases everything only after the typed confirmation, and imports the export back', async ({ extension, sendMessage }) => {
    const saved = await sendMessage('contacts.save', {
      person: { name: 'Ann Lee', emails: ['ann@acme.example'], phones: [], links: [], sources: {} },
      kind: 'prospect',
      page: { url: 'https://example.org/', site: 'generic' },
    });
    expect(saved.ok).toBe(true);
    const page = await extension.extPage('options.html');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const file = await download.path();
    expect(readFileSync(file, 'utf8')).toContain('ann@acme.example');

    await expect(page.getByTestId('erase-all')).toBeDisabled();
    await page.getByTestId('erase-confirm').fill('erase');
    await page.getByTestId('erase-all').click();
    await expect(page.getByTestId('data-status')).toContainText('erased');
    const left = await sendMessage('contacts.search', { query: '', limit: 10 });
    expect(left.ok && left.data.total).toBe(0);

    // The export brings everything back.
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('data-status')).toContainText('1 new, 0 already there');
    const back = await sendMessage('contacts.search', { query: 'ann', limit: 10 });
    expect(back.ok && back.data.items.map((c) => c.email)).toEqual(['ann@acme.example']);
  });
});
