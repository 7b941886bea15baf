import type { ContactKind, ContactSummary } from '../model';
import type { SearchEntry, TouchpointDatabase } from './schema';
import { kindOfKey, summaryOf } from './search-entry';
import { matchesAllPrefixes, queryTokens } from './tokens';

export interface SearchQuery {
  query: string;
  kind?: ContactKind;
  limit: number;
  /** contacts per kind, when the caller knows them (counting 100,000 index keys is not free) */
  knownCounts?: { lead: number; prospect: number };
  /** tuning (and tests): see MAX_KEYS */
  maxKeys?: number;
}

export interface SearchResult {
  items: ContactSummary[];
  /** number of matches; exact unless a query word is so common it was checked on the results only (then an upper bound) */
  total: number;
  /** matches per kind, ignoring the kind filter: present when exact */
  counts?: { lead: number; prospect: number };
}

/**
 * A word whose prefix matches more index keys than this is not used to narrow the candidates (reading
 * that many keys would cost more than checking it on the few results that survive the other words).
 */
const MAX_KEYS = 40_000;
/** records read per round when checking such a word on candidates in recency order */
const CHUNK = 100;

/**
 * Prefix search over the words of name, company and emails: every word of the query must start some
 * word of the contact ("ann sv" finds Anna Svensson). Most recently updated first.
 *
 * Cost: one key-only index read per query word (search keys sort by recency and carry the kind, see
 * search-entry.ts), an in-memory intersection, then `limit` record reads. No contact is read.
 */
export async function searchContacts(db: TouchpointDatabase, q: SearchQuery): Promise<SearchResult> {
  const words = queryTokens(q.query);
  const tx = db.transaction('search', 'readonly');
  const store = tx.store;

  if (words.length === 0) {
    let entries: SearchEntry[];
    if (!q.kind) {
      entries = await store.getAll(null, q.limit); // key order is most recent first
    } else {
      entries = [];
      let cursor = await store.openCursor();
      while (cursor && entries.length < q.limit) {
        if (cursor.value.kind === q.kind) entries.push(cursor.value);
        cursor = await cursor.continue();
      }
    }
    const counts = q.knownCounts ?? {
      lead: await store.index('byKind').count('lead'),
      prospect: await store.index('byKind').count('prospect'),
    };
    await tx.done;
    return { items: entries.map(summaryOf), total: q.kind ? counts[q.kind] : counts.lead + counts.prospect, counts };
  }

  const index = store.index('byToken');
  const maxKeys = q.maxKeys ?? MAX_KEYS;
  const rangeOf = (w: string) => IDBKeyRange.bound(w, w + '\uffff');
  const sets: Set<string>[] = [];
  const unchecked: string[] = [];
  for (const w of words) {
    const keys = await index.getAllKeys(rangeOf(w), maxKeys + 1);
    if (keys.length > maxKeys) unchecked.push(w);
    else sets.push(new Set(keys));
  }

  if (sets.length === 0) {
    // Every word is very common: matches are dense, so walking most recent first finds them fast.
    const items: SearchEntry[] = [];
    let cursor = await store.openCursor();
    while (cursor && items.length < q.limit) {
      const e = cursor.value;
      if ((!q.kind || e.kind === q.kind) && matchesAllPrefixes(e.tokens, words)) items.push(e);
      cursor = await cursor.continue();
    }
    // An upper bound: contacts with a word starting like the longest query word.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const total = Math.max(items.length, await index.count(rangeOf(longest)));
    await tx.done;
    return { items: items.map(summaryOf), total };
  }

  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  const counts = { lead: 0, prospect: 0 };
  const matching: string[] = [];
  for (const key of smallest!) {
    if (!rest.every((s) => s.has(key))) continue;
    const kind = kindOfKey(key);
    counts[kind]++;
    if (!q.kind || q.kind === kind) matching.push(key);
  }
  matching.sort(); // key order = most recent first

  const items: SearchEntry[] = [];
  if (unchecked.length === 0) {
    const entries = await Promise.all(matching.slice(0, q.limit).map((k) => store.get(k)));
    for (const e of entries) if (e) items.push(e);
    await tx.done;
    return { items: items.map(summaryOf), total: matching.length, counts };
  }
  for (let i = 0; i < matching.length && items.length < q.limit; i += CHUNK) {
    const entries = await Promise.all(matching.slice(i, i + CHUNK).map((k) => store.get(k)));
    for (const e of entries) if (e && items.length < q.limit && matchesAllPrefixes(e.tokens, unchecked)) items.push(e);
  }
  await tx.done;
  return { items: items.map(summaryOf), total: matching.length };
}
