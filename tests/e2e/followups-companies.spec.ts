import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import type { CapturedPerson } from '../../utils/model/capture';
import { PANEL_VIEWPORT, shot } from './support/ui';

/**
 * Follow-ups, companies and contacts added by hand, on the built extension: a follow-up scheduled at the end of a call
 * falls due (the follow-ups' clock is moved forward in the e2e build; the real alarm fires and the background really
 * creates the browser notification, read back through chrome.notifications in the service worker), shows in Due and
 * on the badge, and is marked done; a company opens with its people; a contact typed by hand is found by city and tag.
 */

function person(name: string, email: string, extra: Partial<CapturedPerson> = {}): CapturedPerson {
  return { name, emails: [email], phones: [], links: [], sources: { name: 'test' }, ...extra };
}
const DAY = 86_400_000;

interface ChromeInWorker {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  action: { getBadgeText(d: object): Promise<string> };
}
const notificationIds = (w: Worker) => w.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.notifications.getAll()));
const badge = (w: Worker) => w.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.action.getBadgeText({}));

async function openPanel(page: Page, url: string): Promise<void> {
  await page.setViewportSize(PANEL_VIEWPORT);
  await page.goto(url);
}

test.describe('follow-ups', () => {
  test('scheduled after a call, it falls due: notification, badge, Due list, then done', async ({ extension, sendMessage }) => {
    const saved = await sendMessage('contacts.save', {
      person: person('Priya Natarajan', 'priya@fernwood.example', { company: 'Fernwood Bio', jobTitle: 'Head of Procurement' }),
      kind: 'prospect',
      page: { url: 'https://example.org/p', site: 'generic' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.data.contact.id;

    const panel = await extension.context.newPage();
    await openPanel(panel, extension.extensionUrl(`sidepanel.html#/contact/${id}`));
    await panel.getByTestId('call-start').click();
    await panel.getByTestId('call-notes').pressSequentially('Wants pricing for 40 seats', { delay: 5 });
    await panel.getByTestId('call-end').click();
    // End call offers the follow-up at once.
    const offer = panel.getByTestId('call-followup');
    await expect(offer).toBeVisible();
    await offer.getByTestId('followup-title').fill('Send pricing for 40 seats');
    await offer.getByTestId('followup-2-days').click();
    await expect(offer.getByTestId('followup-scheduled')).toContainText('Send pricing for 40 seats');
    // It is listed on the contact, open.
    await expect(panel.getByTestId('followups').getByTestId('task-row')).toHaveAttribute('data-status', 'open');

    // Not due yet: no notification, nothing in Due.
    const worker = await extension.serviceWorker();
    expect(await notificationIds(worker)).toEqual([]);

    // Two days and a bit later: the alarm fires, the notification is created, the badge counts it.
    const moved = await sendMessage('debug.followUps', { advanceMs: 3 * DAY });
    expect(moved.ok).toBe(true);
    const tasks = await sendMessage('tasks.ofContact', { contactId: id });
    if (!tasks.ok) throw new Error(tasks.error.message);
    const taskId = tasks.data.items[0]!.id;
    await expect.poll(() => notificationIds(worker), { timeout: 15_000 }).toEqual([`followup:${taskId}`]);
    await expect.poll(() => badge(worker)).toBe('1');

    // The list's Due section shows it with its contact, and opens the contact.
    await panel.getByTestId('contact-back').click();
    const due = panel.getByTestId('due-list');
    await expect(due).toBeVisible();
    await expect(due.getByTestId('task-row')).toHaveCount(1);
    await expect(due.getByTestId('task-open-contact')).toHaveText('Priya Natarajan');
    await expect(due).toContainText('Send pricing for 40 seats');
    await shot(panel, 'followups-due');

    await due.getByTestId('task-done').click();
    await expect(panel.getByTestId('due-list')).toHaveCount(0);
    await expect.poll(() => badge(worker)).toBe('');
    await expect.poll(() => notificationIds(worker)).toEqual([]);
    const after = await sendMessage('tasks.ofContact', { contactId: id });
    expect(after.ok && after.data.items[0]).toMatchObject({ status: 'done' });
  });

  test('clicking the notification opens the side panel on the contact', async ({ extension, sendMessage }) => {
    const saved = await sendMessage('contacts.save', {
      person: person('Tomás Ruiz', 'tomas@brightwave.example', { company: 'Brightwave' }),
      kind: 'prospect',
      page: { url: 'https://example.org/t', site: 'generic' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const created = await sendMessage('tasks.create', { contactId: saved.data.contact.id, title: 'Call Tomás back', due: new Date(Date.now() + DAY).toISOString() });
    if (!created.ok) throw new Error(created.error.message);
    const id = `followup:${created.data.task.id}`;
    const worker = await extension.serviceWorker();
    expect((await sendMessage('debug.followUps', { advanceMs: 2 * DAY })).ok).toBe(true);
    await expect.poll(() => notificationIds(worker), { timeout: 15_000 }).toEqual([id]);

    // The notification's click, through the listener the background registered (a headless browser has no
    // notification to click). Dispatched from a script it carries no gesture, so Chrome refuses the side panel and
    // the background opens the panel's page in a tab: the same page, handed the same contact.
    const opened = extension.context.waitForEvent('page', (p) => p.url().includes('/sidepanel.html'));
    await worker.evaluate((nid) => (globalThis as unknown as { chrome: { notifications: { onClicked: { dispatch(id: string): void } } } }).chrome.notifications.onClicked.dispatch(nid), id);
    const panel = await opened;
    await expect(panel.getByTestId('contact-name')).toHaveText('Tomás Ruiz');
    await expect.poll(() => notificationIds(worker)).toEqual([]);

    // With the click's gesture, the window the background names (chrome.windows.WINDOW_ID_CURRENT: a notification
    // names none) is one Chrome opens the side panel in: here a real click on an extension page makes the same call.
    const page = await extension.extPage('options.html');
    await page.evaluate(() => {
      const c = (globalThis as unknown as { chrome: { sidePanel: { open(o: object): Promise<void> } } }).chrome;
      document.body.insertAdjacentHTML('afterbegin', '<button id="open-panel">open</button>');
      document.getElementById('open-panel')!.addEventListener('click', () => void c.sidePanel.open({ windowId: -2 }));
    });
    await page.click('#open-panel');
    const sidePanels = () =>
      page.evaluate(async () => (await (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length);
    await expect.poll(sidePanels).toBe(1);
  });

  test('a follow-up on a date from the contact, snoozed from Due, and refused for a contact that does not exist', async ({ extension, sendMessage }) => {
    const saved = await sendMessage('contacts.save', { person: person('Ada Lindqvist', 'ada@lindqvist.example'), kind: 'prospect', page: { url: 'https://example.org/a', site: 'generic' } });
    if (!saved.ok) throw new Error(saved.error.message);
    const panel = await extension.context.newPage();
    await openPanel(panel, extension.extensionUrl(`sidepanel.html#/contact/${saved.data.contact.id}`));
    const section = panel.getByTestId('followups');
    const inTenDays = new Date(Date.now() + 10 * DAY);
    const p = (n: number) => String(n).padStart(2, '0');
    await section.getByTestId('followup-date').fill(`${inTenDays.getFullYear()}-${p(inTenDays.getMonth() + 1)}-${p(inTenDays.getDate())}`);
    await section.getByTestId('followup-date-set').click();
    await expect(section.getByTestId('followup-scheduled')).toContainText('Follow up with Ada Lindqvist');
    await sendMessage('debug.followUps', { advanceMs: 11 * DAY });
    await panel.getByTestId('contact-back').click();
    const due = panel.getByTestId('due-list');
    await expect(due.getByTestId('task-row')).toHaveCount(1);
    await due.getByTestId('task-snooze-tomorrow').click();
    // Snoozed to tomorrow morning: out of today's Due list, and due again tomorrow.
    await expect(panel.getByTestId('due-list')).toHaveCount(0);
    await sendMessage('debug.followUps', { advanceMs: 2 * DAY });
    await expect(panel.getByTestId('due-list').getByTestId('task-row')).toHaveCount(1);

    const bad = await sendMessage('tasks.create', { contactId: 'no-such-contact', title: 'x', due: new Date().toISOString() });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('not-found');
  });
});

test.describe('companies', () => {
  test('open a company from a contact and see its people with their latest touch', async ({ extension, sendMessage }) => {
    const page = { url: 'https://www.acme.example/team', site: 'generic' };
    for (const p of [
      person('Maya Chen', 'maya@acme.example', { company: 'Acme AB', jobTitle: 'CTO', location: 'Stockholm' }),
      person('Jordan Lee', 'jordan@gmail.com', { company: 'ACME', jobTitle: 'Sales lead' }),
      person('Sam Ortiz', 'sam@acme.example', { company: 'Acme Labs' }),
      person('Noor Haddad', 'noor@northwind.example', { company: 'Northwind' }),
    ]) {
      const r = await sendMessage('contacts.save', { person: p, kind: 'prospect', page });
      expect(r.ok).toBe(true);
    }
    const maya = await sendMessage('contacts.search', { query: 'maya', limit: 5 });
    if (!maya.ok) throw new Error(maya.error.message);

    const panel = await extension.context.newPage();
    await openPanel(panel, extension.extensionUrl(`sidepanel.html#/contact/${maya.data.items[0]!.id}`));
    await panel.getByTestId('contact-company').click();
    const view = panel.getByTestId('company-view');
    await expect(view.getByTestId('company-name')).toHaveText('Acme AB');
    await expect(view.getByTestId('company-domain')).toHaveText('acme.example');
    const people = view.getByTestId('company-person');
    await expect(people).toHaveCount(3);
    await expect(view.getByTestId('company-people')).not.toContainText('Noor Haddad');
    await expect(people.filter({ hasText: 'Maya Chen' })).toContainText('CTO · Stockholm');
    await expect(people.filter({ hasText: 'Maya Chen' }).getByTestId('company-person-last-touch')).toContainText('Web page visited');
    await shot(panel, 'company-view');
    await people.filter({ hasText: 'Jordan Lee' }).click();
    await expect(panel.getByTestId('contact-name')).toHaveText('Jordan Lee');

    // Rename the company: a name another company has is refused beside the box (what was typed stays); a new one
    // renames it and its people's company.
    await panel.getByTestId('contact-company').click();
    await view.getByTestId('company-rename').click();
    const input = view.getByTestId('company-rename-input');
    await expect(input).toBeFocused();
    await input.fill('northwind');
    await input.press('Enter');
    await expect(view.getByTestId('company-rename-error')).toHaveText('Another company is already called “Northwind”.');
    await expect(input).toHaveValue('northwind');
    await input.fill('Acme Group');
    await view.getByTestId('company-rename-save').click();
    await expect(view.getByTestId('company-name')).toHaveText('Acme Group');
    await expect(view.getByTestId('company-rename')).toBeFocused();
    await expect(people).toHaveCount(3);
    await people.filter({ hasText: 'Maya Chen' }).click();
    await expect(panel.getByTestId('contact-company')).toHaveText('Acme Group');
    const found = await sendMessage('contacts.search', { query: 'acme group', limit: 10 });
    expect(found.ok && found.data.items.map((i) => i.company)).toEqual(['Acme Group', 'Acme Group', 'Acme Group']);
  });
});

test.describe('contacts by hand', () => {
  test('add a contact, refuse a bad email with a clear message, find it by city and by tag, edit its lists', async ({ extension }) => {
    const panel = await extension.context.newPage();
    await openPanel(panel, extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('add-contact').click();
    const form = panel.getByTestId('contact-form');
    await form.getByTestId('contact-form-kind-lead').click();
    await form.getByTestId('edit-name').fill('Maja Holm');
    await form.getByTestId('edit-jobTitle').fill('Head of Growth');
    await form.getByTestId('edit-company').fill('Fjordline');
    await form.getByTestId('edit-location').fill('Bergen, Norway');
    await form.getByTestId('edit-emails').fill('maja@');
    // a national number (its country from the city) and one that cannot be a phone
    await form.getByTestId('edit-phones').fill('912 34 567\n12345');
    await form.getByTestId('edit-links').fill('linkedin.com/in/majaholm');
    await form.getByTestId('edit-tags').fill('webinar-2026, nordics');
    await form.getByTestId('contact-form-save').click();
    await expect(form.getByTestId('contact-form-error')).toContainText('“maja@” is not an email address.');
    await expect(form.getByTestId('phones-error')).toContainText('“12345” cannot be a phone number');
    await expect(form.getByTestId('edit-phones')).toHaveAttribute('aria-invalid', 'true');
    // nothing typed is lost
    await expect(form.getByTestId('edit-phones')).toHaveValue('912 34 567\n12345');
    await form.getByTestId('edit-emails').fill('maja@fjordline.example');
    await form.getByTestId('edit-phones').fill('912 34 567');
    await form.getByTestId('edit-phones').blur();
    await expect(form.getByTestId('phones-error')).toHaveCount(0);
    await form.getByTestId('contact-form-save').click();
    await expect(panel.getByTestId('contact-name')).toHaveText('Maja Holm');
    await expect(panel.getByTestId('kind-chip')).toContainText(/lead/i);
    await expect(panel.getByTestId('contact-fields')).toContainText('maja@fjordline.example');
    await expect(panel.getByTestId('contact-fields')).toContainText('linkedin.com/in/majaholm');
    // stored in E.164, as captured numbers are
    await expect(panel.getByTestId('contact-fields')).toContainText('+4791234567');

    // Found by city and by tag.
    await panel.getByTestId('contact-back').click();
    for (const q of ['Bergen', 'nordics', 'webinar']) {
      await panel.getByTestId('contact-search').fill(q);
      await expect(panel.getByTestId('contact-row')).toHaveCount(1);
      await expect(panel.getByTestId('contact-row')).toContainText('Maja Holm');
    }

    // Edit every list: an email swapped, a phone added, a link removed.
    await panel.getByTestId('contact-row').click();
    await panel.getByTestId('contact-edit').click();
    const edit = panel.getByTestId('contact-edit-form');
    await edit.getByTestId('edit-emails').fill('maja@holm.example');
    await edit.getByTestId('edit-phones').fill('+47 912 34 567\n+47 22 00 00 00');
    await edit.getByTestId('edit-links').fill('');
    await edit.getByTestId('edit-location').fill('Oslo');
    await edit.getByTestId('contact-edit-save').click();
    await expect(panel.getByTestId('contact-edit-form')).toHaveCount(0);
    const fields = panel.getByTestId('contact-fields');
    await expect(fields).toContainText('maja@holm.example');
    await expect(fields).not.toContainText('maja@fjordline.example');
    await expect(fields).toContainText('+4722000000');
    await expect(fields.locator('a[href^="tel:"]')).toHaveCount(2);
    await expect(fields).not.toContainText('linkedin.com');
    await expect(fields).toContainText('Oslo');
  });
});

test('axe finds no serious or critical problem in Due, a company, a contact’s follow-ups and the contact form (light and dark)', async ({ extension, sendMessage }) => {
  const saved = await sendMessage('contacts.save', {
    person: person('Maya Chen', 'maya@acme.example', { company: 'Acme AB', jobTitle: 'CTO', location: 'Stockholm' }),
    kind: 'prospect',
    page: { url: 'https://www.acme.example/team', site: 'generic' },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const id = saved.data.contact.id;
  const made = await sendMessage('tasks.create', { contactId: id, title: 'Send the contract', due: new Date(Date.now() - 60_000).toISOString() });
  expect(made.ok).toBe(true);
  const panel = await extension.context.newPage();
  await openPanel(panel, extension.extensionUrl('sidepanel.html'));
  await expect(panel.getByTestId('due-list').getByTestId('task-row')).toHaveCount(1);
  await expect(panel.getByTestId('due-list').getByTestId('task-due')).toContainText('Overdue');
  const check = async (what: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      const r = await new AxeBuilder({ page: panel }).analyze();
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${what} (${scheme}): ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  };
  await check('Due');
  await panel.getByTestId('task-open-contact').click();
  await expect(panel.getByTestId('followups').getByTestId('task-row')).toHaveCount(1);
  await check('contact follow-ups');
  await panel.getByTestId('contact-company').click();
  await expect(panel.getByTestId('company-person')).toHaveCount(1);
  await check('company');
  await panel.evaluate(() => (location.hash = '#/new'));
  await panel.getByTestId('edit-name').fill('Sam Ortiz');
  await panel.getByTestId('edit-emails').fill('sam@');
  await panel.getByTestId('contact-form-save').click();
  await expect(panel.getByTestId('contact-form-error')).toContainText('not an email address');
  await check('contact form');
});
