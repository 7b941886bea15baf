import { parseExportJson } from '../export/json';
import { parseCsv } from './csv';
import { ImportError, type ImportBatch, type ParseOptions } from './types';
import { parseVcard } from './vcard';

export { ImportError, type ImportBatch, type ImportFormat, type ParseOptions } from './types';
export { detectCsvFormat } from './csv';

/**
 * Any file a person may bring: our JSON export, a vCard file, or a CSV export of HubSpot, Salesforce,
 * LinkedIn or Google Contacts. The format is told by the content. Pure: nothing is written here, and a
 * file that cannot be read whole throws an ImportError that says why.
 */
export function parseImportFile(text: string, opts: ParseOptions): ImportBatch {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (!head) throw new ImportError('This file is empty. Nothing was imported.');
  if (head.startsWith('{') || head.startsWith('[')) {
    let file;
    try {
      file = parseExportJson(head);
    } catch (e) {
      throw new ImportError(`${(e as Error).message} Nothing was imported.`);
    }
    return {
      format: 'touchpoint-json',
      contacts: file.contacts,
      touchpoints: file.touchpoints,
      notes: file.notes,
      tasks: file.tasks ?? [],
      companies: file.companies ?? [],
      pending: file.version >= 2 ? (file.outbox ?? []).map(({ entity, entityId }) => ({ entity, entityId })) : undefined,
      undated: [],
      kindIsDecided: true,
      skipped: [],
    };
  }
  if (/^BEGIN:VCARD/i.test(head)) return parseVcard(head, opts);
  return parseCsv(head, opts);
}
