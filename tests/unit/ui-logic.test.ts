import { describe, expect, it, vi } from 'vitest';
import { debounce } from '../../components/lib/debounce';
import {
  formatDuration, isSafeHref, parseTags, personKey, subtitle, syncStatusText, campaignText,
} from '../../components/lib/format';
import { applyBulk, suggestedKind, tabIdFromSearch } from '../../entrypoints/popup/logic';
import { initialCardDraft } from '../../components/PersonCard';
import { pageLabel, ROLE_LABELS } from '../../utils/model/labels';
import { timelineItems } from '../../components/Timeline';
import { withoutTracking } from '../../utils/domain/link';
import { callTouchpointId } from '../../utils/domain/touchpoint';
import { deliverySummary, generateWebhookSecret, originsFor, parseDomains, pipedriveSubdomain, settingsFromForm, type OptionsForm } from '../../entrypoints/options/logic';
import { contactIdFromHash } from '../../entrypoints/sidepanel/call';
import { LEAD_STAGES as MODEL_LEAD, Stage } from '../../utils/model/contact';
import { LEAD_STAGES, PROSPECT_STAGES } from '../../utils/model/stages';
import type { PublicSettings } from '../../utils/model/settings';

describe('presentation helpers', () => {
  it('formats call durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('says what the sync is doing', () => {
    expect(syncStatusText({ pending: 3, dead: 0 }, 'webhook')).toBe('3 changes waiting to sync');
    expect(syncStatusText({ pending: 1, dead: 0 }, 'hubspot')).toBe('1 change waiting to sync');
    expect(syncStatusText({ pending: 0, dead: 0 }, 'webhook')).toBe('All synced');
    expect(syncStatusText({ pending: 0, dead: 2 }, 'webhook')).toBe('2 refused by the CRM');
    expect(syncStatusText({ pending: 9, dead: 0, pendingPeople: 3 }, 'webhook')).toBe('3 people waiting to sync');
    expect(syncStatusText({ pending: 3, dead: 2, pendingPeople: 1, refused: [{ contactId: 'c1', error: 'HTTP 422' }] }, 'webhook')).toBe(
      '1 person waiting to sync · 1 person refused by the CRM',
    );
    expect(syncStatusText({ pending: 5, dead: 0 }, 'none')).toBe('No CRM connected — everything is kept on this device');
  });

  it('parses tags without duplicates', () => {
    expect(parseTags('sales, vip ,, Sales,  ')).toEqual(['sales', 'vip']);
  });

  it('names a campaign, an ad click alone included', () => {
    expect(campaignText({ source: 'linkedin', name: 'spring' })).toBe('linkedin / — / spring');
    expect(campaignText({ clickIds: { gclid: 'x' } })).toBe('ad click (gclid)');
  });

  it('keys people and titles them', () => {
    expect(personKey({ emails: [], links: ['https://github.com/x'], name: 'X' })).toBe('https://github.com/x');
    expect(personKey({ emails: [], links: [], name: ' Ann Lee ' })).toBe('ann lee');
    expect(subtitle('CTO', undefined)).toBe('CTO');
    expect(subtitle('CTO', 'Acme')).toBe('CTO · Acme');
  });

  it('only makes http(s) links clickable', () => {
    expect(isSafeHref('https://x.com/a')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
  });

  it('reads the tab id only when it is a number', () => {
    expect(tabIdFromSearch('?tab=42')).toBe(42);
    expect(tabIdFromSearch('?tab=4x')).toBeUndefined();
    expect(tabIdFromSearch('')).toBeUndefined();
  });

  it('routes the side panel by hash', () => {
    expect(contactIdFromHash('#/contact/c_1')).toBe('c_1');
    expect(contactIdFromHash('#/other')).toBeUndefined();
  });

  it('keeps the zod-free stage constants identical to the model', () => {
    expect(LEAD_STAGES).toBe(MODEL_LEAD);
    for (const s of [...LEAD_STAGES, ...PROSPECT_STAGES]) expect(Stage.safeParse(s).success).toBe(true);
  });
});

