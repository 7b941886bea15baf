import type { ContactKind, ContactSummary } from '../model';
import type { StoredContact, TouchpointDatabase } from './schema';
import { matchesAllPrefixes, queryTokens, searchTokensOf } from './tokens';

export interface SearchQuery {
  query: string;
  kind?: ContactKind;
  limit: number;
  /** contacts per kind, when the caller knows them (counting 100,000 index keys is not free) */
  knownCounts?: { lead: number; prospect: number };
}

export interface SearchResult {
  items: ContactSummary[];
  /** exact when the match set is small; for a very common prefix, the number of matching index keys (an upper bound) */
  total: number;
  /** matches per kind, ignoring the kind filter: present when exact (empty query, or a selective one) */
  counts?: { lead: number; prospect: number };
}

/**
 * When a prefix matches more index keys than this, the matches are dense: walking contacts most recent
 * first and filtering finds `limit` of them sooner than reading and sorting every match. The two costs
 * meet around sqrt(limit × contacts) records (≈ 2,000 for 50 of 100,000).
 */
const SPARSE_CAP = 2000;

export function toSummary(c: StoredContact): ContactSummary {
  return {
    id: c.id,
    kind: c.kind,
    stage: c.stage,
    name: c.name,
    ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
    ...(c.company ? { company: c.company } : {}),
    ...(c.emails[0] ? { email: c.emails[0] } : {}),
    updatedAt: c.updatedAt,
  };
}

function tokensOf(c: StoredContact): string[] {
  return c.searchTokens ?? searchTokensOf(c);
}

/** Most recent first, optionally one kind, keeping those `keep` accepts, until `limit`. */
async function walkRecent(
  db: TouchpointDatabase,
  kind: ContactKind | undefined,
  limit: number,
  keep: (c: StoredContact) => boolean,
): Promise<StoredContact[]> {
  const tx = db.transaction('contacts', 'readonly');
  const out: StoredContact[] = [];
  let cursor = kind
    ? await tx.store.index('byKindUpdatedAt').openCursor(IDBKeyRange.bound([kind], [kind, []]), 'prev')
    : await tx.store.index('byUpdatedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    if (keep(cursor.value)) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  await tx.done;
  return out;
}

/**
 * Prefix search over name, company and email words: every word of the query must start some word of
 * the contact ("ann sv" finds Anna Svensson). Most recently updated first.
 */
export async function searchContacts(db: TouchpointDatabase, q: SearchQuery): Promise<SearchResult> {
  const words = queryTokens(q.query);
  const kindOk = (c: StoredContact) => !q.kind || c.kind === q.kind;

  if (words.length === 0) {
    const items = await walkRecent(db, q.kind, q.limit, () => true);
    const countKind = (k: ContactKind) => db.countFromIndex('contacts', 'byKindUpdatedAt', IDBKeyRange.bound([k], [k, []]));
    const counts = q.knownCounts ?? { lead: await countKind('lead'), prospect: await countKind('prospect') };
    const total = q.kind ? counts[q.kind] : counts.lead + counts.prospect;
    return { items: items.map(toSummary), total, counts };
  }

  const tx = db.transaction('contacts', 'readonly');
  const index = tx.store.index('bySearchToken');
  // The most selective word decides the key range. Longer words usually are, so they are probed first;
  // a probe reads keys only, at most SPARSE_CAP + 1 of them.
  const byLength = [...words].sort((a, b) => b.length - a.length);
  const rangeOf = (w: string) => IDBKeyRange.bound(w, w + '\uffff');
  let chosen: string | undefined;
  let candidates: StoredContact[] = [];
  for (const [i, w] of byLength.entries()) {
    // The last (or only) word is read directly: one request for every candidate record, far cheaper
    // than a get per id. A contact with two words under the prefix comes twice and is deduplicated.
    if (i === byLength.length - 1) {
      const values = await index.getAll(rangeOf(w), SPARSE_CAP + 1);
      if (values.length <= SPARSE_CAP) (chosen = w), (candidates = values);
      break;
    }
    if ((await index.getAllKeys(rangeOf(w), SPARSE_CAP + 1)).length <= SPARSE_CAP) {
      chosen = w;
      candidates = await index.getAll(rangeOf(w), SPARSE_CAP);
      break;
    }
  }

  if (chosen !== undefined) {
    await tx.done;
    const seen = new Set<string>();
    const found: StoredContact[] = [];
    const counts = { lead: 0, prospect: 0 };
    for (const c of candidates) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      if (!matchesAllPrefixes(tokensOf(c), words)) continue;
      counts[c.kind]++;
      if (kindOk(c)) found.push(c);
    }
    found.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return { items: found.slice(0, q.limit).map(toSummary), total: found.length, counts };
  }

  const total = await index.count(rangeOf(byLength[0]!));
  await tx.done;
  const items = await walkRecent(db, q.kind, q.limit, (c) => matchesAllPrefixes(tokensOf(c), words));
  return { items: items.map(toSummary), total };
}
