// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture, CapturedPerson } from '../../utils/model/capture';
import type { MessageType, RequestOf } from '../../utils/model/messages';

vi.mock('../../utils/messaging/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../utils/messaging/client')>()),
  send: vi.fn(),
}));
const { send, MessageError } = await import('../../utils/messaging/client');
const { App } = await import('../../entrypoints/popup/App');
const sendMock = vi.mocked(send);

const maya: CapturedPerson = {
  name: 'Maya Lindqvist',
  jobTitle: 'Head of Growth',
  company: 'Northwind',
  location: 'Gothenburg, Sweden',
  emails: ['maya@northwind.se'],
  phones: ['+46317001234'],
  links: ['https://www.linkedin.com/in/maya-lindqvist-4b21a9'],
  role: 'sender',
  sources: { name: 'gmail' },
};

function capture(people: CapturedPerson[], extra: Partial<Capture> = {}): Capture {
  return { url: 'https://mail.google.com/mail/u/0/#inbox/abc', site: 'gmail', pageKind: 'email', people, ...extra };
}

type Handler = (payload: unknown) => unknown;
function backend(handlers: Partial<Record<MessageType, Handler>>) {
  sendMock.mockImplementation(async (type: MessageType, payload: unknown) => {
    const h = handlers[type];
    if (!h) throw new MessageError('bad-request', `unexpected ${type}`);
    return h(payload) as never;
  });
}
const settings = { settings: { defaultKind: 'prospect', ownDomains: [], autoSync: true, destination: { type: 'none' } } };

beforeEach(() => {
  sendMock.mockReset();
});
afterEach(cleanup);

/** A whole saved record as the background returns it. */
function contactOf(c: { id: string; name: string; kind: 'lead' | 'prospect' }) {
  return {
    stage: 'new', emails: [], phones: [], links: [], tags: [], provenance: {}, history: [], sync: {},
    source: { url: 'https://x', site: 'generic', capturedAt: '2026-01-01T00:00:00Z' },
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...c,
  };
}

