import type { Contact, FieldHistoryEntry, Note } from '../model';
import { LIST_FIELDS, SCALAR_FIELDS, normalizeList, pushHistory, unionList } from './merge';
import { MAX_LIST } from '../model';

/**
 * Pure rules for merging an imported record into the saved one (docs/data.md, "Import"). They never
 * drop a value, they are idempotent (merging the same record twice changes nothing the second time),
 * and they say whether anything changed, because only a change is written and queued for the CRM.
 */

export interface ImportMergeOptions {
  /** the import's time, ISO */
  at: string;
  /** the file gives no modification time for this record: on a conflicting value the saved one wins */
  undated: boolean;
  /** the file's kind and stage are a person's decision (our own export), not a default */
  kindIsDecided: boolean;
}

/** Key-order-independent equality of JSON-like values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A contact new to this device, as stored: the file's values, ids, timestamps and CRM ids kept; lists in canonical form. */
export function importedAsNew(incoming: Contact): Contact {
  const c: Contact = { ...incoming };
  for (const f of LIST_FIELDS) c[f] = normalizeList(f, incoming[f]).slice(0, MAX_LIST);
  return c;
}

function inHistory(history: readonly FieldHistoryEntry[], field: string, value: string): boolean {
  return history.some((h) => h.field === field && h.value === value);
}

export function mergeImportedContact(existing: Contact, incoming: Contact, opts: ImportMergeOptions): { contact: Contact; changed: boolean } {
  const { at } = opts;
  const incomingNewer = !opts.undated && incoming.updatedAt > existing.updatedAt;
  const c: Contact = { ...existing, provenance: { ...existing.provenance }, history: [...existing.history], sync: { ...existing.sync } };
  const replaced: FieldHistoryEntry[] = [];
  const remember = (field: string, value: string, source?: string) => {
    if (!inHistory(c.history, field, value) && !inHistory(replaced, field, value)) replaced.push({ field, value, replacedAt: at, ...(source ? { source } : {}) });
  };

  for (const f of SCALAR_FIELDS) {
    const mine = existing[f];
    const theirs = incoming[f];
    if (!theirs || theirs === mine) continue;
    if (!mine || incomingNewer) {
      if (mine) remember(f, mine, existing.provenance[f]?.source);
      c[f] = theirs;
      c.provenance[f] = incoming.provenance[f] ?? { source: 'import', at };
    } else {
      remember(f, theirs, 'import');
    }
  }
  for (const f of LIST_FIELDS) {
    const { values, overflow } = unionList(f, c[f], incoming[f]);
    if (values.length > c[f].length && f !== 'tags' && incoming.provenance[f]) c.provenance[f] ??= incoming.provenance[f];
    c[f] = values;
    for (const v of overflow) remember(f, v, 'overflow');
  }

  // Kind and stage change only on a person's decision: our own export from another device. A CSV's
  // default kind never promotes or demotes anyone.
  if (opts.kindIsDecided) {
    if (existing.kind === 'lead' && incoming.kind === 'prospect') {
      remember('kind', 'lead');
      remember('stage', existing.stage);
      c.kind = 'prospect';
      c.stage = incoming.stage;
      if (incoming.promotedAt) c.promotedAt = incoming.promotedAt;
    } else if (existing.kind === incoming.kind && incomingNewer && incoming.stage !== existing.stage) {
      remember('stage', existing.stage);
      c.stage = incoming.stage;
    }
  }
  if (!c.campaign && incoming.campaign) c.campaign = incoming.campaign;
  for (const [dest, state] of Object.entries(incoming.sync)) if (!c.sync[dest]) c.sync[dest] = state;
  const theirHistory = incoming.history.filter((h) => !c.history.some((x) => x.field === h.field && x.value === h.value && x.replacedAt === h.replacedAt));
  c.history = pushHistory(pushHistory(c.history, theirHistory), replaced);
  if (incoming.createdAt < c.createdAt) c.createdAt = incoming.createdAt;

  const changed = !sameJson({ ...c, updatedAt: '' }, { ...existing, updatedAt: '' });
  if (changed) {
    // The later of the two, never "now" for a dated file: an import does not make old data look new.
    const theirs = opts.undated ? at : incoming.updatedAt;
    c.updatedAt = theirs > existing.updatedAt ? theirs : existing.updatedAt;
  }
  return { contact: c, changed };
}

/** Derived id of an imported note whose id is taken here by a note with other text. */
export function keptBothNoteId(note: Pick<Note, 'id' | 'body'>, hash: (s: string) => string): string {
  const id = `${note.id}~${hash(note.body)}`;
  return id.length <= 64 ? id : `n~${hash(`${note.id}\u0000${note.body}`)}`;
}

/**
 * Merge an imported note into the saved note with the same id. Same text: the call details the saved
 * one lacks are filled in. Different text: never replaced — the caller keeps both.
 */
export function mergeImportedNote(mine: Note, theirs: Note): { note: Note; changed: boolean } | 'conflict' {
  if (mine.body !== theirs.body) return 'conflict';
  if (!theirs.call) return { note: mine, changed: false };
  const call = { ...theirs.call, ...mine.call };
  if (sameJson(call, mine.call)) return { note: mine, changed: false };
  return { note: { ...mine, call }, changed: true };
}
