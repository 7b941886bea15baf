import { z } from 'zod';
import { Campaign, MAX_LIST, MAX_TEXT } from './capture';

const text = z.string().max(MAX_TEXT);
const isoDate = z.string().max(40);

/** Marketing works many people through campaigns (leads); sales works one-to-one (prospects). */
export const ContactKind = z.enum(['lead', 'prospect']);
export type ContactKind = z.infer<typeof ContactKind>;

// The stage constants live in ./stages (no zod) so the pages can use them without bundling zod.
import { LEAD_STAGES, PROSPECT_STAGES, isStageOf, type Stage as StageName } from './stages';
export { LEAD_STAGES, PROSPECT_STAGES, STAGE_LABELS, stagesFor, isStageOf } from './stages';
export const LeadStage = z.enum(LEAD_STAGES);
export const ProspectStage = z.enum(PROSPECT_STAGES);
export const Stage = z.enum([...new Set([...LEAD_STAGES, ...PROSPECT_STAGES])] as [string, ...string[]]);
export type Stage = StageName;

/** Where one field's current value came from. */
export const FieldProvenance = z.object({
  /** capture layer id ("linkedin", "jsonld", "text" …), "user" for manual edits, or "import" */
  source: z.string().max(64),
  url: z.string().max(8192).optional(),
  at: isoDate,
});
export type FieldProvenance = z.infer<typeof FieldProvenance>;

/** A scalar value that was replaced: merges never drop data silently. */
export const FieldHistoryEntry = z.object({
  field: z.string().max(64),
  value: z.string().max(MAX_TEXT),
  replacedAt: isoDate,
  source: z.string().max(64).optional(),
});
export type FieldHistoryEntry = z.infer<typeof FieldHistoryEntry>;

/** Per-destination sync state ("webhook", "hubspot", "pipedrive" …). */
export const SyncState = z.object({
  remoteId: z.string().max(256).optional(),
  lastSyncedAt: isoDate.optional(),
  lastResult: z.enum(['ok', 'error', 'pending']).optional(),
  lastError: z.string().max(1000).optional(),
});
export type SyncState = z.infer<typeof SyncState>;

export const Contact = z
  .object({
    id: z.string().min(1).max(64),
    kind: ContactKind,
    stage: Stage,
    name: text.min(1),
    firstName: text.optional(),
    lastName: text.optional(),
    jobTitle: text.optional(),
    company: text.optional(),
    emails: z.array(text).max(MAX_LIST),
    phones: z.array(text).max(MAX_LIST),
    location: text.optional(),
    links: z.array(z.string().max(2048)).max(MAX_LIST),
    tags: z.array(z.string().max(64)).max(MAX_LIST),
    source: z.object({ url: z.string().max(8192), site: z.string().max(64), capturedAt: isoDate }),
    /** campaign that first brought this contact in (marketing attribution) */
    campaign: Campaign.optional(),
    provenance: z.record(z.string(), FieldProvenance),
    history: z.array(FieldHistoryEntry).max(500),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** set when a lead was promoted to a prospect */
    promotedAt: isoDate.optional(),
    sync: z.record(z.string(), SyncState),
  })
  .refine((c) => isStageOf(c.kind, c.stage), { message: 'stage does not belong to this kind', path: ['stage'] });
export type Contact = z.infer<typeof Contact>;

/** Fields a user edits one value at a time; a patch says what the page saw (`from`) so a concurrent change is seen. */
export const PATCH_SCALARS = ['name', 'jobTitle', 'company', 'location', 'stage'] as const;
export const PATCH_LISTS = ['emails', 'phones', 'links', 'tags'] as const;
const scalarChange = z.object({ from: z.string().max(MAX_TEXT), to: z.string().max(MAX_TEXT) });
const listItems = z.array(z.string().max(2048)).max(MAX_LIST);

/**
 * An edit as the fields the user changed: scalars with the value the page saw, lists by added and removed items.
 * The store applies it to the current record, so two pages editing one contact keep both changes.
 */
const lists = z.object({ emails: listItems, phones: listItems, links: listItems, tags: listItems }).partial();
export const ContactPatch = z.object({
  set: z
    .object({ name: scalarChange, jobTitle: scalarChange, company: scalarChange, location: scalarChange, stage: scalarChange })
    .partial()
    .optional(),
  add: lists.optional(),
  remove: lists.optional(),
});
export type ContactPatch = z.infer<typeof ContactPatch>;

/** A scalar someone else changed since the page read it: kept as it is, reported to the user. */
export const PatchConflict = z.object({
  field: z.string().max(64),
  /** the value the page saw */
  base: z.string().max(MAX_TEXT),
  /** what this page wanted */
  yours: z.string().max(MAX_TEXT),
  /** what the record holds now (kept) */
  theirs: z.string().max(MAX_TEXT),
});
export type PatchConflict = z.infer<typeof PatchConflict>;

/** Why two records may be one person. */
export const DuplicateReason = z.enum(['email', 'link', 'name-company', 'name-domain', 'name']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

/** A saved record that is possibly the same person: shown to the user, never merged silently. */
export const DuplicateHint = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(MAX_TEXT),
  company: z.string().max(MAX_TEXT).optional(),
  kind: ContactKind,
  reasons: z.array(DuplicateReason).max(5),
});
export type DuplicateHint = z.infer<typeof DuplicateHint>;

/** Which record's value a merge keeps, per field (default: the surviving record's, else the other's). */
export const MERGE_PICK_FIELDS = ['name', 'jobTitle', 'company', 'location', 'kind', 'stage'] as const;
const side = z.enum(['survivor', 'merged']);
export const MergePick = z.object({ name: side, jobTitle: side, company: side, location: side, kind: side, stage: side }).partial();
export type MergePick = z.infer<typeof MergePick>;
