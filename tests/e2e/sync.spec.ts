import type { Page } from '@playwright/test';
import type { RequestOf, Result } from '../../utils/model';
import { test, expect, type ExtensionHarness } from './fixtures';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Sync as a person uses it: the options page configures a Standard Webhooks endpoint (a receiver this file
 * starts on 127.0.0.1, verifying signatures with the official standardwebhooks package), tests the
 * connection, sees deliveries in the log, redelivers one, and reconnects after the endpoint refused the
 * credentials. The fault table over 1,000 events per scenario is in sync-faults.spec.ts.
 */

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`background answered ${result.error.code}: ${result.error.message}`);
  return result.data;
}

const saveRequest = (name: string, email: string): RequestOf<'contacts.save'> => ({
  person: { name, emails: [email], phones: [], links: [], role: 'profile', sources: { name: 'jsonld' } },
  kind: 'prospect',
  note: 'Wants pricing for 40 seats.',
  page: { url: 'https://people.example.org/team', site: 'generic' },
});

/** The options page: webhook URL, a generated secret (returned: the user copies it to the receiver), autoSync as given. */
async function setUpWebhook(extension: ExtensionHarness, url: string, autoSync: boolean): Promise<{ page: Page; secret: string }> {
  const page = await extension.extPage('options.html');
  await page.setViewportSize({ width: 1000, height: 1400 });
  await page.getByTestId('dest-webhook').check();
  await page.getByTestId('webhook-url').fill(url);
  await page.getByTestId('webhook-secret-generate').click();
  const secret = await page.getByTestId('webhook-secret').inputValue();
  if (!autoSync) await page.getByTestId('auto-sync').uncheck();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  return { page, secret };
}

