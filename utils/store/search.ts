import type { ContactKind, ContactSummary } from '../model';
import type { StoredContact, TouchpointDatabase } from './schema';
import { matchesAllPrefixes, queryTokens, searchTokensOf } from './tokens';

export interface SearchQuery {
  query: string;
  kind?: ContactKind;
  limit: number;
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
 * first and filtering finds `limit` of them sooner than sorting every match.
 */
const SPARSE_CAP = 1000;

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
    const counts = { lead: await countKind('lead'), prospect: await countKind('prospect') };
    const total = q.kind ? counts[q.kind] : counts.lead + counts.prospect;
    return { items: items.map(toSummary), total, counts };
  }

  // The longest word is the most selective key range.
  const lead = words.reduce((a, b) => (b.length > a.length ? b : a));
  const range = IDBKeyRange.bound(lead, lead + '\uffff');
  const tx = db.transaction('contacts', 'readonly');
  const index = tx.store.index('bySearchToken');
  const keys = await index.getAllKeys(range, SPARSE_CAP + 1);

  if (keys.length <= SPARSE_CAP) {
    const ids = [...new Set(keys)];
    const found: StoredContact[] = [];
    const counts = { lead: 0, prospect: 0 };
    // Issue every get at once; IndexedDB answers them in order without a round trip per contact.
    const candidates = await Promise.all(ids.map((id) => tx.store.get(id)));
    for (const c of candidates) {
      if (!c || !matchesAllPrefixes(tokensOf(c), words)) continue;
      counts[c.kind]++;
      if (kindOk(c)) found.push(c);
    }
    await tx.done;
    found.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return { items: found.slice(0, q.limit).map(toSummary), total: found.length, counts };
  }

  const total = await index.count(range);
  await tx.done;
  const items = await walkRecent(db, q.kind, q.limit, (c) => matchesAllPrefixes(tokensOf(c), words));
  return { items: items.map(toSummary), total };
}
