import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipedriveConnector, leadBody, personBody, pipedriveRateLimitWait, pipedriveTime } from '../../utils/sync/connectors/pipedrive';
import type { EventResult, SendOutcome } from '../../utils/sync/types';
import { pipedriveContract } from '../e2e/support/crm-contract';
import { PipedriveEmulator } from '../e2e/support/pipedrive-emulator';
import { contact, ctx, ev, note, touchpoint } from './crm-events';

/**
 * The Pipedrive connector against the local Pipedrive emulator (tests/e2e/support/pipedrive-emulator.ts),
 * over real HTTP. The emulator checks every body against the `pipedrive` package's models (read from its
 * type declarations) and answers a violation with 400; each test also asserts none was recorded.
 */

let pd: PipedriveEmulator;
beforeEach(async () => {
  pd = await new PipedriveEmulator().start();
});
afterEach(async () => {
  expect(pd.violations).toEqual([]);
  await pd.stop();
});

const connector = (over: Partial<Parameters<typeof createPipedriveConnector>[0]> = {}) =>
  createPipedriveConnector({ apiToken: pd.token, companyDomain: pd.companyDomain, baseUrl: pd.url, timeoutMs: 5000, ...over });

function results(o: SendOutcome): EventResult[] {
  if (o.kind !== 'results') throw new Error(`expected per-event results, got ${JSON.stringify(o)}`);
  return o.results;
}

describe('Pipedrive mapping and contract', () => {
  it('every body conforms to the official models, and the check can fail', () => {
    const c = contact({ phones: ['+4670123'], company: 'Lindqvist AB' });
    expect(pipedriveContract('v2', 'AddPersonRequest', personBody(c, 12))).toEqual([]);
    expect(pipedriveContract('v2', 'UpdatePersonRequest', personBody(c, undefined))).toEqual([]);
    expect(pipedriveContract('v1', 'AddLeadRequest', leadBody(c, 3, 12))).toEqual([]);
    expect(pipedriveContract('v1', 'AddNoteRequest', { content: 'x', person_id: 3, ...pipedriveTime('2026-11-27T09:00:00.000Z') })).toEqual([]);
    expect(pipedriveContract('v2', 'AddPersonRequest', { name: 'x', email: 'a@b.c' })[0]).toMatch(/email: not a field/);
    expect(pipedriveContract('v2', 'AddPersonRequest', { name: 'x', org_id: '12' })[0]).toMatch(/expected number/);
    expect(pipedriveContract('v1', 'AddLeadRequest', { person_id: 3 })[0]).toMatch(/title: required/);
  });

  it('writes times and rate-limit waits as Pipedrive gives them', () => {
    expect(pipedriveTime('2026-11-27T09:05:03.120Z')).toEqual({ add_time: '2026-11-27 09:05:03' });
    expect(pipedriveRateLimitWait(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }))).toBe(2000);
    expect(pipedriveRateLimitWait(new Headers({ 'x-daily-requests-left': '0' }))).toBe(3_600_000);
  });
});

