import { describe, expect, it, vi } from 'vitest';
import { debounce } from '../../components/lib/debounce';
import {
  formatDuration, isSafeHref, parseTags, personKey, subtitle, syncStatusText, campaignText,
} from '../../components/lib/format';
import { suggestedKind, tabIdFromSearch } from '../../entrypoints/popup/logic';
import { originsFor, parseDomains, pipedriveSubdomain, settingsFromForm, type OptionsForm } from '../../entrypoints/options/logic';
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
  const base: OptionsForm = {
    destType: 'none', webhookUrl: '', webhookSecret: '', hubspotToken: '', pipedriveToken: '', pipedriveDomain: '',
    ownDomains: '', defaultKind: 'prospect', autoSync: true,
  };

  it('normalises own domains', () => {
    expect(parseDomains('Acme.com, @acme.se\nhttps://www.acme.io/x  nonsense')).toEqual(['acme.com', 'acme.se', 'acme.io']);
    expect(pipedriveSubdomain('https://Acme.pipedrive.com/')).toBe('acme');
  });

  it('asks for the host of each destination, without the port', () => {
    expect(originsFor({ type: 'webhook', url: 'http://localhost:8787/hook' })).toEqual(['http://localhost/*']);
    expect(originsFor({ type: 'webhook', url: 'https://hooks.example.com/a?b' })).toEqual(['https://hooks.example.com/*']);
    expect(originsFor({ type: 'hubspot', accessToken: 't' })).toEqual(['https://api.hubapi.com/*']);
    expect(originsFor({ type: 'none' })).toEqual([]);
  });

  it('refuses plain http outside localhost, and missing tokens', () => {
    expect(settingsFromForm({ ...base, destType: 'webhook', webhookUrl: 'http://crm.example.com/' }, undefined).ok).toBe(false);
    expect(settingsFromForm({ ...base, destType: 'webhook', webhookUrl: 'not a url' }, undefined).ok).toBe(false);
    expect(settingsFromForm({ ...base, destType: 'hubspot' }, undefined).ok).toBe(false);
    const ok = settingsFromForm({ ...base, destType: 'pipedrive', pipedriveDomain: 'acme.pipedrive.com', pipedriveToken: ' tok ' }, undefined);
    expect(ok).toEqual({
      ok: true,
      settings: { defaultKind: 'prospect', ownDomains: [], autoSync: true, destination: { type: 'pipedrive', apiToken: 'tok', companyDomain: 'acme' } },
    });
  });

  it('leaves a stored token out so the background keeps it (same HubSpot; same Pipedrive company)', () => {
    const storedAs = (destination: PublicSettings['destination']): PublicSettings => ({ defaultKind: 'prospect', ownDomains: [], autoSync: true, destination });
    const hub = settingsFromForm({ ...base, destType: 'hubspot' }, storedAs({ type: 'hubspot', hasSecret: true }));
    expect(hub.ok && hub.settings.destination).toEqual({ type: 'hubspot' });
    const pd = settingsFromForm({ ...base, destType: 'pipedrive', pipedriveDomain: 'acme' }, storedAs({ type: 'pipedrive', target: 'acme', hasSecret: true }));
    expect(pd.ok && pd.settings.destination).toEqual({ type: 'pipedrive', companyDomain: 'acme' });
    expect(settingsFromForm({ ...base, destType: 'pipedrive', pipedriveDomain: 'other' }, storedAs({ type: 'pipedrive', target: 'acme', hasSecret: true })).ok).toBe(false);
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
