import { z } from 'zod';
import { Campaign } from './capture';
import { Contact, ContactKind, FieldHistoryEntry, FieldProvenance, Stage } from './contact';
import { Note } from './note';
import { Touchpoint } from './touchpoint';
import { Task } from './task';
import { Company } from './company';

/**
 * What a destination receives: versioned event types with a public payload. This is the one home of
 * the wire contract: the webhook builds its body from these schemas, docs/schemas/*.json are generated
 * from them (scripts/gen-event-schemas.ts), and a test checks the checked-in files match.
 *
 * Public means: no internal bookkeeping (sync state, search keys) ever, and no provenance or field
 * history unless the user opts in (`includeProvenance` on the webhook destination).
 */

export const EVENT_VERSION = 1;

export const EventType = z.enum([
  'contact.upserted',
  'contact.merged',
  'contact.deleted',
  'touchpoint.created',
  'note.created',
  'note.updated',
  'note.deleted',
  'task.created',
  'task.updated',
  'company.upserted',
]);
export type EventType = z.infer<typeof EventType>;

const id = z.string().min(1).max(64);
const iso = z.string().max(40);
const text = z.string().max(10_000);

/** A contact as a destination sees it. */
export const PublicContact = z.object({
  id,
  kind: ContactKind,
  stage: Stage,
  name: text,
  firstName: text.optional(),
  lastName: text.optional(),
  jobTitle: text.optional(),
  company: text.optional(),
  emails: z.array(text),
  phones: z.array(text),
  location: text.optional(),
  links: z.array(z.string().max(2048)),
  tags: z.array(z.string().max(64)),
  /** the page it was first captured from */
  source: z.object({ url: z.string().max(8192), site: z.string().max(64), capturedAt: iso }),
  campaign: Campaign.optional(),
  createdAt: iso,
  updatedAt: iso,
  promotedAt: iso.optional(),
  /** only when the user opted in to provenance */
  provenance: z.record(z.string(), FieldProvenance).optional(),
  /** only when the user opted in to provenance */
  history: z.array(FieldHistoryEntry).optional(),
});
export type PublicContact = z.infer<typeof PublicContact>;

export const PublicTouchpoint = Touchpoint.pick({
  id: true,
  contactId: true,
  type: true,
  at: true,
  url: true,
  campaign: true,
  emailSubject: true,
  summary: true,
});
export type PublicTouchpoint = z.infer<typeof PublicTouchpoint>;

export const PublicNote = Note.pick({ id: true, contactId: true, body: true, createdAt: true, updatedAt: true, call: true });
export type PublicNote = z.infer<typeof PublicNote>;

/** A follow-up as a destination sees it. `status: "done"` with `doneAt` is its completion. */
export const PublicTask = Task.pick({
  id: true,
  contactId: true,
  kind: true,
  title: true,
  note: true,
  due: true,
  status: true,
  snoozedUntil: true,
  doneAt: true,
  createdAt: true,
  updatedAt: true,
});
export type PublicTask = z.infer<typeof PublicTask>;

/** A company as a destination sees it (its people name it in their `company` field, and it precedes them). */
export const PublicCompany = Company.pick({ id: true, name: true, domain: true, createdAt: true, updatedAt: true });
export type PublicCompany = z.infer<typeof PublicCompany>;

/** Remote ids this destination gave before (from earlier acknowledgements), so it can match without a lookup. */
export const RemoteRefs = z.object({
  /** the entity's own remote id */
  id: z.string().max(256).optional(),
  /** the contact's remote id (touchpoint and note events) */
  contactId: z.string().max(256).optional(),
});

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    /** the event id: apply each id at most once */
    id,
    type: z.literal(type),
    version: z.literal(EVENT_VERSION),
    /** when the change happened on the user's device (ISO 8601) */
    timestamp: iso,
    data,
    remote: RemoteRefs.optional(),
  });

export const ContactUpserted = envelope('contact.upserted', PublicContact);
export const ContactMerged = envelope(
  'contact.merged',
  z.object({
    /** the contact that remains */
    id,
    /** contacts folded into it (they will not be sent again) */
    mergedIds: z.array(id).min(1),
    /** their remote ids at this destination, when known */
    mergedRemoteIds: z.array(z.string().max(256)).optional(),
  }),
);
export const ContactDeleted = envelope('contact.deleted', z.object({ id }));
export const TouchpointCreated = envelope('touchpoint.created', PublicTouchpoint);
export const NoteCreated = envelope('note.created', PublicNote);
export const NoteUpdated = envelope('note.updated', PublicNote);
export const NoteDeleted = envelope('note.deleted', z.object({ id }));
/** a follow-up was scheduled */
export const TaskCreated = envelope('task.created', PublicTask);
/** a follow-up changed: snoozed, rescheduled, or done (`status: "done"`, `doneAt`); apply by `data.id` */
export const TaskUpdated = envelope('task.updated', PublicTask);
export const CompanyUpserted = envelope('company.upserted', PublicCompany);

