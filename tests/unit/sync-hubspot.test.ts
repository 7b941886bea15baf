import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEAD_STAGES, PROSPECT_STAGES } from '../../utils/model/stages';
import { contactProperties, createHubspotConnector, HUBSPOT_STAGES, hubspotRateLimitWait, noteProperties } from '../../utils/sync/connectors/hubspot';
import type { EventResult, SendOutcome } from '../../utils/sync/types';
import { hubspotContract } from '../e2e/support/crm-contract';
import { HubspotEmulator } from '../e2e/support/hubspot-emulator';
import { contact, ctx, ev, note, touchpoint } from './crm-events';

/**
 * The HubSpot connector against the local HubSpot emulator (tests/e2e/support/hubspot-emulator.ts), over
 * real HTTP. The emulator checks every request body against @hubspot/api-client's models and answers a
 * violation with 400; each test also asserts none was recorded.
 */

let hs: HubspotEmulator;
beforeEach(async () => {
  hs = await new HubspotEmulator().start();
});
afterEach(async () => {
  expect(hs.violations).toEqual([]);
  await hs.stop();
});

const connector = (over: Partial<Parameters<typeof createHubspotConnector>[0]> = {}) =>
  createHubspotConnector({ accessToken: hs.token, baseUrl: hs.url, portalId: String(hs.portalId), timeoutMs: 5000, ...over });

function results(o: SendOutcome): Map<string, EventResult> {
  if (o.kind !== 'results') throw new Error(`expected per-event results, got ${JSON.stringify(o)}`);
  return new Map(o.results.map((r) => [r.id, r]));
}