describe('debounce', () => {
  it('waits for quiet, and flushes on demand', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d.call(1);
    d.call(2);
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith(2);
    d.call(3);
    d.flush();
    expect(fn).toHaveBeenLastCalledWith(3);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});

describe('options form', () => {
  const base: OptionsForm = { destType: 'none', values: {}, ownDomains: '', defaultKind: 'prospect', autoSync: true };

  it('webhook secrets are Standard Webhooks secrets: generated here, checked before saving', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
    const hook = (values: Record<string, string>) => ({ ...base, destType: 'webhook' as const, values: { url: 'https://hooks.example.com/t', ...values } });
    expect(settingsFromForm(hook({ secret, includeProvenance: 'true' }), undefined)).toMatchObject({
      ok: true,
      settings: { destination: { type: 'webhook', url: 'https://hooks.example.com/t', secret, includeProvenance: true } },
    });
    expect(settingsFromForm(hook({ secret: 'hunter2' }), undefined)).toMatchObject({ ok: false, error: expect.stringMatching(/whsec_/) });
  });

  it('a delivery log row says what went, how it ended and how long it took', () => {
    const row = deliverySummary({ id: 'b1', at: Date.UTC(2026, 2, 1, 12), destination: 'webhook:1', types: { 'contact.upserted': 99, 'note.created': 1 }, events: 100, status: 200, ms: 1234, outcome: 'partial' }, 'en-GB');
    expect(row).toMatchObject({ events: '100 events', typesTitle: '99 contact.upserted, 1 note.created', status: '200 (partly refused)', duration: '1.2 s' });
    expect(deliverySummary({ id: 'b2', at: 0, destination: 'webhook:1', types: { 'contact.deleted': 1 }, events: 1, status: 0, ms: 30_000, outcome: 'failed', error: 'network: timeout' }).status).toBe('no answer');
  });

  it('normalises own domains', () => {
    expect(parseDomains('Acme.com, @acme.se\nhttps://www.acme.io/x  nonsense')).toEqual(['acme.com', 'acme.se', 'acme.io']);
    expect(pipedriveSubdomain('https://Acme.pipedrive.com/')).toBe('acme');
  });

  it('asks for the host of each destination, without the port', () => {
    expect(originsFor({ type: 'webhook', url: 'http://localhost:8787/hook' })).toEqual(['http://localhost/*']);
    expect(originsFor({ type: 'webhook', url: 'https://hooks.example.com/a?b' })).toEqual(['https://hooks.example.com/*']);
    expect(originsFor({ type: 'hubspot', accessToken: 't' })).toEqual(['https://api.hubapi.com/*']);
    expect(originsFor({ type: 'none' })).toEqual([]);
    // exactly the company's own origin, nothing broader
    expect(originsFor({ type: 'pipedrive', companyDomain: 'acme' })).toEqual(['https://acme.pipedrive.com/*']);
  });

  it('refuses plain http outside localhost, and missing tokens', () => {
    expect(settingsFromForm({ ...base, destType: 'webhook', values: { url: 'http://crm.example.com/' } }, undefined).ok).toBe(false);
    expect(settingsFromForm({ ...base, destType: 'webhook', values: { url: 'not a url' } }, undefined).ok).toBe(false);
    expect(settingsFromForm({ ...base, destType: 'hubspot' }, undefined).ok).toBe(false);
    const ok = settingsFromForm({ ...base, destType: 'pipedrive', values: { companyDomain: 'acme.pipedrive.com', apiToken: ' tok ' } }, undefined);
    expect(ok).toEqual({
      ok: true,
      settings: { defaultKind: 'prospect', ownDomains: [], autoSync: true, destination: { type: 'pipedrive', apiToken: 'tok', companyDomain: 'acme' } },
    });
  });

  it('leaves a stored token out so the background keeps it (same HubSpot; same Pipedrive company)', () => {
    const storedAs = (destination: PublicSettings['destination']): PublicSettings => ({ defaultKind: 'prospect', ownDomains: [], autoSync: true, destination });
    const hub = settingsFromForm({ ...base, destType: 'hubspot' }, storedAs({ type: 'hubspot', hasSecret: true }));
    expect(hub.ok && hub.settings.destination).toEqual({ type: 'hubspot' });
    const pd = settingsFromForm({ ...base, destType: 'pipedrive', values: { companyDomain: 'acme' } }, storedAs({ type: 'pipedrive', target: 'acme', hasSecret: true }));
    expect(pd.ok && pd.settings.destination).toEqual({ type: 'pipedrive', companyDomain: 'acme' });
    expect(settingsFromForm({ ...base, destType: 'pipedrive', values: { companyDomain: 'other' } }, storedAs({ type: 'pipedrive', target: 'acme', hasSecret: true })).ok).toBe(false);
    expect(settingsFromForm({ ...base, destType: 'hubspot' }, storedAs({ type: 'webhook', target: 'https://x.test/', hasSecret: true })).ok).toBe(false);
  });
});

