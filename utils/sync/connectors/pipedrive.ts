import type { Contact, Task } from '../../model';
import type { Connector, EventResult, Failure, SendOutcome, SyncEvent, TestResult } from '../types';
import { escapeHtml, http, stopsTheBatch, worse, type HttpEnv, type HttpRequest, type HttpResult } from './http';
import { noteText, noteTime, touchpointText } from './text';

/**
 * Pipedrive (API token). Persons and organisations use API v2 (Pipedrive retired the v1 person and
 * organisation endpoints in 2026, and the official client's models for them are v2 only); notes, leads,
 * merges and users/me are v1. The mapping, documented in docs/sync.md ("Pipedrive"):
 *
 *  - contact.upserted → a person: the remembered person id, else the person found by exact email
 *    (persons/search, fields=email, exact_match), updated (PATCH); else created (POST). Its company → the
 *    organisation of that exact name, created when there is none, set as the person's org_id.
 *    A marketing **lead** also gets a Pipedrive Lead (title "<name> — <company>", person_id), once: an
 *    existing lead of that person is kept. A sales **prospect** is a person only (sales opens deals).
 *  - touchpoint.created, note.created → a note with person_id; note.updated / note.deleted → that note.
 *  - company.upserted → the organisation of that exact name (found, else created): its id is the company's; once
 *    known, the organisation is updated by that id (PATCH name), so a renamed company renames it.
 *  - task.created / task.updated → an activity (API v2: POST / PATCH /api/v2/activities; the official client's
 *    models for activities are v2 only) with person_id and the person as primary participant, due_date and
 *    due_time in UTC, done when the follow-up is done.
 *  - contact.merged → Pipedrive's merge call (the person that remains is merge_with_id).
 *  - contact.deleted → the person is deleted.
 *
 * Pipedrive has no batch writes: each event is one to four requests, in order, so a contact and its
 * notes can share a batch. 401/403 pause the destination; 429 waits for Retry-After and Pipedrive's
 * x-ratelimit-reset; a 4xx for one event fails that event only.
 */

export const PIPEDRIVE_MAX_BATCH = 25;

export interface PipedriveOptions extends HttpEnv {
  apiToken: string;
  /** "acme" for acme.pipedrive.com: the account, and the host requests go to */
  companyDomain: string;
  /** the API's origin; only the e2e build points it elsewhere (a local emulator) */
  baseUrl?: string;
  maxBatch?: number;
}

export function pipedriveOrigin(companyDomain: string): string {
  return `https://${companyDomain}.pipedrive.com`;
}

/** The destination identity: remote ids are kept per Pipedrive company. */
export function pipedriveDestination(companyDomain: string): string {
  return `pipedrive:${companyDomain.toLowerCase()}`;
}

/**
 * Pipedrive's rate-limit headers: x-ratelimit-remaining 0 asks to wait x-ratelimit-reset seconds;
 * x-daily-requests-left 0 means the day's budget is spent (an hour, then try again).
 */
export function pipedriveRateLimitWait(headers: Headers): number | undefined {
  if (headers.get('x-daily-requests-left') === '0') return 60 * 60_000;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (headers.get('x-ratelimit-remaining') === '0' || Number.isFinite(reset)) {
    if (Number.isFinite(reset) && reset > 0) return Math.min(reset, 3600) * 1000;
  }
  return undefined;
}

/** A contact as a Pipedrive v2 person (AddPersonRequest / UpdatePersonRequest). */
export function personBody(c: Contact, orgId: number | undefined): Record<string, unknown> {
  return {
    name: c.name,
    emails: c.emails.map((value, i) => ({ value, primary: i === 0, label: 'work' })),
    phones: c.phones.map((value, i) => ({ value, primary: i === 0, label: 'work' })),
    ...(orgId !== undefined ? { org_id: orgId } : {}),
  };
}

export function leadBody(c: Contact, personId: number, orgId: number | undefined): Record<string, unknown> {
  return { title: c.company ? `${c.name} — ${c.company}` : c.name, person_id: personId, ...(orgId !== undefined ? { organization_id: orgId } : {}) };
}

const ACTIVITY_TYPES: Record<Task['kind'], string> = { 'follow-up': 'task', call: 'call', email: 'email', meeting: 'meeting' };

