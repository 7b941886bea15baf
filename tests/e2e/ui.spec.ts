import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './fixtures';
import { CAPTURE_FIXTURES } from './support/expected';
import { PANEL_VIEWPORT, POPUP_VIEWPORT } from './support/ui';
import type { CapturedPerson } from '../../utils/model/capture';

/**
 * The look, flow and keyboard of the popup, side panel and options, on the built extension: a marketer's bulk update
 * of a campaign's responders, the keyboard path through a save, and axe on every page in light and dark mode.
 */
const TEAM_URL =
  'https://www.harborlight.example/about/team?utm_source=linkedin&utm_medium=paid-social&utm_campaign=q4-freight-webinar&utm_content=carousel-2';
const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';

async function popupOn(extension: ExtensionHarness, url: string, fixture: string): Promise<Page> {
  const page = await extension.openFixture(url, path.join(CAPTURE_FIXTURES, fixture));
  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(extension.extensionUrl(`popup.html?tab=${await extension.tabIdOf(page)}`));
  await expect(popup.getByTestId('popup-loading')).toHaveCount(0);
  return popup;
}

function person(name: string, email: string, extra: Partial<CapturedPerson> = {}): CapturedPerson {
  return { name, emails: [email], phones: [], links: [], sources: { name: 'test' }, ...extra };
}

