import type { Company, Contact, ContactKind, Note, Stage, Task, Touchpoint } from '../../model';
import { scrubError } from '../errors';
import type { Connector, EventResult, Failure, SendOutcome, SyncEvent, TestResult } from '../types';
import { escapeHtml, http, stopsTheBatch, worse, type HttpEnv, type HttpRequest, type HttpResult } from './http';
import { noteText, noteTime, touchpointText } from './text';

/**
 * HubSpot (CRM v3 objects API, private app token). The mapping, written once here and documented in
 * docs/sync.md ("HubSpot"):
 *
 *  - contact.upserted → a HubSpot contact. Known remote id: batch update by id. Else with an email: batch
 *    upsert keyed on email (idProperty "email"), so a person already in HubSpot is updated, not duplicated.
 *    Without either: batch create, and the id HubSpot gives is remembered (acknowledged as the remote id).
 *    kind + stage → lifecyclestage + hs_lead_status (HUBSPOT_STAGES below). The contact is associated
 *    with its company when a company of that name (or of its email's domain) exists in HubSpot.
 *  - touchpoint.created, note.created → a HubSpot note (hs_note_body, hs_timestamp) associated with the
 *    contact (association type 202, note → contact); note.updated / note.deleted update / archive it.
 *  - company.upserted → a HubSpot company (name, domain): the remembered id is updated; else one of that name or
 *    domain is found (search) and remembered, else created. Companies are handled before contacts in a send, so
 *    people of a company made in the same batch are associated with it.
 *  - task.created / task.updated → a HubSpot task (hs_task_subject, hs_task_body, hs_timestamp = due,
 *    hs_task_status NOT_STARTED / COMPLETED, hs_task_type) associated with the contact (type 204, task → contact).
 *  - contact.merged → HubSpot's merge call (primary = the contact that remains).
 *  - contact.deleted → archive (HubSpot keeps archived contacts restorable for 90 days).
 *
 * Answers: 401/403 pause the destination, 429 waits for Retry-After and HubSpot's own rate-limit headers,
 * a 207 multi-status gives each event its own result, and a batch refused as a whole (400/409/413) is
 * split until the event that causes it is alone, so one bad contact never holds back the others.
 */

export const HUBSPOT_API = 'https://api.hubapi.com';
/** HubSpot's batch endpoints take at most 100 inputs. */
export const HUBSPOT_MAX_BATCH = 100;
/** hs_note_body holds at most 65,536 characters. */
export const HUBSPOT_NOTE_MAX = 65_000;
/** HUBSPOT_DEFINED association type: note → contact. */
export const NOTE_TO_CONTACT = 202;
/** HUBSPOT_DEFINED association type: task → contact. */
export const TASK_TO_CONTACT = 204;

const TASK_TYPES: Record<Task['kind'], string> = { 'follow-up': 'TODO', call: 'CALL', email: 'EMAIL', meeting: 'TODO' };

/** A follow-up as HubSpot task properties. hs_timestamp is the task's due date in HubSpot. */
export function taskProperties(t: Task): Record<string, string> {
  const due = t.snoozedUntil && t.snoozedUntil > t.due ? t.snoozedUntil : t.due;
  return {
    hs_task_subject: t.title,
    hs_timestamp: new Date(due).toISOString(),
    hs_task_status: t.status === 'done' ? 'COMPLETED' : 'NOT_STARTED',
    hs_task_type: TASK_TYPES[t.kind],
    ...(t.note ? { hs_task_body: escapeHtml(t.note).replace(/\r?\n/g, '<br>') } : {}),
  };
}

export function companyProperties(c: Company): Record<string, string> {
  return { name: c.name, ...(c.domain ? { domain: c.domain } : {}) };
}

export interface HubspotOptions extends HttpEnv {
  accessToken: string;
  /** the HubSpot account (portal) id, found by testConnection when the destination is saved */
  portalId?: string;
  /** the API's origin; only the e2e build points it elsewhere (a local emulator) */
  baseUrl?: string;
  maxBatch?: number;
}