test.describe('sync to a Standard Webhooks endpoint', () => {
  let rx: WebhookReceiver;
  test.afterEach(async () => rx?.stop());

  test('configure, test the connection, save contacts: they arrive signed, contact first, and show in the delivery log; Redeliver sends them again', async ({ extension }) => {
    rx = new WebhookReceiver('');
    await rx.start();
    const { page, secret } = await setUpWebhook(extension, rx.url, true);
    rx.secret = secret;

    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result')).toContainText('Connected');
    expect(rx.requests[0]!.events[0]!.type).toBe('ping');
    expect(rx.requests[0]!.signatureValid).toBe(true);

    const a = unwrap(await extension.sendMessage('contacts.save', saveRequest('Ada Lindqvist', 'ada@lindqvist.example')));
    // autoSync: the background sends shortly after the change, with no page asking it to
    await expect.poll(() => rx.acked.size, { timeout: 20_000 }).toBe(3);
    const events = rx.ackedEvents;
    expect(events.map((e) => e.type)).toEqual(['contact.upserted', 'touchpoint.created', 'note.created']);
    expect(events[0]!.data).toMatchObject({ id: a.contact.id, name: 'Ada Lindqvist', emails: ['ada@lindqvist.example'] });
    expect(events[0]!.data).not.toHaveProperty('provenance');
    expect(events[0]!.data).not.toHaveProperty('sync');
    for (const h of rx.requests) {
      expect(h.signatureValid).toBe(true);
      expect(h.authorization).toBeUndefined();
      expect(h.rawBody).not.toContain(secret.slice(6));
    }
    expect(unwrap(await extension.sendMessage('sync.status', {}))).toMatchObject({ pending: 0, dead: 0 });

    await expect(page.getByTestId('delivery-row').first()).toHaveAttribute('data-outcome', 'delivered', { timeout: 10_000 });
    await expect(page.getByTestId('delivery-row').first()).toContainText('200');
    const before = rx.acked.size;
    await page.getByTestId('redeliver').first().click();
    await expect(page.getByTestId('full-sync-status')).toContainText('Queued 3');
    await expect.poll(() => rx.acked.size, { timeout: 20_000 }).toBe(before + 3);
  });

  test('401 pauses sync and shows Reconnect in options and the side panel; Test connection after the fix resumes it', async ({ extension }) => {
    rx = new WebhookReceiver('');
    await rx.start();
    const { page, secret } = await setUpWebhook(extension, rx.url, false);
    rx.secret = secret;
    let refuse = true;
    rx.plan = () => (refuse ? { status: 401, body: '{"error":"unknown signing key"}' } : undefined);

    unwrap(await extension.sendMessage('contacts.save', saveRequest('Bo Sørensen', 'bo@sorensen.example')));
    unwrap(await extension.sendMessage('sync.now', {}));
    await expect(page.getByTestId('reconnect-banner')).toContainText('Reconnect the webhook', { timeout: 10_000 });
    await expect(page.getByTestId('reconnect-banner')).toContainText('3 changes wait');
    const panel = await extension.extPage('sidepanel.html');
    await expect(panel.getByTestId('reconnect-banner')).toBeVisible();
    await expect(page.getByTestId('delivery-row').first()).toContainText('401');

    // Still refused: the banner stays and says so; nothing died.
    await panel.getByTestId('reconnect-test').click();
    await expect(panel.getByTestId('reconnect-result')).toContainText('Still failing');
    refuse = false;
    await panel.getByTestId('reconnect-test').click();
    await expect(panel.getByTestId('reconnect-banner')).toBeHidden({ timeout: 10_000 });
    await expect.poll(() => rx.acked.size, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => unwrap(await extension.sendMessage('sync.status', {})).pending).toBe(0);
    expect(unwrap(await extension.sendMessage('sync.status', {}))).toMatchObject({ dead: 0 });
  });

  test('contacts the CRM refused are listed in options with its reason; Retry sends one again, Retry all the rest', async ({ extension }) => {
    rx = new WebhookReceiver('');
    await rx.start();
    const { page, secret } = await setUpWebhook(extension, rx.url, false);
    rx.secret = secret;
    // The receiver refuses two people's records (as a CRM refuses an invalid field), and takes everything else.
    const refused = new Set(['Bo Ek', 'Cy Dahl']);
    rx.plan = (hit) => {
      if (!hit.signatureValid || !hit.events.some((e) => e.type === 'contact.upserted' && refused.has(String(e.data.name)))) return undefined;
      const results = hit.events.map((e) =>
        e.type === 'contact.upserted' && refused.has(String(e.data.name))
          ? { id: e.id, status: 'rejected', error: 'email: INVALID_EMAIL' }
          : { id: e.id, status: 'ok', ...(e.type === 'contact.upserted' ? { remoteId: `crm-${e.data.id}` } : {}) },
      );
      return { status: 200, body: JSON.stringify({ results }) };
    };
    const ann = unwrap(await extension.sendMessage('contacts.save', saveRequest('Ann Lee', 'ann@lee.example')));
    const bo = unwrap(await extension.sendMessage('contacts.save', saveRequest('Bo Ek', 'bo@ek.example')));
    unwrap(await extension.sendMessage('contacts.save', saveRequest('Cy Dahl', 'cy@dahl.example')));
    await expect.poll(async () => unwrap(await extension.sendMessage('sync.now', {})).dead, { timeout: 15_000 }).toBe(2);

    const section = page.getByTestId('refused');
    await expect(section).toBeVisible({ timeout: 10_000 });
    const rows = section.getByTestId('refused-row');
    await expect(rows).toHaveCount(2);
    const boRow = rows.filter({ hasText: 'Bo Ek' });
    await expect(boRow.getByTestId('refused-reason')).toContainText('email: INVALID_EMAIL');
    await expect(rows.filter({ hasText: 'Ann Lee' })).toHaveCount(0);
    expect(ann.contact.id).not.toBe(bo.contact.id);

    // Bo's email was fixed in the CRM: Retry sends his record again (only his), and he leaves the list.
    refused.delete('Bo Ek');
    const sentBefore = rx.hits.length;
    await boRow.getByTestId('refused-retry').click();
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Cy Dahl');
    const resent = rx.hits.slice(sentBefore).flatMap((h) => h.events.filter((e) => e.type === 'contact.upserted').map((e) => e.data.name));
    expect(resent).toEqual(['Bo Ek']);

    refused.clear();
    await section.getByTestId('refused-retry-all').click();
    await expect(page.getByTestId('refused')).toHaveCount(0);
    expect(unwrap(await extension.sendMessage('sync.status', {}))).toMatchObject({ dead: 0, pending: 0 });
  });
});
