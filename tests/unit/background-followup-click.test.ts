import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FOCUS_CONTACT_KEY } from '../../components/lib/handoff-key';
import { createFollowUpService } from '../../entrypoints/background/followups';
import { openSidePanel, WINDOW_ID_CURRENT } from '../../entrypoints/background/ui';
import { createTask, openTouchpointDB, saveCapturedPerson } from '../../utils/store';

/**
 * A follow-up notification's click: the side panel opens on the current window at once (Chrome refuses a panel with
 * no tab or window, and an await first would lose the click's gesture), the contact is handed to the panel, and the
 * notification goes. The e2e test (followups-companies.spec.ts) fires the real listener in the built extension.
 */
function withSidePanel(open: (o: object) => Promise<void>) {
  Object.assign(fakeBrowser, { sidePanel: { open }, notifications: { clear: vi.fn(async () => true), create: vi.fn() } });
  return fakeBrowser as unknown as { notifications: { clear: ReturnType<typeof vi.fn> } };
}

async function dueFollowUp() {
  const db = await openTouchpointDB();
  const { contact } = await saveCapturedPerson(db, {
    person: { name: 'Priya Natarajan', emails: ['priya@fernwood.example'], phones: [], links: [], sources: {} },
    kind: 'prospect',
    page: { url: 'https://example.org/p', site: 'generic' },
  });
  const task = await createTask(db, { id: 't1', contactId: contact.id, title: 'Send pricing', due: '2026-01-01T09:00:00.000Z' });
  return { db, contact, task };
}

describe('a follow-up notification clicked', () => {
  it('opens the side panel on the current window when no window is named, and on the named one otherwise', async () => {
    const open = vi.fn(async () => undefined);
    withSidePanel(open);
    await openSidePanel();
    await openSidePanel(7);
    await openSidePanel(undefined, 12);
    expect(open.mock.calls).toEqual([[{ windowId: WINDOW_ID_CURRENT }], [{ windowId: 7 }], [{ tabId: 12 }]]);
  });

  it('opens the panel before anything is awaited, hands it the contact, and clears the notification', async () => {
    const { db, contact, task } = await dueFollowUp();
    const open = vi.fn(async () => undefined);
    const b = withSidePanel(open);
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
    const service = createFollowUpService(async () => db, async () => undefined);
    service.onNotificationClicked(`followup:${task.id}`);
    // synchronously, in the click's gesture
    expect(open).toHaveBeenCalledWith({ windowId: WINDOW_ID_CURRENT });
    await vi.waitFor(() => expect(b.notifications.clear).toHaveBeenCalledWith(`followup:${task.id}`));
    const handed = (await fakeBrowser.storage.local.get(FOCUS_CONTACT_KEY))[FOCUS_CONTACT_KEY] as { id: string };
    expect(handed.id).toBe(contact.id);
    expect(tabs).not.toHaveBeenCalled();
  });

  it('where the panel cannot open, the panel page opens in a tab instead, on the same contact', async () => {
    const { db, contact, task } = await dueFollowUp();
    withSidePanel(async () => {
      throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
    });
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
    createFollowUpService(async () => db, async () => undefined).onNotificationClicked(`followup:${task.id}`);
    await vi.waitFor(() => expect(tabs).toHaveBeenCalledWith({ url: expect.stringMatching(/\/sidepanel\.html$/) }));
    await vi.waitFor(async () => expect(((await fakeBrowser.storage.local.get(FOCUS_CONTACT_KEY))[FOCUS_CONTACT_KEY] as { id: string }).id).toBe(contact.id));
  });

  it('ignores notifications that are not a follow-up', () => {
    const open = vi.fn(async () => undefined);
    withSidePanel(open);
    createFollowUpService(async () => {
      throw new Error('not read');
    }, async () => undefined).onNotificationClicked('something-else');
    expect(open).not.toHaveBeenCalled();
  });
});
