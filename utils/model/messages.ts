import { z } from 'zod';
import { Capture, CapturedPerson, Campaign, EmailMeta, PageKind } from './capture';
import { Contact, ContactKind, Stage } from './contact';
import { Touchpoint, TouchpointType } from './touchpoint';
import { CallInfo, Note, NOTE_MAX } from './note';
import { PublicSettings, SettingsInput } from './settings';
import { ExportFormat, ImportResult } from './import';

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

export const OutboxStatus = z.object({ pending: z.number(), dead: z.number(), lastError: z.string().optional() });

export const messageSchemas = {
  ping: { request: z.object({}), response: z.object({ version: z.string() }) },

  /** capture the people on a tab (the active one unless a test build names it) */
  'capture.tab': {
    request: z.object({ tabId: z.number().int().optional() }),
    response: z.object({
      capture: Capture,
      /** for each captured person, the id of a saved contact it matches (same email or profile link) */
      matches: z.array(z.string().nullable()),
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
    }),
    response: z.object({
      contact: Contact,
      created: z.boolean(),
      /** saved contacts with the same name and company: shown as "possibly the same person", never merged silently */
      possibleDuplicates: z.array(id).optional(),
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
  'contacts.update': {
    request: z.object({
      id,
      patch: z
        .object({
          name: z.string().min(1).max(500),
          jobTitle: z.string().max(500),
          company: z.string().max(500),
          location: z.string().max(500),
          emails: z.array(z.string().max(500)).max(50),
          phones: z.array(z.string().max(500)).max(50),
          links: z.array(z.string().max(2048)).max(50),
          tags: z.array(z.string().max(64)).max(50),
          stage: Stage,
        })
        .partial(),
    }),
    response: z.object({ contact: Contact }),
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

  'settings.get': { request: z.object({}), response: z.object({ settings: PublicSettings }) },
  /** a token left out keeps the stored one (see SettingsInput) */
  'settings.save': { request: z.object({ settings: SettingsInput }), response: z.object({ settings: PublicSettings }) },

  'outbox.status': { request: z.object({}), response: OutboxStatus },
  'sync.now': { request: z.object({}), response: OutboxStatus },
  /** give entries the CRM refused ('dead') another try, then drain */
  'outbox.retry': { request: z.object({}), response: OutboxStatus },

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
      seed: z.number().int().optional(),
    }),
    response: z.object({ seeded: z.number(), ms: z.number() }),
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
