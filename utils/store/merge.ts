import type { CapturedPerson, Contact, ContactKind, FieldHistoryEntry } from '../model';
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

/** Apply a user's edit: same no-loss rule, provenance "user". */
export function applyPatch(
  existing: Contact,
  patch: Partial<Pick<Contact, ScalarField | ListField | 'stage'>>,
  at: string,
): Contact {
  const c: Contact = { ...existing, provenance: { ...existing.provenance }, history: [...existing.history] };
  const replaced: FieldHistoryEntry[] = [];
  for (const f of SCALAR_FIELDS) {
    if (!(f in patch)) continue;
    const v = patch[f]?.trim() ?? '';
    const old = c[f];
    if ((old ?? '') === v) continue;
    if (f === 'name' && !v) continue; // a contact always has a name
    if (old) replaced.push({ field: f, value: old, replacedAt: at, source: existing.provenance[f]?.source });
    if (v) c[f] = v;
    else delete c[f];
    c.provenance[f] = { source: 'user', at };
  }
  for (const f of LIST_FIELDS) {
    const v = patch[f];
    if (!v) continue;
    const next = normalizeList(f, v).slice(0, MAX_LIST);
    // An edit may remove values on purpose; keep what was removed in history.
    const nextKeys = new Set(next.map((x) => keyOf(f, x)));
    for (const old of c[f]) {
      if (!nextKeys.has(keyOf(f, old))) replaced.push({ field: f, value: old, replacedAt: at, source: existing.provenance[f]?.source });
    }
    c[f] = next;
    c.provenance[f] = { source: 'user', at };
  }
  if (patch.stage && isStageOf(c.kind, patch.stage)) c.stage = patch.stage;
  if (replaced.length) c.history = pushHistory(c.history, replaced);
  c.updatedAt = at;
  return c;
}
