import type { Contact, Note, Touchpoint } from '../model';
import type { ExportFile } from '../export/json';
import { findMatchingContactId, fromStored, type StoreOptions } from './contacts';
import { applyCountsDelta, COUNTS_KEY, noDelta, putContactRecord } from './search-entry';
import { nowIso } from './ids';
import { mergeImportedContact } from './merge';
import { enqueueChange } from './outbox';
import type { TouchpointDatabase } from './schema';

export interface AllData {
  contacts: Contact[];
  touchpoints: Touchpoint[];
  notes: Note[];
}

/** Everything, for export. One read transaction so the three lists are consistent with each other. */
export async function readAll(db: TouchpointDatabase): Promise<AllData> {
  const tx = db.transaction(['contacts', 'touchpoints', 'notes'], 'readonly');
  const [contacts, touchpoints, notes] = await Promise.all([
    tx.objectStore('contacts').getAll(),
    tx.objectStore('touchpoints').getAll(),
    tx.objectStore('notes').getAll(),
  ]);
  await tx.done;
  return { contacts: contacts.map(fromStored), touchpoints, notes };
}

const CHUNK = 200;

/**
 * Import an export file: each contact merges into the saved one with the same id, else the same email or
 * profile link, else is added; touchpoints and notes follow their contact. Everything imported is queued
 * for the CRM. Runs in chunks so one transaction never holds a 100,000-contact file.
 */
export async function importData(db: TouchpointDatabase, file: ExportFile, opts: StoreOptions = {}): Promise<number> {
  const now = (opts.now ?? Date.now)();
  const at = nowIso(() => now);
  /** imported contact id → the id it lives under here */
  const idMap = new Map<string, string>();
  let imported = 0;

  for (let i = 0; i < file.contacts.length; i += CHUNK) {
    const tx = db.transaction(['contacts', 'search', 'meta', 'outbox'], 'readwrite');
    const contacts = tx.objectStore('contacts');
    const delta = noDelta();
    for (const incoming of file.contacts.slice(i, i + CHUNK)) {
      const targetId = (await contacts.getKey(incoming.id)) ?? (await findMatchingContactId(tx, incoming));
      const existing = targetId ? await contacts.get(targetId) : undefined;
      const contact = existing ? mergeImportedContact(fromStored(existing), incoming, at) : { ...incoming, sync: {} };
      await putContactRecord(contacts, tx.objectStore('search'), contact, delta);
      await enqueueChange(tx.objectStore('outbox'), { entity: 'contact', entityId: contact.id, op: 'upsert' }, now);
      idMap.set(incoming.id, contact.id);
      imported++;
    }
    await applyCountsDelta(tx.objectStore('meta'), delta);
    await tx.done;
  }

  const children: ({ kind: 'touchpoint'; v: Touchpoint } | { kind: 'note'; v: Note })[] = [
    ...file.touchpoints.map((v) => ({ kind: 'touchpoint' as const, v })),
    ...file.notes.map((v) => ({ kind: 'note' as const, v })),
  ];
  for (let i = 0; i < children.length; i += CHUNK) {
    const tx = db.transaction(['contacts', 'touchpoints', 'notes', 'outbox'], 'readwrite');
    for (const child of children.slice(i, i + CHUNK)) {
      const contactId = idMap.get(child.v.contactId) ?? child.v.contactId;
      if (!(await tx.objectStore('contacts').getKey(contactId))) continue; // its contact is neither here nor in the file
      if (child.kind === 'touchpoint') {
        if (await tx.objectStore('touchpoints').getKey(child.v.id)) continue;
        await tx.objectStore('touchpoints').put({ ...child.v, contactId });
      } else {
        const mine = await tx.objectStore('notes').get(child.v.id);
        if (mine && mine.updatedAt >= child.v.updatedAt) continue;
        await tx.objectStore('notes').put({ ...child.v, contactId });
      }
      await enqueueChange(tx.objectStore('outbox'), { entity: child.kind, entityId: child.v.id, op: 'upsert' }, now);
    }
    await tx.done;
  }
  return imported;
}

/**
 * Erase everything this device holds: contacts, touchpoints, notes, the outbox and the settings
 * (including CRM secrets). Nothing is sent to the CRM: erasing local data is not deleting it there.
 */
export async function eraseAll(db: TouchpointDatabase): Promise<void> {
  const tx = db.transaction(['contacts', 'search', 'touchpoints', 'notes', 'outbox', 'meta'], 'readwrite');
  await Promise.all([
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