test.describe('popup and side panel: look, flow, keyboard', () => {
  test("bulk-tags a campaign's responders on a team page: stage, tags and one note in one go", async ({ extension }) => {
    const popup = await popupOn(extension, TEAM_URL, 'team-jsonld.html');
    await expect(popup.getByTestId('page-summary')).toHaveText('Team page · 4 people');
    const rows = popup.getByTestId('person-card');
    await expect(rows).toHaveCount(4);
    // one row per person: no form, no save button until a row is unfolded
    await expect(popup.getByTestId('save-person')).toHaveCount(0);
    const rowHeight = (await rows.first().boundingBox())!.height;
    expect(rowHeight).toBeLessThan(60);

    // Three of the four replied to the webinar.
    for (const name of ['Grace Adeyemi', 'Marcus Delgado', 'Yuki Tanaka']) await rows.filter({ hasText: name }).getByTestId('person-select').check();
    await popup.getByTestId('bulk-kind-lead').click();
    await popup.getByTestId('bulk-stage').selectOption('engaged');
    await popup.getByTestId('bulk-tags').fill('q4-webinar, freight');
    await popup.getByTestId('bulk-note').fill('Replied to the Q4 freight webinar invite');
    await popup.getByTestId('save-selected').click();
    await expect(popup.getByTestId('bulk-status')).toHaveText('3 of 3 saved');
    // saved rows stay compact rows marked saved; the fourth person is untouched
    await expect(popup.locator('[data-testid="person-card"][data-saved="true"]')).toHaveCount(3);
    await expect(rows.filter({ hasText: 'Samir Haddad' })).toHaveAttribute('data-saved', 'false');
    await expect(popup.getByTestId('save-person')).toHaveCount(0);
    await expect(popup.getByTestId('open-sidepanel')).toBeFocused();

    // The side panel holds three records with the stage, both tags and one note each.
    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('kind-filter-lead').click();
    await expect(panel.getByTestId('contact-row')).toHaveCount(3);
    for (const name of ['Grace Adeyemi', 'Marcus Delgado', 'Yuki Tanaka']) {
      await panel.getByTestId('contact-row').filter({ hasText: name }).click();
      await expect(panel.getByTestId('contact-name')).toHaveText(name);
      await expect(panel.getByTestId('stage-select')).toHaveValue('engaged');
      await expect(panel.getByTestId('contact-fields')).toContainText('q4-webinar');
      await expect(panel.getByTestId('contact-fields')).toContainText('freight');
      await expect(panel.locator('[data-testid="timeline-item"][data-type="note"]')).toHaveCount(1);
      await expect(panel.locator('[data-testid="timeline-item"][data-type="note"]')).toContainText('Replied to the Q4 freight webinar invite');
      await panel.getByTestId('contact-back').click();
      // Back: focus returns to the list's search box, not the page body
      await expect(panel.getByTestId('contact-search')).toBeFocused();
    }

    // Applying to a saved person again adds a tag and keeps their stage and notes.
    await rows.filter({ hasText: 'Grace Adeyemi' }).getByTestId('person-select').check();
    await popup.getByTestId('bulk-tags').fill('vip');
    await popup.getByTestId('save-selected').click();
    await expect(popup.getByTestId('bulk-status')).toHaveText('1 of 1 saved');
    const found = await extension.sendMessage('contacts.search', { query: 'grace adeyemi', limit: 5 });
    if (!found.ok) throw new Error(found.error.message);
    const grace = await extension.sendMessage('contacts.get', { id: found.data.items[0]!.id });
    if (!grace.ok) throw new Error(grace.error.message);
    expect(grace.data.contact.stage).toBe('engaged');
    expect([...grace.data.contact.tags].sort()).toEqual(['freight', 'q4-webinar', 'vip']);
    expect(grace.data.notes).toHaveLength(1);
  });

  test('keyboard: the note box is focused, Ctrl+Enter saves, focus moves on after Save, opening a contact, End call and Back', async ({
    extension,
  }) => {
    const popup = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
    const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await expect(card.getByTestId('note-input')).toBeFocused();
    await popup.keyboard.type('Wants a pilot in Q3');
    await popup.keyboard.press('Control+Enter');
    await expect(card.getByTestId('saved-badge')).toBeVisible();
    await expect(card.getByTestId('open-contact')).toBeFocused();

    // Reopened: the saved person's primary action is under the cursor, and at most two Tabs from the top.
    const again = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
    const known = again.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await expect(known.getByTestId('save-person')).toHaveText('Update');
    await expect(known.getByTestId('save-person')).toBeFocused();
    // From the top of the popup (a click on its title sets where Tab starts): Update within two Tabs.
    await again.locator('.app-header h1').click();
    let tabs = 0;
    for (; tabs < 3; tabs++) {
      await again.keyboard.press('Tab');
      if (await known.getByTestId('save-person').evaluate((el) => el === document.activeElement)) break;
    }
    expect(tabs + 1).toBeLessThanOrEqual(2);
    // Ctrl+Enter in the added note saves it into the record.
    await known.getByTestId('add-note').click();
    await expect(known.getByTestId('note-input')).toBeFocused();
    await again.keyboard.type('Sent the security paper');
    await again.keyboard.press('Control+Enter');
    await expect(known.getByRole('status')).toContainText("Updated Maya Lindqvist's record");

    // Side panel: opening a contact focuses its first control; Ctrl+Enter finishes a note; End call moves focus on.
    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('contact-row').filter({ hasText: 'Maya Lindqvist' }).press('Enter');
    await expect(panel.getByTestId('contact-name')).toHaveText('Maya Lindqvist');
    await expect(panel.getByTestId('contact-back')).toBeFocused();
    await panel.getByTestId('note-input').fill('Prefers email');
    await panel.getByTestId('note-input').press('Control+Enter');
    await expect(panel.getByTestId('note-input')).toHaveValue('');
    await expect(panel.locator('[data-testid="timeline-item"][data-type="note"]').filter({ hasText: 'Prefers email' })).toHaveCount(1);
    await expect(panel.getByTestId('note-input')).toBeFocused();

    await panel.getByTestId('call-start').press('Enter');
    await expect(panel.getByTestId('call-notes')).toBeFocused();
    await panel.keyboard.type('Budget approved');
    await panel.getByTestId('call-end').press('Enter');
    await expect(panel.getByTestId('call-panel')).toHaveCount(0);
    // the next question after a call: when to follow up (its first choice has focus)
    await expect(panel.getByTestId('call-followup').locator('button').first()).toBeFocused();
    await panel.getByTestId('contact-back').press('Enter');
    await expect(panel.getByTestId('contact-search')).toBeFocused();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical problem on the popup, side panel and options (${scheme})`, async ({ extension }) => {
      const saved = await extension.sendMessage('contacts.save', {
        person: person('Priya Natarajan', 'priya@fernwood.example', { company: 'Fernwood Bio', jobTitle: 'VP Operations', location: 'Boston, MA', links: ['https://www.linkedin.com/in/priya-n/'] }),
        kind: 'lead',
        tags: ['webinar'],
        note: 'Asked for pricing',
        page: { url: 'https://example.org/team?utm_source=news&gclid=abc', site: 'generic' },
      });
      if (!saved.ok) throw new Error(saved.error.message);
      const check = async (page: Page, what: string) => {
        await page.emulateMedia({ colorScheme: scheme });
        const r = await new AxeBuilder({ page }).analyze();
        const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      };
      // popup: a profile card, a saved record and a compact list
      const profile = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
      await check(profile, 'popup (profile)');
      const team = await popupOn(extension, TEAM_URL, 'team-jsonld.html');
      await team.getByTestId('select-all').check();
      await team.getByTestId('person-card').first().getByTestId('person-more').click();
      await check(team, 'popup (team page)');
      // side panel: list, contact, call mode
      const panel = await extension.context.newPage();
      await panel.setViewportSize(PANEL_VIEWPORT);
      await panel.goto(extension.extensionUrl('sidepanel.html'));
      await expect(panel.getByTestId('contact-row')).toHaveCount(1);
      await check(panel, 'side panel (list)');
      await panel.getByTestId('contact-row').click();
      await panel.getByTestId('call-start').click();
      await expect(panel.getByTestId('call-panel')).toBeVisible();
      await check(panel, 'side panel (contact, call)');
      const options = await extension.extPage('options.html');
      await expect(options.getByTestId('settings-save')).toBeVisible();
      await check(options, 'options');
    });
  }
});
