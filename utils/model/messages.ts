import { z } from 'zod';
import { Capture, CapturedPerson, Campaign, EmailMeta, PageKind } from './capture';
import { Contact, ContactKind, ContactPatch, DuplicateHint, DuplicateReason, MergePick, PatchConflict, Stage } from './contact';
import { Touchpoint, TouchpointType } from './touchpoint';
import { CallInfo, Note, NOTE_MAX } from './note';
import { PublicSettings, SettingsInput } from './settings';
import { DeliveryRecord } from './outbox';
import { ExportFormat, ImportResult } from './import';
import { TaskKind, TaskView, TASK_NOTE_MAX, TASK_TITLE_MAX } from './task';
import { Company } from './company';

/**
 * Every message between the pages (popup, side panel, options) and the background, as one registry:
 * type → request payload schema and response data schema. The background validates each request
 * with zod where it is received; the client helper types both sides from this table.
 */
const id = z.string().min(1).max(64);

export const ContactSummary = z.object({
  id,
  kind: ContactKind,
  stage: Stage,
  name: z.string(),
  jobTitle: z.string().optional(),
  company: z.string().optional(),
  email: z.string().optional(),
  updatedAt: z.string(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** A saved record as the popup shows it: the record itself and its last touch. */
export const KnownRecord = z.object({
  contact: Contact,
  lastTouch: z.object({ type: TouchpointType, at: z.string() }).optional(),
});
export type KnownRecord = z.infer<typeof KnownRecord>;

/** A person as a company view lists them: the summary, their city and their latest touch. */
export const CompanyPerson = ContactSummary.extend({
  location: z.string().optional(),
  lastTouch: z.object({ type: TouchpointType, at: z.string() }).optional(),
});
export type CompanyPerson = z.infer<typeof CompanyPerson>;

const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');
const typedList = z.array(z.string().max(2048)).max(50);

export const OutboxStatus = z.object({ pending: z.number(), dead: z.number(), lastError: z.string().optional() });

/** The destination's delivery state as the pages show it (banners: Reconnect, paused, full sync offer). */
export const SyncStatus = OutboxStatus.extend({
  destination: z.enum(['none', 'webhook', 'hubspot', 'pipedrive']),
  identity: z.string().optional(),
  paused: z.object({ reason: z.enum(['auth', 'circuit']), error: z.string(), since: z.number() }).optional(),
  failures: z.number().optional(),
  retryAt: z.number().optional(),
  fullSyncOffer: z.boolean().optional(),
  /** distinct contacts with changes waiting (pages say "2 people waiting", not "6 changes") */
  pendingPeople: z.number().optional(),
  /** contacts the CRM refused a change of, with its reason: the side panel marks them */
  refused: z.array(z.object({ contactId: z.string(), error: z.string(), name: z.string().optional() })).optional(),
  capped: z.boolean().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The delivery log without what Redeliver needs internally. */
export const DeliveryView = DeliveryRecord.omit({ refs: true });
export type DeliveryView = z.infer<typeof DeliveryView>;

export const messageSchemas = {
  ping: { request: z.object({}), response: z.object({ version: z.string() }) },

  /** capture the people on a tab (the active one unless a test build names it) */
  'capture.tab': {
    request: z.object({
      tabId: z.number().int().optional(),
      /** refine only the start of a very large page (utils/capture/partial.ts) for a first answer within a second */
      quick: z.boolean().optional(),
    }),
    response: z.object({
      capture: Capture,
      /** the answer covers only the start of the page (a quick request on a very large page): ask again without quick */
      partial: z.boolean().optional(),
      /** for each captured person, the id of a saved contact it matches (same email or profile link) */
      matches: z.array(z.string().nullable()),
      /** for each captured person, the saved record it matches with its last touch: the card shows the record */
      known: z.array(KnownRecord.nullable()).optional(),
      /** for each captured person, saved records that are possibly the same person (never merged silently) */
      duplicates: z.array(z.array(DuplicateHint)).optional(),
    }),
  },

  /** save one captured person: dedupes into an existing contact, records the touchpoint */
  'contacts.save': {
    request: z.object({
      person: CapturedPerson,
      kind: ContactKind,
      stage: Stage.optional(),
      tags: z.array(z.string().max(64)).max(50).optional(),
      note: z.string().max(NOTE_MAX).optional(),
      page: z.object({
        url: z.string().max(8192),
        site: z.string().max(64),
        pageKind: PageKind.optional(),
        campaign: Campaign.optional(),
        email: EmailMeta.optional(),
      }),
      touchpointType: TouchpointType.optional(),
      /** save into this record (the card's known record, or the one the user said is the same person) */
      contactId: id.optional(),
      /** the note's id, minted when its draft started: saving it twice is one note */
      noteId: id.optional(),
      /**
       * For a known record, what the user changed on this card. Kind, stage and tags of a saved record change only
       * through these; `kind`, `stage` and `tags` above are for a new record.
       */
      edits: z
        .object({
          /** lead → prospect, said on the card */
          promote: z.boolean().optional(),
          stage: Stage.optional(),
          addTags: z.array(z.string().max(64)).max(50).optional(),
          removeTags: z.array(z.string().max(64)).max(50).optional(),
        })
        .optional(),
    }),
    response: z.object({
      contact: Contact,
      created: z.boolean(),
      /** saved contacts possibly the same person: ids (kept for older callers) */
      possibleDuplicates: z.array(id).optional(),
      /** the same, with names and reasons: shown as "possibly the same as …", never merged silently */
      duplicates: z.array(DuplicateHint).optional(),
      /** what this save recorded on the timeline */
      touchpointType: TouchpointType.optional(),
    }),
  },
  'contacts.get': {
    request: z.object({ id }),
    response: z.object({ contact: Contact, touchpoints: z.array(Touchpoint), notes: z.array(Note) }),
  },
  'contacts.search': {
    request: z.object({
      query: z.string().max(200),
      kind: ContactKind.optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    response: z.object({
      items: z.array(ContactSummary),
      total: z.number(),
      /** matches per kind (ignoring the kind filter) when known exactly; saves the UI two extra searches */
      counts: z.object({ lead: z.number(), prospect: z.number() }).optional(),
      /** true when there may be more matches than `total` (a very common prefix is not counted, to stay fast) */
      more: z.boolean().optional(),
    }),
  },
  /** apply the fields the user changed (a patch) to the current record; a scalar changed meanwhile is reported, not overwritten */
  'contacts.update': {
    request: z.object({ id, patch: ContactPatch, /** updatedAt of the record the page saw */ version: z.string().max(40).optional() }),
    response: z.object({ contact: Contact, conflicts: z.array(PatchConflict) }),
  },
  /** pairs of saved records that are possibly one person (for one contact, or all) */
  'contacts.duplicates': {
    request: z.object({ id: id.optional(), limit: z.number().int().min(1).max(500).default(100) }),
    response: z.object({ pairs: z.array(z.object({ a: Contact, b: Contact, reasons: z.array(DuplicateReason) })) }),
  },
  /** "these two are not the same person": the pair is no longer offered */
  'contacts.notDuplicate': { request: z.object({ a: id, b: id }), response: z.object({ dismissed: z.boolean() }) },
  /** fold `mergedId` into `survivorId`: every touchpoint, note and history entry kept; undoable */
  'contacts.merge': {
    request: z.object({ survivorId: id, mergedId: id, pick: MergePick.optional() }),
    response: z.object({ contact: Contact, undoId: id }),
  },
  'contacts.unmerge': {
    request: z.object({ undoId: id }),
    response: z.object({ contact: Contact, restored: Contact }),
  },
  /** add a contact by hand (side panel form); values are checked by utils/domain/typed.ts, a possible duplicate is reported */
  'contacts.create': {
    request: z.object({
      /** minted when the form opened: sending it twice is one contact */
      id: id.optional(),
      kind: ContactKind,
      stage: Stage.optional(),
      name: z.string().max(10_000),
      jobTitle: z.string().max(10_000).optional(),
      company: z.string().max(10_000).optional(),
      location: z.string().max(10_000).optional(),
      emails: typedList,
      phones: typedList,
      links: typedList,
      tags: z.array(z.string().max(64)).max(50),
    }),
    response: z.object({ contact: Contact, created: z.boolean(), duplicates: z.array(DuplicateHint) }),
  },

  /** schedule a follow-up on a contact (id minted by the page: sending it twice is one follow-up) */
  'tasks.create': {
    request: z.object({
      id: id.optional(),
      contactId: id,
      kind: TaskKind.optional(),
      title: z.string().trim().min(1).max(TASK_TITLE_MAX),
      note: z.string().max(TASK_NOTE_MAX).optional(),
      due: isoTime,
    }),
    response: z.object({ task: TaskView }),
  },
  /** done, reopened, snoozed or rescheduled */
  'tasks.update': {
    request: z.object({
      id,
      done: z.boolean().optional(),
      /** snooze by a preset, on the background's clock (utils/domain/followup.ts snoozeUntil) */
      snooze: z.enum(['1-hour', 'tomorrow']).optional(),
      snoozedUntil: isoTime.optional(),
      due: isoTime.optional(),
      title: z.string().trim().min(1).max(TASK_TITLE_MAX).optional(),
      note: z.string().max(TASK_NOTE_MAX).optional(),
    }),
    response: z.object({ task: TaskView }),
  },
  /** a contact's follow-ups: open ones by due time, then done ones */
  'tasks.ofContact': { request: z.object({ contactId: id }), response: z.object({ items: z.array(TaskView) }) },
  /** the Due list: open follow-ups due by the end of today, and how many are due now */
  'tasks.due': {
    request: z.object({}),
    response: z.object({ items: z.array(TaskView), dueNow: z.number(), next: z.string().optional() }),
  },

  /** a company with its people (by the company's id, or the company of a contact) */
  'companies.get': {
    request: z.union([z.object({ id }), z.object({ contactId: id })]),
    response: z.object({ company: Company.omit({ sync: true }), people: z.array(CompanyPerson) }),
  },

  /** rename a company and its people's company name (refused when another company has that name) */
  'companies.rename': {
    request: z.object({ id, name: z.string().trim().min(1).max(10_000) }),
    response: z.object({ company: Company.omit({ sync: true }) }),
  },

  /** lead → prospect, keeping every touchpoint and note */
  'contacts.promote': { request: z.object({ id }), response: z.object({ contact: Contact }) },
  'contacts.delete': { request: z.object({ id }), response: z.object({ deleted: z.boolean() }) },

  'touchpoints.add': {
    request: Touchpoint.omit({ id: true }).partial({ at: true }),
    response: z.object({ touchpoint: Touchpoint }),
  },
  /** create or update a note; called as the user types, so it must be cheap and idempotent */
  'notes.save': {
    request: z.object({ id: id.optional(), contactId: id, body: z.string().max(NOTE_MAX), call: CallInfo.optional() }),
    response: z.object({ note: Note }),
  },
  'notes.delete': { request: z.object({ id }), response: z.object({ deleted: z.boolean() }) },
  /** End call on a call whose notes were cleared and with no outcome: its note and call entry go (never a call with words or an outcome) */
  'notes.discardCall': { request: z.object({ id }), response: z.object({ discarded: z.boolean() }) },

  'settings.get': { request: z.object({}), response: z.object({ settings: PublicSettings }) },
  /** a token left out keeps the stored one (see SettingsInput) */
  'settings.save': { request: z.object({ settings: SettingsInput }), response: z.object({ settings: PublicSettings }) },

  'outbox.status': { request: z.object({}), response: OutboxStatus },
  'sync.now': { request: z.object({}), response: OutboxStatus },
  /** give entries the CRM refused ('dead') another try, then drain; with contactId, only that contact's */
  'outbox.retry': { request: z.object({ contactId: id.optional() }), response: OutboxStatus },
  /** outbox counts plus the destination's state: paused (Reconnect), backing off, full sync offered */
  'sync.status': { request: z.object({}), response: SyncStatus },
  /** "Test connection": a signed ping; success resumes a paused destination */
  'sync.test': {
    request: z.object({}),
    response: z.object({ ok: z.boolean(), detail: z.string().optional(), error: z.string().optional(), kind: z.string().optional(), status: z.number().optional() }),
  },
  /** answer the full-sync offer of a new destination */
  'sync.fullSync': { request: z.object({ accept: z.boolean() }), response: z.object({ queued: z.number() }) },
  /** the last 50 requests to the destination, newest first */
  'deliveries.list': { request: z.object({}), response: z.object({ items: z.array(DeliveryView) }) },
  /** queue the entities of one logged delivery again, as new events with their current state */
  'deliveries.redeliver': { request: z.object({ id: z.string().min(1).max(64) }), response: z.object({ queued: z.number() }) },

  'data.export': {
    /** csv-hubspot / csv-salesforce: the header of that CRM's import template (utils/export/csv.ts) */
    request: z.object({ format: ExportFormat }),
    response: z.object({ filename: z.string(), mime: z.string(), content: z.string() }),
  },
  /** any file utils/import reads (our JSON, vCard, HubSpot/Salesforce/LinkedIn/Google CSV); applied whole or not at all */
  'data.import': {
    request: z.object({ text: z.string().max(200_000_000), fileName: z.string().max(255).optional() }),
    response: ImportResult,
  },
  'data.erase': { request: z.object({ confirm: z.literal('erase') }), response: z.object({ erased: z.boolean() }) },

  /**
   * Benchmarks and e2e only: seed synthetic contacts through the store's own code (utils/store/seed.ts).
   * Handled only by the TOUCHPOINT_E2E build; the production background answers 'bad-request'.
   */
  'debug.seed': {
    request: z.object({
      contacts: z.number().int().min(0).max(1_000_000),
      /** also queue one outbox upsert per contact (sync benchmark) */
      queue: z.boolean().optional(),
      /** also give each contact a note of this many characters (queued too when `queue`) */
      noteChars: z.number().int().min(1).max(50_000).optional(),
      seed: z.number().int().optional(),
    }),
    response: z.object({ seeded: z.number(), ms: z.number() }),
  },
  /**
   * e2e only: move the sync engine's clock forward (backoff, Retry-After, leases are on it) and shorten the
   * request timeout, so fault tests take seconds. Handled only by the TOUCHPOINT_E2E build.
   */
  'debug.sync': {
    request: z.object({
      advanceMs: z.number().int().min(0).max(30 * 86_400_000).optional(),
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      /** point the HubSpot and Pipedrive connectors at a local emulator (http://127.0.0.1:port) */
      crmBaseUrl: z.url().max(200).optional(),
    }),
    response: z.object({ clockOffsetMs: z.number() }),
  },
  /**
   * e2e only: move the follow-ups' clock forward (when one is due, the alarm, the badge) and run the due check, so a
   * test sees a follow-up fall due and its notification. Handled only by the TOUCHPOINT_E2E build.
   */
  'debug.followUps': {
    request: z.object({ advanceMs: z.number().int().min(0).max(366 * 86_400_000) }),
    response: z.object({ clockOffsetMs: z.number() }),
  },
} as const;

export type MessageType = keyof typeof messageSchemas;
export type RequestOf<T extends MessageType> = z.input<(typeof messageSchemas)[T]['request']>;
export type ParsedRequestOf<T extends MessageType> = z.output<(typeof messageSchemas)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof messageSchemas)[T]['response']>;

/** The envelope on the wire. */
export const Envelope = z.object({
  type: z.string().max(64),
  payload: z.unknown(),
});

export const ErrorCode = z.enum([
  'bad-request', // unknown type or payload that fails validation
  'forbidden', // sender is not this extension's own page
  'not-found',
  'storage', // IndexedDB failed (quota, blocked upgrade …)
  'capture', // page could not be captured (not permitted, not a web page)
  'network',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
