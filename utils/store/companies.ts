import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Company, Contact, ContactSummary, TouchpointType } from '../model';
import { companyDomainOf, companyNameKey, sameCompanyByDomain } from '../domain/company';
import { NotFoundError } from './errors';
import { newId } from './ids';
import { enqueueChange } from './outbox';
import type { TouchpointDB, TouchpointDatabase } from './schema';

type Names = ArrayLike<StoreNames<TouchpointDB>>;
type CompaniesStore = IDBPObjectStore<TouchpointDB, Names, 'companies', 'readwrite' | 'versionchange'>;
type OutboxStore = IDBPObjectStore<TouchpointDB, Names, 'outbox', 'readwrite'>;

/**
 * Link a person to their company record, finding it by the one dedupe rule (utils/domain/company.ts: the folded
 * name, else the work email domain) or creating it. Runs in the transaction that writes the contact, so a person is
 * never saved without their company. A new company, or one that just learned its domain, is queued for sync when
 * `outbox` is given (before the caller queues the person, so a destination meets the company first).
 * Returns the company id, or undefined for a person without a company name.
 */
export function linkCompany(
  companies: CompaniesStore,
  outbox: OutboxStore | undefined,
  c: Pick<Contact, 'company' | 'emails'>,
  now: number,
): Promise<string | undefined> {
  // Writers issue contact writes together (an import's chunk of 500): two people of one new company would both miss
  // it and both add it. Links run one after another per transaction, so the second finds what the first made.
  const tx = companies.transaction;
  const run = (chains.get(tx) ?? Promise.resolve(undefined)).then(() => linkOne(companies, outbox, c, now));
  chains.set(tx, run.catch(() => undefined));
  return run;
}

const chains = new WeakMap<object, Promise<unknown>>();

async function linkOne(
  companies: CompaniesStore,
  outbox: OutboxStore | undefined,
  c: Pick<Contact, 'company' | 'emails'>,
  now: number,
): Promise<string | undefined> {
  const nameKey = companyNameKey(c.company);
  if (!nameKey || !c.company) return undefined;
  const domain = companyDomainOf(c.emails);
  let found = await companies.index('byNameKey').get(nameKey);
  // A domain belongs to one company: the first that had it.
  const domainOwner = domain ? await companies.index('byDomain').get(domain) : undefined;
  if (!found && domainOwner && sameCompanyByDomain(domainOwner.nameKey, nameKey)) found = domainOwner;
  const at = new Date(now).toISOString();
  if (found) {
    if (!found.domain && domain && !domainOwner) {
      found = { ...found, domain, updatedAt: at };
      await companies.put(found);
      if (outbox) await enqueueChange(outbox, { entity: 'company', entityId: found.id, op: 'upsert' }, now);
    }
    return found.id;
  }
  const company: Company = { id: newId(), name: c.company.trim().slice(0, 10_000), nameKey, ...(domain && !domainOwner ? { domain } : {}), createdAt: at, updatedAt: at };
  await companies.add(company);
  if (outbox) await enqueueChange(outbox, { entity: 'company', entityId: company.id, op: 'upsert' }, now);
  return company.id;
}

export interface CompanyPerson extends ContactSummary {
  location?: string;
  /** the person's latest touch (stage changes are our record keeping, not a touch) */
  lastTouch?: { type: TouchpointType; at: string };
}

/** A company with its people, most recently touched first. */
export async function getCompany(db: TouchpointDatabase, id: string): Promise<{ company: Company; people: CompanyPerson[] }> {
  const tx = db.transaction(['companies', 'contacts', 'touchpoints'], 'readonly');
  const company = await tx.objectStore('companies').get(id);
  if (!company) throw new NotFoundError('This company no longer exists.');
  const contacts = await tx.objectStore('contacts').index('byCompanyId').getAll(id);
  const people: CompanyPerson[] = [];
  for (const c of contacts) {
    let cursor = await tx.objectStore('touchpoints').index('byContactAt').openCursor(IDBKeyRange.bound([c.id], [c.id, []]), 'prev');
    while (cursor && cursor.value.type === 'stage-change') cursor = await cursor.continue();
    const last = cursor?.value;
    people.push({
      id: c.id,
      kind: c.kind,
      stage: c.stage,
      name: c.name,
      updatedAt: c.updatedAt,
      ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
      ...(c.company ? { company: c.company } : {}),
      ...(c.emails[0] ? { email: c.emails[0] } : {}),
      ...(c.location ? { location: c.location } : {}),
      ...(last ? { lastTouch: { type: last.type, at: last.at } } : {}),
    });
  }
  await tx.done;
  const when = (p: CompanyPerson) => p.lastTouch?.at ?? p.updatedAt;
  people.sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0));
  return { company, people };
}

/** The company a contact is linked to, if any. */
export async function companyIdOfContact(db: TouchpointDatabase, contactId: string): Promise<string | undefined> {
  const c = await db.get('contacts', contactId);
  if (!c) throw new NotFoundError('This contact no longer exists.');
  return c.companyId;
}
