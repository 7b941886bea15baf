import { beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import {
  openTouchpointDB,
  queryTokens,
  searchContacts,
  searchTokensOf,
  seedContacts,
  type StoredContact,
  type TouchpointDatabase,
} from '../../utils/store';
import { matchesAllPrefixes } from '../../utils/store/tokens';

let db: TouchpointDatabase;
let all: StoredContact[];

/** The reference answer: scan everything. */
function bruteForce(query: string, kind?: 'lead' | 'prospect'): StoredContact[] {
  const q = queryTokens(query);
  return all
    .filter((c) => (!kind || c.kind === kind) && matchesAllPrefixes(searchTokensOf(c), q))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1));
}

beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openTouchpointDB();
  await seedContacts(db, 3000, { seed: 7, now: Date.parse('2026-06-01T00:00:00Z') });
  all = await db.getAll('contacts');
});

describe('search tokens', () => {
  it('lowercases, strips diacritics and splits emails', () => {
    expect(searchTokensOf({ name: 'Åsa Öberg-Lind', company: 'Fjällräven AB', emails: ['asa.oberg@fjall.se'] })).toEqual(
      expect.arrayContaining(['asa', 'oberg', 'lind', 'fjallraven', 'ab', 'fjall', 'se']),
    );
    expect(queryTokens('  ÅSA  ob ')).toEqual(['asa', 'ob']);
  });
});

describe('searchContacts', () => {
  // One-letter words (recent walk), 2- and 4-letter prefix groups, longer words, multi-word queries.
  const QUERIES = ['ex', 'example ann', 'svens', 'anna sv', 'Öberg', 'acme', 'müller', 'ch', 'a', 'a s', 'stark ind', 'zz', 'o’brien', 'li.', '@globex', 'q'];
  for (const query of QUERIES) {
    it(`"${query}" finds exactly what a full scan finds, most recent first`, async () => {
      const want = bruteForce(query);
      const got = await searchContacts(db, { query, limit: 50 });
      expect(got.items.map((c) => c.id)).toEqual(want.slice(0, 50).map((c) => c.id));
      if (got.more) {
        expect(got.total).toBeLessThanOrEqual(want.length);
        expect(got.counts).toBeUndefined();
      } else {
        expect(got.total).toBe(want.length);
        expect(got.counts!.lead + got.counts!.prospect).toBe(want.length);
      }
    });
  }

  it('filters by kind', async () => {
    const got = await searchContacts(db, { query: 'karl', kind: 'lead', limit: 500 });
    expect(got.items.every((c) => c.kind === 'lead')).toBe(true);
    expect(got.items.map((c) => c.id)).toEqual(bruteForce('karl', 'lead').slice(0, 500).map((c) => c.id));
  });

  it('an empty query lists the most recent contacts, per kind too', async () => {
    const got = await searchContacts(db, { query: '', limit: 20 });
    expect(got.total).toBe(3000);
    expect(got.items.map((c) => c.id)).toEqual(bruteForce('').slice(0, 20).map((c) => c.id));
    const prospects = await searchContacts(db, { query: ' ', kind: 'prospect', limit: 20 });
    expect(prospects.total).toBe(all.filter((c) => c.kind === 'prospect').length);
    expect(prospects.items.map((c) => c.id)).toEqual(bruteForce('', 'prospect').slice(0, 20).map((c) => c.id));
  });
});

describe('search counts', () => {
  it('gives exact per-kind counts with a selective query and with none', async () => {
    for (const query of ['', 'svens', 'acme']) {
      const got = await searchContacts(db, { query, kind: 'lead', limit: 5 });
      expect(got.counts).toEqual({ lead: bruteForce(query, 'lead').length, prospect: bruteForce(query, 'prospect').length });
    }
  });
});

describe('search cost', () => {
  it('a common prefix stops early and says so; a selective one is counted exactly', async () => {
    const common = await searchContacts(db, { query: 'ex', limit: 10 }); // every seeded email is @….example
    expect(common.more).toBe(true);
    expect(common.items).toHaveLength(10);
    const selective = await searchContacts(db, { query: 'stark ind', limit: 10 });
    expect(selective.more).toBeUndefined();
    expect(selective.total).toBe(bruteForce('stark ind').length);
  });
});
