import type { Contact, OutboxEntry } from '../model';
import { queueId } from './ids';
import { applyCountsDelta, noDelta, putContactRecord } from './search-entry';
import type { TouchpointDatabase } from './schema';
import { mulberry32 } from '../random';
import { queuePosition } from './outbox';

/**
 * Synthetic contacts for benchmarks and demos, written through the store's own record shape (search
 * tokens included) so search runs exactly as on real data. Deterministic for a given seed.
 * The E2E build exposes it as the 'debug.seed' message.
 */

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Sofia', 'Anders', 'Elin', 'Per', 'Ingrid', 'Mikael', 'Sara', 'Oskar', 'Emma', 'Nils', 'Li', 'Wei', 'Priya', 'Rahul', 'Fatima', 'Omar', 'Chloé', 'Łukasz', 'Zoë', 'José', 'Ngozi', 'Kenji', 'Aiko', 'Mateo', 'Olivia', 'Noah', 'Liam', 'Ava', 'Hannah', 'Jonas', 'Åsa', 'Björn', 'Siobhán', 'Dmitri'];
const LAST = ['Svensson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Smith', 'Garcia', 'Müller', 'Rossi', 'Kowalski', 'Nguyen', 'Patel', 'Kim', 'Okafor', 'Haddad', 'Tanaka', 'Silva', 'Novak', 'Dubois', 'Jensen', 'Öberg', "O'Brien", 'Van Dijk', 'Ivanova', 'Chen', 'Singh', 'Lindqvist'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne', 'Wonka', 'Aperture', 'Black Mesa', 'Massive Dynamic', 'Nordvik', 'Fjällräven Labs', 'Blue Harbor', 'Northwind', 'Contoso'];
const TITLE = ['Head of Sales', 'Marketing Manager', 'CTO', 'VP Engineering', 'Account Executive', 'Founder', 'Product Manager', 'Designer', 'Procurement Lead', 'CFO'];


export interface SeedOptions {
  seed?: number;
  /** also queue one outbox upsert per contact (for the sync benchmark) */
  queue?: boolean;
  /** also give each contact a note of this many characters (queued too when `queue`) */
  noteChars?: number;
  /** contacts per transaction */
  chunk?: number;
  now?: number;
}

export function syntheticContact(i: number, rand: () => number, now: number): Contact {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const first = pick(FIRST);
  const last = pick(LAST);
  const company = pick(COMPANY);
  const domain = company.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') + '.example';
  const local = `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '');
  const kind = rand() < 0.5 ? 'lead' : 'prospect';
  const updated = new Date(now - Math.floor(rand() * 365 * 86_400_000)).toISOString();
  const slug = `${local.replace('.', '-')}-${i.toString(36)}`;
  return {
    id: `seed-${i.toString(36).padStart(6, '0')}`,
    kind,
    stage: 'new',
    name: `${first} ${last}`,
    firstName: first,
    lastName: last,
    jobTitle: pick(TITLE),
    company,
    emails: [`${local}${i}@${domain}`],
    phones: [`+46${String(700000000 + i).slice(0, 9)}`],
    links: [`https://linkedin.com/in/${slug}`],
    tags: rand() < 0.2 ? ['seeded'] : [],
    source: { url: `https://linkedin.com/in/${slug}`, site: 'seed', capturedAt: updated },
    provenance: {},
    history: [],
    createdAt: updated,
    updatedAt: updated,
    sync: {},
  };
}

/** Add `n` synthetic contacts (ids seed-000000 …, so seeding twice overwrites rather than doubles). */
export async function seedContacts(db: TouchpointDatabase, n: number, opts: SeedOptions = {}): Promise<number> {
  const rand = mulberry32(opts.seed ?? 1);
  const now = opts.now ?? Date.now();
  const chunk = opts.chunk ?? 1000;
  for (let i = 0; i < n; i += chunk) {
    const tx = db.transaction(['contacts', 'search', 'meta', 'outbox', 'notes', 'companies'], 'readwrite');
    const delta = noDelta();
    const contacts = tx.objectStore('contacts');
    const search = tx.objectStore('search');
    const outbox = tx.objectStore('outbox');
    const writes: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + chunk); j++) {
      const c = syntheticContact(j, rand, now);
      writes.push(putContactRecord(contacts, search, c, delta, undefined, { queueCompany: false }));
      if (opts.queue) {
        const position = queuePosition(now);
        const entry: OutboxEntry = {
          // A fresh id each time: outbox ids are idempotency keys, never to be reused for a new change.
          id: queueId(position),
          entity: 'contact',
          entityId: c.id,
          op: 'upsert',
          createdAt: new Date(now).toISOString(),
          attempts: 0,
          nextAttemptAt: position,
          status: 'pending',
        };
        writes.push(outbox.put(entry));
      }
      if (opts.noteChars) {
        const noteId = `seed-note-${j.toString(36).padStart(6, '0')}`;
        const body = `Call notes for ${c.name}. `.padEnd(opts.noteChars, 'Discussed pricing, seats and timeline. ');
        writes.push(tx.objectStore('notes').put({ id: noteId, contactId: c.id, body, createdAt: c.updatedAt, updatedAt: c.updatedAt }));
        if (opts.queue) {
          const position = queuePosition(now);
          writes.push(
            outbox.put({ id: queueId(position), entity: 'note', entityId: noteId, op: 'upsert', createdAt: new Date(now).toISOString(), attempts: 0, nextAttemptAt: position, status: 'pending' }),
          );
        }
      }
    }
    // Issue every request, then wait once: far faster than awaiting each put.
    await Promise.all(writes);
    await applyCountsDelta(tx.objectStore('meta'), delta);
    await tx.done;
  }
  return n;
}