describe('popup', () => {
  it('captures the tab named in ?tab= and shows each person as a card', async () => {
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([maya]), matches: [null] }) });
    render(<App search="?tab=17" />);
    const card = await screen.findByTestId('person-card');
    expect(sendMock).toHaveBeenCalledWith('capture.tab', { tabId: 17, quick: true });
    expect(within(card).getByTestId('person-name').textContent).toBe('Maya Lindqvist');
    expect(within(card).getByTestId('person-subtitle').textContent).toBe('Head of Growth · Northwind');
    expect(card.textContent).toContain('maya@northwind.se');
    expect(card.textContent).toContain('+46317001234');
    expect(card.textContent).toContain('Gothenburg, Sweden');
    expect(within(card).getByTestId('role-chip').textContent).toBe('Sender');
    expect(within(card).queryByTestId('saved-badge')).toBeNull();
    expect(within(card).getByTestId('kind-prospect').getAttribute('aria-pressed')).toBe('true');
  });

  it('marks people already saved', async () => {
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([maya]), matches: ['c1'] }) });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(sendMock).toHaveBeenCalledWith('capture.tab', { quick: true });
    expect(within(card).getByTestId('saved-badge')).toBeTruthy();
    expect(card.getAttribute('data-saved')).toBe('true');
  });

  it('switching to lead offers lead stages, and saves with the campaign and email attached', async () => {
    const saved: RequestOf<'contacts.save'>[] = [];
    const c = capture([maya], { campaign: { source: 'newsletter', medium: 'email', name: 'spring-launch' }, email: { subject: 'Re: Spring launch' } });
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: c, matches: [null] }),
      'contacts.save': (p) => {
        saved.push(p as RequestOf<'contacts.save'>);
        return { contact: contactOf({ id: 'c9', name: 'Maya Lindqvist', kind: 'lead' }), created: true };
      },
    });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(screen.getByTestId('campaign-banner').textContent).toContain('newsletter / email / spring-launch');

    fireEvent.click(within(card).getByTestId('kind-lead'));
    const stage = within(card).getByTestId('stage-select') as HTMLSelectElement;
    expect([...stage.options].map((o) => o.value)).toEqual(['new', 'engaged', 'marketing-qualified']);
    fireEvent.change(stage, { target: { value: 'engaged' } });
    fireEvent.click(within(card).getByTestId('person-edit'));
    fireEvent.input(within(card).getByTestId('person-title-input'), { target: { value: 'VP Growth' } });
    fireEvent.input(within(card).getByTestId('tags-input'), { target: { value: 'webinar, nordics' } });
    fireEvent.input(within(card).getByTestId('note-input'), { target: { value: 'Asked for pricing' } });
    fireEvent.click(within(card).getByTestId('save-person'));

    await within(card).findByTestId('saved-badge');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      kind: 'lead',
      stage: 'engaged',
      tags: ['webinar', 'nordics'],
      note: 'Asked for pricing',
      // defect 10: the store decides the touchpoint type (one rule, utils/domain), the page only describes itself
      page: { url: c.url, site: 'gmail', pageKind: c.pageKind, campaign: c.campaign, email: c.email },
      person: { name: 'Maya Lindqvist', jobTitle: 'VP Growth', sources: { jobTitle: 'user' } },
    });
    expect(saved[0]).not.toHaveProperty('touchpointType');
    // the note went into the contact: the card now shows the record, with "Add note" for the next one
    expect(within(card).queryByTestId('note-input')).toBeNull();
    expect(within(card).getByTestId('add-note')).toBeTruthy();
    expect(saved[0]!.noteId).toMatch(/^n-/);
  });

  it('shows a readable error when the page cannot be captured', async () => {
    sendMock.mockImplementation(async (type) => {
      if (type === 'capture.tab') throw new MessageError('capture', 'Touchpoint cannot read browser pages like chrome://extensions.');
      return settings as never;
    });
    render(<App search="" />);
    const err = await screen.findByTestId('capture-error');
    expect(err.textContent).toContain('cannot read browser pages like chrome://extensions');
    expect(screen.queryByTestId('person-card')).toBeNull();
  });

  it('says what to do when nobody is on the page', async () => {
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([], { pageKind: 'page' }), matches: [] }) });
    render(<App search="" />);
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No people found on this page');
  });

  it('a save that fails shows the background error on the card', async () => {
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: capture([maya]), matches: [null] }),
      'contacts.save': () => {
        throw new MessageError('storage', 'The local database is full: free some disk space.');
      },
    });
    render(<App search="" />);
    fireEvent.click(within(await screen.findByTestId('person-card')).getByTestId('save-person'));
    expect((await screen.findByTestId('card-error')).textContent).toContain('The local database is full');
  });

  it('saves everyone selected on a directory page', async () => {
    const people = ['Ann Lee', 'Bo Ek', 'Cy Ng'].map((name, i) => ({ ...maya, name, emails: [`p${i}@x.se`], role: 'listed' as const }));
    let n = 0;
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: capture(people, { pageKind: 'directory' }), matches: [null, null, null] }),
      'contacts.save': () => ({ contact: contactOf({ id: `c${n++}`, name: 'x', kind: 'prospect' }), created: true }),
    });
    render(<App search="" />);
    expect(await screen.findAllByTestId('person-card')).toHaveLength(3);
    fireEvent.click(screen.getByTestId('select-all'));
    fireEvent.click(screen.getAllByTestId('person-select')[1]!); // unselect Bo
    fireEvent.click(screen.getByTestId('save-selected'));
    await waitFor(() => expect(screen.getByTestId('bulk-status').textContent).toBe('2 of 2 saved'));
    const names = sendMock.mock.calls.filter(([t]) => t === 'contacts.save').map(([, p]) => (p as RequestOf<'contacts.save'>).person.name);
    expect(names).toEqual(['Ann Lee', 'Cy Ng']);
  });

  it('on a long list, shows one row per person and sets kind, stage, tags and one note on the selected people at once', async () => {
    const people = Array.from({ length: 6 }, (_, i) => ({ ...maya, name: `Person ${i}`, emails: [`p${i}@x.se`], role: 'listed' as const }));
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: capture(people, { pageKind: 'directory' }), matches: people.map(() => null) }),
      'contacts.save': (p) => ({ contact: contactOf({ id: `c-${(p as RequestOf<'contacts.save'>).person.name}`, name: (p as RequestOf<'contacts.save'>).person.name, kind: (p as RequestOf<'contacts.save'>).kind }), created: true }),
    });
    render(<App search="" />);
    const cards = await screen.findAllByTestId('person-card');
    expect(cards).toHaveLength(6);
    // folded: a row with name and title, no form
    expect(within(cards[0]!).queryByTestId('note-input')).toBeNull();
    expect(within(cards[0]!).queryByTestId('save-person')).toBeNull();
    fireEvent.click(within(cards[0]!).getByTestId('person-more'));
    expect(within(screen.getAllByTestId('person-card')[0]!).getByTestId('note-input')).toBeTruthy();
    fireEvent.click(within(screen.getAllByTestId('person-card')[0]!).getByTestId('person-more'));

    expect(screen.queryByTestId('bulk-fields')).toBeNull(); // nothing selected, nothing to set
    fireEvent.click(screen.getByTestId('select-all'));
    fireEvent.click(screen.getAllByTestId('person-select')[5]!);
    fireEvent.click(screen.getByTestId('bulk-kind-lead'));
    fireEvent.change(screen.getByTestId('bulk-stage'), { target: { value: 'engaged' } });
    fireEvent.input(screen.getByTestId('bulk-tags'), { target: { value: 'webinar-may, emea' } });
    fireEvent.input(screen.getByTestId('bulk-note'), { target: { value: 'Replied to the invite' } });
    fireEvent.click(screen.getByTestId('save-selected'));
    await waitFor(() => expect(screen.getByTestId('bulk-status').textContent).toBe('5 of 5 saved'));
    const reqs = sendMock.mock.calls.filter(([t]) => t === 'contacts.save').map(([, p]) => p as RequestOf<'contacts.save'>);
    expect(reqs.map((r) => r.person.name)).toEqual(['Person 0', 'Person 1', 'Person 2', 'Person 3', 'Person 4']);
    expect(reqs.every((r) => r.kind === 'lead' && r.stage === 'engaged' && r.note === 'Replied to the invite')).toBe(true);
    expect(reqs.map((r) => r.tags)).toEqual(reqs.map(() => ['webinar-may', 'emea']));
    // every person's note has its own id
    expect(new Set(reqs.map((r) => r.noteId)).size).toBe(5);
    // saved rows stay rows: no "Update as lead" buttons
    await waitFor(() => expect(screen.getAllByTestId('person-card').filter((c) => c.dataset.saved === 'true')).toHaveLength(5));
    expect(screen.queryAllByTestId('save-person')).toHaveLength(0);
  });

  it('keeps a half-typed note as a draft and restores it when the popup reopens', async () => {
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([maya]), matches: [null] }) });
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    const first = render(<App search="" />);
    const note = (await screen.findByTestId('note-input')) as HTMLTextAreaElement;
    // let the stored (empty) draft be read first, as a user cannot type faster than that
    await waitFor(() => expect(reads.mock.calls.some(([k]) => typeof k === 'string' && k.startsWith('draft:popup-note:'))).toBe(true));
    await new Promise((r) => setTimeout(r, 20));
    reads.mockRestore();
    fireEvent.input(note, { target: { value: 'Call back Tuesday about the pil' } });
    first.unmount(); // popup closed mid-typing: the pending draft is flushed
    await waitFor(async () => {
      const all = await fakeBrowser.storage.local.get(null);
      expect(JSON.stringify(all)).toContain('Call back Tuesday about the pil');
    });

    render(<App search="" />);
    await waitFor(() => expect((screen.getByTestId('note-input') as HTMLTextAreaElement).value).toBe('Call back Tuesday about the pil'));
  });

  it('renders hostile strings from a page as text', async () => {
    const evil: CapturedPerson = {
      ...maya,
      name: '<img src=x onerror="window.__pwned=1">Eve',
      jobTitle: '<script>window.__pwned=2</script>',
      links: ['javascript:window.__pwned=3'],
    };
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([evil]), matches: [null] }) });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(within(card).getByTestId('person-name').textContent).toBe('<img src=x onerror="window.__pwned=1">Eve');
    expect(card.querySelector('img, script')).toBeNull();
    expect(card.querySelector('a[href^="javascript"]')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('a saved person is shown as their record', () => {
  const record = {
    ...contactOf({ id: 'c7', name: 'Maya Lindqvist', kind: 'prospect' }),
    stage: 'meeting-booked', tags: ['vip'], emails: ['maya@northwind.se'], jobTitle: 'Marketing Lead', company: 'Northwind',
  };
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000 - 60_000).toISOString();

  it('defects 1 and 6: shows the stored kind, stage, tags and last touch, what the page adds, and updates without resetting them', async () => {
    const saved: RequestOf<'contacts.save'>[] = [];
    // A campaign reply (which suggests "lead" for new people) from a customer who is a prospect.
    const c = capture([maya], { campaign: { source: 'newsletter', medium: 'email', name: 'spring' }, email: { subject: 'Re: spring' } });
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: c, matches: ['c7'], known: [{ contact: record, lastTouch: { type: 'campaign-response', at: twoDaysAgo } }], duplicates: [[]] }),
      'contacts.save': (p) => {
        saved.push(p as RequestOf<'contacts.save'>);
        return { contact: record, created: false, touchpointType: 'campaign-response' };
      },
    });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(within(card).getByTestId('kind-chip').textContent).toBe('Prospect');
    expect(within(card).getByTestId('record-stage').textContent).toBe('Meeting booked');
    expect(within(card).getByTestId('record-tags').textContent).toContain('vip');
    expect(within(card).getByTestId('last-touch').textContent).toContain('2 days ago · Campaign response');
    expect(within(card).getAllByTestId('page-add').map((e) => e.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('New title: Head of Growth (was Marketing Lead)'), expect.stringContaining('New phone')]),
    );
    expect(within(card).queryByTestId('kind-lead')).toBeNull();
    expect(within(card).getByTestId('save-person').textContent).toBe('Update');
    // the record's stage and tags are shown, not offered as a form until asked for
    expect(within(card).queryByTestId('stage-select')).toBeNull();
    fireEvent.click(within(card).getByTestId('change-record'));
    expect((within(card).getByTestId('stage-select') as HTMLSelectElement).value).toBe('meeting-booked');
    fireEvent.click(within(card).getByTestId('change-record'));
    fireEvent.click(within(card).getByTestId('add-note'));
    fireEvent.input(within(card).getByTestId('note-input'), { target: { value: 'Replied to the spring mail' } });
    fireEvent.click(within(card).getByTestId('save-person'));
    await within(card).findByRole('status');
    expect(saved[0]).toMatchObject({ contactId: 'c7', note: 'Replied to the spring mail' });
    expect(saved[0]).not.toHaveProperty('edits');
    expect(saved[0]).not.toHaveProperty('tags');
  });

  it('promotion is an explicit action on a lead\'s card', async () => {
    const lead = { ...record, kind: 'lead' as const, stage: 'engaged', tags: [] };
    const saved: RequestOf<'contacts.save'>[] = [];
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({ capture: capture([maya]), matches: ['c7'], known: [{ contact: lead }], duplicates: [[]] }),
      'contacts.save': (p) => {
        saved.push(p as RequestOf<'contacts.save'>);
        return { contact: { ...lead, kind: 'prospect', stage: 'new' }, created: false };
      },
    });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(within(card).getByTestId('kind-chip').textContent).toBe('Lead');
    fireEvent.click(within(card).getByTestId('promote-toggle'));
    expect(within(card).getByTestId('save-person').textContent).toBe('Update and promote');
    fireEvent.click(within(card).getByTestId('save-person'));
    await within(card).findByRole('status');
    expect(saved[0]!.edits).toEqual({ promote: true, stage: 'new' });
    expect(within(card).getByRole('status').textContent).toContain('promoted to prospect');
  });

  it('defect 7: says "Possibly the same as …" with one click to merge, and undo', async () => {
    backend({
      'settings.get': () => settings,
      'capture.tab': () => ({
        capture: capture([maya]), matches: ['c7'], known: [{ contact: record }],
        duplicates: [[{ id: 'c8', name: 'Maya Lindqvist', company: 'Northwind', kind: 'lead', reasons: ['name-company'] }]],
      }),
      'contacts.merge': () => ({ contact: record, undoId: 'u1' }),
      'contacts.unmerge': () => ({ contact: record, restored: { ...record, id: 'c8', kind: 'lead', stage: 'new' } }),
    });
    render(<App search="" />);
    const card = await screen.findByTestId('person-card');
    expect(within(card).getByTestId('duplicate-hint').textContent).toContain('Possibly the same as Maya Lindqvist (Northwind) — same name and company');
    fireEvent.click(within(card).getByTestId('merge-duplicate'));
    await within(card).findByTestId('merge-status');
    expect(sendMock.mock.calls.find(([t]) => t === 'contacts.merge')?.[1]).toEqual({ survivorId: 'c7', mergedId: 'c8' });
    expect(within(card).queryByTestId('duplicate-hint')).toBeNull();
    fireEvent.click(within(card).getByTestId('undo-merge'));
    await waitFor(() => expect(within(card).getByTestId('merge-status').textContent).toContain('Merge undone'));
    expect(sendMock.mock.calls.find(([t]) => t === 'contacts.unmerge')?.[1]).toEqual({ undoId: 'u1' });
  });
});