/** A follow-up as a Pipedrive v2 activity (AddActivityRequest, also the body of its PATCH). */
export function activityBody(t: Task, personId: number | undefined): Record<string, unknown> {
  const due = new Date(t.snoozedUntil && t.snoozedUntil > t.due ? t.snoozedUntil : t.due).toISOString();
  return {
    subject: t.title,
    type: ACTIVITY_TYPES[t.kind],
    due_date: due.slice(0, 10),
    due_time: due.slice(11, 16),
    done: t.status === 'done',
    ...(t.note ? { note: escapeHtml(t.note).replace(/\r?\n/g, '<br>') } : {}),
    ...(personId !== undefined ? { person_id: personId, participants: [{ person_id: personId, primary: true }] } : {}),
  };
}

/** Pipedrive's add_time: "YYYY-MM-DD HH:MM:SS" in UTC, so a note sits at its moment on the timeline. */
export function pipedriveTime(iso: string): { add_time?: string } {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? { add_time: new Date(t).toISOString().slice(0, 19).replace('T', ' ') } : {};
}

interface Ok<T> {
  ok: true;
  value: T;
}
interface Bad {
  ok: false;
  failure: Failure;
  status: number;
}
type Step<T> = Ok<T> | Bad;
/** `status` of a step that made no request: a note whose contact is not in Pipedrive yet */
const WAITING = -1;

