import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { pipedriveContract } from './crm-contract';
import { CrmEmulator, type Answer, type Route } from './crm-emulator';

/**
 * A local Pipedrive for the endpoints Touchpoint uses, on 127.0.0.1: the x-api-token header (or
 * api_token query) checked (401 "unauthorized access"), x-ratelimit-* headers on every answer, v2 persons
 * and organisations (search with exact_match, create, PATCH, delete), v1 leads, notes, merge and
 * users/me. v2 validates strictly, as Pipedrive's does: a person without a name is refused (400), a
 * person_id that does not exist is refused (400), and every body is checked against the official
 * client's models (crm-contract.ts), a violation answered 400 and recorded.
 */

export interface PdPerson {
  id: number;
  name: string;
  emails: { value: string; primary?: boolean; label?: string }[];
  phones: { value: string; primary?: boolean; label?: string }[];
  org_id?: number;
  deleted: boolean;
  mergedInto?: number;
}

export interface PdNote {
  id: number;
  content: string;
  person_id?: number;
  deleted: boolean;
}

export interface PdActivity {
  id: number;
  subject?: string;
  type?: string;
  due_date?: string;
  due_time?: string;
  done?: boolean;
  note?: string;
  person_id?: number;
}

export interface PdLead {
  id: string;
  title: string;
  person_id?: number;
  organization_id?: number;
}

/** A person body as sent (already checked against the client's model by the contract check). */
interface PersonBody {
  name?: string;
  emails?: PdPerson['emails'];
  phones?: PdPerson['phones'];
  org_id?: number;
}

export class PipedriveEmulator extends CrmEmulator {
  readonly persons = new Map<number, PdPerson>();
  readonly orgs = new Map<number, { id: number; name: string }>();
  readonly notes = new Map<number, PdNote>();
  readonly leads: PdLead[] = [];
  readonly activities = new Map<number, PdActivity>();
  private nextId = 1;

  constructor(
    token = 'pd-emulator-token-0123456789',
    public companyDomain = 'acme',
  ) {
    super(token);
  }

  personByEmail(email: string): PdPerson | undefined {
    return [...this.persons.values()].find((p) => !p.deleted && p.emails.some((e) => e.value.toLowerCase() === email.toLowerCase()));
  }

  notesOf(personId: number): PdNote[] {
    return [...this.notes.values()].filter((n) => !n.deleted && n.person_id === personId);
  }

