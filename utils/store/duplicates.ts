import { unwrap, type IDBPTransaction, type StoreNames } from 'idb';
import type { Contact, DuplicateHint, DuplicateReason } from '../model';
import { emailKey, isProfileLink, linkVariants, nameCompanyKey, nameDomainKeys, nameKey, namesDisagree } from '../domain';
import type { TouchpointDB, TouchpointDatabase } from './schema';
import { contactIdOfSearchKey, fromStored, groupOf } from './search-entry';
import { wordsOf } from './tokens';

/**
 * Identity and duplicates against the saved records (the rules are utils/domain/identity.ts):
 * - `resolvePerson`: which saved record a captured person IS (same email key or own profile link, names not clearly
 *   disagreeing; or, for a person with a name only, the one record with the same name and company), and which records
 *   are only POSSIBLY them (shown to the user, never merged silently);
 * - `duplicateHintsFor`: the records possibly the same as a saved one;
 * - `findDuplicatePairs`: every such pair, for the side panel's duplicates view.
 */

type Tx = IDBPTransaction<TouchpointDB, ArrayLike<StoreNames<TouchpointDB>>, IDBTransactionMode>;

export interface PersonIdentity {
  name: string;
  company?: string;
  emails: readonly string[];
  links: readonly string[];
  /** profile links capture says are the person's own; absent: every profile link in `links` */
  ownLinks?: readonly string[];
}

/** The links that are identity evidence: capture's own-link provenance when given, else every profile link. */
export function identityLinks(p: Pick<PersonIdentity, 'links' | 'ownLinks'>): string[] {
  return (p.ownLinks ?? p.links).filter(isProfileLink);
}

class Hints {
  private byId = new Map<string, DuplicateHint>();
  add(c: Contact, reason: DuplicateReason): void {
    const h = this.byId.get(c.id);
    if (h) {
      if (!h.reasons.includes(reason)) h.reasons.push(reason);
    } else {
      this.byId.set(c.id, { id: c.id, name: c.name, ...(c.company ? { company: c.company } : {}), kind: c.kind, reasons: [reason] });
    }
  }
  list(exclude?: string): DuplicateHint[] {
    return [...this.byId.values()].filter((h) => h.id !== exclude);
  }
}

async function loader(tx: Tx) {
  const cache = new Map<string, Contact | undefined>();
  return async (id: string): Promise<Contact | undefined> => {
    if (!cache.has(id)) {
      const s = await tx.objectStore('contacts').get(id);
      cache.set(id, s ? fromStored(s) : undefined);
    }
    return cache.get(id);
  };
}

/** Saved records whose name folds to the same key (read through the search index's most selective word). */
async function sameNameIds(tx: Tx, name: string): Promise<string[]> {
  const key = nameKey(name);
  const word = wordsOf(name).sort((a, b) => b.length - a.length)[0];
  const group = word && groupOf(word);
  if (!key || !group) return [];
  const entries = await tx.objectStore('search').index('byPrefix').getAll(IDBKeyRange.bound([group], [group, []]), 5000);
  return [...new Set(entries.filter((e) => nameKey(e.name) === key).map((e) => e.id))];
}

/** Records possibly the same person by name + company or name + company email domain. */
async function nameHints(tx: Tx, p: PersonIdentity, hints: Hints, load: (id: string) => Promise<Contact | undefined>): Promise<Contact[]> {
  const sameName: Contact[] = [];
  const ck = nameCompanyKey(p.name, p.company);
  const dk = new Set(nameDomainKeys(p.name, p.emails));
  for (const id of await sameNameIds(tx, p.name)) {
    const c = await load(id);
    if (!c) continue;
    sameName.push(c);
    if (ck && nameCompanyKey(c.name, c.company) === ck) hints.add(c, 'name-company');
    if (dk.size && nameDomainKeys(c.name, c.emails).some((k) => dk.has(k))) hints.add(c, 'name-domain');
  }
  return sameName;
}