describe('popup default kind', () => {
  it('starts campaign responses as leads, else uses the default kind', () => {
    expect(suggestedKind({ campaign: { source: 'webinar', medium: 'email', name: 'q4' } }, 'prospect')).toBe('lead');
    // defect 10: an ad click id alone is a campaign response, so the person starts as a lead
    expect(suggestedKind({ campaign: { clickIds: { gclid: 'x' } } }, 'prospect')).toBe('lead');
    expect(suggestedKind({ campaign: {} }, 'prospect')).toBe('prospect');
    expect(suggestedKind({}, 'prospect')).toBe('prospect');
    expect(suggestedKind({}, 'lead')).toBe('lead');
  });
});

describe('labels people read', () => {
  it('names the page by its site, and counts people on lists', () => {
    expect(pageLabel('linkedin-profile', 'profile', 1)).toBe('LinkedIn profile');
    expect(pageLabel('generic', 'directory', 12)).toBe('Team page · 12 people');
    expect(pageLabel('generic', 'directory', 1)).toBe('Team page · 1 person');
    expect(pageLabel('gmail-thread', 'email', 3)).toBe('Gmail thread · 3 people');
    expect(pageLabel('someday-site', 'page', 1)).toBe('Web page');
    expect(pageLabel('generic', 'page', 1_200)).toBe('Web page · 1,200 people');
  });
  it('never shows an internal role id', () => {
    expect(ROLE_LABELS.recipient).toBe('Thread participant');
    for (const [id, label] of Object.entries(ROLE_LABELS)) expect(label).not.toBe(id);
  });
});

