import type http from 'node:http';
import { hubspotContract } from './crm-contract';
import { CrmEmulator, type Answer, type Route } from './crm-emulator';

/**
 * A local HubSpot for the endpoints Touchpoint uses, on 127.0.0.1. It behaves as HubSpot documents:
 * Bearer auth (401 INVALID_AUTHENTICATION), X-HubSpot-RateLimit-* headers on every answer, batch upsert
 * keyed on email with 207 multi-status partial errors (an invalid email is refused alone), batch create
 * refused as a whole when one input is invalid, batch update answering OBJECT_NOT_FOUND per id and 409
 * when an email belongs to another contact, notes with associations (type 202 must name a real contact),
 * company search, default associations, merge. Every request body is checked against the official
 * client's models (crm-contract.ts) and a violation is answered 400, and recorded.
 */

export interface HsObject {
  id: string;
  properties: Record<string, string>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** notes: the contacts they are associated with; contacts: their companies */
  associations: string[];
  /** contacts merged into another: the survivor's id */
  mergedInto?: string;
}

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];

export class HubspotEmulator extends CrmEmulator {
  readonly contacts = new Map<string, HsObject>();
  readonly notes = new Map<string, HsObject>();
  readonly companies = new Map<string, HsObject>();
  /** tasks: the contacts they are associated with in `associations` */
  readonly tasks = new Map<string, HsObject>();
  portalId = 4_711_000;
  private nextId = 1001;
  /** requests left in the current 10-second window, as HubSpot reports it */
  remaining = 190;

  constructor(token = 'pat-na1-emulator-token') {
    super(token);
  }

  /** Seed a company that contacts can be associated with. */
  addCompany(name: string, domain?: string): string {
    const id = String(this.nextId++);
    this.companies.set(id, this.object(id, { name, ...(domain ? { domain } : {}) }));
    return id;
  }

  /** The live (not archived, not merged) contact with this email. */
  contactByEmail(email: string): HsObject | undefined {
    return [...this.contacts.values()].find((c) => !c.archived && c.properties.email === email.toLowerCase());
  }

  notesOf(contactId: string): HsObject[] {
    return [...this.notes.values()].filter((n) => !n.archived && n.associations.includes(contactId));
  }

