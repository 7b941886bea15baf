import path from 'node:path';
import { test, expect, type ExtensionHarness } from './fixtures';
import { CAPTURE_FIXTURES } from './support/expected';
import { POPUP_VIEWPORT, PANEL_VIEWPORT } from './support/ui';
import type { RequestOf } from '../../utils/model/messages';

/**
 * Trustworthy records on the built extension: re-saving keeps the pipeline, promotion is explicit, duplicates are
 * merged from the popup's hint and from the side panel's duplicates view (with undo), two panels editing one contact
 * keep both changes, a note saved after a reopened panel is one note, and Start call puts the cursor in the notes.
 */
const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB';

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

async function popupOn(extension: ExtensionHarness, url: string, fixture: string) {
  const page = await extension.openFixture(url, path.join(CAPTURE_FIXTURES, fixture));
  const tabId = await extension.tabIdOf(page);
  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
  return { popup, tabId };
}

function saveReq(name: string, extra: Partial<RequestOf<'contacts.save'>['person']>, kind: 'lead' | 'prospect' = 'prospect'): RequestOf<'contacts.save'> {
  return {
    person: { name, emails: [], phones: [], links: [], sources: {}, ...extra },
    kind,
    page: { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Hello' } },
  };
}

test.describe('records', () => {
  test('re-saving a prospect keeps its stage and tags, and the card shows the record (defect 1)', async ({ extension }) => {
    const { popup, tabId } = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
    const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await card.getByTestId('kind-prospect').click();
    await card.getByTestId('stage-select').selectOption('meeting-booked');
    await card.getByTestId('tags-input').fill('vip');
    await card.getByTestId('save-person').click();
    await expect(card.getByTestId('saved-badge')).toBeVisible();

    const again = await extension.context.newPage();
    await again.setViewportSize(POPUP_VIEWPORT);
    await again.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
    const known = again.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await expect(known.getByTestId('kind-chip')).toHaveText('Prospect');
    await expect(known.getByTestId('record-stage')).toHaveText('Meeting booked');
    await expect(known.getByTestId('record-tags')).toContainText('vip');
    await expect(known.getByTestId('last-touch')).toContainText('Profile viewed');
    await expect(known.getByTestId('save-person')).toHaveText('Update');
    await known.getByTestId('add-note').click();
    await known.getByTestId('note-input').fill('Asked for the security review');
    await known.getByTestId('save-person').click();
    await expect(known.getByRole('status')).toContainText("Updated Maya Lindqvist's record");

    const id = (await ok(extension.sendMessage('contacts.search', { query: 'maya lindqvist', limit: 5 }))).items[0]!.id;
    const full = await ok(extension.sendMessage('contacts.get', { id }));
    expect(full.contact.stage).toBe('meeting-booked');
    expect(full.contact.tags).toEqual(['vip']);
    expect(full.notes.map((n) => n.body)).toEqual(['Asked for the security review']);
    expect(full.touchpoints.filter((t) => t.type === 'stage-change')).toHaveLength(0);
  });

  test('promoting a lead is an explicit action on its card', async ({ extension }) => {
    const { popup, tabId } = await popupOn(extension, GMAIL_URL, 'gmail-thread.html');
    const card = popup.getByTestId('person-card').filter({ hasText: 'Priya Natarajan' });
    await expect(card.getByTestId('kind-lead')).toHaveAttribute('aria-pressed', 'true');
    await card.getByTestId('stage-select').selectOption('engaged');
    await card.getByTestId('save-person').click();
    await expect(card.getByTestId('saved-badge')).toBeVisible();

    const again = await extension.context.newPage();
    await again.setViewportSize(POPUP_VIEWPORT);
    await again.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
    const known = again.getByTestId('person-card').filter({ hasText: 'Priya Natarajan' });
    await expect(known.getByTestId('kind-chip')).toHaveText('Lead');
    await expect(known.getByTestId('record-stage')).toHaveText('Engaged');
    // Updating without asking keeps her a lead.
    await known.getByTestId('save-person').click();
    await expect(known.getByRole('status')).toContainText('Updated');
    const id = (await ok(extension.sendMessage('contacts.search', { query: 'priya', limit: 5 }))).items[0]!.id;
    expect((await ok(extension.sendMessage('contacts.get', { id }))).contact.kind).toBe('lead');

    await known.getByTestId('promote-toggle').check();
    await expect(known.getByTestId('save-person')).toHaveText('Update and promote');
    await known.getByTestId('save-person').click();
    await expect(known.getByRole('status')).toContainText('promoted to prospect');
    const full = await ok(extension.sendMessage('contacts.get', { id }));
    expect(full.contact.kind).toBe('prospect');
    expect(full.touchpoints.some((t) => t.type === 'stage-change' && /Promoted from lead/.test(t.summary ?? ''))).toBe(true);
  });

  test('merges two records of one person from the popup hint, with undo (defect 7)', async ({ extension }) => {
    // Saved earlier from Gmail, by email.
    const gmail = await ok(extension.sendMessage('contacts.save', saveReq('Maya Lindqvist', { company: 'Northwind Analytics', emails: ['maya@northwind-analytics.se'] }, 'lead')));
    const { popup } = await popupOn(extension, PROFILE_URL, 'linkedin-profile.html');
    const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
    await card.getByTestId('kind-prospect').click();
    await card.getByTestId('save-person').click();
    await expect(card.getByTestId('saved-badge')).toBeVisible();
    const hint = card.getByTestId('duplicate-hint');
    await expect(hint).toContainText('Possibly the same as Maya Lindqvist (Northwind Analytics)');
    await hint.getByTestId('merge-duplicate').click();
    await expect(card.getByTestId('merge-status')).toContainText('every touchpoint and note kept');
    let found = await ok(extension.sendMessage('contacts.search', { query: 'maya lindqvist', limit: 5 }));
    expect(found.total).toBe(1);
    const merged = await ok(extension.sendMessage('contacts.get', { id: found.items[0]!.id }));
    expect(merged.contact.emails).toContain('maya@northwind-analytics.se');
    expect(merged.contact.kind).toBe('prospect');
    expect(merged.touchpoints.map((t) => t.type).sort()).toEqual(['email-received', 'profile-view']);

    await card.getByTestId('undo-merge').click();
    await expect(card.getByTestId('merge-status')).toContainText('Merge undone');
    found = await ok(extension.sendMessage('contacts.search', { query: 'maya lindqvist', limit: 5 }));
    expect(found.total).toBe(2);
    expect((await ok(extension.sendMessage('contacts.get', { id: gmail.contact.id }))).contact.kind).toBe('lead');
  });

  test('merges duplicates in the side panel: side by side, pick per field, undo', async ({ extension }) => {
    const a = await ok(extension.sendMessage('contacts.save', saveReq('Jonas Berg', { company: 'Sable Freight', emails: ['jonas@sable-freight.de'], jobTitle: 'COO' })));
    await ok(extension.sendMessage('notes.save', { contactId: a.contact.id, body: 'Prefers calls' }));
    const b = await ok(extension.sendMessage('contacts.save', saveReq('Jonas Berg', { company: 'Sable Freight', links: ['https://www.linkedin.com/in/jonasberg'], jobTitle: 'Chief Operating Officer' })));
    expect(b.duplicates?.map((d) => d.id)).toEqual([a.contact.id]);

    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('open-duplicates').click();
    const pair = panel.getByTestId('dup-pair');
    await expect(pair).toHaveCount(1);
    await expect(pair.getByTestId('dup-reasons')).toHaveText('same name and company');
    // keep the shorter title from whichever side shows it
    const short = pair.locator('label', { hasText: /^COO$/ }).locator('input');
    await short.check();
    await pair.getByTestId('dup-merge').click();
    await expect(panel.getByTestId('dup-merged')).toContainText('every touchpoint and note kept');
    await expect(panel.getByTestId('duplicates-empty')).toBeVisible();
    const found = await ok(extension.sendMessage('contacts.search', { query: 'jonas', limit: 5 }));
    expect(found.total).toBe(1);
    const one = await ok(extension.sendMessage('contacts.get', { id: found.items[0]!.id }));
    expect(one.contact.jobTitle).toBe('COO');
    expect(one.contact.emails).toEqual(['jonas@sable-freight.de']);
    expect(one.contact.links).toEqual(['https://www.linkedin.com/in/jonasberg']);
    expect(one.notes.map((n) => n.body)).toEqual(['Prefers calls']);
    expect(one.contact.history.some((h) => h.value === 'Chief Operating Officer')).toBe(true);

    await panel.getByTestId('dup-undo').click();
    await expect(panel.getByTestId('dup-merged')).toContainText('Merge undone');
    await expect(panel.getByTestId('dup-pair')).toHaveCount(1);
    expect((await ok(extension.sendMessage('contacts.search', { query: 'jonas', limit: 5 }))).total).toBe(2);
  });

  test('two side panels editing one contact keep both changes (defect 8)', async ({ extension }) => {
    const { contact } = await ok(extension.sendMessage('contacts.save', { ...saveReq('Lena Ek', { company: 'Acme', emails: ['lena@acme.example'] }), tags: ['webinar'] }));
    const open = async () => {
      const p = await extension.context.newPage();
      await p.setViewportSize(PANEL_VIEWPORT);
      await p.goto(extension.extensionUrl(`sidepanel.html#/contact/${contact.id}`));
      await expect(p.getByTestId('contact-name')).toHaveText('Lena Ek');
      return p;
    };
    const one = await open();
    const two = await open();
    await one.getByTestId('contact-edit').click();
    await one.getByTestId('edit-tags').fill('webinar, nordics');
    await one.getByTestId('contact-edit-save').click();
    await expect(one.getByTestId('contact-edit-form')).toHaveCount(0);
    // The second panel still shows the old record; its edit must not undo the first one's.
    await two.getByTestId('contact-edit').click();
    await two.getByTestId('edit-company').fill('Acme AB');
    await two.getByTestId('edit-tags').fill('webinar, vip');
    await two.getByTestId('contact-edit-save').click();
    await expect(two.getByTestId('contact-edit-form')).toHaveCount(0);
    const full = await ok(extension.sendMessage('contacts.get', { id: contact.id }));
    expect(full.contact.company).toBe('Acme AB');
    expect(full.contact.tags).toEqual(['webinar', 'nordics', 'vip']);
    await expect(two.getByTestId('contact-fields')).toContainText('nordics');
  });

  test('a note typed, the panel closed at once, reopened and Done is one note (defect 4)', async ({ extension }) => {
    const { contact } = await ok(extension.sendMessage('contacts.save', saveReq('Omar Haddad', { emails: ['omar@initech.example'] })));
    const url = extension.extensionUrl(`sidepanel.html#/contact/${contact.id}`);
    const first = await extension.context.newPage();
    await first.goto(url);
    await first.getByTestId('note-input').fill('Budget signed off for Q3');
    await first.waitForTimeout(150);
    await first.close({ runBeforeUnload: true });
    const again = await extension.context.newPage();
    await again.goto(url);
    await expect(again.getByTestId('note-input')).toHaveValue('Budget signed off for Q3');
    await again.getByTestId('note-done').click();
    await expect(again.getByTestId('note-done')).toHaveCount(0);
    await expect(again.getByTestId('timeline-item').filter({ hasText: 'Budget signed off' })).toHaveCount(1);
    await again.waitForTimeout(500);
    const full = await ok(extension.sendMessage('contacts.get', { id: contact.id }));
    expect(full.notes.filter((n) => n.body === 'Budget signed off for Q3')).toHaveLength(1);
  });

  test('Start call puts the cursor in the notes box: the first words are kept (defect 5)', async ({ extension }) => {
    const { contact } = await ok(extension.sendMessage('contacts.save', saveReq('Ines Duarte', { emails: ['ines@globex.example'] })));
    const panel = await extension.context.newPage();
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await panel.getByTestId('contact-search').fill('ines');
    await panel.getByTestId('contact-row').filter({ hasText: 'Ines Duarte' }).click();
    await panel.getByTestId('call-start').click();
    await panel.keyboard.type('Hello Ines, thanks');
    await expect(panel.getByTestId('call-notes')).toHaveValue('Hello Ines, thanks');
    await expect
      .poll(async () => (await ok(extension.sendMessage('contacts.get', { id: contact.id }))).notes[0]?.body, { timeout: 10_000 })
      .toBe('Hello Ines, thanks');
  });

  test('a call whose notes were typed then cleared, with no outcome, is not recorded; one with an outcome is', async ({ extension }) => {
    const { contact } = await ok(extension.sendMessage('contacts.save', saveReq('Lena Fischer', { emails: ['lena@umbrella.example'] })));
    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl(`sidepanel.html#/contact/${contact.id}`));
    const full = () => ok(extension.sendMessage('contacts.get', { id: contact.id }));
    const calls = async () => (await full()).touchpoints.filter((t) => t.type === 'call').length;

    await panel.getByTestId('call-start').click();
    await panel.keyboard.type('Wrong Lena');
    // the words reached the store (a call note and its call entry exist) …
    await expect.poll(async () => (await full()).notes[0]?.body, { timeout: 10_000 }).toBe('Wrong Lena');
    expect(await calls()).toBe(1);
    // … then were deleted, and the call ended with no outcome: as if it never happened
    await panel.getByTestId('call-notes').fill('');
    await panel.getByTestId('call-end').click();
    await expect(panel.getByTestId('call-panel')).toHaveCount(0);
    await expect(panel.getByTestId('call-followup')).toHaveCount(0);
    await expect(panel.getByTestId('call-start')).toBeFocused();
    await expect.poll(async () => (await full()).notes.length).toBe(0);
    expect(await calls()).toBe(0);
    await expect(panel.locator('[data-testid="timeline-item"][data-type="call"]')).toHaveCount(0);

    // A voicemail left, nothing typed: the call is kept with its outcome.
    await panel.getByTestId('call-start').click();
    await panel.getByTestId('call-outcome').selectOption('voicemail');
    await panel.getByTestId('call-end').click();
    await expect(panel.getByTestId('call-followup')).toBeVisible();
    const item = panel.locator('[data-testid="timeline-item"][data-type="call"]');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(/voicemail/i);
    expect(await calls()).toBe(1);
  });

  test('re-saving a profile on one day keeps one timeline entry, stored once with its count', async ({ extension }) => {
    let id = '';
    for (const q of ['', '?trk=feed', '?utm_source=newsletter&utm_medium=email']) {
      const saved = await ok(
        extension.sendMessage('contacts.save', {
          person: { name: 'Maya Lindqvist', emails: ['maya@northwind.example'], phones: [], links: [PROFILE_URL], role: 'profile', sources: {} },
          kind: 'prospect',
          page: { url: `${PROFILE_URL}${q}`, site: 'linkedin-profile' },
        }),
      );
      id = saved.contact.id;
    }
    const full = await ok(extension.sendMessage('contacts.get', { id }));
    const views = full.touchpoints.filter((t) => t.type === 'profile-view');
    expect(views).toHaveLength(1);
    expect(views[0]!.count).toBe(3);
    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl(`sidepanel.html#/contact/${id}`));
    const item = panel.locator('[data-testid="timeline-item"][data-type="profile-view"]');
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('timeline-times')).toHaveText('3 times');
    await expect(item.getByTestId('timeline-url')).toHaveText(/linkedin\.com\/in\/maya-lindqvist-4b21a9\/?$/);
  });
});
