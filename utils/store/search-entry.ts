import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Contact, ContactKind, ContactSummary } from '../model';
import type { SearchEntry, StoredContact, TouchpointDB } from './schema';
import { searchTokensOf } from './tokens';
import { linkCompany } from './companies';
import { blockingKeys } from '../domain';

/**
 * The `search` store (v2) keeps one slim record per contact, keyed so that key order is recency order:
 *   "<13-digit inverted updatedAt>|<l|p>|<contact id>"
 * Its `byPrefix` index holds [prefix, key] for the 1-, 2- and 4-letter prefixes of every word, so "the most
 * recent contacts with a word starting with 'sven'" is one ordered key range, read `limit` at a time.
 */

/** Prefix lengths indexed; a query word uses the longest one it has (see search.ts). */
export const PREFIX_LENGTHS = [1, 2, 4] as const;

export function groupOf(word: string): string | undefined {
  for (const n of [...PREFIX_LENGTHS].reverse()) if (word.length >= n) return word.slice(0, n);
  return undefined;
}

export function prefixesOf(tokens: readonly string[], key: string): [string, string][] {
  const seen = new Set<string>();
  for (const t of tokens) for (const n of PREFIX_LENGTHS) if (t.length >= n) seen.add(t.slice(0, n));
  return [...seen].map((p) => [p, key]);
}

const INVERT_FROM = 9_999_999_999_999;

export function searchKeyOf(c: Pick<Contact, 'id' | 'kind' | 'updatedAt'>): string {
  const ms = Date.parse(c.updatedAt);
  const inv = String(INVERT_FROM - (Number.isFinite(ms) ? Math.max(0, ms) : 0)).padStart(13, '0');
  return `${inv}|${c.kind === 'lead' ? 'l' : 'p'}|${c.id}`;
}

/** The contact id in a search key (after "<13 digits>|<l|p>|"). */
export function contactIdOfSearchKey(key: string): string {
  return key.slice(16);
}

export function kindOfKey(key: string): ContactKind {
  return key.charAt(14) === 'l' ? 'lead' : 'prospect';
}

export function searchEntryOf(c: Contact): SearchEntry {
  const key = searchKeyOf(c);
  const tokens = searchTokensOf(c);
  return {
    key,
    id: c.id,
    kind: c.kind,
    stage: c.stage,
    name: c.name,
    ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
    ...(c.company ? { company: c.company } : {}),
    ...(c.emails[0] ? { email: c.emails[0] } : {}),
    updatedAt: c.updatedAt,
    tokens,
    prefixes: prefixesOf(tokens, key),
    dupKeys: blockingKeys(c),
  };
}

export function summaryOf(e: SearchEntry): ContactSummary {
  const { key: _k, tokens: _t, prefixes: _p, dupKeys: _d, ...summary } = e;
  return summary;
}

type Names = ArrayLike<StoreNames<TouchpointDB>>;
type ContactsStore = IDBPObjectStore<TouchpointDB, Names, 'contacts', 'readwrite' | 'versionchange'>;
type SearchStore = IDBPObjectStore<TouchpointDB, Names, 'search', 'readwrite' | 'versionchange'>;
type MetaStore = IDBPObjectStore<TouchpointDB, Names, 'meta', 'readwrite' | 'versionchange'>;

/** Contacts per kind, kept in `meta` by every write so the side panel never counts 100,000 records. */
export interface KindCounts {
  lead: number;
  prospect: number;
}
export const COUNTS_KEY = 'counts';

/** How a write changed the per-kind counts (summed over a transaction, applied once at its end). */
export type CountsDelta = KindCounts;
export const noDelta = (): CountsDelta => ({ lead: 0, prospect: 0 });

export async function applyCountsDelta(meta: MetaStore, delta: CountsDelta): Promise<void> {
  if (!delta.lead && !delta.prospect) return;
  const current = ((await meta.get(COUNTS_KEY))?.value as KindCounts | undefined) ?? noDelta();
  await meta.put({ key: COUNTS_KEY, value: { lead: current.lead + delta.lead, prospect: current.prospect + delta.prospect } });
}

export function fromStored(s: StoredContact): Contact {
  const { searchKey: _key, companyId: _company, ...c } = s;
  return c;
}

/**
 * Write a contact and its search entry together (the caller's transaction covers both stores).
 * Every contact write goes through here, so the two never disagree.
 *
 * `known`: the stored record when the caller has just read it in this transaction (null: known absent); else read here.
 * `queueCompany`: queue a company this write creates for sync. Imports and seeding do not: an import must queue
 * only what the file says was owed (export → erase → import queues nothing new), and its people carry their
 * company's name to the CRM anyway.
 */
export async function putContactRecord(
  contacts: ContactsStore,
  search: SearchStore,
  c: Contact,
  delta: CountsDelta,
  known?: StoredContact | null,
  opts: { now?: number; queueCompany?: boolean } = {},
): Promise<void> {
  const entry = searchEntryOf(c);
  const previous = known === undefined ? await contacts.get(c.id) : (known ?? undefined);
  if (previous?.searchKey && previous.searchKey !== entry.key) await search.delete(previous.searchKey);
  await search.put(entry);
  // The person's company record, found or made by the one dedupe rule; queued for sync before the person (callers
  // queue the contact after this), so a destination meets the company first.
  const tx = contacts.transaction;
  const companyId = await linkCompany(tx.objectStore('companies'), opts.queueCompany !== false ? (tx.objectStore('outbox') as Parameters<typeof linkCompany>[1]) : undefined, c, opts.now ?? Date.now());
  await contacts.put({ ...fromStored(c as StoredContact), searchKey: entry.key, ...(companyId ? { companyId } : {}) });
  if (previous) delta[previous.kind]--;
  delta[c.kind]++;
}

export async function deleteContactRecord(contacts: ContactsStore, search: SearchStore, id: string, delta: CountsDelta): Promise<void> {
  const previous = await contacts.get(id);
  if (!previous) return;
  if (previous.searchKey) await search.delete(previous.searchKey);
  await contacts.delete(id);
  delta[previous.kind]--;
}