export const WebhookEvent = z.discriminatedUnion('type', [
  ContactUpserted,
  ContactMerged,
  ContactDeleted,
  TouchpointCreated,
  NoteCreated,
  NoteUpdated,
  NoteDeleted,
  TaskCreated,
  TaskUpdated,
  CompanyUpserted,
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The signed request body: a batch of events, oldest first; a contact's event precedes its touchpoints and notes. */
export const WebhookBody = z.object({ events: z.array(WebhookEvent) });
export type WebhookBody = z.infer<typeof WebhookBody>;

/** "Test connection" sends this alone: it changes nothing, and asks for the same acknowledgement. */
export const PingEvent = z.object({
  id,
  type: z.literal('ping'),
  version: z.literal(EVENT_VERSION),
  timestamp: iso,
  data: z.object({ message: z.string().max(200) }),
});
export const PingBody = z.object({ events: z.tuple([PingEvent]) });

/** What the receiver answers with a 2xx: anything else is not an acknowledgement and is retried. */
export const WebhookAck = z.union([
  z.object({
    results: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['ok', 'rejected', 'retry']),
        remoteId: z.union([z.string().max(256), z.number()]).optional(),
        error: z.string().max(2000).optional(),
      }),
    ),
  }),
  z.object({ ok: z.literal(true) }),
]);
export type WebhookAck = z.infer<typeof WebhookAck>;

/** Every schema published in docs/schemas, by file name. */
export const PUBLISHED_SCHEMAS = {
  'webhook-body.v1': WebhookBody,
  'webhook-ack.v1': WebhookAck,
  'ping.v1': PingBody,
  'contact.upserted.v1': ContactUpserted,
  'contact.merged.v1': ContactMerged,
  'contact.deleted.v1': ContactDeleted,
  'touchpoint.created.v1': TouchpointCreated,
  'note.created.v1': NoteCreated,
  'note.updated.v1': NoteUpdated,
  'note.deleted.v1': NoteDeleted,
  'task.created.v1': TaskCreated,
  'task.updated.v1': TaskUpdated,
  'company.upserted.v1': CompanyUpserted,
} as const;

/**
 * The public view of a contact: the model minus internal fields; provenance and history only on opt-in.
 * Fields are picked, not deleted, so the object stays in V8's fast shape for JSON.stringify (the drain's hot path).
 */
export function publicContact(c: Contact, includeProvenance = false): PublicContact {
  const out: PublicContact = {
    id: c.id,
    kind: c.kind,
    stage: c.stage,
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    links: c.links,
    tags: c.tags,
    source: c.source,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
  if (c.firstName !== undefined) out.firstName = c.firstName;
  if (c.lastName !== undefined) out.lastName = c.lastName;
  if (c.jobTitle !== undefined) out.jobTitle = c.jobTitle;
  if (c.company !== undefined) out.company = c.company;
  if (c.location !== undefined) out.location = c.location;
  if (c.campaign !== undefined) out.campaign = c.campaign;
  if (c.promotedAt !== undefined) out.promotedAt = c.promotedAt;
  if (includeProvenance) {
    out.provenance = c.provenance;
    out.history = c.history;
  }
  return out;
}

export function publicTouchpoint(t: Touchpoint): PublicTouchpoint {
  const { id, contactId, type, at, url, campaign, emailSubject, summary } = t;
  return { id, contactId, type, at, ...(url !== undefined ? { url } : {}), ...(campaign ? { campaign } : {}), ...(emailSubject !== undefined ? { emailSubject } : {}), ...(summary !== undefined ? { summary } : {}) };
}

export function publicNote(n: Note): PublicNote {
  const { id, contactId, body, createdAt, updatedAt, call } = n;
  return { id, contactId, body, createdAt, updatedAt, ...(call ? { call } : {}) };
}

export function publicTask(t: Task): PublicTask {
  const { id, contactId, kind, title, note, due, status, snoozedUntil, doneAt, createdAt, updatedAt } = t;
  return {
    id,
    contactId,
    kind,
    title,
    due,
    status,
    createdAt,
    updatedAt,
    ...(note !== undefined ? { note } : {}),
    ...(snoozedUntil !== undefined ? { snoozedUntil } : {}),
    ...(doneAt !== undefined ? { doneAt } : {}),
  };
}

export function publicCompany(c: Company): PublicCompany {
  const { id, name, domain, createdAt, updatedAt } = c;
  return { id, name, createdAt, updatedAt, ...(domain !== undefined ? { domain } : {}) };
}
