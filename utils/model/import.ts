import { z } from 'zod';

/** Files `data.export` writes. csv-hubspot / csv-salesforce use the header of that CRM's import template; csv-companies is one row per company. */
export const ExportFormat = z.enum(['json', 'csv', 'csv-hubspot', 'csv-salesforce', 'csv-companies', 'vcard']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Files `data.import` reads (utils/import), told apart by their content. */
export const ImportFormat = z.enum(['touchpoint-json', 'hubspot-csv', 'salesforce-csv', 'linkedin-csv', 'google-csv', 'vcard']);
export type ImportFormat = z.infer<typeof ImportFormat>;

const ImportCounts = z.object({
  /** new on this device */
  added: z.number(),
  /** already here, and the file added something to it */
  merged: z.number(),
  /** already here with nothing new */
  unchanged: z.number(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/** What an import did, counted (utils/store/import.ts); the options page says it in words (utils/import/summary.ts). */
export const ImportResult = z.object({
  format: ImportFormat,
  contacts: ImportCounts,
  touchpoints: ImportCounts,
  /** keptBoth: notes whose id was taken here by a note with other text; both are kept */
  notes: ImportCounts.extend({ keptBoth: z.number() }),
  /** companies made by this import (our JSON's, and those its people work at), and the file's already here */
  companies: ImportCounts,
  /** follow-ups (our JSON v3): one by id is one follow-up, and one already here keeps its own state */
  tasks: ImportCounts,
  /** rows or cards that describe nobody, and touchpoints or notes whose contact is in neither place */
  skipped: z.number(),
  /** added beside a saved contact with the same email or profile link but a clearly different name */
  possibleDuplicates: z.number(),
  /** changes queued for the CRM by this import */
  queued: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;
