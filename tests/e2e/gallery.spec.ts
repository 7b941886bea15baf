import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './fixtures';
import { ROOT } from './support/browser';
import { CAPTURE_FIXTURES } from './support/expected';
import { PANEL_VIEWPORT, POPUP_VIEWPORT } from './support/ui';

/**
 * The screenshot gallery (docs/screenshots.md): the real built extension on the fixtures, one journey that walks
 * through what a user sees. Every step is checked on every run; the PNGs are written to docs/screenshots/ only with
 * UPDATE_SCREENSHOT=1 (then look at them and commit them), so ordinary runs never touch tracked files.
 *
 * To add a shot (follow-ups, a company …): add a step below and a line in docs/screenshots.md.
 */
const DIR = path.join(ROOT, 'docs/screenshots');
const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const TEAM_URL =
  'https://www.harborlight.example/about/team?utm_source=linkedin&utm_medium=paid-social&utm_campaign=q4-freight-webinar&utm_content=carousel-2';
const write = process.env.UPDATE_SCREENSHOT === '1';

/** The popup as Chrome shows it: as tall as its content, up to 600 px. */
async function popupShot(popup: Page, name: string): Promise<void> {
  if (!write) return;
  const height = await popup.evaluate(() => Math.ceil(Math.min(600, document.body.getBoundingClientRect().height)));
  await popup.screenshot({ path: path.join(DIR, `${name}.png`), clip: { x: 0, y: 0, width: POPUP_VIEWPORT.width, height } });
}
async function pageShot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!write) return;
  if (!fullPage) {
    await page.screenshot({ path: path.join(DIR, `${name}.png`) });
    return;
  }
  // A window as tall as the content: a full-page capture would leave the sticky footer mid-page.
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: path.join(DIR, `${name}.png`) });
  await page.setViewportSize(size);
}

async function popupOn(extension: ExtensionHarness, url: string, fixture: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await extension.openFixture(url, path.join(CAPTURE_FIXTURES, fixture));
  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.goto(extension.extensionUrl(`popup.html?tab=${await extension.tabIdOf(page)}`));
  await expect(popup.getByTestId('popup-loading')).toHaveCount(0);
  // icons are inline SVG: never an emoji a font may lack
  await expect(popup.locator('svg.icon').first()).toBeVisible();
  return popup;
}

