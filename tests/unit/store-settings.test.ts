import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../entrypoints/background/handlers';
import type { SyncService } from '../../entrypoints/background/sync';
import { createRouter } from '../../utils/messaging/router';
import { SettingsInput, type CrmDestination } from '../../utils/model';
import { keepSecrets, MissingTokenError, openTouchpointDB, toPublicSettings, type TouchpointDatabase } from '../../utils/store';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
const options = { id: ID, url: `${ORIGIN}options.html` };
const noSync: SyncService = {
  drainNow: async () => undefined,
  changed: () => {},
  ensureAlarms: async () => {},
  onAlarm: async () => {},
  refreshBadge: async () => {},
};

const hubspot: CrmDestination = { type: 'hubspot', accessToken: 'pat-eu1-SECRET' };
const pipedrive: CrmDestination = { type: 'pipedrive', apiToken: 'PD-SECRET', companyDomain: 'acme' };
const webhook: CrmDestination = { type: 'webhook', url: 'https://crm.test/hook', secret: 'WH-SECRET' };

describe('keepSecrets', () => {
  it('keeps a stored HubSpot token when the page leaves it out, and takes a new one', () => {
    expect(keepSecrets({ type: 'hubspot' }, hubspot)).toEqual(hubspot);
    expect(keepSecrets({ type: 'hubspot', accessToken: 'pat-new' }, hubspot)).toEqual({ type: 'hubspot', accessToken: 'pat-new' });
  });

  it('keeps a Pipedrive token only for the same company domain', () => {
    expect(keepSecrets({ type: 'pipedrive', companyDomain: 'acme' }, pipedrive)).toEqual(pipedrive);
    expect(() => keepSecrets({ type: 'pipedrive', companyDomain: 'other' }, pipedrive)).toThrow(MissingTokenError);
    expect(keepSecrets({ type: 'pipedrive', companyDomain: 'other', apiToken: 'PD2' }, pipedrive)).toEqual({
      type: 'pipedrive',
      apiToken: 'PD2',
      companyDomain: 'other',
    });
  });

  it('never carries one destination’s secret to another', () => {
    expect(() => keepSecrets({ type: 'hubspot' }, pipedrive)).toThrow(MissingTokenError);
    expect(() => keepSecrets({ type: 'hubspot' }, webhook)).toThrow(MissingTokenError);
    expect(() => keepSecrets({ type: 'pipedrive', companyDomain: 'acme' }, hubspot)).toThrow(MissingTokenError);
    expect(() => keepSecrets({ type: 'hubspot' }, { type: 'none' })).toThrow(MissingTokenError);
    expect(keepSecrets({ type: 'webhook', url: 'https://crm.test/hook' }, hubspot)).toEqual({ type: 'webhook', url: 'https://crm.test/hook' });
  });

  it('webhook: same URL keeps the secret, another URL does not, an empty one clears it', () => {
    expect(keepSecrets({ type: 'webhook', url: 'https://crm.test/hook' }, webhook)).toEqual(webhook);
    expect(keepSecrets({ type: 'webhook', url: 'https://other.test/hook' }, webhook)).toEqual({ type: 'webhook', url: 'https://other.test/hook' });
    expect(keepSecrets({ type: 'webhook', url: 'https://crm.test/hook', secret: '' }, webhook)).toEqual({ type: 'webhook', url: 'https://crm.test/hook' });
  });

  it('the request schema accepts a left-out token but refuses an empty one', () => {
    const base = { defaultKind: 'lead', ownDomains: [], autoSync: true };
    expect(SettingsInput.safeParse({ ...base, destination: { type: 'hubspot' } }).success).toBe(true);
    expect(SettingsInput.safeParse({ ...base, destination: { type: 'pipedrive', companyDomain: 'acme' } }).success).toBe(true);
    expect(SettingsInput.safeParse({ ...base, destination: { type: 'hubspot', accessToken: '' } }).success).toBe(false);
    expect(SettingsInput.safeParse({ ...base, destination: { type: 'pipedrive', apiToken: '', companyDomain: 'acme' } }).success).toBe(false);
  });

  it('public settings say a token is stored without showing it', () => {
    const s = { defaultKind: 'lead' as const, ownDomains: [], autoSync: true };
    expect(toPublicSettings({ ...s, destination: hubspot }).destination).toEqual({ type: 'hubspot', hasSecret: true });
    expect(toPublicSettings({ ...s, destination: pipedrive }).destination).toEqual({ type: 'pipedrive', target: 'acme', hasSecret: true });
  });
});

describe('settings.save through the background', () => {
  let db: TouchpointDatabase;
  const warn = vi.fn();
  const route = () =>
    createRouter(createHandlers({ db: async () => db, sync: noSync }), { extensionId: ID, extensionOrigin: ORIGIN, warn, error: warn });
  const save = (destination: unknown, extra: object = {}) =>
    route()({ type: 'settings.save', payload: { settings: { defaultKind: 'lead', ownDomains: [], autoSync: true, destination, ...extra } } }, options);
  const stored = async () => (await db.get('meta', 'settings'))?.value as { destination: CrmDestination; ownDomains: string[] } | undefined;

  beforeEach(async () => {
    db = await openTouchpointDB();
  });
  afterEach(() => db.close());

  for (const dest of [hubspot, pipedrive]) {
    it(`${dest.type}: changing another setting without the token keeps it`, async () => {
      expect(await save(dest)).toMatchObject({ ok: true, data: { settings: { destination: { type: dest.type, hasSecret: true } } } });
      const { accessToken: _a, apiToken: _p, ...withoutToken } = dest as Record<string, string>;
      const r = await save(withoutToken, { ownDomains: ['acme.com'] });
      expect(r).toMatchObject({ ok: true, data: { settings: { ownDomains: ['acme.com'], destination: { type: dest.type, hasSecret: true } } } });
      expect(JSON.stringify(r)).not.toContain('SECRET');
      expect(await stored()).toMatchObject({ ownDomains: ['acme.com'], destination: dest });
    });

    it(`${dest.type}: an empty token is refused and the stored one stays`, async () => {
      await save(dest);
      const empty = dest.type === 'hubspot' ? { ...dest, accessToken: '' } : { ...dest, apiToken: '' };
      expect(await save(empty, { ownDomains: ['x.com'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await stored()).toMatchObject({ ownDomains: [], destination: dest });
    });
  }

  it('a token left out with none to keep is refused, and nothing is saved', async () => {
    await save(webhook);
    const r = await save({ type: 'hubspot' }, { ownDomains: ['acme.com'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/HubSpot private app token/) } });
    expect(await stored()).toMatchObject({ ownDomains: [], destination: webhook });
    expect(await save({ type: 'pipedrive', companyDomain: 'acme' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
