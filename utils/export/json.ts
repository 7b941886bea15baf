import { z } from 'zod';
import { Company, Contact, Note, OutboxEntry, Task, Touchpoint } from '../model';

/** Our own export format; `data.import` accepts exactly this (validated record by record). */
export const EXPORT_FORMAT = 'touchpoint-export';
/**
 * 2 added `outbox`: which records were still waiting for the CRM, so a restore queues exactly those again.
 * 3 added `tasks` (follow-ups) and `companies`.
 */
export const EXPORT_VERSION = 3;

/** An outbox entry without its data or delivery state: which record was still owed to the CRM, and how. */
export const PendingEntry = OutboxEntry.pick({ entity: true, entityId: true, op: true });

export const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(EXPORT_VERSION)]),
  exportedAt: z.string(),
  contacts: z.array(Contact),
  touchpoints: z.array(Touchpoint),
  notes: z.array(Note),
  /** v3 */
  tasks: z.array(Task).optional(),
  /** v3 */
  companies: z.array(Company).optional(),
  /** changes not yet delivered to the CRM when the file was written (v2) */
  outbox: z.array(PendingEntry).optional(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export function toExportJson(data: Omit<ExportFile, 'format' | 'version' | 'exportedAt'>, exportedAt: string): string {
  const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, ...data, outbox: data.outbox ?? [] };
  return JSON.stringify(file, null, 2);
}

/** Parse and validate an export; throws an Error with a readable message on anything else. */
export function parseExportJson(text: string): ExportFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON. Choose a file exported by Touchpoint (Export → JSON).');
  }
  const parsed = ExportFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    throw new Error(`This is not a Touchpoint export we can read (${where}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}
