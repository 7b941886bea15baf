import type { Contact, Note, Touchpoint } from '../../utils/model';
import type { SyncEvent } from '../../utils/sync/types';

/** Small builders of the events the engine hands to a connector, for the CRM connector tests. */

let n = 0;
const at = '2026-11-27T09:00:00.000Z';

export function contact(over: Partial<Contact> = {}): Contact {
  const id = over.id ?? `c${++n}`;
  return {
    id,
    kind: 'prospect',
    stage: 'new',
    name: 'Ada Lindqvist',
    emails: ['ada@lindqvist.example'],
    phones: [],
    links: [],
    tags: [],
    source: { url: 'https://people.example.org/team', site: 'generic', capturedAt: at },
    provenance: {},
    history: [],
    createdAt: at,
    updatedAt: at,
    sync: {},
    ...over,
  };
}

export function note(contactId: string, body: string, over: Partial<Note> = {}): Note {
  return { id: over.id ?? `n${++n}`, contactId, body, createdAt: at, updatedAt: at, ...over };
}

export function touchpoint(contactId: string, over: Partial<Touchpoint> = {}): Touchpoint {
  return { id: over.id ?? `t${++n}`, contactId, type: 'profile-view', at, url: 'https://www.linkedin.com/in/ada/', ...over };
}

type EventOf<T extends SyncEvent['type']> = Extract<SyncEvent, { type: T }>;

export function ev<T extends SyncEvent['type']>(type: T, data: EventOf<T>['data'], remote?: SyncEvent['remote']): EventOf<T> {
  return { id: `e${++n}`, type, at, data, ...(remote ? { remote } : {}) } as EventOf<T>;
}

export const ctx = (batchId = 'b1') => ({ batchId });