export function createPipedriveConnector(opts: PipedriveOptions): Connector {
  const base = (opts.baseUrl ?? pipedriveOrigin(opts.companyDomain)).replace(/\/+$/, '');
  const headers = { 'x-api-token': opts.apiToken };
  const env: HttpEnv = { fetch: opts.fetch, now: opts.now, timeoutMs: opts.timeoutMs };
  let lastStatus: number | undefined;

  async function call(method: HttpRequest['method'], path: string, body: unknown, signal: AbortSignal | undefined): Promise<HttpResult> {
    const r = await http({ method, url: `${base}${path}`, headers, body }, env, { signal, crm: 'Pipedrive', rateLimitWait: pipedriveRateLimitWait });
    lastStatus = r.ok ? r.answer.status : r.status;
    return r;
  }

  /** `data` of a `{ success, data }` answer. */
  async function data<T>(method: HttpRequest['method'], path: string, body: unknown, signal: AbortSignal | undefined): Promise<Step<T | undefined>> {
    const r = await call(method, path, body, signal);
    if (!r.ok) return { ok: false, failure: r.failure, status: r.status };
    return { ok: true, value: (r.answer.json as { data?: T } | undefined)?.data };
  }

  /**
   * A record that hangs off a person (a note, an activity): updated when its Pipedrive id is known (gone, 404: made
   * again), else created on its person, once that person is in Pipedrive (until then it waits, retryable).
   */
  async function updateElseCreate(
    known: string | undefined,
    personId: string | undefined,
    update: (id: string) => Promise<Step<unknown>>,
    create: (personId: number) => Promise<Step<{ id?: number } | undefined>>,
  ): Promise<Step<string>> {
    if (known) {
      const r = await update(known);
      if (r.ok || r.status !== 404) return r.ok ? { ok: true, value: known } : r;
    }
    if (!personId) return { ok: false, status: WAITING, failure: { kind: 'retryable', error: 'waiting for its contact to reach Pipedrive' } };
    const r = await create(Number(personId));
    return r.ok ? { ok: true, value: r.value?.id !== undefined ? String(r.value.id) : '' } : r;
  }

  async function findOrCreateOrg(name: string, signal: AbortSignal | undefined): Promise<Step<number | undefined>> {
    const q = new URLSearchParams({ term: name, fields: 'name', exact_match: 'true', limit: '1' });
    const found = await data<{ items?: { item?: { id?: number } }[] }>('GET', `/api/v2/organizations/search?${q}`, undefined, signal);
    if (!found.ok) return found;
    const id = found.value?.items?.[0]?.item?.id;
    if (id !== undefined) return { ok: true, value: id };
    const made = await data<{ id?: number }>('POST', '/api/v2/organizations', { name }, signal);
    return made.ok ? { ok: true, value: made.value?.id } : made;
  }

  async function findPerson(email: string, signal: AbortSignal | undefined): Promise<Step<number | undefined>> {
    const q = new URLSearchParams({ term: email, fields: 'email', exact_match: 'true', limit: '1' });
    const found = await data<{ items?: { item?: { id?: number } }[] }>('GET', `/api/v2/persons/search?${q}`, undefined, signal);
    return found.ok ? { ok: true, value: found.value?.items?.[0]?.item?.id } : found;
  }

  async function upsertContact(e: Extract<SyncEvent, { type: 'contact.upserted' }>, signal: AbortSignal | undefined): Promise<Step<string>> {
    const c = e.data;
    let orgId: number | undefined;
    if (c.company?.trim()) {
      const org = await findOrCreateOrg(c.company.trim(), signal);
      if (!org.ok) return org;
      orgId = org.value;
    }
    let personId = e.remote?.id ? Number(e.remote.id) : undefined;
    if (personId === undefined && c.emails[0]) {
      const found = await findPerson(c.emails[0], signal);
      if (!found.ok) return found;
      personId = found.value;
    }
    const body = personBody(c, orgId);
    let saved: Step<{ id?: number } | undefined> | undefined;
    if (personId !== undefined && Number.isFinite(personId)) {
      saved = await data<{ id?: number }>('PATCH', `/api/v2/persons/${personId}`, body, signal);
      // Deleted in Pipedrive since: create it again rather than fail forever.
      if (!saved.ok && saved.status === 404) saved = undefined;
    }
    saved ??= await data<{ id?: number }>('POST', '/api/v2/persons', body, signal);
    if (!saved.ok) return saved;
    const id = saved.value?.id ?? personId;
    if (id === undefined) return { ok: false, status: 200, failure: { kind: 'retryable', error: 'Pipedrive answered without the person id' } };

    if (c.kind === 'lead') {
      // A marketing lead is a Pipedrive Lead, once per person.
      const q = new URLSearchParams({ person_id: String(id), limit: '1' });
      const leads = await data<unknown[]>('GET', `/api/v1/leads?${q}`, undefined, signal);
      if (!leads.ok) return leads;
      if (!leads.value?.length) {
        const made = await data('POST', '/api/v1/leads', leadBody(c, id, orgId), signal);
        if (!made.ok) return made;
      }
    }
    return { ok: true, value: String(id) };
  }

  async function send(events: SyncEvent[], ctx: { batchId: string; signal?: AbortSignal }): Promise<SendOutcome> {
    lastStatus = undefined;
    const results: EventResult[] = [];
    let stop: Failure | undefined;
    const personOf = new Map<string, string>();
    const noteOf = new Map<string, string>();
    /** follow-up id → activity id, learned in this send (created and done in one batch is one activity) */
    const activityOf = new Map<string, string>();

    for (const e of events) {
      if (stop) {
        results.push({ id: e.id, ok: false, failure: stop });
        continue;
      }
      let step: Step<string>;
      switch (e.type) {
        case 'contact.upserted':
          step = await upsertContact(e, ctx.signal);
          if (step.ok) personOf.set(e.data.id, step.value);
          break;
        case 'contact.merged': {
          const survivor = e.remote?.id ?? personOf.get(e.data.id);
          const merged = (e.remote?.mergedIds ?? []).filter((id) => id !== survivor);
          if (!survivor) {
            // Nothing of the survivor in Pipedrive yet: the first merged person becomes it.
            step = { ok: true, value: merged[0] ?? '' };
            for (const other of merged.slice(1)) {
              const r = await data('PUT', `/api/v1/persons/${other}/merge`, { merge_with_id: Number(merged[0]) }, ctx.signal);
              if (!r.ok && r.status !== 404) {
                step = r;
                break;
              }
            }
          } else {
            step = { ok: true, value: survivor };
            for (const other of merged) {
              // PUT /persons/{id}/merge folds {id} into merge_with_id, whose values win.
              const r = await data('PUT', `/api/v1/persons/${other}/merge`, { merge_with_id: Number(survivor) }, ctx.signal);
              if (!r.ok && r.status !== 404) {
                step = r;
                break;
              }
            }
          }
          if (step.ok && step.value) personOf.set(e.data.id, step.value);
          break;
        }
        case 'contact.deleted': {
          const id = e.remote?.id ?? personOf.get(e.data.id);
          if (!id) step = { ok: true, value: '' };
          else {
            const r = await data('DELETE', `/api/v2/persons/${id}`, undefined, ctx.signal);
            step = r.ok || r.status === 404 ? { ok: true, value: id } : r;
          }
          break;
        }
        case 'note.created':
        case 'note.updated':
        case 'touchpoint.created': {
          const content = escapeHtml(e.type === 'touchpoint.created' ? touchpointText(e.data) : noteText(e.data)).replace(/\r?\n/g, '<br>');
          // A touchpoint sent again (a call's entry gains its outcome, a merge moves it) is the note Pipedrive has.
          const known = e.type === 'note.updated' || e.type === 'touchpoint.created' ? (e.remote?.id ?? noteOf.get(e.data.id)) : undefined;
          const when = e.type === 'touchpoint.created' ? e.data.at : noteTime(e.data);
          step = await updateElseCreate(
            known,
            e.remote?.contactId ?? personOf.get(e.data.contactId),
            (id) => data('PUT', `/api/v1/notes/${id}`, { content }, ctx.signal),
            (personId) => data<{ id?: number }>('POST', '/api/v1/notes', { content, person_id: personId, ...pipedriveTime(when) }, ctx.signal),
          );
          if (step.ok && step.value) noteOf.set(e.data.id, step.value);
          break;
        }
        case 'company.upserted': {
          if (e.remote?.id) {
            // The organisation it became: its name follows the company's (a rename here renames it there). One gone
            // from Pipedrive (404) is found or made again by name.
            const r = await data('PATCH', `/api/v2/organizations/${e.remote.id}`, { name: e.data.name }, ctx.signal);
            if (r.ok || r.status !== 404) {
              step = r.ok ? { ok: true, value: e.remote.id } : r;
              break;
            }
          }
          const org = await findOrCreateOrg(e.data.name, ctx.signal);
          step = org.ok ? { ok: true, value: org.value !== undefined ? String(org.value) : '' } : org;
          break;
        }
        case 'task.created':
        case 'task.updated': {
          const task = e.data;
          step = await updateElseCreate(
            e.remote?.id ?? activityOf.get(task.id),
            e.remote?.contactId ?? personOf.get(task.contactId),
            (id) => data('PATCH', `/api/v2/activities/${id}`, activityBody(task, undefined), ctx.signal),
            (personId) => data<{ id?: number }>('POST', '/api/v2/activities', activityBody(task, personId), ctx.signal),
          );
          if (step.ok && step.value) activityOf.set(task.id, step.value);
          break;
        }
        case 'note.deleted': {
          const id = e.remote?.id ?? noteOf.get(e.data.id);
          if (!id) step = { ok: true, value: '' };
          else {
            const r = await data('DELETE', `/api/v1/notes/${id}`, undefined, ctx.signal);
            step = r.ok || r.status === 404 ? { ok: true, value: id } : r;
          }
          break;
        }
      }
      if (step.ok) results.push(step.value ? { id: e.id, ok: true, remoteId: step.value } : { id: e.id, ok: true });
      else {
        results.push({ id: e.id, ok: false, failure: step.failure });
        // A note waiting for its contact is not Pipedrive's answer: the rest of the batch goes on.
        if (step.status !== WAITING && stopsTheBatch(step.failure) && worse(step.failure, stop)) stop = step.failure;
      }
    }
    const status = lastStatus !== undefined ? { status: lastStatus } : {};
    if (stop && results.every((r) => !r.ok)) return { kind: 'failed', failure: stop, ...status };
    return { kind: 'results', results, ...status };
  }

  return {
    type: 'pipedrive',
    destination: pipedriveDestination(opts.companyDomain),
    maxBatch: Math.min(opts.maxBatch ?? PIPEDRIVE_MAX_BATCH, PIPEDRIVE_MAX_BATCH),
    send,
    async testConnection(signal): Promise<TestResult> {
      const r = await call('GET', '/api/v1/users/me', undefined, signal);
      if (!r.ok) {
        const message =
          r.status === 401
            ? 'Pipedrive refused the API token (401). Copy it again from Personal preferences → API.'
            : r.status === 403
              ? 'Pipedrive refused access (403): the token’s user may not use the API in this company.'
              : r.status === 404
                ? `No Pipedrive company at ${opts.companyDomain}.pipedrive.com (404). Check the company domain.`
                : r.failure.error;
        return { ok: false, status: r.status, failure: { ...r.failure, error: message } };
      }
      const me = (r.answer.json as { data?: { name?: string; company_name?: string; company_domain?: string } } | undefined)?.data;
      if (me?.company_domain && me.company_domain.toLowerCase() !== opts.companyDomain.toLowerCase()) {
        return {
          ok: false,
          status: r.answer.status,
          failure: { kind: 'auth', error: `This token belongs to the Pipedrive company “${me.company_domain}”, not “${opts.companyDomain}”.` },
        };
      }
      return { ok: true, status: r.answer.status, detail: `Connected to Pipedrive${me?.company_name ? ` (${me.company_name})` : ''}${me?.name ? ` as ${me.name}` : ''}.` };
    },
  };
}