describe('HubSpot mapping', () => {
  it('maps every kind and stage to a lifecycle stage (leads are marketing’s, prospects sales’)', () => {
    for (const s of LEAD_STAGES) expect(HUBSPOT_STAGES.lead[s]?.lifecyclestage).toMatch(/^(lead|marketingqualifiedlead)$/);
    for (const s of PROSPECT_STAGES) expect(['salesqualifiedlead', 'opportunity', 'customer', 'other']).toContain(HUBSPOT_STAGES.prospect[s]!.lifecyclestage);
    const p = contactProperties(contact({ kind: 'lead', stage: 'marketing-qualified', name: 'Ada Lindqvist', jobTitle: 'CTO', company: 'Lindqvist AB', phones: ['+46701234567'] }));
    expect(p).toEqual({
      email: 'ada@lindqvist.example',
      firstname: 'Ada',
      lastname: 'Lindqvist',
      jobtitle: 'CTO',
      company: 'Lindqvist AB',
      phone: '+46701234567',
      lifecyclestage: 'marketingqualifiedlead',
      hs_lead_status: 'OPEN',
    });
    expect(contactProperties(contact({ stage: 'customer' }))).not.toHaveProperty('hs_lead_status');
  });

  it('writes notes as escaped HTML with their time, and cuts them at HubSpot’s limit', () => {
    const p = noteProperties({ kind: 'note', note: note('c', '<b>price</b>\nnext week', { createdAt: '2026-11-27T10:00:00.000Z' }) });
    expect(p).toEqual({ hs_note_body: '&lt;b&gt;price&lt;/b&gt;<br>next week', hs_timestamp: '2026-11-27T10:00:00.000Z' });
    expect(noteProperties({ kind: 'note', note: note('c', 'x'.repeat(100_000)) }).hs_note_body!.length).toBeLessThan(65_536);
    expect(noteProperties({ kind: 'touchpoint', touchpoint: touchpoint('c') }).hs_note_body).toContain('Touchpoint: Profile viewed');
  });

  it('the contract check catches a guessed field or a wrong type (it can fail)', () => {
    expect(hubspotContract('crm/contacts', 'BatchInputSimplePublicObjectBatchInputUpsert', { inputs: [{ idProperty: 'email', id: 'a@b.c', properties: { email: 'a@b.c' } }] })).toEqual([]);
    expect(hubspotContract('crm/contacts', 'BatchInputSimplePublicObjectBatchInputUpsert', { inputs: [{ idProperty: 'email', idValue: 'a@b.c', properties: {} }] })[0]).toMatch(/idValue: not a field/);
    expect(hubspotContract('crm/objects/notes', 'BatchInputSimplePublicObjectBatchInputForCreate', { inputs: [{ properties: { hs_timestamp: 1 } }] })[0]).toMatch(/expected string/);
    expect(hubspotContract('crm/objects/notes', 'BatchInputSimplePublicObjectBatchInputForCreate', { inputs: [{ properties: {}, associations: [{ to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT', associationTypeId: 202 }] }] }] })[0]).toMatch(/not one of/);
  });

  it('reads HubSpot’s rate-limit headers', () => {
    expect(hubspotRateLimitWait(new Headers({ 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' }))).toBe(10_000);
    expect(hubspotRateLimitWait(new Headers({ 'X-HubSpot-RateLimit-Daily-Remaining': '0' }))).toBe(3_600_000);
    expect(hubspotRateLimitWait(new Headers({ 'X-HubSpot-RateLimit-Remaining': '12' }))).toBeUndefined();
  });
});

describe('HubSpot connector', () => {
  it('upserts a contact by email, with its note and touchpoint associated (type 202), in one batch', async () => {
    const c = contact({ kind: 'lead', stage: 'new', company: 'Lindqvist AB' });
    const events = [ev('contact.upserted', c), ev('touchpoint.created', touchpoint(c.id)), ev('note.created', note(c.id, 'Wants pricing for 40 seats.'))];
    const r = results(await connector().send(events, ctx()));
    const remote = hs.contactByEmail('ada@lindqvist.example')!;
    expect(remote.properties).toMatchObject({ firstname: 'Ada', lastname: 'Lindqvist', lifecyclestage: 'lead', hs_lead_status: 'NEW', company: 'Lindqvist AB' });
    expect(r.get(events[0]!.id)).toEqual({ id: events[0]!.id, ok: true, remoteId: remote.id });
    const notes = hs.notesOf(remote.id);
    expect(notes.map((n) => n.properties.hs_note_body)).toEqual([expect.stringContaining('Profile viewed'), 'Wants pricing for 40 seats.']);
    expect(r.get(events[2]!.id)).toMatchObject({ ok: true, remoteId: notes[1]!.id });
    expect(hs.calls('POST', /batch\/upsert$/)[0]!.body).toMatchObject({ inputs: [{ idProperty: 'email', id: 'ada@lindqvist.example' }] });
  });

  it('a touchpoint sent again (a call that ended with its outcome) updates its note, never a second one', async () => {
    const c = contact();
    const call = touchpoint(c.id, { type: 'call', summary: 'Call' });
    const first = results(await connector().send([ev('contact.upserted', c), ev('touchpoint.created', call)], ctx()));
    const remote = hs.contactByEmail('ada@lindqvist.example')!;
    const noteId = (first.get([...first.keys()][1]!) as { remoteId: string }).remoteId;
    const again = results(await connector().send([ev('touchpoint.created', { ...call, summary: 'Call: connected' }, { id: noteId, contactId: remote.id })], ctx()));
    expect([...again.values()][0]).toMatchObject({ ok: true, remoteId: noteId });
    const notes = hs.notesOf(remote.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.properties.hs_note_body).toContain('connected');
  });

  it('a person without an email is created and then updated by the id HubSpot gave', async () => {
    const c = contact({ emails: [], name: 'Bo Sørensen' });
    const first = results(await connector().send([ev('contact.upserted', c)], ctx()));
    const remoteId = [...first.values()][0]!.ok && ([...first.values()][0] as { remoteId: string }).remoteId;
    expect(remoteId).toBeTruthy();
    expect(hs.calls('POST', /contacts\/batch\/create$/)).toHaveLength(1);
    const promoted = { ...c, stage: 'contacted' as const };
    const second = results(await connector().send([ev('contact.upserted', promoted, { id: remoteId as string })], ctx()));
    expect([...second.values()][0]).toMatchObject({ ok: true, remoteId });
    expect(hs.calls('POST', /contacts\/batch\/update$/)).toHaveLength(1);
    expect(hs.contacts.get(remoteId as string)!.properties.hs_lead_status).toBe('ATTEMPTED_TO_CONTACT');
    expect(hs.contacts.size).toBe(1);
  });

  it('207 multi-status: the contact HubSpot refuses fails alone; the others, and their notes, go through', async () => {
    const good = contact({ emails: ['bo@sorensen.example'], name: 'Bo Sørensen' });
    const bad = contact({ emails: ['not-an-email'], name: 'Broken Address' });
    const events = [ev('contact.upserted', good), ev('contact.upserted', bad), ev('note.created', note(good.id, 'ok')), ev('note.created', note(bad.id, 'waits'))];
    const r = results(await connector().send(events, ctx()));
    expect(r.get(events[0]!.id)).toMatchObject({ ok: true });
    expect(r.get(events[1]!.id)).toMatchObject({ ok: false, failure: { kind: 'poison', error: expect.stringMatching(/HubSpot refused it: .*invalid/i) } });
    expect(r.get(events[2]!.id)).toMatchObject({ ok: true });
    // The note of the refused contact is not an orphan in HubSpot: it waits for its contact.
    expect(r.get(events[3]!.id)).toMatchObject({ ok: false, failure: { kind: 'retryable' } });
  });

  it('a batch refused as a whole (409: an email another contact has) is split until the cause is alone', async () => {
    const a = results(await connector().send([ev('contact.upserted', contact({ id: 'a', emails: ['a@x.example'], name: 'A A' })), ev('contact.upserted', contact({ id: 'b', emails: ['b@x.example'], name: 'B B' }))], ctx()));
    const [ra, rb] = [...a.values()] as { remoteId: string }[];
    // Contact a now has b's address (merged elsewhere): HubSpot answers 409 for the whole batch update.
    const events = [
      ev('contact.upserted', contact({ id: 'a', emails: ['b@x.example'], name: 'A A' }), { id: ra!.remoteId }),
      ev('contact.upserted', contact({ id: 'b', emails: ['b@x.example'], name: 'B Renamed' }), { id: rb!.remoteId }),
    ];
    const r = results(await connector().send(events, ctx()));
    expect(r.get(events[0]!.id)).toMatchObject({ ok: false, failure: { kind: 'poison', error: expect.stringContaining('409') } });
    expect(r.get(events[1]!.id)).toMatchObject({ ok: true, remoteId: rb!.remoteId });
    expect(hs.contacts.get(rb!.remoteId)!.properties.firstname).toBe('B');
  });

  it('a contact deleted in HubSpot since is upserted again by email', async () => {
    const c = contact();
    const r = results(await connector().send([ev('contact.upserted', c, { id: '999999' })], ctx()));
    expect([...r.values()][0]).toMatchObject({ ok: true, remoteId: hs.contactByEmail('ada@lindqvist.example')!.id });
  });

  it('401 pauses (auth), naming no token; 429 waits for the longer of Retry-After and HubSpot’s window', async () => {
    const denied = await connector({ accessToken: 'pat-na1-wrong-token-1234567890' }).send([ev('contact.upserted', contact())], ctx());
    expect(denied).toMatchObject({ kind: 'failed', failure: { kind: 'auth' }, status: 401 });
    expect(JSON.stringify(denied)).not.toContain('wrong-token');

    hs.rateLimitNext(30);
    expect(await connector().send([ev('contact.upserted', contact())], ctx())).toMatchObject({ kind: 'failed', failure: { kind: 'rate-limited', retryAfterMs: 30_000 } });
    hs.rateLimitNext();
    expect(await connector().send([ev('contact.upserted', contact())], ctx())).toMatchObject({ kind: 'failed', failure: { kind: 'rate-limited', retryAfterMs: 10_000 } });
  });

  it('a 429 midway keeps what was done: the contact is acknowledged, its note waits', async () => {
    const c = contact();
    hs.fault({ status: 429, path: /notes/, headers: { 'Retry-After': '3' } });
    const events = [ev('contact.upserted', c), ev('note.created', note(c.id, 'later'))];
    const r = results(await connector().send(events, ctx()));
    expect(r.get(events[0]!.id)).toMatchObject({ ok: true });
    expect(r.get(events[1]!.id)).toMatchObject({ ok: false, failure: { kind: 'rate-limited', retryAfterMs: 3000 } });
  });

  it('a CRM echoing the token in its error is scrubbed', async () => {
    hs.fault({ status: 400, body: { message: `bad request with Authorization: Bearer ${hs.token}` } });
    const out = await connector().send([ev('contact.upserted', contact())], ctx());
    expect(JSON.stringify(out)).not.toContain(hs.token);
  });

  it('associates the contact with its company when HubSpot has it', async () => {
    const company = hs.addCompany('Lindqvist AB', 'lindqvist.example');
    const other = hs.addCompany('Sørensen ApS', 'sorensen.example');
    await connector().send(
      [
        ev('contact.upserted', contact({ company: 'LINDQVIST ab' })),
        ev('contact.upserted', contact({ emails: ['bo@sorensen.example'], name: 'Bo Sørensen' })),
        ev('contact.upserted', contact({ emails: ['cy@gmail.com'], name: 'Cy Free' })),
      ],
      ctx(),
    );
    expect(hs.contactByEmail('ada@lindqvist.example')!.associations).toEqual([company]);
    expect(hs.contactByEmail('bo@sorensen.example')!.associations).toEqual([other]); // by its email's domain
    expect(hs.contactByEmail('cy@gmail.com')!.associations).toEqual([]); // a free-mail domain is nobody's company
    // One search for the whole batch: HubSpot's search API allows only a few requests a second.
    expect(hs.calls('POST', /companies\/search$/)).toHaveLength(1);
    // No such company: nothing is created, the contact still syncs.
    const r = results(await connector().send([ev('contact.upserted', contact({ emails: ['eve@else.example'], company: 'Unknown Oy' }))], ctx()));
    expect([...r.values()][0]).toMatchObject({ ok: true });
    expect(hs.companies.size).toBe(2);
  });

  it('merges through HubSpot’s merge call, the remaining contact as primary', async () => {
    const [a, b] = [contact({ id: 'keep', emails: ['keep@x.example'] }), contact({ id: 'gone', emails: ['gone@x.example'] })];
    const r0 = results(await connector().send([ev('contact.upserted', a), ev('contact.upserted', b)], ctx()));
    const [ka, kb] = [...r0.values()] as { remoteId: string }[];
    const merge = ev('contact.merged', { id: 'keep', mergedIds: ['gone'] }, { id: ka!.remoteId, mergedIds: [kb!.remoteId] });
    const r = results(await connector().send([merge], ctx()));
    expect(r.get(merge.id)).toMatchObject({ ok: true, remoteId: ka!.remoteId });
    expect(hs.calls('POST', /contacts\/merge$/)[0]!.body).toEqual({ primaryObjectId: ka!.remoteId, objectIdToMerge: kb!.remoteId });
    expect(hs.contacts.get(kb!.remoteId)!.mergedInto).toBe(ka!.remoteId);
  });

  it('edits and deletes notes by their HubSpot id, archives deleted contacts', async () => {
    const c = contact();
    const n = note(c.id, 'first');
    const r0 = results(await connector().send([ev('contact.upserted', c), ev('note.created', n)], ctx()));
    const [rc, rn] = [...r0.values()] as { remoteId: string }[];
    await connector().send([ev('note.updated', { ...n, body: 'second' }, { id: rn!.remoteId, contactId: rc!.remoteId })], ctx());
    expect(hs.notes.get(rn!.remoteId)!.properties.hs_note_body).toBe('second');
    const del = [ev('note.deleted', { id: n.id }, { id: rn!.remoteId }), ev('contact.deleted', { id: c.id }, { id: rc!.remoteId })];
    expect([...results(await connector().send(del, ctx())).values()].every((x) => x.ok)).toBe(true);
    expect(hs.notes.get(rn!.remoteId)!.archived).toBe(true);
    expect(hs.contacts.get(rc!.remoteId)!.archived).toBe(true);
  });

  it('test connection: the account id on success, a clear message on a bad token', async () => {
    expect(await connector().testConnection()).toMatchObject({ ok: true, detail: `Connected to HubSpot account ${hs.portalId}.`, account: String(hs.portalId) });
    const bad = await connector({ accessToken: 'nope' }).testConnection();
    expect(bad).toMatchObject({ ok: false, failure: { kind: 'auth', error: expect.stringMatching(/refused the token \(401\)/) } });
    expect(hs.calls('GET', /contacts$/)[0]!.query.get('limit')).toBe('1');
  });
});
