import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Company, Contact, Note, OutboxEntry, Task, Touchpoint } from '../model';
import { COUNTS_KEY, searchEntryOf, type KindCounts } from './search-entry';
import { linkCompany } from './companies';

export const DB_NAME = 'touchpoint';
/** Bump with a new `migrations` entry; never edit a shipped migration. */
export const DB_VERSION = 4;

/** A contact as stored: the model plus the key of its search entry (stripped before leaving the store). */
export type StoredContact = Contact & {
  /** v2: key of this contact's record in the `search` store */
  searchKey?: string;
  /** v4: the company record this person works at (utils/store/companies.ts; indexed) */
  companyId?: string;
};

/** v2: the slim record search reads (see search-entry.ts); the key sorts most recent first. */
export interface SearchEntry {
  key: string;
  id: string;
  kind: Contact['kind'];
  stage: Contact['stage'];
  name: string;
  jobTitle?: string;
  company?: string;
  email?: string;
  updatedAt: string;
  /** normalised words of name, company and emails */
  tokens: string[];
  /** [word prefix, key] pairs (2- and 4-letter prefixes of every word): index keys that sort by recency within a prefix */
  prefixes: [string, string][];
  /** v3: blocking keys (utils/domain `blockingKeys`): records sharing one are duplicate candidates */
  dupKeys?: string[];
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface TouchpointDB extends DBSchema {
  contacts: {
    key: string;
    value: StoredContact;
    indexes: {
      byEmail: string; // multiEntry: every email
      byLink: string; // multiEntry: every (canonical) link
      byUpdatedAt: string;
      byKindStage: [string, string];
      /** v3 */
      byCompanyId: string;
    };
  };
  /** v4: follow-ups */
  tasks: {
    key: string;
    value: Task;
    indexes: { byContact: string; byStatus: string };
  };
  /** v4: one record per organisation */
  companies: {
    key: string;
    value: Company;
    indexes: { byNameKey: string; byDomain: string };
  };
  /** v2 */
  search: {
    key: string;
    value: SearchEntry;
    indexes: {
      /** multiEntry over [prefix, key]: the contacts with a word starting with a prefix, most recent first */
      byPrefix: [string, string];
      byKind: string;
      /** v3: multiEntry over dupKeys: the duplicates view and name-only identity read candidates, never every record */
      byDupKey: string;
    };
  };
  touchpoints: {
    key: string;
    value: Touchpoint;
    indexes: { byContactAt: [string, string] };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { byContactUpdatedAt: [string, string] };
  };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: {
      byNextAttemptAt: number;
      /** to coalesce repeated changes of one entity into one unsent entry */
      byEntity: [string, string];
      /** v2: count pending/dead for the badge without reading every entry */
      byStatus: string;
    };
  };
  meta: { key: string; value: MetaRecord };
}

export type TouchpointDatabase = IDBPDatabase<TouchpointDB>;
export type UpgradeTx = IDBPTransaction<TouchpointDB, StoreNames<TouchpointDB>[], 'versionchange'>;

/**
 * Migrations by the version they produce. Each runs inside the upgrade transaction, so it may only
 * touch the database (no network, no messaging, no awaiting anything else).
 */
export const migrations: Record<number, (db: TouchpointDatabase, tx: UpgradeTx) => Promise<void> | void> = {
  1(db) {
    const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
    contacts.createIndex('byEmail', 'emails', { multiEntry: true });
    contacts.createIndex('byLink', 'links', { multiEntry: true });
    contacts.createIndex('byUpdatedAt', 'updatedAt');
    contacts.createIndex('byKindStage', ['kind', 'stage']);

    const touchpoints = db.createObjectStore('touchpoints', { keyPath: 'id' });
    touchpoints.createIndex('byContactAt', ['contactId', 'at']);

    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('byContactUpdatedAt', ['contactId', 'updatedAt']);

    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('byNextAttemptAt', 'nextAttemptAt');
    outbox.createIndex('byEntity', ['entity', 'entityId']);

    db.createObjectStore('meta', { keyPath: 'key' });
  },

  /**
   * v2: search-as-you-type at 100,000 contacts. v1 could only scan contacts. v2 adds a `search` store:
   * one slim record per contact whose key sorts most recent first, with a multiEntry index over
   * [word prefix, key] pairs, so the most recent contacts with a word starting with a prefix are one
   * ordered key range: a query reads about `limit` records, not every match.
   * Existing contacts are backfilled here, in the upgrade transaction.
   */
  async 2(db, tx) {
    const search = db.createObjectStore('search', { keyPath: 'key' });
    search.createIndex('byPrefix', 'prefixes', { multiEntry: true });
    search.createIndex('byKind', 'kind');
    tx.objectStore('outbox').createIndex('byStatus', 'status');
    const contacts = tx.objectStore('contacts');
    const counts: KindCounts = { lead: 0, prospect: 0 };
    let cursor = await contacts.openCursor();
    while (cursor) {
      const entry = searchEntryOf(cursor.value);
      await search.put(entry);
      await cursor.update({ ...cursor.value, searchKey: entry.key });
      counts[entry.kind]++;
      cursor = await cursor.continue();
    }
    await tx.objectStore('meta').put({ key: COUNTS_KEY, value: counts });
  },

  /**
   * v3: duplicate candidates by index. v2 found duplicate pairs by reading every contact; v3 keeps each contact's
   * blocking keys (email, profile link, name + company, name + domain, name-only identity) on its search entry, with a
   * multiEntry index over them, so pairs are runs of equal keys in the index. Existing entries are rewritten here.
   */
  async 3(_db, tx) {
    const search = tx.objectStore('search');
    search.createIndex('byDupKey', 'dupKeys', { multiEntry: true });
    let cursor = await tx.objectStore('contacts').openCursor();
    while (cursor) {
      await search.put(searchEntryOf(cursor.value));
      cursor = await cursor.continue();
    }
  },

  /**
   * v4: follow-ups (`tasks`), companies, and search by city and tag. Every contact is read once: its search entry
   * is rewritten (its words now include location and tags; the key is unchanged) and it is linked to its company,
   * created here from its `company` field by the one dedupe rule (utils/domain/company.ts). Companies made here are
   * not queued for sync: their people already reached the CRM with the company name; a full sync sends them.
   */
  async 4(db, tx) {
    const tasks = db.createObjectStore('tasks', { keyPath: 'id' });
    tasks.createIndex('byContact', 'contactId');
    tasks.createIndex('byStatus', 'status');
    const companies = db.createObjectStore('companies', { keyPath: 'id' });
    companies.createIndex('byNameKey', 'nameKey', { unique: true });
    companies.createIndex('byDomain', 'domain');
    const contacts = tx.objectStore('contacts');
    contacts.createIndex('byCompanyId', 'companyId');
    const search = tx.objectStore('search');
    let cursor = await contacts.openCursor();
    while (cursor) {
      const c = cursor.value;
      const entry = searchEntryOf(c);
      if (c.searchKey && c.searchKey !== entry.key) await search.delete(c.searchKey);
      await search.put(entry);
      const companyId = await linkCompany(companies, undefined, c, Date.parse(c.updatedAt) || Date.now());
      const { companyId: _old, ...rest } = c;
      await cursor.update({ ...rest, searchKey: entry.key, ...(companyId ? { companyId } : {}) });
      cursor = await cursor.continue();
    }
  },
};

export interface SchemaInfo {
  version: number;
  /** every upgrade this database went through: from → to, when */
  upgrades: { from: number; to: number; at: string }[];
}
