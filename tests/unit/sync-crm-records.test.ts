import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Company, Task } from '../../utils/model';
import { companyProperties, createHubspotConnector, taskProperties, TASK_TO_CONTACT } from '../../utils/sync/connectors/hubspot';
import { activityBody, createPipedriveConnector } from '../../utils/sync/connectors/pipedrive';
import { wireEvent } from '../../utils/sync/webhook';
import { WebhookEvent } from '../../utils/model';
import type { EventResult, SendOutcome } from '../../utils/sync/types';
import { hubspotContract, pipedriveContract } from '../e2e/support/crm-contract';
import { HubspotEmulator } from '../e2e/support/hubspot-emulator';
import { PipedriveEmulator } from '../e2e/support/pipedrive-emulator';
import { contact, ctx, ev } from './crm-events';

/**
 * Follow-ups and companies at each destination: the webhook's public payload, HubSpot tasks and companies, Pipedrive
 * activities and organisations, against the local emulators, every body checked against the official clients' models.
 */

const at = '2026-11-27T09:00:00.000Z';
function task(contactId: string, over: Partial<Task> = {}): Task {
  return { id: over.id ?? 'task-1', contactId, kind: 'follow-up', title: 'Call back about <pricing>', note: 'Line 1\nLine 2', due: '2026-12-01T09:30:00.000Z', status: 'open', createdAt: at, updatedAt: at, ...over };
}
function company(over: Partial<Company> = {}): Company {
  return { id: over.id ?? 'co-1', name: 'Lindqvist AB', nameKey: 'lindqvist', domain: 'lindqvist.example', createdAt: at, updatedAt: at, ...over };
}
function results(o: SendOutcome): EventResult[] {
  if (o.kind !== 'results') throw new Error(`expected per-event results, got ${JSON.stringify(o)}`);
  return o.results;
}

describe('webhook: task and company events', () => {
  it('are public (no sync state, no notified-at) and valid against the published schemas', () => {
    const t = { ...task('c1'), sync: { 'webhook:x': { remoteId: 'r' } }, notifiedAt: at };
    const wire = wireEvent(ev('task.created', t));
    expect(WebhookEvent.parse(wire)).toEqual(wire);
    expect(wire.data).not.toHaveProperty('sync');
    expect(wire.data).not.toHaveProperty('notifiedAt');
    const co = wireEvent(ev('company.upserted', { ...company(), sync: {} }));
    expect(co).toMatchObject({ type: 'company.upserted', data: { id: 'co-1', name: 'Lindqvist AB', domain: 'lindqvist.example' } });
    expect(co.data).not.toHaveProperty('nameKey');
    expect(WebhookEvent.safeParse({ ...wire, data: { ...wire.data, status: 'later' } }).success).toBe(false);
  });
});

