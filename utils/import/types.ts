import type { Company, Contact, ImportFormat, Note, OutboxEntry, Task, Touchpoint } from '../model';

export type { ImportFormat };

export interface PendingChange {
  entity: OutboxEntry['entity'];
  entityId: string;
}

/**
 * A whole file, parsed and validated before anything is written: the store applies it in one
 * transaction, so a file imports whole or not at all.
 */
export interface ImportBatch {
  format: ImportFormat;
  contacts: Contact[];
  touchpoints: Touchpoint[];
  notes: Note[];
  /** our JSON export (v3): follow-ups and companies */
  tasks?: Task[];
  companies?: Company[];
  /**
   * What the file says was still waiting for the CRM when it was written (our JSON export, v2). When it
   * is undefined the file cannot say (CSV, vCard, v1 JSON), and whatever the import adds is queued.
   */
  pending?: PendingChange[];
  /** ids of contacts whose file gives no modification time: on a conflicting value the saved one wins */
  undated: string[];
  /**
   * true when the file's kind and stage are a person's decision (our own export): only then may an
   * import change the kind or stage of a contact already saved here
   */
  kindIsDecided: boolean;
  /** rows that describe nobody (no name, email or link), reported and left out */
  skipped: { row: number; reason: string }[];
}

export interface ParseOptions {
  /** kind for people the file does not classify (Settings → default kind) */
  defaultKind: Contact['kind'];
  /** the import's time, ISO (injectable for tests) */
  at: string;
  /** the file's name, recorded as the contacts' source */
  fileName?: string;
}

/** A file we cannot read: the message is shown to the user as it is. */
export class ImportError extends Error {
  override name = 'ImportError';
}