describe('popup on a very large page', () => {
  const person = (i: number): CapturedPerson => ({
    name: `Person ${i}`,
    emails: [`p${i}@big.example`],
    phones: [],
    links: [],
    sources: { name: 'card' },
  });
  const people = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => person(from + k));

  it('shows the first cards from the start of the page, then the whole count, and more cards on request', async () => {
    let resolveFull: (v: unknown) => void = () => undefined;
    const full = new Promise((r) => (resolveFull = r));
    const requests: unknown[] = [];
    backend({
      'settings.get': () => settings,
      'capture.tab': (payload) => {
        requests.push(payload);
        if ((payload as { quick?: boolean }).quick) return { capture: capture(people(0, 150), { pageKind: 'directory' }), matches: [], partial: true };
        return full;
      },
    });
    render(<App search="?tab=5" />);
    await waitFor(() => expect(screen.getAllByTestId('person-card')).toHaveLength(100));
    expect(screen.getByTestId('people-left-out').textContent).toMatch(/Showing the first 100 of 150 people: 50 more not shown\. Reading the rest of this page…/);
    expect(requests).toEqual([{ tabId: 5, quick: true }, { tabId: 5 }]);

    // the whole page: the same first 150 people (found again) and 5,200 more, of which 5000 are listed
    resolveFull({ capture: capture(people(0, 5000), { pageKind: 'directory', omitted: 350, warnings: ['capture: page too large: stopped after 150000 nodes; the result may be incomplete'] }), matches: [] });
    await waitFor(() => expect(screen.getByTestId('people-left-out').textContent).not.toMatch(/Reading the rest/));
    const text = screen.getByTestId('people-left-out').textContent!;
    expect(text).toMatch(/Showing the first 100 of 5,350 people: 5,250 more not shown\./);
    expect(text).toMatch(/350 more were found and left out/);
    expect(text).toMatch(/stopped reading part way down/);
    expect(screen.getAllByTestId('person-card')).toHaveLength(100);
    fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('person-card')).toHaveLength(200));
    // the first people kept their place; the rest follow in page order without repeats
    const names = screen.getAllByTestId('person-name').map((e) => e.textContent);
    expect(names[0]).toBe('Person 0');
    expect(names[199]).toBe('Person 199');
    expect(new Set(names).size).toBe(200);
  });

  it('a small page is one request and says nothing about people left out', async () => {
    backend({ 'settings.get': () => settings, 'capture.tab': () => ({ capture: capture([maya]), matches: [null] }) });
    render(<App search="?tab=5" />);
    await screen.findByTestId('person-card');
    expect(screen.queryByTestId('people-left-out')).toBeNull();
    expect(screen.queryByTestId('show-more')).toBeNull();
    expect(sendMock.mock.calls.filter(([t]) => t === 'capture.tab')).toHaveLength(1);
  });
});