describe('HubSpot: companies and tasks', () => {
  let hs: HubspotEmulator;
  beforeEach(async () => {
    hs = await new HubspotEmulator().start();
  });
  afterEach(async () => {
    expect(hs.violations).toEqual([]);
    await hs.stop();
  });
  const connector = () => createHubspotConnector({ accessToken: hs.token, baseUrl: hs.url, portalId: String(hs.portalId), timeoutMs: 5000 });

  it('bodies conform to @hubspot/api-client’s models, and the check can fail', () => {
    const body = { inputs: [{ properties: taskProperties(task('c1')), associations: [{ to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT }] }] }] };
    expect(hubspotContract('crm/objects/tasks', 'BatchInputSimplePublicObjectBatchInputForCreate', body)).toEqual([]);
    expect(hubspotContract('crm/companies', 'BatchInputSimplePublicObjectBatchInputForCreate', { inputs: [{ properties: companyProperties(company()), associations: [] }] })).toEqual([]);
    expect(hubspotContract('crm/objects/tasks', 'BatchInputSimplePublicObjectBatchInputForCreate', { inputs: [{ properties: { hs_timestamp: 5 } }] }).length).toBeGreaterThan(0);
    expect(taskProperties(task('c1', { status: 'done', snoozedUntil: '2026-12-02T08:00:00.000Z' }))).toEqual({
      hs_task_subject: 'Call back about <pricing>',
      hs_timestamp: '2026-12-02T08:00:00.000Z',
      hs_task_status: 'COMPLETED',
      hs_task_type: 'TODO',
      hs_task_body: 'Line 1<br>Line 2',
    });
  });

  it('a company is created once (found by name the next time), its people associated; a follow-up is a task on the contact, then updated', async () => {
    const c = contact({ company: 'Lindqvist AB' });
    const t = task(c.id);
    const first = results(await connector().send([ev('company.upserted', company()), ev('contact.upserted', c), ev('task.created', t)], ctx()));
    expect(first.map((r) => r.ok)).toEqual([true, true, true]);
    const co = [...hs.companies.values()];
    expect(co.map((x) => x.properties)).toEqual([{ name: 'Lindqvist AB', domain: 'lindqvist.example' }]);
    const person = hs.contactByEmail('ada@lindqvist.example')!;
    expect(person.associations).toEqual([co[0]!.id]);
    const hsTask = [...hs.tasks.values()][0]!;
    expect(hsTask).toMatchObject({ associations: [person.id], properties: { hs_task_status: 'NOT_STARTED', hs_timestamp: '2026-12-01T09:30:00.000Z' } });
    expect(first[2]).toMatchObject({ remoteId: hsTask.id });

    // Another device, no remote id: the company is found, not created again.
    const again = results(await connector().send([ev('company.upserted', company({ id: 'co-2' }))], ctx()));
    expect(again[0]).toMatchObject({ ok: true, remoteId: co[0]!.id });
    expect(hs.companies.size).toBe(1);

    // Done: the same HubSpot task, completed.
    const done = results(await connector().send([ev('task.updated', { ...t, status: 'done', doneAt: at }, { id: hsTask.id, contactId: person.id })], ctx()));
    expect(done[0]).toMatchObject({ ok: true, remoteId: hsTask.id });
    expect(hs.tasks.size).toBe(1);
    expect(hsTask.properties.hs_task_status).toBe('COMPLETED');
  });

  it('a company renamed here renames the HubSpot company it became (by its remembered id), not a new one', async () => {
    const first = results(await connector().send([ev('company.upserted', company())], ctx()));
    const id = first[0]!.ok ? first[0]!.remoteId : '';
    const renamed = results(await connector().send([ev('company.upserted', company({ name: 'Lindqvist Group AB' }), { id })], ctx()));
    expect(renamed[0]).toMatchObject({ ok: true, remoteId: id });
    expect([...hs.companies.values()].map((x) => x.properties.name)).toEqual(['Lindqvist Group AB']);
  });

  it('a follow-up whose contact is not in HubSpot yet waits (retryable), never an orphan task', async () => {
    const o = await connector().send([ev('task.created', task('nobody'))], ctx());
    expect(o).toMatchObject({ kind: 'failed', failure: { kind: 'retryable', error: 'waiting for its contact to reach HubSpot' } });
    expect(hs.tasks.size).toBe(0);
  });
});

