import type { ContactKind, ContactSummary } from '../model';
import type { SearchEntry, TouchpointDatabase } from './schema';
import { COUNTS_KEY, groupOf, summaryOf, type KindCounts } from './search-entry';
import { matchesAllPrefixes, queryTokens } from './tokens';

export interface SearchQuery {
  query: string;
  kind?: ContactKind;
  limit: number;
}

export interface SearchResult {
  items: ContactSummary[];
  /** number of matches: exact unless `more`, then the matches seen so far (a lower bound) */
  total: number;
  /** matches per kind, ignoring the kind filter: present when exact */
  counts?: { lead: number; prospect: number };
  /** there may be more matches than `total` says (a common prefix; not counted, to stay fast) */
  more?: boolean;
}

/** records read per request */
const CHUNK = 100;
/** after `limit` matches are found, keep reading up to this many records so small result sets get exact totals */
const COUNT_BUDGET = 300;

/** No query: the most recent contacts, and the per-kind counts kept in `meta` by every write. */
async function recent(db: TouchpointDatabase, q: SearchQuery): Promise<SearchResult> {
  const tx = db.transaction(['search', 'meta'], 'readonly');
  const store = tx.objectStore('search');
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
  const kept = (await tx.objectStore('meta').get(COUNTS_KEY))?.value as KindCounts | undefined;
  // Kept by every write since v2; counted only if missing.
  const counts = kept ?? {
    lead: await store.index('byKind').count('lead'),
    prospect: await store.index('byKind').count('prospect'),
  };
  await tx.done;
  return { items: entries.map(summaryOf), total: q.kind ? counts[q.kind] : counts.lead + counts.prospect, counts };
}

/**
 * Prefix search over the words of name, company and emails: every word of the query must start some
 * word of the contact ("ann sv" finds Anna Svensson). Most recently updated first.
 *
 * Cost: the query word with the longest indexed prefix picks one key range of the `byPrefix` index, whose
 * order is recency order; records are read from it `CHUNK` at a time and checked against every word,
 * until `limit` are found. About `limit / selectivity-within-the-prefix` records, never every match.
 */
export async function searchContacts(db: TouchpointDatabase, q: SearchQuery): Promise<SearchResult> {
  const words = queryTokens(q.query);
  if (words.length === 0) return recent(db, q);
  const tx = db.transaction('search', 'readonly');
  const store = tx.store;

  const lead = words
    .map((w) => ({ w, g: groupOf(w)! }))
    .sort((a, b) => b.g.length - a.g.length || b.w.length - a.w.length)[0]!;

  const items: SearchEntry[] = [];
  const counts = { lead: 0, prospect: 0 };
  let exhausted = false;
  let scanned = 0;
  const take = (batch: SearchEntry[]) => {
    for (const e of batch) {
      scanned++;
      if (!matchesAllPrefixes(e.tokens, words)) continue;
      counts[e.kind]++;
      if ((!q.kind || e.kind === q.kind) && items.length < q.limit) items.push(e);
    }
  };

  // Every word of one letter or more has an indexed prefix (1, 2 or 4 letters).
  const index = store.index('byPrefix');
  const upper: [string, never[]] = [lead.g, []];
  let range = IDBKeyRange.bound([lead.g], upper);
  for (;;) {
    const batch = await index.getAll(range, CHUNK);
    take(batch);
    const last = batch.at(-1);
    if (batch.length < CHUNK || !last) {
      exhausted = true;
      break;
    }
    if (items.length >= q.limit && scanned >= COUNT_BUDGET) break;
    range = IDBKeyRange.bound([lead.g, last.key], upper, true);
  }
  await tx.done;
  const total = q.kind ? counts[q.kind] : counts.lead + counts.prospect;
  return exhausted ? { items: items.map(summaryOf), total, counts } : { items: items.map(summaryOf), total, more: true };
}
