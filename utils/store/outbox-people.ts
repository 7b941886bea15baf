import type { OutboxEntry } from '../model';
import type { TouchpointDatabase } from './schema';

/** The most entries read to count people: a queue longer than this is counted as "at least" (see `capped`). */
const MAX_READ = 5000;
/** Refused contacts listed for the pages (each with the CRM's reason). */
const MAX_REFUSED = 50;

export interface OutboxPeople {
  /** distinct contacts with a change waiting (a contact, its touchpoints and its notes are one person) */
  pendingPeople: number;
  /** contacts the CRM refused a change of, with the reason it gave (first one per contact) */
  refused: { contactId: string; error: string; name?: string }[];
  /** true when the queue was longer than what was read */
  capped?: boolean;
}

/**
 * Who the outbox is about, for the pages: "3 people waiting" rather than "9 changes" (a save is a contact, a
 * touchpoint and a note), and which contacts the CRM refused, so the side panel can mark them. Touchpoints and notes
 * (and follow-ups) name their contact in their own records; a deleted one's entry and a company name nobody.
 */
type EntryStores = 'touchpoints' | 'notes' | 'tasks';
/**
 * The contact an outbox entry is about: a contact's own, or the contact its touchpoint, note or follow-up names. A
 * company is nobody's, and a deleted record's entry names nobody.
 */
export async function contactOfEntry(
  tx: { objectStore(name: EntryStores): { get(key: string): Promise<{ contactId: string } | undefined> } },
  e: Pick<OutboxEntry, 'entity' | 'entityId'>,
): Promise<string | undefined> {
  if (e.entity === 'contact') return e.entityId;
  if (e.entity === 'note') return (await tx.objectStore('notes').get(e.entityId))?.contactId;
  if (e.entity === 'touchpoint') return (await tx.objectStore('touchpoints').get(e.entityId))?.contactId;
  if (e.entity === 'task') return (await tx.objectStore('tasks').get(e.entityId))?.contactId;
  return undefined;
}

export async function outboxPeople(db: TouchpointDatabase): Promise<OutboxPeople> {
  const tx = db.transaction(['outbox', 'touchpoints', 'notes', 'tasks', 'contacts'], 'readonly');
  const byStatus = tx.objectStore('outbox').index('byStatus');
  const [pending, dead] = await Promise.all([byStatus.getAll('pending', MAX_READ), byStatus.getAll('dead', MAX_READ)]);
  const contactOf = (e: (typeof pending)[number]) => contactOfEntry(tx, e);
  const waiting = new Set<string>();
  for (const e of pending) {
    const id = await contactOf(e);
    if (id) waiting.add(id);
  }
  const refused = new Map<string, string>();
  for (const e of dead) {
    if (refused.size >= MAX_REFUSED) break;
    const id = await contactOf(e);
    if (id && !refused.has(id)) refused.set(id, e.lastError ?? 'refused by the CRM');
  }
  // their names, for the options page's list (a refused contact deleted since is listed by its reason alone)
  const names = await Promise.all([...refused.keys()].map(async (id) => (await tx.objectStore('contacts').get(id))?.name));
  await tx.done;
  return {
    pendingPeople: waiting.size,
    refused: [...refused].map(([contactId, error], i) => ({ contactId, error, ...(names[i] ? { name: names[i] } : {}) })),
    ...(pending.length >= MAX_READ || dead.length >= MAX_READ ? { capped: true } : {}),
  };
}