describe('bulk actions', () => {
  const person = { name: 'Ann Lee', emails: [], phones: [], links: [], sources: {} } as unknown as Parameters<typeof initialCardDraft>[0];
  const fresh = () => initialCardDraft(person, 'prospect');
  it('sets kind, stage, tags and a note on a new person', () => {
    const d = applyBulk(fresh(), { kind: 'lead', stage: 'engaged', tags: 'webinar, emea', note: ' Replied ' }, null, 'n-1');
    expect(d).toMatchObject({ kind: 'lead', stage: 'engaged', tags: 'webinar, emea', note: 'Replied', noteId: 'n-1' });
  });
  it('adds tags to the ones a person has, and a note under one typed on the card', () => {
    const d = applyBulk({ ...fresh(), tags: 'vip, Webinar', note: 'Met at the fair', noteId: 'n-own' }, { tags: 'webinar, emea', note: 'Replied' }, null, 'n-2');
    expect(d.tags).toBe('vip, Webinar, emea');
    expect(d.note).toBe('Met at the fair\n\nReplied');
    expect(d.noteId).toBe('n-own');
    expect(d.touched.tags).toBe(true);
  });
  it('promotes a saved lead only when asked, never demotes a prospect, and skips a stage the kind has not', () => {
    const lead = { ...fresh(), kind: 'lead' as const, stage: 'engaged' as const };
    expect(applyBulk(lead, { kind: 'prospect', tags: '', note: '' }, { kind: 'lead' }, 'n').touched.kind).toBe(true);
    const prospect = { ...fresh(), stage: 'meeting-booked' as const };
    const d = applyBulk(prospect, { kind: 'lead', stage: 'engaged', tags: '', note: '' }, { kind: 'prospect' }, 'n');
    expect(d.kind).toBe('prospect');
    expect(d.stage).toBe('meeting-booked');
    expect(d.touched.kind).toBeFalsy();
    expect(d.touched.stage).toBeFalsy();
  });
  it('changes nothing when the bar is empty', () => {
    expect(applyBulk(fresh(), { tags: ' , ', note: '  ' }, null, 'n')).toEqual(fresh());
  });
});

describe('timeline hygiene', () => {
  const tp = (id: string, at: string, url: string, type: 'profile-view' | 'web-visit' | 'call' = 'profile-view') => ({ id, contactId: 'c1', type, at, url });
  it('folds repeated views of one page on one day, tracking parameters aside; another day or page stays its own entry', () => {
    const items = timelineItems(
      [
        tp('a', '2026-03-02T09:00:00', 'https://www.linkedin.com/in/maya/?utm_source=x&trk=feed'),
        tp('b', '2026-03-02T11:00:00', 'https://www.linkedin.com/in/maya/'),
        tp('c', '2026-03-02T15:00:00', 'https://www.linkedin.com/in/maya/?gclid=1'),
        tp('d', '2026-03-03T09:00:00', 'https://www.linkedin.com/in/maya/'),
        tp('e', '2026-03-02T10:00:00', 'https://acme.example/team', 'web-visit'),
      ],
      [],
    );
    expect(items.map((i) => (i.kind === 'touchpoint' ? `${i.tp.id}×${i.times}` : ''))).toEqual(['d×1', 'c×3', 'e×1']);
  });
  it('adds the counts the store folded at save time to older records of the same day', () => {
    const items = timelineItems(
      [
        { ...tp('a', '2026-03-02T09:00:00', 'https://www.linkedin.com/in/maya/'), count: 4 },
        tp('b', '2026-03-02T08:00:00', 'https://www.linkedin.com/in/maya/?trk=x'),
      ],
      [],
    );
    expect(items.map((i) => (i.kind === 'touchpoint' ? `${i.tp.id}×${i.times}` : ''))).toEqual(['a×5']);
  });
  it('shows a call as one entry: its note, not the call touchpoint beside it', () => {
    const note = { id: 'n1', contactId: 'c1', body: 'Budget ok', createdAt: '2026-03-02T10:00:00Z', updatedAt: '2026-03-02T10:05:00Z', call: { startedAt: '2026-03-02T10:00:00Z', endedAt: '2026-03-02T10:05:00Z' } };
    const items = timelineItems([{ id: callTouchpointId('n1'), contactId: 'c1', type: 'call', at: '2026-03-02T10:00:00Z', summary: 'Call' }], [note]);
    expect(items.map((i) => i.kind)).toEqual(['note']);
  });
  it('shows addresses without tracking parameters, keeping the rest', () => {
    expect(withoutTracking('https://acme.example/team?utm_source=li&utm_campaign=q4&page=2&fbclid=x#people')).toBe('https://acme.example/team?page=2#people');
    expect(withoutTracking('https://mail.google.com/mail/u/0/#inbox/abc')).toBe('https://mail.google.com/mail/u/0/#inbox/abc');
    expect(withoutTracking('not a url')).toBe('not a url');
  });
});
