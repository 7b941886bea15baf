import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Contact, Note, OutboxEntry, Touchpoint } from '../../utils/model';
import { searchEntryOf, DB_NAME, DB_VERSION, findDuplicatePairs, migrations, openTouchpointDB, searchContacts, searchKeyOf, StorageError, type SchemaInfo, type TouchpointDB } from '../../utils/store';

const at = '2026-01-02T03:04:05.000Z';

function v1Contact(i: number): Contact {
  return {
    id: `c${i}`,
    kind: i % 2 ? 'lead' : 'prospect',
    stage: 'new',
    name: i === 0 ? 'Åsa Öberg' : `Person ${i}`,
    company: i % 3 === 0 ? 'Fjordline Systems' : undefined,
    emails: [`p${i}@example.org`],
    phones: [`+4670000${String(i).padStart(4, '0')}`],
    links: [`https://www.linkedin.com/in/p${i}`],
    tags: i % 5 === 0 ? ['vip'] : [],
    source: { url: `https://example.org/${i}`, site: 'generic', capturedAt: at },
    campaign: i % 4 === 0 ? { source: 'newsletter', name: 'spring' } : undefined,
    provenance: { name: { source: 'jsonld', url: `https://example.org/${i}`, at } },
    history: i % 7 === 0 ? [{ field: 'jobTitle', value: 'Intern', replacedAt: at }] : [],
    createdAt: at,
    updatedAt: new Date(Date.parse(at) + i * 1000).toISOString(),
    sync: i % 6 === 0 ? { webhook: { remoteId: `r${i}`, lastResult: 'ok' } } : {},
  };
}