export interface Resolution {
  /** the saved record this person is */
  matchId?: string;
  /** saved records possibly the same person (the match excluded) */
  hints: DuplicateHint[];
}

export async function resolvePerson(tx: Tx, p: PersonIdentity): Promise<Resolution> {
  const load = await loader(tx);
  const hints = new Hints();
  const agreeing: { c: Contact; rank: number }[] = [];
  const consider = async (id: string, reason: DuplicateReason) => {
    const c = await load(id);
    if (!c || agreeing.some((a) => a.c.id === id)) return;
    // Evidence against evidence: a shared address or link with a clearly different name is for the user to decide.
    if (namesDisagree(p.name, c.name)) hints.add(c, reason);
    else agreeing.push({ c, rank: (reason === 'email' ? 0 : 2) + (nameKey(c.name) === nameKey(p.name) ? 0 : 1) });
  };
  const contacts = tx.objectStore('contacts');
  for (const e of p.emails) for (const id of await contacts.index('byEmail').getAllKeys(emailKey(e))) await consider(id, 'email');
  const own = identityLinks(p);
  for (const l of own) {
    for (const v of linkVariants(l)) for (const id of await contacts.index('byLink').getAllKeys(v)) await consider(id, 'link');
  }
  // Several records agree (kept apart by the user earlier): an email beats a link, the same name beats a similar one,
  // then the oldest record. The others are shown as possibly the same.
  agreeing.sort((x, y) => x.rank - y.rank || x.c.createdAt.localeCompare(y.c.createdAt));
  let matchId = agreeing[0]?.c.id;
  for (const a of agreeing.slice(1)) hints.add(a.c, a.rank < 2 ? 'email' : 'link');
  const sameName = await nameHints(tx, p, hints, load);
  if (!matchId && p.emails.length === 0 && p.links.length === 0) {
    // A name only (an Outlook participant without an address): the record with the same name and company, if one.
    const company = nameKey(p.company ?? '');
    const same = sameName.filter((c) => nameKey(c.company ?? '') === company);
    if (same.length === 1) matchId = same[0]!.id;
    else for (const c of same) hints.add(c, 'name');
  }
  return { ...(matchId ? { matchId } : {}), hints: hints.list(matchId) };
}

/** Records possibly the same person as the saved record `c` (sharing an email, a profile link, name + company or domain). */
export async function duplicateHintsFor(tx: Tx, c: Contact): Promise<DuplicateHint[]> {
  const load = await loader(tx);
  const hints = new Hints();
  const contacts = tx.objectStore('contacts');
  for (const e of c.emails) {
    for (const id of await contacts.index('byEmail').getAllKeys(emailKey(e))) {
      const o = await load(id);
      if (o) hints.add(o, 'email');
    }
  }
  for (const l of c.links.filter(isProfileLink)) {
    for (const v of linkVariants(l)) {
      for (const id of await contacts.index('byLink').getAllKeys(v)) {
        const o = await load(id);
        if (o) hints.add(o, 'link');
      }
    }
  }
  await nameHints(tx, c, hints, load);
  return hints.list(c.id);
}

export interface DuplicatePair {
  a: Contact;
  b: Contact;
  reasons: DuplicateReason[];
}

const DISMISSED_KEY = 'duplicates-dismissed';

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** "These two are not the same person": the pair is no longer offered. */
export async function dismissDuplicate(db: TouchpointDatabase, a: string, b: string): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const cur = ((await tx.store.get(DISMISSED_KEY))?.value as string[] | undefined) ?? [];
  const key = pairKey(a, b);
  if (!cur.includes(key)) await tx.store.put({ key: DISMISSED_KEY, value: [...cur, key].slice(-10_000) });
  await tx.done;
}

/**
 * Every pair of records possibly one person (or those of one record), most recently updated first. One pass over the
 * contacts grouping them by email key, profile link key, name + company and name + email domain.
 */
