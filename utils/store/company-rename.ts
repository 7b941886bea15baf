import type { Company } from '../model';
import { companyNameKey } from '../domain/company';
import { abortWith, InvalidInputError, NotFoundError } from './errors';
import { nowIso } from './ids';
import { pushHistory } from './merge';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';
import { applyCountsDelta, noDelta, putContactRecord } from './search-entry';
import type { StoreOptions } from './contacts';

/**
 * Rename a company: the record (its dedupe key with it) and the company name of each of its people (the old name to
 * their history, provenance "user"), so a later save of one of them links to this record, not a new one of the old
 * name. One transaction; the company and its people are queued for sync (a CRM that knows the company by its remote
 * id renames it there: docs/sync.md). A name another company already has is refused: two records would be one.
 */
export async function renameCompany(db: TouchpointDatabase, id: string, name: string, opts: StoreOptions = {}): Promise<Company> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  const next = name.trim().slice(0, 10_000);
  const nameKey = companyNameKey(next);
  if (!nameKey) throw new InvalidInputError('A company needs a name.');
  const tx = db.transaction(['contacts', 'search', 'meta', 'companies', 'outbox'], 'readwrite');
  try {
    const companies = tx.objectStore('companies');
    const company = await companies.get(id);
    if (!company) throw new NotFoundError('This company no longer exists.');
    if (company.name === next) {
      await tx.done;
      return company;
    }
    const holder = await companies.index('byNameKey').get(nameKey);
    if (holder && holder.id !== id) throw new InvalidInputError(`Another company is already called “${holder.name}”.`);
    const renamed: Company = { ...company, name: next, nameKey, updatedAt: at };
    await companies.put(renamed);
    const outbox = tx.objectStore('outbox');
    await enqueueChange(outbox, { entity: 'company', entityId: id, op: 'upsert' }, now);
    const contacts = tx.objectStore('contacts');
    const delta = noDelta();
    for (const c of await contacts.index('byCompanyId').getAll(id)) {
      if (c.company === next) continue;
      const person = {
        ...c,
        company: next,
        updatedAt: at,
        provenance: { ...c.provenance, company: { source: 'user', at } },
        history: pushHistory(c.history, c.company ? [{ field: 'company', value: c.company, replacedAt: at }] : []),
      };
      await putContactRecord(contacts, tx.objectStore('search'), person, delta, c, { now, queueCompany: false });
      await enqueueChange(outbox, { entity: 'contact', entityId: c.id, op: 'upsert' }, now);
    }
    await applyCountsDelta(tx.objectStore('meta'), delta);
    await tx.done;
    return renamed;
  } catch (e) {
    return abortWith(tx, e);
  }
}
