import type { CapturedPerson, Contact, ContactKind, ContactPatch, FieldHistoryEntry, MergePick, PatchConflict } from '../model';
import { MAX_LIST, isStageOf } from '../model';
import { canonicalLink, linkKey, normalizeEmail } from './identity';

/**
 * Pure merge rules for saving a captured person (no database here, so they are tested exhaustively):
 * lists are unioned, a changed scalar moves the old value to `history` and updates `provenance`.
 */

export const SCALAR_FIELDS = ['name', 'firstName', 'lastName', 'jobTitle', 'company', 'location'] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];
export const LIST_FIELDS = ['emails', 'phones', 'links', 'tags'] as const;
export type ListField = (typeof LIST_FIELDS)[number];
const MAX_HISTORY = 500;

export interface CaptureContext {
  url: string;
  site: string;
  at: string;
}

function keyOf(field: ListField, v: string): string {
  if (field === 'emails') return normalizeEmail(v);
  if (field === 'phones') return v.replace(/[^\d+]/g, '');
  if (field === 'tags') return v.trim().toLowerCase();
  return linkKey(v);
}

export function normalizeList(field: ListField, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = field === 'emails' ? normalizeEmail(raw) : field === 'links' ? canonicalLink(raw) : raw.trim();
    if (!v) continue;
    const k = keyOf(field, v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

/** Union keeping the existing order first; what does not fit the model's bound goes to history, not away. */
export function unionList(
  field: ListField,
  existing: readonly string[],
  incoming: readonly string[],
): { values: string[]; overflow: string[] } {
  const all = normalizeList(field, [...existing, ...incoming]);
  return { values: all.slice(0, MAX_LIST), overflow: all.slice(MAX_LIST) };
}

export function pushHistory(history: FieldHistoryEntry[], entries: FieldHistoryEntry[]): FieldHistoryEntry[] {
  const all = [...history, ...entries];
  return all.length > MAX_HISTORY ? all.slice(all.length - MAX_HISTORY) : all;
}

export function newContactFromPerson(
  id: string,
  person: CapturedPerson,
  kind: ContactKind,
  stage: string | undefined,
  tags: readonly string[],
  ctx: CaptureContext,
  campaign?: Contact['campaign'],
): Contact {
  const provenance: Contact['provenance'] = {};
  for (const f of [...SCALAR_FIELDS, 'emails', 'phones', 'links'] as const) {
    const v = person[f];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    provenance[f] = { source: person.sources[f] ?? ctx.site, url: ctx.url, at: ctx.at };
  }
  const c: Contact = {
    id,
    kind,
    stage: stage && isStageOf(kind, stage) ? stage : 'new',
    name: person.name,
    emails: normalizeList('emails', person.emails).slice(0, MAX_LIST),
    phones: normalizeList('phones', person.phones).slice(0, MAX_LIST),
    links: normalizeList('links', person.links).slice(0, MAX_LIST),
    tags: normalizeList('tags', tags).slice(0, MAX_LIST),
    source: { url: ctx.url, site: ctx.site, capturedAt: ctx.at },
    provenance,
    history: [],
    createdAt: ctx.at,
    updatedAt: ctx.at,
    sync: {},
  };
  for (const f of SCALAR_FIELDS) if (f !== 'name' && person[f]) c[f] = person[f];
  if (campaign) c.campaign = campaign;
  return c;
}

export interface MergeResult {
  contact: Contact;
  /** false when the capture added nothing new (no write needed beyond the touchpoint) */
  changed: boolean;
}

/**
 * Merge what a capture says about a person into the saved contact. Never drops a value: scalars that
 * change keep the old value in history; lists are unioned.
 */
export function mergePersonIntoContact(
  existing: Contact,
  person: CapturedPerson,
  tags: readonly string[],
  ctx: CaptureContext,
): MergeResult {
  const c: Contact = { ...existing, provenance: { ...existing.provenance }, history: [...existing.history] };
  const replaced: FieldHistoryEntry[] = [];
  let changed = false;

  for (const f of SCALAR_FIELDS) {
    const incoming = person[f]?.trim();
    if (!incoming) continue;
    const old = c[f];
    if (old === incoming) continue;
    if (old) replaced.push({ field: f, value: old, replacedAt: ctx.at, source: existing.provenance[f]?.source });
    c[f] = incoming;
    c.provenance[f] = { source: person.sources[f] ?? ctx.site, url: ctx.url, at: ctx.at };
    changed = true;
  }

  const lists: [ListField, readonly string[]][] = [
    ['emails', person.emails],
    ['phones', person.phones],
    ['links', person.links],
    ['tags', tags],
  ];
  for (const [f, incoming] of lists) {
    if (incoming.length === 0) continue;
    const { values, overflow } = unionList(f, c[f], incoming);
    if (values.length !== c[f].length || values.some((v, i) => v !== c[f][i]) || overflow.length) {
      if (f !== 'tags' && values.length > c[f].length) {
        c.provenance[f] = { source: person.sources[f] ?? ctx.site, url: ctx.url, at: ctx.at };
      }
      for (const v of overflow) replaced.push({ field: f, value: v, replacedAt: ctx.at, source: 'overflow' });
      c[f] = values;
      changed = true;
    }
  }

  if (replaced.length) c.history = pushHistory(c.history, replaced);
  if (changed) c.updatedAt = ctx.at;
  return { contact: c, changed };
}

export interface PatchResult {
  contact: Contact;
  conflicts: PatchConflict[];
  /** the stage before, when the patch changed it */
  stageFrom?: string;
  changed: boolean;
}

/**
 * Apply a user's edit (a patch) to the CURRENT record. A scalar is set only when the record still holds the value the
 * page saw (`from`) or already holds the new one; otherwise someone else changed it meanwhile and it is reported as a
 * conflict, never overwritten. Lists change by the items added and removed, so a tag added elsewhere survives.
 * Same no-loss rule as captures: replaced and removed values go to history; provenance "user".
 */
export function applyContactPatch(existing: Contact, patch: ContactPatch, at: string): PatchResult {
  const c: Contact = { ...existing, provenance: { ...existing.provenance }, history: [...existing.history] };
  const replaced: FieldHistoryEntry[] = [];
  const conflicts: PatchConflict[] = [];
  let changed = false;
  let stageFrom: string | undefined;
  const set = patch.set ?? {};
  for (const f of SCALAR_FIELDS) {
    const ch = (set as Record<string, { from: string; to: string } | undefined>)[f];
    if (!ch) continue;
    const to = ch.to.trim();
    const now = c[f] ?? '';
    if (now === to) continue;
    if (f === 'name' && !to) continue; // a contact always has a name
    if (now !== ch.from.trim()) {
      conflicts.push({ field: f, base: ch.from, yours: to, theirs: now });
      continue;
    }
    if (now) replaced.push({ field: f, value: now, replacedAt: at, source: existing.provenance[f]?.source });
    if (to) c[f] = to;
    else delete c[f];
    c.provenance[f] = { source: 'user', at };
    changed = true;
  }
  if (set.stage && set.stage.to !== c.stage) {
    if (c.stage !== set.stage.from) conflicts.push({ field: 'stage', base: set.stage.from, yours: set.stage.to, theirs: c.stage });
    else if (isStageOf(c.kind, set.stage.to)) {
      stageFrom = c.stage;
      c.stage = set.stage.to;
      changed = true;
    }
  }
  for (const f of LIST_FIELDS) {
    const add = patch.add?.[f] ?? [];
    const remove = patch.remove?.[f] ?? [];
    if (!add.length && !remove.length) continue;
    const removeKeys = new Set(normalizeList(f, remove).map((v) => keyOf(f, v)));
    const kept = c[f].filter((v) => !removeKeys.has(keyOf(f, v)));
    for (const v of c[f]) if (removeKeys.has(keyOf(f, v))) replaced.push({ field: f, value: v, replacedAt: at, source: existing.provenance[f]?.source });
    const { values, overflow } = unionList(f, kept, add);
    for (const v of overflow) replaced.push({ field: f, value: v, replacedAt: at, source: 'overflow' });
    if (values.length !== c[f].length || values.some((v, i) => v !== c[f][i])) {
      c[f] = values;
      if (f !== 'tags') c.provenance[f] = { source: 'user', at };
      changed = true;
    }
  }
  if (replaced.length) c.history = pushHistory(c.history, replaced);
  if (changed) c.updatedAt = at;
  return { contact: c, conflicts, changed, ...(stageFrom !== undefined ? { stageFrom } : {}) };
}

/** Apply a user's edit given as whole values (the card's own edits, imports' callers): as a patch from the current values. */
export function applyPatch(
  existing: Contact,
  patch: Partial<Pick<Contact, ScalarField | ListField | 'stage'>>,
  at: string,
): Contact {
  const p: ContactPatch = { set: {}, add: {}, remove: {} };
  for (const f of ['name', 'jobTitle', 'company', 'location', 'stage'] as const) {
    if (f in patch) p.set![f] = { from: (existing[f] as string | undefined) ?? '', to: (patch[f] as string | undefined) ?? '' };
  }
  for (const f of LIST_FIELDS) {
    const v = patch[f];
    if (!v) continue;
    const next = normalizeList(f, v);
    const nextKeys = new Set(next.map((x) => keyOf(f, x)));
    const oldKeys = new Set(existing[f].map((x) => keyOf(f, x)));
    p.add![f] = next.filter((x) => !oldKeys.has(keyOf(f, x)));
    p.remove![f] = existing[f].filter((x) => !nextKeys.has(keyOf(f, x)));
  }
  const r = applyContactPatch(existing, p, at);
  return { ...r.contact, updatedAt: at };
}

/**
 * Fold the record `merged` into `survivor` (the user's "these are one person"). Per field the user picks whose value
 * stays (default: the survivor's, else the other's); the value not kept goes to history. Lists are unioned, the
 * earliest source and creation time win, the first campaign stays, the merged record's history is kept, and so are
 * both records' sync states (the merged one's under its own keys, so its CRM id is known for the merge event).
 */
export function mergeContactRecords(survivor: Contact, merged: Contact, pick: MergePick, at: string): Contact {
  const c: Contact = { ...survivor, provenance: { ...survivor.provenance }, history: [...survivor.history] };
  const replaced: FieldHistoryEntry[] = [];
  for (const f of SCALAR_FIELDS) {
    const mine = survivor[f];
    const theirs = merged[f];
    const side = (pick as Record<string, string | undefined>)[f] ?? (mine ? 'survivor' : 'merged');
    const keep = side === 'merged' ? theirs : mine;
    const drop = side === 'merged' ? mine : theirs;
    if (keep) c[f] = keep;
    else if (f !== 'name') delete c[f];
    if (side === 'merged' && theirs) {
      const prov = merged.provenance[f];
      if (prov) c.provenance[f] = prov;
    }
    if (drop && drop !== keep) replaced.push({ field: f, value: drop, replacedAt: at, source: 'merge' });
  }
  // Kind: a prospect stays a prospect unless the user picks the lead's side (a merge never demotes by default).
  const kindSide = pick.kind ?? (survivor.kind === 'prospect' || merged.kind !== 'prospect' ? 'survivor' : 'merged');
  const kindFrom = kindSide === 'merged' ? merged : survivor;
  const stageSide = pick.stage ?? kindSide;
  const stageFrom = stageSide === 'merged' ? merged : survivor;
  c.kind = kindFrom.kind;
  c.stage = isStageOf(c.kind, stageFrom.stage) ? stageFrom.stage : kindFrom.stage;
  if (survivor.kind !== c.kind) replaced.push({ field: 'kind', value: survivor.kind, replacedAt: at, source: 'merge' });
  if (merged.kind !== c.kind) replaced.push({ field: 'kind', value: merged.kind, replacedAt: at, source: 'merge' });
  for (const s of [survivor.stage, merged.stage]) if (s !== c.stage) replaced.push({ field: 'stage', value: s, replacedAt: at, source: 'merge' });
  if (c.kind === 'prospect') {
    const promoted = [survivor, merged].filter((x) => x.kind === 'prospect' && x.promotedAt).map((x) => x.promotedAt!);
    if (promoted.length) c.promotedAt = promoted.sort()[0];
  } else delete c.promotedAt;
  for (const f of LIST_FIELDS) {
    const { values, overflow } = unionList(f, survivor[f], merged[f]);
    c[f] = values;
    for (const v of overflow) replaced.push({ field: f, value: v, replacedAt: at, source: 'overflow' });
    if (!survivor.provenance[f] && merged.provenance[f]) c.provenance[f] = merged.provenance[f]!;
  }
  if (merged.source.capturedAt < survivor.source.capturedAt) c.source = merged.source;
  if (merged.createdAt < survivor.createdAt) c.createdAt = merged.createdAt;
  if (!c.campaign && merged.campaign) c.campaign = merged.campaign;
  c.history = pushHistory([...survivor.history, ...merged.history].sort((a, b) => a.replacedAt.localeCompare(b.replacedAt)), replaced);
  c.updatedAt = at;
  return c;
}