export async function findDuplicatePairs(db: TouchpointDatabase, opts: { id?: string; limit?: number } = {}): Promise<DuplicatePair[]> {
  const limit = opts.limit ?? 100;
  const tx = db.transaction(['contacts', 'search', 'meta'], 'readonly');
  const dismissed = new Set(((await tx.objectStore('meta').get(DISMISSED_KEY))?.value as string[] | undefined) ?? []);
  const byId = new Map<string, Contact>();
  const pairs = new Map<string, Set<DuplicateReason>>();
  const note = (a: string, b: string, r: DuplicateReason) => {
    if (a === b) return;
    const k = pairKey(a, b);
    if (dismissed.has(k)) return;
    let s = pairs.get(k);
    if (!s) pairs.set(k, (s = new Set()));
    s.add(r);
  };
  if (opts.id) {
    const s = await tx.objectStore('contacts').get(opts.id);
    if (s) {
      const c = fromStored(s);
      byId.set(c.id, c);
      for (const h of await duplicateHintsFor(tx as unknown as Tx, c)) for (const r of h.reasons) note(c.id, h.id, r);
      for (const k of pairs.keys()) {
        const other = k.split('|').find((x) => x !== c.id)!;
        const o = await tx.objectStore('contacts').get(other);
        if (o) byId.set(other, fromStored(o));
      }
    }
  } else {
    // Runs of equal keys in the blocking-key index (v3, utils/domain `blockingKeys`), read keys only: the records read
    // are those of the pairs found, not every contact.
    const reasonOf: Record<string, DuplicateReason> = { e: 'email', l: 'link', c: 'name-company', d: 'name-domain' };
    let runKey = '';
    let run: string[] = [];
    const flush = () => {
      const reason = reasonOf[runKey.charAt(0)];
      const uniq = [...new Set(run)];
      // a shared team address is not twenty duplicates; the name-only key is identity for capture, not a hint here
      if (reason && uniq.length >= 2 && uniq.length <= 20) {
        for (let i = 0; i < uniq.length; i++) for (let j = i + 1; j < uniq.length; j++) note(uniq[i]!, uniq[j]!, reason);
      }
    };
    // The raw cursor, not idb's promise per step: a step is then a callback on a prefetched key. Keys below "n" are
    // the hint reasons (c, d, e, l); the name-only keys ("n:") are identity for captures and imports only.
    const index = unwrap(tx.objectStore('search').index('byDupKey'));
    await new Promise<void>((resolve, reject) => {
      const req = index.openKeyCursor(IDBKeyRange.upperBound('n', true));
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        const key = cursor.key as string;
        if (key !== runKey) {
          flush();
          runKey = key;
          run = [];
        }
        run.push(contactIdOfSearchKey(cursor.primaryKey as string));
        cursor.continue();
      };
    });
    flush();
    const ids = new Set<string>();
    for (const k of pairs.keys()) for (const id of k.split('|')) ids.add(id);
    const contacts = tx.objectStore('contacts');
    const loaded = await Promise.all([...ids].map((id) => contacts.get(id)));
    for (const s of loaded) if (s) byId.set(s.id, fromStored(s));
  }
  await tx.done;
  const out: DuplicatePair[] = [];
  for (const [k, reasons] of pairs) {
    const [x, y] = k.split('|') as [string, string];
    const a = byId.get(x);
    const b = byId.get(y);
    if (!a || !b) continue;
    // The more recently updated record first: it is the one the user most likely keeps.
    out.push(a.updatedAt >= b.updatedAt ? { a, b, reasons: [...reasons] } : { a: b, b: a, reasons: [...reasons] });
  }
  out.sort((p, q) => (q.a.updatedAt > p.a.updatedAt ? 1 : q.a.updatedAt < p.a.updatedAt ? -1 : 0));
  return out.slice(0, limit);
}