  /** Answer the next request with a 429 as HubSpot does when the 10-second window is spent. */
  rateLimitNext(retryAfterSeconds?: number): void {
    this.fault({
      status: 429,
      headers: { 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', ...(retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}) },
      body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
    });
  }

  protected authorised(headers: http.IncomingHttpHeaders): boolean {
    return headers.authorization === `Bearer ${this.token}`;
  }

  protected unauthorised(): Answer {
    return {
      status: 401,
      body: { status: 'error', message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication.', category: 'INVALID_AUTHENTICATION' },
    };
  }

  protected rateHeaders(): Record<string, string> {
    this.remaining = Math.max(0, this.remaining - 1);
    return {
      'X-HubSpot-RateLimit-Daily': '500000',
      'X-HubSpot-RateLimit-Daily-Remaining': '499000',
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': '190',
      'X-HubSpot-RateLimit-Remaining': String(Math.max(1, this.remaining)),
    };
  }

  private object(id: string, properties: Record<string, string>): HsObject {
    const now = new Date().toISOString();
    return { id, properties: { ...properties }, archived: false, createdAt: now, updatedAt: now, associations: [] };
  }

  private wire(o: HsObject, traceId?: string, isNew?: boolean): Record<string, unknown> {
    return { id: o.id, properties: o.properties, createdAt: o.createdAt, updatedAt: o.updatedAt, archived: o.archived, ...(traceId ? { objectWriteTraceId: traceId } : {}), ...(isNew !== undefined ? { new: isNew } : {}) };
  }

  /** Why HubSpot would refuse these contact properties, if it would. */
  private invalid(p: Record<string, string>): string | undefined {
    if (p.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email)) return `Property values were not valid: [{"isValid":false,"message":"Email address ${p.email} is invalid","error":"INVALID_EMAIL","name":"email"}]`;
    if (p.lifecyclestage !== undefined && !LIFECYCLE.includes(p.lifecyclestage)) return `Property values were not valid: lifecyclestage ${p.lifecyclestage} is not a valid option`;
    if (p.hs_lead_status !== undefined && !LEAD_STATUS.includes(p.hs_lead_status)) return `Property values were not valid: hs_lead_status ${p.hs_lead_status} is not a valid option`;
    return undefined;
  }

  private batchAnswer(results: Record<string, unknown>[], errors: Record<string, unknown>[], created: boolean): Answer {
    const now = new Date().toISOString();
    const status = errors.length ? 207 : created ? 201 : 200;
    return { status, body: { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt: now, completedAt: now } };
  }

  protected routes(): [string, RegExp, Route][] {
    const contract = (area: string, model: string, body: unknown) => this.violated(hubspotContract(area, model, body));
    // Inputs as sent; their shape was checked against the client's models just before.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const inputsOf = (body: unknown) => ((body as { inputs?: Record<string, unknown>[] })?.inputs ?? []) as Record<string, any>[];
    return [
      ['GET', /^\/crm\/v3\/objects\/contacts$/, () => ({ status: 200, body: { results: [...this.contacts.values()].slice(0, 1).map((c) => this.wire(c)) } })],
      ['GET', /^\/account-info\/v3\/details$/, () => ({ status: 200, body: { portalId: this.portalId, accountType: 'STANDARD', timeZone: 'Europe/Stockholm', companyCurrency: 'EUR', uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1' } })],

      [
        'POST',
        /^\/crm\/v3\/objects\/contacts\/batch\/upsert$/,
        ({ body }) => {
          const bad = contract('crm/contacts', 'BatchInputSimplePublicObjectBatchInputUpsert', body);
          if (bad) return bad;
          const inputs = inputsOf(body);
          const ids = inputs.map((i) => String(i.id).toLowerCase());
          if (new Set(ids).size !== ids.length) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Duplicate IDs found in batch input' } };
          const results: Record<string, unknown>[] = [];
          const errors: Record<string, unknown>[] = [];
          for (const input of inputs) {
            if (input.idProperty !== 'email') return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'idProperty must be a unique property' } };
            const props = { ...input.properties, email: String(input.id).toLowerCase() } as Record<string, string>;
            const problem = this.invalid(props);
            if (problem) {
              errors.push({ status: 'error', category: 'VALIDATION_ERROR', message: problem, context: { ids: [String(input.id)] } });
              continue;
            }
            let c = this.contactByEmail(props.email!);
            const isNew = !c;
            if (!c) {
              c = this.object(String(this.nextId++), props);
              this.contacts.set(c.id, c);
            } else Object.assign(c.properties, props);
            results.push(this.wire(c, input.objectWriteTraceId, isNew));
          }
          return this.batchAnswer(results, errors, false);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/contacts\/batch\/create$/,
        ({ body }) => {
          const bad = contract('crm/contacts', 'BatchInputSimplePublicObjectBatchInputForCreate', body);
          if (bad) return bad;
          const inputs = inputsOf(body);
          for (const input of inputs) {
            const problem = this.invalid(input.properties);
            if (problem) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: problem } };
            const existing = input.properties.email && this.contactByEmail(input.properties.email);
            if (existing) return { status: 409, body: { status: 'error', category: 'CONFLICT', message: `Contact already exists. Existing ID: ${existing.id}` } };
          }
          const results = inputs.map((input) => {
            const c = this.object(String(this.nextId++), input.properties);
            this.contacts.set(c.id, c);
            return this.wire(c, input.objectWriteTraceId);
          });
          return this.batchAnswer(results, [], true);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/contacts\/batch\/update$/,
        ({ body }) => {
          const bad = contract('crm/contacts', 'BatchInputSimplePublicObjectBatchInput', body);
          if (bad) return bad;
          const inputs = inputsOf(body);
          const results: Record<string, unknown>[] = [];
          const errors: Record<string, unknown>[] = [];
          for (const input of inputs) {
            const problem = this.invalid(input.properties);
            if (problem) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: problem } };
            const other = input.properties.email && this.contactByEmail(input.properties.email);
            if (other && other.id !== input.id) return { status: 409, body: { status: 'error', category: 'CONFLICT', message: `A contact with the email ${input.properties.email} already exists. Existing ID: ${other.id}` } };
          }
          for (const input of inputs) {
            const c = this.contacts.get(String(input.id));
            if (!c || c.archived) {
              errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects, they may be deleted or not exist.', context: { ids: [String(input.id)] } });
              continue;
            }
            Object.assign(c.properties, input.properties);
            results.push(this.wire(c, input.objectWriteTraceId));
          }
          return this.batchAnswer(results, errors, false);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/contacts\/batch\/archive$/,
        ({ body }) => {
          const bad = contract('crm/contacts', 'BatchInputSimplePublicObjectId', body);
          if (bad) return bad;
          for (const input of inputsOf(body)) {
            const c = this.contacts.get(String(input.id));
            if (c) c.archived = true;
          }
          return { status: 204 };
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/contacts\/merge$/,
        ({ body }) => {
          const bad = contract('crm/contacts', 'PublicMergeInput', body);
          if (bad) return bad;
          const { primaryObjectId, objectIdToMerge } = body as { primaryObjectId: string; objectIdToMerge: string };
          const primary = this.contacts.get(primaryObjectId);
          const other = this.contacts.get(objectIdToMerge);
          if (!primary || !other || primary.archived || other.archived) return { status: 404, body: { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found' } };
          if (primary.id === other.id) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Cannot merge an object with itself' } };
          for (const [k, v] of Object.entries(other.properties)) primary.properties[k] ??= v;
          other.archived = true;
          other.mergedInto = primary.id;
          for (const n of this.notes.values()) n.associations = n.associations.map((a) => (a === other.id ? primary.id : a));
          return { status: 200, body: this.wire(primary) };
        },
      ],

      [
        'POST',
        /^\/crm\/v3\/objects\/notes\/batch\/create$/,
        ({ body }) => {
          const bad = contract('crm/objects/notes', 'BatchInputSimplePublicObjectBatchInputForCreate', body);
          if (bad) return bad;
          const inputs = inputsOf(body);
          for (const input of inputs) {
            if (!input.properties.hs_timestamp) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'hs_timestamp is required' } };
            for (const a of input.associations ?? []) {
              const type = a.types?.[0];
              if (type?.associationTypeId !== 202 || type?.associationCategory !== 'HUBSPOT_DEFINED') return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'invalid association type for note → contact' } };
              const c = this.contacts.get(String(a.to.id));
              if (!c || c.archived) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: `Association target ${a.to.id} does not exist` } };
            }
          }
          const results = inputs.map((input) => {
            const n = this.object(String(this.nextId++), input.properties);
            n.associations = (input.associations ?? []).map((a: { to: { id: string } }) => String(a.to.id));
            this.notes.set(n.id, n);
            return this.wire(n, input.objectWriteTraceId);
          });
          return this.batchAnswer(results, [], true);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/notes\/batch\/update$/,
        ({ body }) => {
          const bad = contract('crm/objects/notes', 'BatchInputSimplePublicObjectBatchInput', body);
          if (bad) return bad;
          const results: Record<string, unknown>[] = [];
          const errors: Record<string, unknown>[] = [];
          for (const input of inputsOf(body)) {
            const n = this.notes.get(String(input.id));
            if (!n || n.archived) errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some NOTE objects', context: { ids: [String(input.id)] } });
            else {
              Object.assign(n.properties, input.properties);
              results.push(this.wire(n, input.objectWriteTraceId));
            }
          }
          return this.batchAnswer(results, errors, false);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/notes\/batch\/archive$/,
        ({ body }) => {
          const bad = contract('crm/objects/notes', 'BatchInputSimplePublicObjectId', body);
          if (bad) return bad;
          for (const input of inputsOf(body)) {
            const n = this.notes.get(String(input.id));
            if (n) n.archived = true;
          }
          return { status: 204 };
        },
      ],

      [
        'POST',
        /^\/crm\/v3\/objects\/tasks\/batch\/create$/,
        ({ body }) => {
          const bad = contract('crm/objects/tasks', 'BatchInputSimplePublicObjectBatchInputForCreate', body);
          if (bad) return bad;
          const inputs = inputsOf(body);
          for (const input of inputs) {
            if (!input.properties.hs_timestamp) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'hs_timestamp is required' } };
            if (input.properties.hs_task_status && !['NOT_STARTED', 'COMPLETED', 'IN_PROGRESS', 'WAITING', 'DEFERRED'].includes(input.properties.hs_task_status)) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'invalid hs_task_status' } };
            for (const a of input.associations ?? []) {
              const type = a.types?.[0];
              if (type?.associationTypeId !== 204 || type?.associationCategory !== 'HUBSPOT_DEFINED') return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'invalid association type for task → contact' } };
              const c = this.contacts.get(String(a.to.id));
              if (!c || c.archived) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: `Association target ${a.to.id} does not exist` } };
            }
          }
          const results = inputs.map((input) => {
            const t = this.object(String(this.nextId++), input.properties);
            t.associations = (input.associations ?? []).map((a: { to: { id: string } }) => String(a.to.id));
            this.tasks.set(t.id, t);
            return this.wire(t, input.objectWriteTraceId);
          });
          return this.batchAnswer(results, [], true);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/tasks\/batch\/update$/,
        ({ body }) => {
          const bad = contract('crm/objects/tasks', 'BatchInputSimplePublicObjectBatchInput', body);
          if (bad) return bad;
          const results: Record<string, unknown>[] = [];
          const errors: Record<string, unknown>[] = [];
          for (const input of inputsOf(body)) {
            const t = this.tasks.get(String(input.id));
            if (!t || t.archived) errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some TASK objects', context: { ids: [String(input.id)] } });
            else {
              Object.assign(t.properties, input.properties);
              results.push(this.wire(t, input.objectWriteTraceId));
            }
          }
          return this.batchAnswer(results, errors, false);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/companies\/batch\/create$/,
        ({ body }) => {
          const bad = contract('crm/companies', 'BatchInputSimplePublicObjectBatchInputForCreate', body);
          if (bad) return bad;
          const results = inputsOf(body).map((input) => {
            const co = this.object(String(this.nextId++), input.properties);
            this.companies.set(co.id, co);
            return this.wire(co, input.objectWriteTraceId);
          });
          return this.batchAnswer(results, [], true);
        },
      ],
      [
        'POST',
        /^\/crm\/v3\/objects\/companies\/batch\/update$/,
        ({ body }) => {
          const bad = contract('crm/companies', 'BatchInputSimplePublicObjectBatchInput', body);
          if (bad) return bad;
          const results: Record<string, unknown>[] = [];
          const errors: Record<string, unknown>[] = [];
          for (const input of inputsOf(body)) {
            const co = this.companies.get(String(input.id));
            if (!co || co.archived) errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some COMPANY objects', context: { ids: [String(input.id)] } });
            else {
              Object.assign(co.properties, input.properties);
              results.push(this.wire(co, input.objectWriteTraceId));
            }
          }
          return this.batchAnswer(results, errors, false);
        },
      ],

      [
        'POST',
        /^\/crm\/v3\/objects\/companies\/search$/,
        ({ body }) => {
          const bad = contract('crm/companies', 'PublicObjectSearchRequest', body);
          if (bad) return bad;
          const groups = (body as { filterGroups?: { filters: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[] }).filterGroups ?? [];
          if (groups.length > 5 || groups.some((g) => g.filters.some((f) => (f.values?.length ?? 0) > 100))) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'too many filter groups or values' } };
          const matches = (co: HsObject, f: { propertyName: string; operator: string; value?: string; values?: string[] }) => {
            const v = (co.properties[f.propertyName] ?? '').toLowerCase();
            if (f.operator === 'EQ') return v === (f.value ?? '').toLowerCase();
            if (f.operator === 'IN') return (f.values ?? []).some((x) => x.toLowerCase() === v);
            return false;
          };
          const found = [...this.companies.values()].filter((co) => groups.some((g) => g.filters.every((f) => matches(co, f))));
          return { status: 200, body: { total: found.length, results: found.slice(0, 10).map((co) => this.wire(co)) } };
        },
      ],
      [
        'POST',
        /^\/crm\/v4\/associations\/contacts\/companies\/batch\/associate\/default$/,
        ({ body }) => {
          const bad = contract('crm/associations/v4', 'BatchInputPublicDefaultAssociationMultiPost', body);
          if (bad) return bad;
          for (const input of inputsOf(body)) {
            const c = this.contacts.get(String(input.from.id));
            if (c && this.companies.has(String(input.to.id)) && !c.associations.includes(String(input.to.id))) c.associations.push(String(input.to.id));
          }
          return { status: 200, body: { status: 'COMPLETE', results: [] } };
        },
      ],
    ];
  }
}
