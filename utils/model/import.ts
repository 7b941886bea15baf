import { z } from 'zod';

/** Files `data.export` writes. csv-hubspot / csv-salesforce use the header of that CRM's import template. */
export const ExportFormat = z.enum(['json', 'csv', 'csv-hubspot', 'csv-salesforce', 'vcard']);
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
  /** rows or cards that describe nobody, and touchpoints or notes whose contact is in neither place */
  skipped: z.number(),
  /** added beside a saved contact with the same email or profile link but a clearly different name */
  possibleDuplicates: z.number(),
  /** changes queued for the CRM by this import */
  queued: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;
