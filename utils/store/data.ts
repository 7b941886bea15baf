import type { Company, Contact, Note, OutboxEntry, Task, Touchpoint } from '../model';
import { fromStored } from './contacts';
import { COUNTS_KEY, noDelta } from './search-entry';
import type { TouchpointDatabase } from './schema';

export interface AllData {
  contacts: Contact[];
  touchpoints: Touchpoint[];
  notes: Note[];
  tasks: Task[];
  companies: Company[];
  /** what is still owed to the CRM (pending or dead upserts and deletes), without the data */
  outbox: Pick<OutboxEntry, 'entity' | 'entityId' | 'op'>[];
  /** contact id → its company's id (the store's link, kept off the Contact model), for the companies CSV */
  companyOf: Map<string, string>;
}

/** Everything, for export. One read transaction so the lists are consistent with each other. */
export async function readAll(db: TouchpointDatabase): Promise<AllData> {
  const tx = db.transaction(['contacts', 'touchpoints', 'notes', 'outbox', 'tasks', 'companies'], 'readonly');
  const [contacts, touchpoints, notes, outbox, tasks, companies] = await Promise.all([
    tx.objectStore('contacts').getAll(),
    tx.objectStore('touchpoints').getAll(),
    tx.objectStore('notes').getAll(),
    tx.objectStore('outbox').getAll(),
    tx.objectStore('tasks').getAll(),
    tx.objectStore('companies').getAll(),
  ]);
  await tx.done;
  const owed = new Map<string, Pick<OutboxEntry, 'entity' | 'entityId' | 'op'>>();
  for (const { entity, entityId, op } of outbox) owed.set(`${entity}:${entityId}:${op}`, { entity, entityId, op });
  // notifiedAt is this device's bookkeeping (which notifications it showed), not the follow-up's data.
  const cleanTasks = tasks.map(({ notifiedAt: _n, ...t }) => t);
  const companyOf = new Map<string, string>();
  for (const c of contacts) if (c.companyId) companyOf.set(c.id, c.companyId);
  return { contacts: contacts.map(fromStored), touchpoints, notes, tasks: cleanTasks, companies, outbox: [...owed.values()], companyOf };
}

/**
 * Erase everything this device holds: contacts, touchpoints, notes, the outbox and the settings
 * (including CRM secrets). Nothing is sent to the CRM: erasing local data is not deleting it there.
 */
export async function eraseAll(db: TouchpointDatabase): Promise<void> {
  const tx = db.transaction(['contacts', 'search', 'touchpoints', 'notes', 'outbox', 'meta', 'tasks', 'companies'], 'readwrite');
  await Promise.all([
    tx.objectStore('tasks').clear(),
    tx.objectStore('companies').clear(),
    tx.objectStore('contacts').clear(),
    tx.objectStore('search').clear(),
    tx.objectStore('touchpoints').clear(),
    tx.objectStore('notes').clear(),
    tx.objectStore('outbox').clear(),
    tx.objectStore('meta').delete('settings'),
    tx.objectStore('meta').put({ key: COUNTS_KEY, value: noDelta() }),
  ]);
  await tx.done;
}