describe('schema migrations', () => {
  it('upgrades a version-1 database full of data to the current version without losing anything', async () => {
    // Write with the v1 schema and the v1 record shape (no search tokens).
    const v1 = await openTouchpointDB({ version: 1 });
    expect(v1.version).toBe(1);
    expect([...v1.objectStoreNames]).not.toContain('search');
    const contacts = Array.from({ length: 300 }, (_, i) => JSON.parse(JSON.stringify(v1Contact(i))) as Contact);
    const touchpoints: Touchpoint[] = contacts.flatMap((c, i) => [
      { id: `t${i}a`, contactId: c.id, type: 'profile-view', at, url: c.source.url },
      { id: `t${i}b`, contactId: c.id, type: 'call', at, summary: 'Call' },
    ]);
    const notes: Note[] = contacts.map((c, i) => ({ id: `n${i}`, contactId: c.id, body: `note ${i}\nline 2`, createdAt: at, updatedAt: at }));
    const outbox: OutboxEntry[] = contacts.slice(0, 50).map((c, i) => ({
      id: `o${i}`, entity: 'contact', entityId: c.id, op: 'upsert', createdAt: at, attempts: i % 3,
      nextAttemptAt: 1000 + i, status: i === 7 ? 'dead' : 'pending', ...(i === 7 ? { lastError: 'HTTP 400' } : {}),
    }));
    const tx = v1.transaction(['contacts', 'touchpoints', 'notes', 'outbox', 'meta'], 'readwrite');
    for (const c of contacts) await tx.objectStore('contacts').put(c);
    for (const t of touchpoints) await tx.objectStore('touchpoints').put(t);
    for (const n of notes) await tx.objectStore('notes').put(n);
    for (const o of outbox) await tx.objectStore('outbox').put(o);
    await tx.objectStore('meta').put({ key: 'settings', value: { defaultKind: 'lead', ownDomains: ['acme.com'], destination: { type: 'none' }, autoSync: false } });
    await tx.done;
    v1.close();

    const db = await openTouchpointDB();
    expect(db.version).toBe(DB_VERSION);
    const stored = await db.getAll('contacts');
    expect(stored).toHaveLength(contacts.length);
    for (const c of contacts) {
      const s = stored.find((x) => x.id === c.id)!;
      const { searchKey, companyId, ...rest } = s;
      expect(rest).toEqual(c);
      // v4: everyone with a company is linked to its one record
      expect(companyId !== undefined).toBe(c.company !== undefined);
      expect(searchKey).toBe(searchKeyOf(c));
      expect((await db.get('search', searchKey!))?.tokens.length).toBeGreaterThan(0);
    }
    expect(await db.count('search')).toBe(contacts.length);
    expect(await db.getAll('touchpoints')).toEqual([...touchpoints].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.getAll('notes')).toEqual([...notes].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.getAll('outbox')).toEqual([...outbox].sort((a, b) => a.id.localeCompare(b.id)));
    expect((await db.get('meta', 'settings'))?.value).toMatchObject({ ownDomains: ['acme.com'] });

    // The v1 indexes still answer, and the v2 ones were backfilled.
    expect(await db.getKeyFromIndex('contacts', 'byEmail', 'p42@example.org')).toBe('c42');
    expect(await db.countFromIndex('outbox', 'byStatus', 'dead')).toBe(1);
    const found = await searchContacts(db, { query: 'asa ober', limit: 10 });
    expect(found.items.map((c) => c.id)).toEqual(['c0']);
    const fjord = await searchContacts(db, { query: 'fjordl', limit: 500 });
    expect(fjord.total).toBe(100);

    // v4: one company for the 100 people of "Fjordline Systems", linked both ways; not queued (no new outbox entries);
    // search finds people by city and by tag; the new stores exist and are empty.
    const companies = await db.getAll('companies');
    expect(companies).toEqual([expect.objectContaining({ name: 'Fjordline Systems', nameKey: 'fjordline systems', domain: 'example.org' })]);
    expect(await db.countFromIndex('contacts', 'byCompanyId', companies[0]!.id)).toBe(100);
    expect(await db.count('tasks')).toBe(0);
    expect((await searchContacts(db, { query: 'vip', limit: 500 })).total).toBe(60);

    const schema = (await db.get('meta', 'schema'))?.value as SchemaInfo;
    expect(schema.version).toBe(DB_VERSION);
    expect(schema.upgrades.map((u) => [u.from, u.to])).toEqual([[0, 1], [1, DB_VERSION]]);
    db.close();
  });

  it('v3 indexes the blocking keys of records written before it, so the duplicates view finds their pairs', async () => {
    const v2 = await openTouchpointDB({ name: 'dup-v2', version: 2 });
    // Written as v2 wrote them (the current store code needs the later stores): search entries without blocking keys.
    const tx = v2.transaction(['contacts', 'search'], 'readwrite');
    for (const [i, email] of ['anna@acme.com', 'a.svensson@acme.com'].entries()) {
      const c: Contact = { ...v1Contact(i + 1), kind: 'lead', name: 'Anna Svensson', company: 'Acme', emails: [email], links: [], tags: [], campaign: undefined };
      const { dupKeys: _d, ...entry } = searchEntryOf(c);
      await tx.objectStore('search').put(entry);
      await tx.objectStore('contacts').put({ ...JSON.parse(JSON.stringify(c)), searchKey: entry.key });
    }
    await tx.done;
    v2.close();
    const db = await openTouchpointDB({ name: 'dup-v2' });
    const pairs = await findDuplicatePairs(db);
    expect(pairs.map((p) => p.reasons)).toEqual([['name-company', 'name-domain']]);
    db.close();
  });

  it('a database from a newer version gives a readable error, not a crash', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    newer.close();
    const err = await openTouchpointDB().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).reason).toBe('version');
    expect((err as Error).message).toMatch(/newer version/);
  });

  it('an upgrade blocked by another open connection gives a readable error', async () => {
    const old = await openDB<TouchpointDB>(DB_NAME, 1, { upgrade: (d, _o, _n, tx) => void migrations[1]!(d, tx) });
    // `old` ignores versionchange (as a stale page might), so the upgrade is blocked.
    const err = await openTouchpointDB({ blockedTimeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).reason).toBe('blocked');
    expect((err as Error).message).toMatch(/Close other Touchpoint pages/);
    old.close();
    // Once the old connection is gone, the late upgrade completes and is closed again (no leak, no crash).
    await new Promise((r) => setTimeout(r, 50));
    const db = await openTouchpointDB();
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });
});
