import type { SyncEvent } from './types';

/**
 * The drain loads the next batch while the previous request is on the wire (engine.ts), so the next batch's events
 * were built before that request's answer gave its remote ids. Without them a CRM connector would hold back a note whose
 * contact it has just created ("waiting for its contact", one endpoint backoff), and would create a second note, task
 * or contact for an entity it has just created. This carries the ids the answer gave into the prepared events, in
 * memory: the same ids the acknowledgement writes to the store, so the next load reads them anyway.
 */

type Family = 'contact' | 'note' | 'touchpoint' | 'task' | 'company';

function familyOf(type: SyncEvent['type']): Family {
  return type.slice(0, type.indexOf('.')) as Family;
}

/** The entity an event is about: its family and id. */
function entityKey(e: SyncEvent): string {
  return `${familyOf(e.type)}:${e.data.id}`;
}

export function carryRemoteIds(next: SyncEvent[], sent: SyncEvent[], acks: { id: string; remoteId?: string }[]): SyncEvent[] {
  const given = new Map<string, string>();
  const byId = new Map(sent.map((e) => [e.id, e]));
  for (const a of acks) {
    const e = byId.get(a.id);
    if (!e || !a.remoteId || e.type.endsWith('.deleted')) continue;
    given.set(entityKey(e), a.remoteId);
  }
  if (!given.size) return next;
  return next.map((e) => {
    const own = e.remote?.id ? undefined : given.get(entityKey(e));
    const owner = 'contactId' in e.data && !e.remote?.contactId ? given.get(`contact:${e.data.contactId}`) : undefined;
    if (own === undefined && owner === undefined) return e;
    const remote = { ...e.remote, ...(own !== undefined ? { id: own } : {}), ...(owner !== undefined ? { contactId: owner } : {}) };
    // Known to the destination now: a second "created" would make a second note or task there.
    if (own !== undefined && e.type === 'note.created') return { ...e, type: 'note.updated', remote };
    if (own !== undefined && e.type === 'task.created') return { ...e, type: 'task.updated', remote };
    return { ...e, remote } as SyncEvent;
  });
}