  /** Answer the next request with Pipedrive's 429. */
  rateLimitNext(resetSeconds = 2): void {
    this.fault({
      status: 429,
      headers: { 'x-ratelimit-limit': '80', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) },
      body: { success: false, error: 'Request over limit', errorCode: 429 },
    });
  }

  protected authorised(headers: http.IncomingHttpHeaders, query: URLSearchParams): boolean {
    return headers['x-api-token'] === this.token || query.get('api_token') === this.token;
  }

  protected unauthorised(): Answer {
    return { status: 401, body: { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' } };
  }

  protected rateHeaders(): Record<string, string> {
    return { 'x-ratelimit-limit': '80', 'x-ratelimit-remaining': '79', 'x-ratelimit-reset': '2', 'x-daily-requests-left': '9000' };
  }

  private ok(data: unknown, status = 200): Answer {
    return { status, body: { success: true, data } };
  }

  private refuse(status: number, error: string): Answer {
    return { status, body: { success: false, error, errorCode: status } };
  }

  private wirePerson(p: PdPerson): Record<string, unknown> {
    return { id: p.id, name: p.name, emails: p.emails, phones: p.phones, org_id: p.org_id ?? null };
  }

  protected routes(): [string, RegExp, Route][] {
    const contract = (version: 'v1' | 'v2', model: string, body: unknown) => {
      const errors = pipedriveContract(version, model, body);
      if (!errors.length) return undefined;
      this.violations.push(...errors);
      return this.refuse(400, `Validation failed: ${errors.join('; ')}`);
    };
    const savePerson = (p: PdPerson, b: PersonBody) => {
      if (b.name !== undefined) p.name = b.name;
      if (b.emails) p.emails = b.emails;
      if (b.phones) p.phones = b.phones;
      if (b.org_id !== undefined) p.org_id = b.org_id;
    };
    return [
      ['GET', /^\/api\/v1\/users\/me$/, () => this.ok({ id: 7, name: 'Emulated User', email: 'user@acme.example', company_id: 99, company_name: 'Acme Emulated', company_domain: this.companyDomain })],

      [
        'GET',
        /^\/api\/v2\/persons\/search$/,
        ({ query }) => {
          const term = query.get('term') ?? '';
          if (term.length < 1) return this.refuse(400, 'term is required');
          const exact = query.get('exact_match') === 'true';
          const fields = (query.get('fields') ?? 'email,name').split(',');
          const items = [...this.persons.values()]
            .filter((p) => !p.deleted)
            .filter((p) => {
              const hay = [...(fields.includes('email') ? p.emails.map((e) => e.value) : []), ...(fields.includes('name') ? [p.name] : [])].map((s) => s.toLowerCase());
              return exact ? hay.includes(term.toLowerCase()) : hay.some((h) => h.includes(term.toLowerCase()));
            })
            .map((p) => ({ result_score: 1, item: { id: p.id, type: 'person', name: p.name, emails: p.emails.map((e) => e.value), phones: p.phones.map((x) => x.value) } }));
          return this.ok({ items });
        },
      ],
      [
        'POST',
        /^\/api\/v2\/persons$/,
        ({ body }) => {
          const bad = contract('v2', 'AddPersonRequest', body);
          if (bad) return bad;
          const b = body as PersonBody;
          if (!b.name) return this.refuse(400, 'Validation failed: name: Required');
          if (b.org_id !== undefined && !this.orgs.has(b.org_id)) return this.refuse(400, `Organization with id ${b.org_id} not found`);
          const p: PdPerson = { id: this.nextId++, name: '', emails: [], phones: [], deleted: false };
          savePerson(p, b);
          this.persons.set(p.id, p);
          return this.ok(this.wirePerson(p));
        },
      ],
      [
        'PATCH',
        /^\/api\/v2\/persons\/(\d+)$/,
        ({ body, params }) => {
          const bad = contract('v2', 'UpdatePersonRequest', body);
          if (bad) return bad;
          const p = this.persons.get(Number(params[0]));
          if (!p || p.deleted) return this.refuse(404, 'Person not found');
          savePerson(p, body as PersonBody);
          return this.ok(this.wirePerson(p));
        },
      ],
      [
        'DELETE',
        /^\/api\/v2\/persons\/(\d+)$/,
        ({ params }) => {
          const p = this.persons.get(Number(params[0]));
          if (!p || p.deleted) return this.refuse(404, 'Person not found');
          p.deleted = true;
          return this.ok({ id: p.id });
        },
      ],
      [
        'PUT',
        /^\/api\/v1\/persons\/(\d+)\/merge$/,
        ({ body, params }) => {
          const bad = contract('v1', 'MergePersonsRequest', body);
          if (bad) return bad;
          const from = this.persons.get(Number(params[0]));
          const into = this.persons.get((body as { merge_with_id: number }).merge_with_id);
          if (!from || !into || from.deleted || into.deleted) return this.refuse(404, 'Person not found');
          if (from.id === into.id) return this.refuse(400, 'Cannot merge a person with itself');
          for (const e of from.emails) if (!into.emails.some((x) => x.value === e.value)) into.emails.push({ ...e, primary: false });
          from.deleted = true;
          from.mergedInto = into.id;
          for (const n of this.notes.values()) if (n.person_id === from.id) n.person_id = into.id;
          for (const l of this.leads) if (l.person_id === from.id) l.person_id = into.id;
          return this.ok({ id: into.id, merge_what_id: from.id });
        },
      ],

      [
        'GET',
        /^\/api\/v2\/organizations\/search$/,
        ({ query }) => {
          const term = (query.get('term') ?? '').toLowerCase();
          const items = [...this.orgs.values()].filter((o) => o.name.toLowerCase() === term).map((o) => ({ result_score: 1, item: { id: o.id, type: 'organization', name: o.name } }));
          return this.ok({ items });
        },
      ],
      [
        'POST',
        /^\/api\/v2\/organizations$/,
        ({ body }) => {
          const bad = contract('v2', 'AddOrganizationRequest', body);
          if (bad) return bad;
          const o = { id: this.nextId++, name: (body as { name: string }).name };
          this.orgs.set(o.id, o);
          return this.ok(o);
        },
      ],
      [
        'PATCH',
        /^\/api\/v2\/organizations\/(\d+)$/,
        ({ body, params }) => {
          const bad = contract('v2', 'UpdateOrganizationRequest', body);
          if (bad) return bad;
          const o = this.orgs.get(Number(params[0]));
          if (!o) return this.refuse(404, 'Organization not found');
          const name = (body as { name?: string }).name;
          if (name !== undefined) o.name = name;
          return this.ok(o);
        },
      ],

      [
        'GET',
        /^\/api\/v1\/leads$/,
        ({ query }) => {
          const person = Number(query.get('person_id'));
          return this.ok(this.leads.filter((l) => !query.has('person_id') || l.person_id === person));
        },
      ],
      [
        'POST',
        /^\/api\/v1\/leads$/,
        ({ body }) => {
          const bad = contract('v1', 'AddLeadRequest', body);
          if (bad) return bad;
          const b = body as PdLead;
          if (b.person_id !== undefined && !this.persons.get(b.person_id)) return this.refuse(400, `Person with id ${b.person_id} not found`);
          const lead: PdLead = { id: randomUUID(), title: b.title, ...(b.person_id !== undefined ? { person_id: b.person_id } : {}), ...(b.organization_id !== undefined ? { organization_id: b.organization_id } : {}) };
          this.leads.push(lead);
          return this.ok(lead, 201);
        },
      ],

      [
        'POST',
        /^\/api\/v2\/activities$/,
        ({ body }) => {
          const bad = contract('v2', 'AddActivityRequest', body);
          if (bad) return bad;
          const b = body as Omit<PdActivity, 'id'>;
          if (!b.subject) return this.refuse(400, 'subject is required');
          if (b.person_id !== undefined && !this.persons.get(b.person_id)) return this.refuse(400, `Person with id ${b.person_id} not found`);
          if (b.due_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(b.due_date)) return this.refuse(400, 'due_date must be YYYY-MM-DD');
          if (b.due_time !== undefined && !/^\d{2}:\d{2}$/.test(b.due_time)) return this.refuse(400, 'due_time must be HH:MM');
          const a: PdActivity = { id: this.nextId++, subject: b.subject, type: b.type, due_date: b.due_date, due_time: b.due_time, done: b.done ?? false, note: b.note, person_id: b.person_id };
          this.activities.set(a.id, a);
          return this.ok(a);
        },
      ],
      [
        'PATCH',
        /^\/api\/v2\/activities\/(\d+)$/,
        ({ body, params }) => {
          const bad = contract('v2', 'AddActivityRequest', body);
          if (bad) return bad;
          const a = this.activities.get(Number(params[0]));
          if (!a) return this.refuse(404, 'Activity not found');
          Object.assign(a, body as Partial<PdActivity>);
          return this.ok(a);
        },
      ],

      [
        'POST',
        /^\/api\/v1\/notes$/,
        ({ body }) => {
          const bad = contract('v1', 'AddNoteRequest', body);
          if (bad) return bad;
          const b = body as { content: string; person_id?: number };
          if (!b.content) return this.refuse(400, 'Note content is required');
          if (b.person_id !== undefined && !this.persons.get(b.person_id)) return this.refuse(400, `Person with id ${b.person_id} not found`);
          const n: PdNote = { id: this.nextId++, content: b.content, ...(b.person_id !== undefined ? { person_id: b.person_id } : {}), deleted: false };
          this.notes.set(n.id, n);
          return this.ok(n);
        },
      ],
      [
        'PUT',
        /^\/api\/v1\/notes\/(\d+)$/,
        ({ body, params }) => {
          const bad = contract('v1', 'NoteRequest', body);
          if (bad) return bad;
          const n = this.notes.get(Number(params[0]));
          if (!n || n.deleted) return this.refuse(404, 'Note not found');
          n.content = (body as { content: string }).content;
          return this.ok(n);
        },
      ],
      [
        'DELETE',
        /^\/api\/v1\/notes\/(\d+)$/,
        ({ params }) => {
          const n = this.notes.get(Number(params[0]));
          if (!n || n.deleted) return this.refuse(404, 'Note not found');
          n.deleted = true;
          return this.ok(true);
        },
      ],
    ];
  }
}