/**
 * Kind and stage → HubSpot's lifecycle stage and lead status. A lead is marketing's (subscriber-to-MQL end
 * of the funnel), a prospect is sales' (SQL onwards). HubSpot does not move a lifecycle stage backwards
 * through the API, which matches ours: a lead is promoted to a prospect, never the other way.
 */
export const HUBSPOT_STAGES: Record<ContactKind, Partial<Record<Stage, { lifecyclestage: string; hs_lead_status?: string }>>> = {
  lead: {
    new: { lifecyclestage: 'lead', hs_lead_status: 'NEW' },
    engaged: { lifecyclestage: 'lead', hs_lead_status: 'OPEN' },
    'marketing-qualified': { lifecyclestage: 'marketingqualifiedlead', hs_lead_status: 'OPEN' },
  },
  prospect: {
    new: { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'NEW' },
    contacted: { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'ATTEMPTED_TO_CONTACT' },
    'meeting-booked': { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'CONNECTED' },
    qualified: { lifecyclestage: 'opportunity', hs_lead_status: 'IN_PROGRESS' },
    customer: { lifecyclestage: 'customer' },
    lost: { lifecyclestage: 'other', hs_lead_status: 'UNQUALIFIED' },
  },
};

const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'aol.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com', 'mail.ru', 'yandex.ru']);

/** The destination identity: remote ids are kept per HubSpot account. */
export function hubspotDestination(portalId: string | undefined): string {
  return portalId ? `hubspot:${portalId}` : 'hubspot';
}

/** A contact as HubSpot properties (every value a string, as HubSpot's models declare). */
export function contactProperties(c: Contact): Record<string, string> {
  const p: Record<string, string> = {};
  const email = c.emails[0];
  if (email) p.email = email.toLowerCase();
  const [first, ...rest] = c.name.trim().split(/\s+/);
  p.firstname = c.firstName ?? first ?? c.name;
  const last = c.lastName ?? rest.join(' ');
  if (last) p.lastname = last;
  if (c.jobTitle) p.jobtitle = c.jobTitle;
  if (c.company) p.company = c.company;
  if (c.phones[0]) p.phone = c.phones[0];
  const site = c.links.find((l) => !/linkedin\.com|github\.com|x\.com|twitter\.com/i.test(l));
  if (site) p.website = site;
  const stage = HUBSPOT_STAGES[c.kind][c.stage as Stage];
  if (stage) {
    p.lifecyclestage = stage.lifecyclestage;
    if (stage.hs_lead_status) p.hs_lead_status = stage.hs_lead_status;
  }
  return p;
}

function noteHtml(text: string): string {
  const cut = text.length > HUBSPOT_NOTE_MAX ? `${text.slice(0, HUBSPOT_NOTE_MAX)}\n… (cut to HubSpot's note limit)` : text;
  return escapeHtml(cut).replace(/\r?\n/g, '<br>');
}

export function noteProperties(source: { kind: 'note'; note: Note } | { kind: 'touchpoint'; touchpoint: Touchpoint }): Record<string, string> {
  if (source.kind === 'note') {
    return { hs_note_body: noteHtml(noteText(source.note)), hs_timestamp: new Date(noteTime(source.note)).toISOString() };
  }
  return { hs_note_body: noteHtml(touchpointText(source.touchpoint)), hs_timestamp: new Date(source.touchpoint.at).toISOString() };
}

/**
 * How long HubSpot asks us to wait. On a 429 its body names the policy: DAILY means the day's budget is
 * spent (until midnight, which we cannot place in the account's time zone: an hour, then try again);
 * otherwise the rolling window in X-HubSpot-RateLimit-Interval-Milliseconds (10 s by default).
 */
export function hubspotRateLimitWait(headers: Headers): number | undefined {
  const dailyLeft = headers.get('X-HubSpot-RateLimit-Daily-Remaining');
  if (dailyLeft !== null && Number(dailyLeft) <= 0) return 60 * 60_000;
  const remaining = headers.get('X-HubSpot-RateLimit-Remaining');
  const interval = Number(headers.get('X-HubSpot-RateLimit-Interval-Milliseconds'));
  if (remaining !== null && Number(remaining) <= 0) return Number.isFinite(interval) && interval > 0 ? interval : 10_000;
  return undefined;
}

