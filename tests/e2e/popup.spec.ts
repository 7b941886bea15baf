import path from 'node:path';
import { test, expect } from './fixtures';
import { ROOT } from './support/browser';
import { CAPTURE_FIXTURES } from './support/expected';
import { POPUP_VIEWPORT, PANEL_VIEWPORT, shot } from './support/ui';

/**
 * Popup journeys against the built extension: a saved page is served at its real URL, the popup page
 * is opened in a tab and told which tab to capture (?tab=, honoured by the e2e build only).
 */
const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB';

test.describe('popup', () => {
  test('profile → save as prospect with a note → in the side panel with a timeline entry', async ({ extension }) => {
    const profile = await extension.openFixture(PROFILE_URL, path.join(CAPTURE_FIXTURES, 'linkedin-profile.html'));
    const tabId = await extension.tabIdOf(profile);
    const popup = await extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));

    const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-saved', 'false');
    await shot(popup, 'popup-profile');

    await card.getByTestId('kind-prospect').click();
    await expect(card.getByTestId('kind-prospect')).toHaveAttribute('aria-pressed', 'true');
    await card.getByTestId('stage-select').selectOption('contacted');
    await card.getByTestId('tags-input').fill('nordics, growth');
    await card.getByTestId('note-input').fill('Met at the Gothenburg meetup; wants a demo in March.');
    await card.getByTestId('save-person').click();
    await expect(card.getByTestId('saved-badge')).toBeVisible();
    await expect(card).toHaveAttribute('data-saved', 'true');
    await shot(popup, 'popup-profile-saved');

    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('contact-search').fill('maya');
    const row = panel.getByTestId('contact-row').filter({ hasText: 'Maya Lindqvist' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Prospect');
    await expect(row).toContainText('Contacted');
    await shot(panel, 'sidepanel-list');

    // "Open" on the saved card brings the open side panel to that contact.
    await card.getByTestId('open-contact').click();
    await expect(panel.getByTestId('contact-name')).toHaveText('Maya Lindqvist');
    const items = panel.getByTestId('timeline-item');
    await expect(items.filter({ hasText: 'Profile viewed' })).toHaveCount(1);
    await expect(items.filter({ hasText: 'Met at the Gothenburg meetup' })).toHaveCount(1);
    await shot(panel, 'sidepanel-detail');

    // Reopening the popup on the same page knows Maya is saved.
    const reopened = await extension.context.newPage();
    await reopened.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
    await expect(reopened.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' }).getByTestId('saved-badge')).toBeVisible();
  });

  test('a reply to a campaign email is saved as a lead with the campaign on its timeline', async ({ extension }) => {
    const mail = await extension.openFixture(GMAIL_URL, path.join(CAPTURE_FIXTURES, 'gmail-thread.html'));
    const tabId = await extension.tabIdOf(mail);
    const popup = await extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));

    await expect(popup.getByTestId('campaign-banner')).toContainText('webinar / email / pipeline-analytics-q4');
    const card = popup.getByTestId('person-card').filter({ hasText: 'Priya Natarajan' });
    await expect(card).toBeVisible();
    await shot(popup, 'popup-gmail-campaign');
    // A campaign response starts as a lead without the user switching it.
    await expect(card.getByTestId('kind-lead')).toHaveAttribute('aria-pressed', 'true');
    await card.getByTestId('kind-lead').click();
    await expect(card.getByTestId('stage-select').locator('option')).toHaveText(['New', 'Engaged', 'Marketing-qualified']);
    await card.getByTestId('save-person').click();
    await expect(card.getByTestId('saved-badge')).toBeVisible();

    const panel = await extension.context.newPage();
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('kind-filter-lead').click();
    await panel.getByTestId('contact-row').filter({ hasText: 'Priya Natarajan' }).click();
    await expect(panel.getByTestId('timeline-item').filter({ hasText: 'Campaign response' })).toContainText('pipeline-analytics-q4');
    await expect(panel.getByTestId('promote')).toBeVisible();
  });

  test('a note typed in the popup survives closing it mid-typing', async ({ extension }) => {
    const profile = await extension.openFixture(PROFILE_URL, path.join(CAPTURE_FIXTURES, 'linkedin-profile.html'));
    const tabId = await extension.tabIdOf(profile);
    const url = extension.extensionUrl(`popup.html?tab=${tabId}`);

    const popup = await extension.context.newPage();
    await popup.goto(url);
    const note = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' }).getByTestId('note-input');
    await expect(note).toBeVisible();
    await note.pressSequentially('Asked about SSO and the EU data residen', { delay: 5 });
    await popup.close({ runBeforeUnload: true }); // no pause: the popup vanishes between keystrokes

    const again = await extension.context.newPage();
    await again.goto(url);
    await expect(again.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' }).getByTestId('note-input')).toHaveValue(
      'Asked about SSO and the EU data residen',
    );
  });

  test('a directory page: select all, save selected, all land in the side panel', async ({ extension }) => {
    const url = 'https://www.linkedin.com/search/results/people/?keywords=revenue%20operations&origin=SWITCH_SEARCH_VERTICAL';
    const list = await extension.openFixture(url, path.join(ROOT, 'tests/fixtures/sites/linkedin-search-people.html'));
    const tabId = await extension.tabIdOf(list);
    const popup = await extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));

    const cards = popup.getByTestId('person-card');
    await expect(cards.first()).toBeVisible();
    const n = await cards.count();
    expect(n).toBeGreaterThan(1);
    await popup.getByTestId('select-all').check();
    await popup.getByTestId('bulk-kind-lead').click();
    await shot(popup, 'popup-directory-dark');
    await popup.getByTestId('save-selected').click();
    await expect(popup.getByTestId('bulk-status')).toHaveText(`${n} of ${n} saved`);
    await expect(popup.locator('[data-testid="person-card"][data-saved="true"]')).toHaveCount(n);

    const panel = await extension.extPage('sidepanel.html');
    await panel.getByTestId('kind-filter-lead').click();
    await expect(panel.getByTestId('contact-row')).toHaveCount(n);
  });

  test('a page no extension may read gives a readable message', async ({ extension }) => {
    // An extension's page stands for every page that is off-limits (chrome://, the Web Store …):
    // the e2e build can see its URL, where chrome:// URLs stay hidden without the tabs permission.
    const offLimits = await extension.extPage('options.html');
    const tabId = await extension.tabIdOf(offLimits);
    const popup = await extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
    await expect(popup.getByTestId('capture-error')).toContainText('only read web pages');
    await shot(popup, 'popup-error');
  });
});