describe('Pipedrive connector', () => {
  it('a prospect becomes a person (found by email, else created) in its organisation, with notes', async () => {
    const c = contact({ company: 'Lindqvist AB', phones: ['+46701234567'] });
    const events = [ev('contact.upserted', c), ev('touchpoint.created', touchpoint(c.id)), ev('note.created', note(c.id, 'Wants <pricing> for 40 seats.'))];
    const r = results(await connector().send(events, ctx()));
    const person = pd.personByEmail('ada@lindqvist.example')!;
    expect(person).toMatchObject({ name: 'Ada Lindqvist', phones: [{ value: '+46701234567', primary: true }] });
    expect(pd.orgs.get(person.org_id!)!.name).toBe('Lindqvist AB');
    expect(r.map((x) => x.ok)).toEqual([true, true, true]);
    expect(r[0]).toMatchObject({ remoteId: String(person.id) });
    const notes = pd.notesOf(person.id);
    expect(notes.map((n) => n.content)).toEqual([expect.stringContaining('Profile viewed'), 'Wants &lt;pricing&gt; for 40 seats.']);
    expect(pd.leads).toEqual([]); // a prospect is a person only

    // Saved again (another device, no remote id yet): found by exact email, updated, not duplicated.
    const again = results(await connector().send([ev('contact.upserted', { ...c, name: 'Ada L. Lindqvist' })], ctx()));
    expect(again[0]).toMatchObject({ ok: true, remoteId: String(person.id) });
    expect(pd.persons.size).toBe(1);
    expect(pd.orgs.size).toBe(1);
    expect(pd.calls('GET', /persons\/search$/).at(-1)!.query.get('exact_match')).toBe('true');
    expect(pd.calls('PATCH', /persons\/\d+$/)).toHaveLength(1);
  });

  it('a marketing lead is also a Pipedrive Lead, once', async () => {
    const c = contact({ kind: 'lead', stage: 'engaged', company: 'Lindqvist AB' });
    await connector().send([ev('contact.upserted', c)], ctx());
    await connector().send([ev('contact.upserted', { ...c, stage: 'marketing-qualified' })], ctx());
    const person = pd.personByEmail('ada@lindqvist.example')!;
    expect(pd.leads).toEqual([expect.objectContaining({ title: 'Ada Lindqvist — Lindqvist AB', person_id: person.id, organization_id: person.org_id })]);
  });

  it('a refused person fails alone; the next events go on (a 4xx is poison for its event only)', async () => {
    const bad = contact({ name: '' as string, emails: ['nameless@x.example'] });
    const good = contact({ emails: ['bo@x.example'], name: 'Bo' });
    const events = [ev('contact.upserted', bad), ev('contact.upserted', good), ev('note.created', note(bad.id, 'orphan?'))];
    const r = results(await connector().send(events, ctx()));
    expect(r[0]).toMatchObject({ ok: false, failure: { kind: 'poison', error: expect.stringContaining('400') } });
    expect(r[1]).toMatchObject({ ok: true });
    expect(r[2]).toMatchObject({ ok: false, failure: { kind: 'retryable', error: expect.stringMatching(/waiting for its contact/) } });
  });

  it('401 pauses (auth) and names no token; 429 waits for x-ratelimit-reset or Retry-After, and stops the batch', async () => {
    const denied = await connector({ apiToken: 'wrong-token-abcdef0123456789' }).send([ev('contact.upserted', contact())], ctx());
    expect(denied).toMatchObject({ kind: 'failed', failure: { kind: 'auth' }, status: 401 });
    expect(JSON.stringify(denied)).not.toContain('wrong-token');

    pd.rateLimitNext(5);
    const events = [ev('contact.upserted', contact()), ev('contact.upserted', contact({ emails: ['bo@x.example'] }))];
    const limited = await connector().send(events, ctx());
    expect(limited).toMatchObject({ kind: 'failed', failure: { kind: 'rate-limited', retryAfterMs: 5000 }, status: 429 });
    expect(pd.calls()).toHaveLength(2); // the 401 and the 429: nothing more was tried
  });

  it('merges through Pipedrive’s merge call (the remaining person is merge_with_id)', async () => {
    const r0 = results(await connector().send([ev('contact.upserted', contact({ id: 'keep', emails: ['keep@x.example'] })), ev('contact.upserted', contact({ id: 'gone', emails: ['gone@x.example'] }))], ctx()));
    const [keep, gone] = r0.map((x) => (x as { remoteId: string }).remoteId);
    const merge = ev('contact.merged', { id: 'keep', mergedIds: ['gone'] }, { id: keep!, mergedIds: [gone!] });
    expect(results(await connector().send([merge], ctx()))[0]).toMatchObject({ ok: true, remoteId: keep });
    const call = pd.calls('PUT', /merge$/)[0]!;
    expect(call.path).toBe(`/api/v1/persons/${gone}/merge`);
    expect(call.body).toEqual({ merge_with_id: Number(keep) });
    expect(pd.persons.get(Number(gone))!.mergedInto).toBe(Number(keep));
  });

  it('edits and deletes notes and persons by their Pipedrive ids', async () => {
    const c = contact();
    const n = note(c.id, 'first');
    const [rc, rn] = results(await connector().send([ev('contact.upserted', c), ev('note.created', n)], ctx())) as { remoteId: string }[];
    await connector().send([ev('note.updated', { ...n, body: 'second' }, { id: rn!.remoteId, contactId: rc!.remoteId })], ctx());
    expect(pd.notes.get(Number(rn!.remoteId))!.content).toBe('second');
    const del = results(await connector().send([ev('note.deleted', { id: n.id }, { id: rn!.remoteId }), ev('contact.deleted', { id: c.id }, { id: rc!.remoteId })], ctx()));
    expect(del.every((x) => x.ok)).toBe(true);
    expect(pd.persons.get(Number(rc!.remoteId))!.deleted).toBe(true);
  });

  it('a touchpoint sent again (a call that ended with its outcome) updates its note, never a second one', async () => {
    const c = contact();
    const call = touchpoint(c.id, { type: 'call', summary: 'Call' });
    const [rc, rt] = results(await connector().send([ev('contact.upserted', c), ev('touchpoint.created', call)], ctx())) as { remoteId: string }[];
    const again = results(await connector().send([ev('touchpoint.created', { ...call, summary: 'Call: connected' }, { id: rt!.remoteId, contactId: rc!.remoteId })], ctx()));
    expect(again[0]).toMatchObject({ ok: true, remoteId: rt!.remoteId });
    const notes = pd.notesOf(Number(rc!.remoteId));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.content).toContain('connected');
  });

  it('test connection: users/me, with a clear message for a bad token or another company', async () => {
    expect(await connector().testConnection()).toMatchObject({ ok: true, detail: expect.stringContaining('Connected to Pipedrive (Acme Emulated)') });
    expect(await connector({ apiToken: 'nope' }).testConnection()).toMatchObject({ ok: false, failure: { kind: 'auth', error: expect.stringMatching(/refused the API token \(401\)/) } });
    expect(await connector({ companyDomain: 'other' }).testConnection()).toMatchObject({ ok: false, failure: { error: expect.stringContaining('belongs to the Pipedrive company “acme”') } });
  });
});