test('screenshot gallery: popup, compact list, saved card, side panel, call mode, options, dark mode', async ({ extension }) => {
  test.setTimeout(180_000);
  if (write) mkdirSync(DIR, { recursive: true });

  // 1. A LinkedIn profile: the card to save a new person.
  const popup = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
  await expect(popup.getByTestId('page-summary')).toHaveText('LinkedIn profile');
  const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
  await card.getByTestId('stage-select').selectOption('meeting-booked');
  await card.getByTestId('tags-input').fill('enterprise, q3-pilot');
  await card.getByTestId('note-input').fill('Wants a pilot in Q3; security review first.');
  await popupShot(popup, 'popup-profile');
  await card.getByTestId('save-person').click();
  await expect(card.getByTestId('saved-badge')).toBeVisible();

  // 2. The same person later: the card is their record.
  const again = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
  await expect(again.getByTestId('record-stage')).toHaveText('Meeting booked');
  await popupShot(again, 'popup-saved-card');

  // 3. A team page reached from a campaign: compact rows and the bulk bar.
  const team = await popupOn(extension, TEAM_URL, 'team-jsonld.html');
  await expect(team.getByTestId('page-summary')).toHaveText('Team page · 4 people');
  for (const name of ['Grace Adeyemi', 'Marcus Delgado', 'Yuki Tanaka']) {
    await team.getByTestId('person-card').filter({ hasText: name }).getByTestId('person-select').check();
  }
  await team.getByTestId('bulk-kind-lead').click();
  await team.getByTestId('bulk-stage').selectOption('engaged');
  await team.getByTestId('bulk-tags').fill('q4-webinar, freight');
  await team.getByTestId('bulk-note').fill('Replied to the Q4 freight webinar invite');
  await popupShot(team, 'popup-compact-list');
  await team.getByTestId('save-selected').click();
  await expect(team.getByTestId('bulk-status')).toHaveText('3 of 3 saved');
  await popupShot(team, 'popup-compact-list-saved');

  // 4. The side panel: contacts, one contact, call mode.
  const panel = await extension.context.newPage();
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await expect(panel.getByTestId('contact-row')).toHaveCount(4);
  await pageShot(panel, 'sidepanel-contacts');
  await panel.getByTestId('contact-row').filter({ hasText: 'Maya Lindqvist' }).click();
  await expect(panel.getByTestId('contact-name')).toHaveText('Maya Lindqvist');
  await pageShot(panel, 'sidepanel-contact', true);
  await panel.getByTestId('call-start').click();
  await panel.getByTestId('call-notes').pressSequentially('Budget approved for Q3. Decision by Friday.', { delay: 2 });
  await expect(panel.getByTestId('call-notes-status')).toHaveText('Notes saved');
  await pageShot(panel, 'sidepanel-call');
  await panel.getByTestId('call-outcome').selectOption('follow-up');
  await panel.getByTestId('call-end').click();
  await expect(panel.locator('[data-testid="timeline-item"][data-type="call"]')).toHaveCount(1);
  await pageShot(panel, 'sidepanel-after-call', true);

  // 4. Follow-ups: one scheduled as the call ends, seen due in the side panel's Due list two days later (the e2e build
  //    moves the follow-ups' clock), and a company with its people.
  const offer = panel.getByTestId('call-followup');
  await offer.getByTestId('followup-title').fill('Send the security questionnaire');
  await offer.getByTestId('followup-2-days').click();
  await expect(offer.getByTestId('followup-scheduled')).toContainText('Send the security questionnaire');
  const grace = await extension.sendMessage('contacts.search', { query: 'grace', limit: 1 });
  if (!grace.ok) throw new Error(grace.error.message);
  await extension.sendMessage('tasks.create', { contactId: grace.data.items[0]!.id, title: 'Book the freight demo', due: new Date(Date.now() + 2 * 86_400_000).toISOString() });
  await extension.sendMessage('debug.followUps', { advanceMs: 3 * 86_400_000 });
  const records = await extension.context.newPage();
  await records.setViewportSize(PANEL_VIEWPORT);
  await records.goto(extension.extensionUrl('sidepanel.html'));
  await expect(records.getByTestId('due-list').getByTestId('task-row')).toHaveCount(2);
  await pageShot(records, 'sidepanel-followups-due');
  await records.getByTestId('due-list').getByTestId('task-open-contact').filter({ hasText: 'Grace Adeyemi' }).click();
  await records.getByTestId('contact-company').click();
  await expect(records.getByTestId('company-person')).toHaveCount(3);
  await pageShot(records, 'sidepanel-company', true);

  // 5. Options.
  const options = await extension.extPage('options.html');
  await options.setViewportSize({ width: 900, height: 1000 });
  await expect(options.getByTestId('settings-save')).toBeVisible();
  await pageShot(options, 'options');

  // 6. Dark mode: the saved card and the contact.
  const dark = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html', 'dark');
  await expect(dark.getByTestId('record-stage')).toHaveText('Meeting booked');
  await popupShot(dark, 'dark-popup-saved-card');
  const darkTeam = await popupOn(extension, TEAM_URL, 'team-jsonld.html', 'dark');
  await expect(darkTeam.locator('[data-testid="person-card"][data-saved="true"]')).toHaveCount(3);
  await popupShot(darkTeam, 'dark-popup-compact-list');
  await panel.emulateMedia({ colorScheme: 'dark' });
  await pageShot(panel, 'dark-sidepanel-contact', true);
});
