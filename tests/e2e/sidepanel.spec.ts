import { test, expect } from './fixtures';
import type { CapturedPerson } from '../../utils/model/capture';
import type { Page } from '@playwright/test';
import { PANEL_VIEWPORT, shot } from './support/ui';

/**
 * Side panel journeys: contacts are saved through the background exactly as the popup saves them,
 * then the panel is driven like a user would.
 */
function person(name: string, email: string, extra: Partial<CapturedPerson> = {}): CapturedPerson {
  return { name, emails: [email], phones: [], links: [], sources: { name: 'test' }, ...extra };
}

test.describe('side panel', () => {
  test('search as you type, filter leads and prospects', async ({ extension, sendMessage }) => {
    const page = { url: 'https://example.org/team', site: 'generic' };
    for (const [p, kind] of [
      [person('Ann Lee', 'ann@acme.example', { company: 'Acme', jobTitle: 'CTO' }), 'prospect'],
      [person('Annika Berg', 'annika@fjord.example', { company: 'Fjord' }), 'lead'],
      [person('Bo Ek', 'bo@acme.example', { company: 'Acme' }), 'lead'],
    ] as const) {
      const r = await sendMessage('contacts.save', { person: p, kind, page });
      expect(r.ok).toBe(true);
    }
    const panel = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await expect(panel.getByTestId('contact-row')).toHaveCount(3);
    await expect(panel.getByTestId('kind-filter-lead')).toContainText('2');
    await expect(panel.getByTestId('kind-filter-prospect')).toContainText('1');
    await expect(panel.getByTestId('sync-status')).toContainText('No CRM connected');
    await shot(panel, 'sidepanel-contacts');

    await panel.getByTestId('contact-search').pressSequentially('ann', { delay: 30 });
    await expect(panel.getByTestId('contact-row')).toHaveCount(2);
    await panel.getByTestId('kind-filter-lead').click();
    await expect(panel.getByTestId('contact-row')).toHaveCount(1);
    await expect(panel.getByTestId('contact-row')).toContainText('Annika Berg');
    await panel.getByTestId('contact-search').fill('nobody-here');
    await expect(panel.getByTestId('contacts-no-match')).toBeVisible();
  });

  test('call notes survive a stopped service worker and a closed panel, and the call lands on the timeline', async ({
    extension,
    sendMessage,
  }) => {
    const saved = await sendMessage('contacts.save', {
      person: person('Priya Natarajan', 'priya@fernwood.example', { company: 'Fernwood Bio' }),
      kind: 'prospect',
      page: { url: 'https://example.org/p', site: 'generic' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.data.contact.id;
    const url = extension.extensionUrl(`sidepanel.html#/contact/${id}`);

    let panel: Page = await extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(url);
    await panel.getByTestId('call-start').click();
    await expect(panel.getByTestId('call-timer')).toHaveText(/^0:0\d$/);
    const notes = panel.getByTestId('call-notes');
    await notes.pressSequentially('Budget approved for Q3. ', { delay: 10 });
    await expect(panel.getByTestId('call-notes-status')).toHaveText('Notes saved');

    // Chrome stops idle workers; the next message starts it again with nothing in memory.
    await extension.stopServiceWorker();
    await notes.pressSequentially('Decision by Friday.', { delay: 10 });
    await expect(panel.getByTestId('call-notes-status')).toHaveText('Notes saved');
    await shot(panel, 'sidepanel-call');

    // The panel is closed mid-sentence and the worker stopped again, then both come back.
    await notes.pressSequentially(' Send the security', { delay: 5 });
    await panel.close();
    await extension.stopServiceWorker();
    panel = await extension.context.newPage();
    await panel.goto(url);
    await expect(panel.getByTestId('call-notes')).toHaveValue('Budget approved for Q3. Decision by Friday. Send the security');
    await expect(panel.getByTestId('call-timer')).toBeVisible();
    await expect(panel.getByTestId('call-notes-status')).toHaveText('Notes saved');

    await panel.getByTestId('call-outcome').selectOption('follow-up');
    await panel.getByTestId('call-end').click();
    await expect(panel.getByTestId('call-start')).toBeVisible();
    // One entry for the call: its outcome and its notes together (no separate "Call notes" line).
    const call = panel.locator('[data-testid="timeline-item"][data-type="call"]');
    await expect(call).toHaveCount(1);
    await expect(call).toContainText('Follow-up needed');
    await expect(call).toContainText('Decision by Friday. Send the security');
    await shot(panel, 'sidepanel-after-call');

    // What the background kept: one call note, ended, with the whole text.
    const got = await sendMessage('contacts.get', { id });
    if (!got.ok) throw new Error(got.error.message);
    const callNotes = got.data.notes.filter((n) => n.call);
    expect(callNotes).toHaveLength(1);
    expect(callNotes[0]!.body).toBe('Budget approved for Q3. Decision by Friday. Send the security');
    expect(callNotes[0]!.call).toMatchObject({ outcome: 'follow-up' });
    expect(callNotes[0]!.call!.endedAt).toBeTruthy();
    expect(got.data.touchpoints.filter((t) => t.type === 'call')).toHaveLength(1);
  });

  test('a lead is promoted to prospect and keeps its history', async ({ extension, sendMessage }) => {
    const saved = await sendMessage('contacts.save', {
      person: person('Daniel Cho', 'dcho@fernwood.example'),
      kind: 'lead',
      note: 'Downloaded the pricing guide',
      page: { url: 'https://example.org/lp?utm_source=ads', site: 'generic', campaign: { source: 'ads', medium: 'cpc', name: 'q4' } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const panel = await extension.context.newPage();
    await panel.goto(extension.extensionUrl(`sidepanel.html#/contact/${saved.data.contact.id}`));
    await expect(panel.getByTestId('kind-chip')).toHaveText('Lead');
    const before = await panel.getByTestId('timeline-item').count();
    await panel.getByTestId('promote').click();
    await expect(panel.getByTestId('kind-chip')).toHaveText('Prospect');
    await expect(panel.getByTestId('promote')).toHaveCount(0);
    await expect(panel.getByTestId('timeline-item').filter({ hasText: 'Downloaded the pricing guide' })).toHaveCount(1);
    expect(await panel.getByTestId('timeline-item').count()).toBeGreaterThanOrEqual(before);
    await panel.getByTestId('stage-select').selectOption('meeting-booked');
    await expect(panel.getByTestId('stage-select')).toHaveValue('meeting-booked');
  });
});