interface BatchError {
  status?: string;
  category?: string;
  message?: string;
  context?: Record<string, unknown>;
}

interface BatchAnswer {
  results?: { id?: string; objectWriteTraceId?: string; properties?: Record<string, string | null> }[];
  errors?: BatchError[];
}

/** One input of a HubSpot batch request, tied to the event it serves. */
interface Input {
  eventId: string;
  /** what the answer is matched on besides objectWriteTraceId: the id (update), the email (upsert) */
  key?: string;
  body: Record<string, unknown>;
}

/** `gone`: HubSpot has no object with that id (deleted there since). */
type InputResult = { ok: true; remoteId: string } | { ok: false; failure: Failure; gone?: boolean };

export function createHubspotConnector(opts: HubspotOptions): Connector {
  const base = (opts.baseUrl ?? HUBSPOT_API).replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${opts.accessToken}` };
  const env: HttpEnv = { fetch: opts.fetch, now: opts.now, timeoutMs: opts.timeoutMs };

  /** the last answer's HTTP status, for the delivery log */
  let lastStatus: number | undefined;
  const call = async (method: HttpRequest['method'], path: string, body: unknown, signal: AbortSignal | undefined): Promise<HttpResult> => {
    const r = await http({ method, url: `${base}${path}`, headers, body }, env, { signal, crm: 'HubSpot', rateLimitWait: hubspotRateLimitWait });
    lastStatus = r.ok ? r.answer.status : r.status;
    return r;
  };

  /**
   * Sends inputs to one batch endpoint and gives each its own result. A batch refused as a whole for its
   * content (400, 409, 413 …) is halved until the input that causes it is alone: the others go through.
   * A failure of the CRM itself (auth, rate limit, 5xx, network) ends here for every input.
   */
  async function batch(path: string, inputs: Input[], signal: AbortSignal | undefined): Promise<Map<string, InputResult>> {
    const out = new Map<string, InputResult>();
    if (inputs.length === 0) return out;
    const r = await call('POST', path, { inputs: inputs.map((i) => i.body) }, signal);
    if (!r.ok) {
      if (!stopsTheBatch(r.failure) && inputs.length > 1) {
        const half = Math.ceil(inputs.length / 2);
        const first = await batch(path, inputs.slice(0, half), signal);
        const stopped = [...first.values()].find((x) => !x.ok && stopsTheBatch(x.failure));
        const second = stopped ? new Map(inputs.slice(half).map((i) => [i.eventId, stopped] as const)) : await batch(path, inputs.slice(half), signal);
        return new Map([...first, ...second]);
      }
      for (const i of inputs) out.set(i.eventId, { ok: false, failure: r.failure, ...(r.status === 404 ? { gone: true } : {}) });
      return out;
    }
    return matchBatchAnswer(inputs, (r.answer.json ?? {}) as BatchAnswer);
  }

  async function send(events: SyncEvent[], ctx: { batchId: string; signal?: AbortSignal }): Promise<SendOutcome> {
    const results = new Map<string, EventResult>();
    const stopped = (m: Map<string, InputResult>) => [...m.values()].some((x) => !x.ok && stopsTheBatch(x.failure));
    /** the first failure that stops the rest of this send (auth, rate limit, CRM down) */
    let stop: Failure | undefined;
    lastStatus = undefined;
    const settle = (id: string, r: InputResult) => {
      if (r.ok) results.set(id, { id, ok: true, remoteId: r.remoteId });
      else {
        results.set(id, { id, ok: false, failure: r.failure });
        if (stopsTheBatch(r.failure) && worse(r.failure, stop)) stop = r.failure;
      }
    };
    /** local contact id → HubSpot id, learned in this send (a contact and its notes can share a batch) */
    const contactRemote = new Map<string, string>();
    const noteRemote = new Map<string, string>();
    for (const e of events) {
      if (e.remote?.id && e.type === 'contact.upserted') contactRemote.set(e.data.id, e.remote.id);
    }

    // 0. Companies, before the contacts of this batch (they are associated with them below).
    const companyByName = new Map<string, string>();
    const companyEvents = events.filter((e): e is Extract<SyncEvent, { type: 'company.upserted' }> => e.type === 'company.upserted');
    if (companyEvents.length) {
      const known: Input[] = [];
      const unknown: Extract<SyncEvent, { type: 'company.upserted' }>[] = [];
      for (const e of companyEvents) {
        if (e.remote?.id) known.push({ eventId: e.id, key: e.remote.id, body: { id: e.remote.id, objectWriteTraceId: e.id, properties: companyProperties(e.data) } });
        else unknown.push(e);
      }
      const companyResults = new Map<string, InputResult>();
      if (known.length) for (const [k, v] of await batch('/crm/v3/objects/companies/batch/update', known, ctx.signal)) companyResults.set(k, v);
      if (unknown.length && !stopped(companyResults)) {
        const found = await findCompanies(unknown.map((e) => e.data.name), unknown.flatMap((e) => (e.data.domain ? [e.data.domain] : [])), ctx.signal);
        if (!found.ok) for (const e of unknown) companyResults.set(e.id, { ok: false, failure: found.failure });
        else {
          const create: Input[] = [];
          for (const e of unknown) {
            const id = found.byName.get(e.data.name.toLowerCase()) ?? (e.data.domain ? found.byDomain.get(e.data.domain) : undefined);
            if (id) companyResults.set(e.id, { ok: true, remoteId: id });
            else create.push({ eventId: e.id, body: { objectWriteTraceId: e.id, properties: companyProperties(e.data), associations: [] } });
          }
          if (create.length) for (const [k, v] of await batch('/crm/v3/objects/companies/batch/create', create, ctx.signal)) companyResults.set(k, v);
        }
      }
      for (const e of companyEvents) {
        const r = companyResults.get(e.id);
        if (!r) continue;
        settle(e.id, r);
        if (r.ok) companyByName.set(e.data.name.toLowerCase(), r.remoteId);
      }
    }

    // 1. Contacts. The last event of a contact in this batch carries its current state; earlier ones share its result.
    const upserts = events.filter((e): e is Extract<SyncEvent, { type: 'contact.upserted' }> => e.type === 'contact.upserted');
    const latest = new Map(upserts.map((e) => [e.data.id, e]));
    const byId: Input[] = [];
    const byEmail: Input[] = [];
    const created: Input[] = [];
    for (const e of latest.values()) {
      const properties = contactProperties(e.data);
      const remoteId = e.remote?.id;
      if (remoteId) byId.push({ eventId: e.id, key: remoteId, body: { id: remoteId, objectWriteTraceId: e.id, properties } });
      else if (properties.email) byEmail.push({ eventId: e.id, key: properties.email, body: { idProperty: 'email', id: properties.email, objectWriteTraceId: e.id, properties } });
      else created.push({ eventId: e.id, body: { objectWriteTraceId: e.id, properties, associations: [] } });
    }
    const contactResults = new Map<string, InputResult>();
    // A company step stopped by HubSpot itself (rate limit, auth, down) stops the contacts too.
    if (byId.length && !stop) {
      const r = await batch('/crm/v3/objects/contacts/batch/update', byId, ctx.signal);
      // Deleted in HubSpot since: upsert it again by email (or create it) rather than fail forever.
      for (const input of byId) {
        const res = r.get(input.eventId);
        if (res && !res.ok && res.gone) {
          const e = latest.get(upserts.find((u) => u.id === input.eventId)!.data.id)!;
          const properties = contactProperties(e.data);
          if (properties.email) byEmail.push({ eventId: e.id, key: properties.email, body: { idProperty: 'email', id: properties.email, objectWriteTraceId: e.id, properties } });
          else created.push({ eventId: e.id, body: { objectWriteTraceId: e.id, properties, associations: [] } });
        } else if (res) contactResults.set(input.eventId, res);
      }
    }
    if (byEmail.length && !stop) for (const [k, v] of await batch('/crm/v3/objects/contacts/batch/upsert', byEmail, ctx.signal)) contactResults.set(k, v);
    if (created.length && !stop) for (const [k, v] of await batch('/crm/v3/objects/contacts/batch/create', created, ctx.signal)) contactResults.set(k, v);
    for (const e of upserts) {
      const final = latest.get(e.data.id)!;
      const r = contactResults.get(final.id);
      if (!r) continue;
      settle(e.id, r);
      if (r.ok) contactRemote.set(e.data.id, r.remoteId);
    }

    // 2. Companies: associate each synced contact with its company when HubSpot has one. An enrichment:
    //    a failed lookup never holds a contact back.
    if (!stop) await associateCompanies([...latest.values()].filter((e) => contactRemote.has(e.data.id)), contactRemote, ctx.signal, companyByName);

    // 3. Merges, in order: HubSpot folds `objectIdToMerge` into `primaryObjectId`.
    for (const e of events) {
      if (e.type !== 'contact.merged') continue;
      if (stop) break;
      const ids = [e.remote?.id ?? contactRemote.get(e.data.id), ...(e.remote?.mergedIds ?? [])].filter((x): x is string => !!x);
      const [primary, ...others] = [...new Set(ids)];
      if (!primary) {
        settle(e.id, { ok: true, remoteId: '' });
        continue;
      }
      let result: InputResult = { ok: true, remoteId: primary };
      for (const other of others) {
        const r = await call('POST', '/crm/v3/objects/contacts/merge', { primaryObjectId: primary, objectIdToMerge: other }, ctx.signal);
        if (r.ok) {
          const id = (r.answer.json as { id?: string } | undefined)?.id;
          result = { ok: true, remoteId: id ?? primary };
        } else if (r.status === 404) {
          continue; // already merged or deleted there: nothing left to fold in
        } else {
          result = { ok: false, failure: r.failure };
          break;
        }
      }
      settle(e.id, result);
      if (result.ok && result.remoteId) contactRemote.set(e.data.id, result.remoteId);
    }

    // 4. Notes and touchpoints → HubSpot notes on the contact's timeline.
    if (!stop) {
      const creates: Input[] = [];
      const updates: Input[] = [];
      for (const e of events) {
        if (e.type !== 'note.created' && e.type !== 'note.updated' && e.type !== 'touchpoint.created') continue;
        const contactId = e.remote?.contactId ?? contactRemote.get(e.data.contactId);
        const properties = e.type === 'touchpoint.created' ? noteProperties({ kind: 'touchpoint', touchpoint: e.data }) : noteProperties({ kind: 'note', note: e.data });
        // A touchpoint sent again (a call's entry gains its outcome when the call ends, a merge moves it) is the note
        // HubSpot already has: update it, never a second one.
        if ((e.type === 'note.updated' || e.type === 'touchpoint.created') && e.remote?.id) {
          updates.push({ eventId: e.id, key: e.remote.id, body: { id: e.remote.id, objectWriteTraceId: e.id, properties } });
          continue;
        }
        if (!contactId) {
          // Its contact is not in HubSpot yet (refused, or waiting): try again later, never an orphan note.
          settle(e.id, { ok: false, failure: { kind: 'retryable', error: 'waiting for its contact to reach HubSpot' } });
          continue;
        }
        creates.push({
          eventId: e.id,
          body: {
            objectWriteTraceId: e.id,
            properties,
            associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }] }],
          },
        });
      }
      // A note created and edited in one batch: the creation carries the latest text, the edit shares its result.
      const createdNote = new Map<string, Input>();
      for (const c of creates) {
        const e = events.find((x) => x.id === c.eventId)!;
        const noteId = (e.data as { id: string }).id;
        if (e.type === 'note.updated' && createdNote.has(noteId)) continue;
        createdNote.set(noteId, c);
      }
      const sendCreates = [...new Set(createdNote.values())];
      const r1 = await batch('/crm/v3/objects/notes/batch/create', sendCreates, ctx.signal);
      const r2 = stop ? new Map<string, InputResult>() : await batch('/crm/v3/objects/notes/batch/update', updates, ctx.signal);
      for (const c of creates) {
        const e = events.find((x) => x.id === c.eventId)!;
        const noteId = (e.data as { id: string }).id;
        const r = r1.get(createdNote.get(noteId)?.eventId ?? c.eventId);
        if (!r) continue;
        settle(c.eventId, r);
        if (r.ok && e.type !== 'touchpoint.created') noteRemote.set(noteId, r.remoteId);
      }
      for (const u of updates) {
        const r = r2.get(u.eventId);
        if (r) settle(u.eventId, r);
      }
    }

    // 4b. Follow-ups → HubSpot tasks on the contact. A task known to HubSpot is updated (done, snoozed, moved).
    if (!stop) {
      const creates: Input[] = [];
      const updates: Input[] = [];
      const taskEvents = events.filter((e): e is Extract<SyncEvent, { type: 'task.created' | 'task.updated' }> => e.type === 'task.created' || e.type === 'task.updated');
      // The last event of a task in this batch carries its current state; earlier ones share its result.
      const latestTask = new Map(taskEvents.map((e) => [e.data.id, e]));
      for (const e of latestTask.values()) {
        const properties = taskProperties(e.data);
        if (e.remote?.id) {
          updates.push({ eventId: e.id, key: e.remote.id, body: { id: e.remote.id, objectWriteTraceId: e.id, properties } });
          continue;
        }
        const contactId = e.remote?.contactId ?? contactRemote.get(e.data.contactId);
        if (!contactId) {
          settle(e.id, { ok: false, failure: { kind: 'retryable', error: 'waiting for its contact to reach HubSpot' } });
          continue;
        }
        creates.push({
          eventId: e.id,
          body: { objectWriteTraceId: e.id, properties, associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT }] }] },
        });
      }
      const r1 = await batch('/crm/v3/objects/tasks/batch/create', creates, ctx.signal);
      const r2 = stop ? new Map<string, InputResult>() : await batch('/crm/v3/objects/tasks/batch/update', updates, ctx.signal);
      for (const e of taskEvents) {
        const final = latestTask.get(e.data.id)!;
        const r = r1.get(final.id) ?? r2.get(final.id);
        if (r) settle(e.id, r);
      }
    }

    // 5. Deletions: archive in HubSpot what has a HubSpot id; what never reached it has nothing to delete.
    if (!stop) {
      const notes: Input[] = [];
      const contacts: Input[] = [];
      for (const e of events) {
        if (e.type !== 'note.deleted' && e.type !== 'contact.deleted') continue;
        const remoteId = e.remote?.id ?? (e.type === 'note.deleted' ? noteRemote.get(e.data.id) : contactRemote.get(e.data.id));
        if (!remoteId) settle(e.id, { ok: true, remoteId: '' });
        else (e.type === 'note.deleted' ? notes : contacts).push({ eventId: e.id, key: remoteId, body: { id: remoteId } });
      }
      for (const [path, inputs] of [
        ['/crm/v3/objects/notes/batch/archive', notes],
        ['/crm/v3/objects/contacts/batch/archive', contacts],
      ] as const) {
        if (!inputs.length || stop) continue;
        const r = await call('POST', path, { inputs: inputs.map((i) => i.body) }, ctx.signal);
        for (const i of inputs) settle(i.eventId, r.ok || r.status === 404 ? { ok: true, remoteId: i.key! } : { ok: false, failure: r.failure });
      }
    }

    // What this send did not reach waits for the stopping failure's reason (the engine retries it).
    const out: EventResult[] = events.map((e) => {
      const r = results.get(e.id);
      if (r) return r.ok && !r.remoteId ? { id: e.id, ok: true } : r;
      return { id: e.id, ok: false, failure: stop ?? { kind: 'retryable', error: 'not sent to HubSpot in this attempt' } };
    });
    const status = lastStatus !== undefined ? { status: lastStatus } : {};
    if (stop && out.every((r) => !r.ok)) return { kind: 'failed', failure: stop, ...status };
    return { kind: 'results', results: out, ...status };
  }

  /** HubSpot companies by exact name or domain (matched without regard to case), one search per 100 of each. */
  async function findCompanies(names: string[], domains: string[], signal: AbortSignal | undefined): Promise<{ ok: true; byName: Map<string, string>; byDomain: Map<string, string> } | { ok: false; failure: Failure }> {
    const byName = new Map<string, string>();
    const byDomain = new Map<string, string>();
    names = [...new Set(names)];
    domains = [...new Set(domains)];
    for (let i = 0; i < Math.max(names.length, domains.length); i += 100) {
      const n = names.slice(i, i + 100);
      const d = domains.slice(i, i + 100);
      const filterGroups = [
        ...(n.length ? [{ filters: [{ propertyName: 'name', operator: 'IN', values: n }] }] : []),
        ...(d.length ? [{ filters: [{ propertyName: 'domain', operator: 'IN', values: d }] }] : []),
      ];
      const r = await call('POST', '/crm/v3/objects/companies/search', { filterGroups, properties: ['name', 'domain'], limit: 200 }, signal);
      if (!r.ok) return { ok: false, failure: r.failure };
      for (const co of (r.answer.json as { results?: { id?: string; properties?: { name?: string | null; domain?: string | null } }[] } | undefined)?.results ?? []) {
        if (!co.id) continue;
        if (co.properties?.name && !byName.has(co.properties.name.toLowerCase())) byName.set(co.properties.name.toLowerCase(), co.id);
        if (co.properties?.domain && !byDomain.has(co.properties.domain.toLowerCase())) byDomain.set(co.properties.domain.toLowerCase(), co.id);
      }
    }
    return { ok: true, byName, byDomain };
  }

  async function associateCompanies(contacts: Extract<SyncEvent, { type: 'contact.upserted' }>[], remote: Map<string, string>, signal: AbortSignal | undefined, known: Map<string, string>): Promise<void> {
    const wanted = new Map<string, { name?: string; domain?: string; contactIds: string[] }>();
    for (const e of contacts) {
      const name = e.data.company?.trim();
      const domain = e.data.emails[0]?.split('@')[1]?.toLowerCase();
      const companyDomain = domain && !FREE_MAIL.has(domain) ? domain : undefined;
      if (!name && !companyDomain) continue;
      const key = `${name?.toLowerCase() ?? ''}|${companyDomain ?? ''}`;
      const w = wanted.get(key) ?? { ...(name ? { name } : {}), ...(companyDomain ? { domain: companyDomain } : {}), contactIds: [] };
      w.contactIds.push(remote.get(e.data.id)!);
      wanted.set(key, w);
    }
    // One search for the whole batch (HubSpot's search API allows a few requests a second): names and
    // domains with IN, matched back here without regard to case; chunked at 100 values. Companies this send
    // created or found (company.upserted) are known without a search: HubSpot's search index lags its writes.
    const names = [...new Set([...wanted.values()].flatMap((w) => (w.name && !known.has(w.name.toLowerCase()) ? [w.name] : [])))];
    const domains = [...new Set([...wanted.values()].flatMap((w) => (w.domain && !(w.name && known.has(w.name.toLowerCase())) ? [w.domain] : [])))];
    const found = names.length || domains.length ? await findCompanies(names, domains, signal) : { ok: true as const, byName: new Map<string, string>(), byDomain: new Map<string, string>() };
    if (!found.ok) return;
    const byName = new Map([...found.byName, ...known]);
    const byDomain = found.byDomain;
    const pairs: { from: { id: string }; to: { id: string } }[] = [];
    for (const w of wanted.values()) {
      const company = (w.name && byName.get(w.name.toLowerCase())) || (w.domain && byDomain.get(w.domain));
      if (company) for (const id of w.contactIds) pairs.push({ from: { id }, to: { id: company } });
    }
    if (pairs.length) await call('POST', '/crm/v4/associations/contacts/companies/batch/associate/default', { inputs: pairs }, signal);
  }

  return {
    type: 'hubspot',
    destination: hubspotDestination(opts.portalId),
    maxBatch: Math.min(opts.maxBatch ?? HUBSPOT_MAX_BATCH, HUBSPOT_MAX_BATCH),
    send,
    async testConnection(signal) {
      return hubspotTest(call, signal);
    },
  };
}

/**
 * Test connection: a cheap authenticated read of one contact (proves the token and its contacts scope),
 * then the account's details (its portal id, the destination's identity).
 */
async function hubspotTest(call: (m: HttpRequest['method'], p: string, b: unknown, s?: AbortSignal) => Promise<HttpResult>, signal?: AbortSignal): Promise<TestResult & { account?: string }> {
  const r = await call('GET', '/crm/v3/objects/contacts?limit=1', undefined, signal);
  if (!r.ok) {
    const message =
      r.status === 401
        ? 'HubSpot refused the token (401). Paste the access token of your private app again.'
        : r.status === 403
          ? 'The HubSpot token lacks a scope (403): give the private app crm.objects.contacts.read and .write, crm.objects.companies.read and .write.'
          : r.failure.error;
    return { ok: false, status: r.status, failure: { ...r.failure, error: message } };
  }
  const info = await call('GET', '/account-info/v3/details', undefined, signal);
  const portalId = info.ok ? (info.answer.json as { portalId?: number | string } | undefined)?.portalId : undefined;
  return {
    ok: true,
    status: r.answer.status,
    detail: portalId !== undefined ? `Connected to HubSpot account ${portalId}.` : 'Connected to HubSpot.',
    ...(portalId !== undefined ? { account: String(portalId) } : {}),
  };
}

/**
 * Ties a batch answer (200 or 207 multi-status) back to its inputs: by objectWriteTraceId when HubSpot
 * echoes it, else by id (updates) or email (upserts), else by position when every input has a result.
 * An error names its input in its context (ids, emails or trace ids). An input with neither a result nor
 * an error it can be tied to is retried, never assumed delivered.
 */
export function matchBatchAnswer(inputs: Input[], answer: BatchAnswer): Map<string, InputResult> {
  const out = new Map<string, InputResult>();
  const results = answer.results ?? [];
  const byKey = new Map<string, Input>();
  for (const i of inputs) {
    byKey.set(`trace:${i.eventId}`, i);
    if (i.key) byKey.set(`key:${i.key.toLowerCase()}`, i);
  }
  const unmatched: typeof results = [];
  for (const r of results) {
    const input =
      (r.objectWriteTraceId && byKey.get(`trace:${r.objectWriteTraceId}`)) ||
      (r.id && byKey.get(`key:${r.id.toLowerCase()}`)) ||
      (r.properties?.email && byKey.get(`key:${r.properties.email.toLowerCase()}`)) ||
      undefined;
    if (input && r.id) out.set(input.eventId, { ok: true, remoteId: r.id });
    else unmatched.push(r);
  }
  // Creates without a trace id in the answer: HubSpot answers in input order when all succeed.
  if (unmatched.length && unmatched.length === inputs.length && results.length === inputs.length && !answer.errors?.length) {
    inputs.forEach((i, n) => unmatched[n]?.id && out.set(i.eventId, { ok: true, remoteId: unmatched[n]!.id! }));
  }
  const loose: BatchError[] = [];
  for (const err of answer.errors ?? []) {
    const refs = Object.values(err.context ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
    const hit = refs.map((v) => byKey.get(`trace:${v}`) ?? byKey.get(`key:${v.toLowerCase()}`)).filter((x): x is Input => !!x);
    const failure = batchErrorFailure(err);
    const gone = /OBJECT_NOT_FOUND/.test(err.category ?? '') ? { gone: true } : {};
    if (hit.length) for (const i of hit) out.set(i.eventId, { ok: false, failure, ...gone });
    else loose.push(err);
  }
  const left = inputs.filter((i) => !out.has(i.eventId));
  // One error no input claims, and one input left without an answer: that error is its.
  if (loose.length === 1 && left.length === 1) {
    const err = loose[0]!;
    out.set(left[0]!.eventId, { ok: false, failure: batchErrorFailure(err), ...(/OBJECT_NOT_FOUND/.test(err.category ?? '') ? { gone: true } : {}) });
  }
  return out;
}

function batchErrorFailure(err: BatchError): Failure {
  const message = scrubError(`HubSpot refused it: ${err.message ?? err.category ?? 'error'}`);
  const category = err.category ?? '';
  if (/RATE_LIMIT/.test(category)) return { kind: 'rate-limited', error: message, retryAfterMs: 10_000 };
  return { kind: 'poison', error: message };
}
