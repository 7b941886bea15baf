import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type CrmDestination } from '../../utils/model';
import { getSettings, keepSecrets, openTouchpointDB, saveSettings, setDestinationIdentity, type TouchpointDatabase } from '../../utils/store';
import { connectorFor, identify } from '../../utils/sync/connectors';
import { HubspotEmulator } from '../e2e/support/hubspot-emulator';

/** HubSpot's destination identity is its portal id, learned by a test connection when saved and kept with the token. */

let hs: HubspotEmulator;
let db: TouchpointDatabase;
beforeEach(async () => {
  hs = await new HubspotEmulator().start();
  db = await openTouchpointDB();
});
afterEach(async () => {
  db.close();
  await hs.stop();
});

describe('HubSpot destination identity', () => {
  it('is learned from the account, kept while the token is kept, and learned again for a new token', async () => {
    const saved = await saveSettings(db, { ...DEFAULT_SETTINGS, destination: { type: 'hubspot', accessToken: hs.token } });
    expect(connectorFor(saved.settings.destination)!.destination).toBe('hubspot');

    const learned = await identify(saved.settings.destination, { baseUrl: hs.url });
    expect(learned).toEqual({ type: 'hubspot', accessToken: hs.token, portalId: String(hs.portalId) });
    await setDestinationIdentity(db, learned);
    const stored = (await getSettings(db)).destination;
    expect(connectorFor(stored)!.destination).toBe(`hubspot:${hs.portalId}`);

    // Saving other settings leaves the token out: the portal id stays with it.
    expect(keepSecrets({ type: 'hubspot' }, stored)).toEqual(stored);
    // A new token may be another account: learned again.
    expect(keepSecrets({ type: 'hubspot', accessToken: 'pat-eu1-other' }, stored)).toEqual({ type: 'hubspot', accessToken: 'pat-eu1-other' });
  });

  it('offline or refused: saved without it, never a guess', async () => {
    const d: CrmDestination = { type: 'hubspot', accessToken: 'wrong' };
    expect(await identify(d, { baseUrl: hs.url })).toBe(d);
    expect(await identify(d, { baseUrl: 'http://127.0.0.1:9' })).toBe(d);
  });

  it('is not written over a destination changed in the meantime', async () => {
    await saveSettings(db, { ...DEFAULT_SETTINGS, destination: { type: 'hubspot', accessToken: 'pat-eu1-new' } });
    await setDestinationIdentity(db, { type: 'hubspot', accessToken: 'pat-eu1-old', portalId: '1' });
    expect((await getSettings(db)).destination).toEqual({ type: 'hubspot', accessToken: 'pat-eu1-new' });
  });
});