describe('Pipedrive: organisations and activities', () => {
  let pd: PipedriveEmulator;
  beforeEach(async () => {
    pd = await new PipedriveEmulator().start();
  });
  afterEach(async () => {
    expect(pd.violations).toEqual([]);
    await pd.stop();
  });
  const connector = () => createPipedriveConnector({ apiToken: pd.token, companyDomain: pd.companyDomain, baseUrl: pd.url, timeoutMs: 5000 });

  it('bodies conform to the pipedrive package’s models, and the check can fail', () => {
    expect(pipedriveContract('v2', 'AddActivityRequest', activityBody(task('c1'), 12))).toEqual([]);
    expect(pipedriveContract('v2', 'AddActivityRequest', activityBody(task('c1', { status: 'done' }), undefined))).toEqual([]);
    expect(pipedriveContract('v2', 'AddActivityRequest', { subject: 'x', done: 1 })[0]).toMatch(/expected boolean/);
    expect(activityBody(task('c1'), 12)).toEqual({
      subject: 'Call back about <pricing>',
      type: 'task',
      due_date: '2026-12-01',
      due_time: '09:30',
      done: false,
      note: 'Line 1<br>Line 2',
      person_id: 12,
      participants: [{ person_id: 12, primary: true }],
    });
  });

  it('a company is an organisation (found or made); a follow-up is an activity on the person; created and done in one batch is one activity', async () => {
    const c = contact({ company: 'Lindqvist AB' });
    const t = task(c.id);
    const r = results(await connector().send([ev('company.upserted', company()), ev('contact.upserted', c), ev('task.created', t), ev('task.updated', { ...t, status: 'done' })], ctx()));
    expect(r.map((x) => x.ok)).toEqual([true, true, true, true]);
    expect(pd.orgs.size).toBe(1);
    const person = pd.personByEmail('ada@lindqvist.example')!;
    expect(r[0]).toMatchObject({ remoteId: String(person.org_id) });
    expect([...pd.activities.values()]).toEqual([expect.objectContaining({ person_id: person.id, subject: 'Call back about <pricing>', due_date: '2026-12-01', done: true })]);
    // Snoozed later: the same activity moves.
    const id = r[2]!.ok ? r[2]!.remoteId : undefined;
    await connector().send([ev('task.updated', { ...t, snoozedUntil: '2026-12-03T14:00:00.000Z' }, { id, contactId: String(person.id) })], ctx());
    expect([...pd.activities.values()]).toEqual([expect.objectContaining({ due_date: '2026-12-03', due_time: '14:00', done: false })]);
  });

  it('a company renamed here renames the organisation it became (PATCH by its remembered id); one deleted there is made again', async () => {
    const first = results(await connector().send([ev('company.upserted', company())], ctx()));
    const id = first[0]!.ok ? first[0]!.remoteId : '';
    const renamed = results(await connector().send([ev('company.upserted', company({ name: 'Lindqvist Group AB' }), { id })], ctx()));
    expect(renamed[0]).toMatchObject({ ok: true, remoteId: id });
    expect([...pd.orgs.values()]).toEqual([{ id: Number(id), name: 'Lindqvist Group AB' }]);
    // its people stay on the same organisation
    const c = contact({ company: 'Lindqvist Group AB' });
    await connector().send([ev('contact.upserted', c)], ctx());
    expect(pd.personByEmail('ada@lindqvist.example')!.org_id).toBe(Number(id));

    pd.orgs.clear();
    const again = results(await connector().send([ev('company.upserted', company({ name: 'Lindqvist Group AB' }), { id })], ctx()));
    expect(again[0]!.ok).toBe(true);
    expect([...pd.orgs.values()].map((o) => o.name)).toEqual(['Lindqvist Group AB']);
    expect(again[0]!.ok && again[0]!.remoteId).not.toBe(id);
  });
});

describe('HubSpot: a rate limit on the company step', () => {
  it('stops the batch: the contact is not sent before the wait', async () => {
    const hs = await new HubspotEmulator().start();
    try {
      hs.rateLimitNext(60);
      const c = contact({ company: 'Lindqvist AB' });
      const o = await createHubspotConnector({ accessToken: hs.token, baseUrl: hs.url, portalId: String(hs.portalId), timeoutMs: 5000 }).send([ev('company.upserted', company()), ev('contact.upserted', c)], ctx());
      expect(o).toMatchObject({ kind: 'failed', failure: { kind: 'rate-limited' } });
      expect(hs.requests).toHaveLength(1);
      expect(hs.contacts.size).toBe(0);
    } finally {
      await hs.stop();
    }
  });

});
