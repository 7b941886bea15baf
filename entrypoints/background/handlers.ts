import { browser } from 'wxt/browser';
import { companiesToCsv, contactsToCsv } from '../../utils/export/csv';
import { toExportJson } from '../../utils/export/json';
import { ImportError, parseImportFile } from '../../utils/import';
import { contactsToVcard } from '../../utils/export/vcard';
import { HandlerError } from '../../utils/messaging/errors';
import type { Handlers } from '../../utils/messaging/router';
import {
  addTouchpoint,
  deleteContact,
  deleteNote,
  discardEmptyCall,
  eraseAll,
  findDuplicatePairs,
  dismissDuplicate,
  mergeContacts,
  unmergeContacts,
  getContact,
  getSettings,
  importBatch,
  MissingTokenError,
  outboxCounts,
  promoteContact,
  readDeliveries,
  requeue,
  readAll,
  reviveDead,
  saveCapturedPerson,
  saveNote,
  saveSettings,
  searchContacts,
  toPublicSettings,
  updateContact,
  type TouchpointDatabase,
} from '../../utils/store';
import { captureTab } from './capture';
import type { SyncService } from './sync';

export interface HandlerDeps {
  db: () => Promise<TouchpointDatabase>;
  sync: SyncService;
}

function exportName(ext: string): string {
  return `touchpoint-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

/** One handler per message in messageSchemas; each validated payload in, typed response out. */
export function createHandlers({ db, sync }: HandlerDeps): Handlers {
  /** Run a write, then let the sync service know (badge, drain soon). */
  const write = async <T>(fn: (d: TouchpointDatabase) => Promise<T>): Promise<T> => {
    try {
      return await fn(await db());
    } finally {
      sync.changed();
    }
  };

  const handlers: Handlers = {
    ping: () => ({ version: browser.runtime.getManifest().version }),

    'capture.tab': async ({ tabId, quick }) =>
      captureTab(tabId, {
        quick,
        db,
        ownDomains: async () => (await getSettings(await db())).ownDomains,
      }),

    'contacts.save': async (req) => {
      const r = await write((d) => saveCapturedPerson(d, req));
      return {
        contact: r.contact,
        created: r.created,
        possibleDuplicates: r.possibleDuplicates,
        duplicates: r.duplicates,
        touchpointType: r.touchpointType,
      };
    },
    'contacts.get': async ({ id }) => getContact(await db(), id),
    'contacts.search': async (q) => searchContacts(await db(), q),
    'contacts.update': async ({ id, patch }) => write((d) => updateContact(d, id, patch)),
    'contacts.duplicates': async ({ id, limit }) => ({ pairs: await findDuplicatePairs(await db(), { id, limit }) }),
    'contacts.notDuplicate': async ({ a, b }) => {
      await dismissDuplicate(await db(), a, b);
      return { dismissed: true };
    },
    'contacts.merge': async ({ survivorId, mergedId, pick }) => write((d) => mergeContacts(d, survivorId, mergedId, pick)),
    'contacts.unmerge': async ({ undoId }) => write((d) => unmergeContacts(d, undoId)),
    'contacts.promote': async ({ id }) => ({ contact: await write((d) => promoteContact(d, id)) }),
    'contacts.delete': async ({ id }) => ({ deleted: await write((d) => deleteContact(d, id)) }),

    'touchpoints.add': async (t) => ({ touchpoint: await write((d) => addTouchpoint(d, t)) }),
    'notes.save': async (n) => ({ note: await write((d) => saveNote(d, n)) }),
    'notes.delete': async ({ id }) => ({ deleted: await write((d) => deleteNote(d, id)) }),
    'notes.discardCall': async ({ id }) => ({ discarded: await write((d) => discardEmptyCall(d, id)) }),

    'settings.get': async () => ({ settings: toPublicSettings(await getSettings(await db())) }),
    'settings.save': async ({ settings }) => {
      const d = await db();
      const saved = await saveSettings(d, settings).catch((e: unknown) => {
        // A HubSpot/Pipedrive token left out with none stored to keep: the page must ask for it.
        throw e instanceof MissingTokenError ? new HandlerError('bad-request', e.message) : e;
      });
      // A new endpoint (or secret) deserves another try at what the old one refused.
      if (saved.destinationChanged) await reviveDead(d);
      // A new credential resumes a paused destination; a destination never synced to is offered a full sync.
      await sync.destinationSaved(saved.destinationChanged);
      sync.changed();
      return { settings: toPublicSettings(saved.settings) };
    },

    'outbox.status': async () => outboxCounts(await db()),
    'outbox.retry': async ({ contactId }) => {
      await reviveDead(await db(), Date.now(), contactId ? { contactId } : {});
      await sync.drainNow();
      return outboxCounts(await db());
    },
    'sync.now': async () => {
      const d = await db();
      const settings = await getSettings(d);
      if (settings.destination.type === 'none') {
        throw new HandlerError('network', 'No CRM is configured yet. Set one up in Touchpoint’s options; your changes wait here until then.');
      }
      await sync.drainNow();
      return outboxCounts(d);
    },

    'sync.status': async () => sync.status(),
    'sync.test': async () => {
      const r = await sync.test();
      await sync.refreshBadge();
      return r.ok ? { ok: true, ...(r.detail ? { detail: r.detail } : {}), ...(r.status !== undefined ? { status: r.status } : {}) } : { ok: false, error: r.failure.error, kind: r.failure.kind, ...(r.status !== undefined ? { status: r.status } : {}) };
    },
    'sync.fullSync': async ({ accept }) => {
      const queued = await sync.fullSync(accept);
      if (queued) sync.changed();
      return { queued };
    },
    'deliveries.list': async () => ({ items: (await readDeliveries(await db())).map(({ refs: _r, ...view }) => view) }),
    'deliveries.redeliver': async ({ id }) => {
      const d = await db();
      const record = (await readDeliveries(d)).find((r) => r.id === id);
      if (!record) throw new HandlerError('not-found', 'That delivery is no longer in the log.');
      const queued = await write((dd) => requeue(dd, record.refs, sync.now()));
      return { queued };
    },

    'data.export': async ({ format }) => {
      const all = await readAll(await db());
      if (format === 'csv' || format === 'csv-hubspot' || format === 'csv-salesforce') {
        const preset = format === 'csv' ? 'plain' : format === 'csv-hubspot' ? 'hubspot' : 'salesforce';
        const content = contactsToCsv(all.contacts, { preset, touchpoints: all.touchpoints });
        return { filename: exportName(preset === 'plain' ? 'csv' : `${preset}.csv`), mime: 'text/csv;charset=utf-8', content };
      }
      if (format === 'csv-companies') {
        const content = companiesToCsv(all.companies, { contacts: all.contacts, companyOf: all.companyOf, touchpoints: all.touchpoints });
        return { filename: exportName('companies.csv'), mime: 'text/csv;charset=utf-8', content };
      }
      if (format === 'vcard') return { filename: exportName('vcf'), mime: 'text/vcard;charset=utf-8', content: contactsToVcard(all.contacts) };
      const { companyOf: _links, ...data } = all;
      return { filename: exportName('json'), mime: 'application/json', content: toExportJson(data, new Date().toISOString()) };
    },
    'data.import': async ({ text, fileName }) => {
      const d = await db();
      const settings = await getSettings(d);
      let batch;
      try {
        // Parsed and validated whole before anything is written (utils/import is pure).
        batch = parseImportFile(text, { defaultKind: settings.defaultKind, at: new Date().toISOString(), fileName });
      } catch (e) {
        if (e instanceof ImportError) throw new HandlerError('bad-request', e.message);
        throw e;
      }
      return write((x) => importBatch(x, batch));
    },
    'data.erase': async () => {
      await eraseAll(await db());
      // Drafts and call state the pages mirror in storage.local are personal data too.
      await browser.storage.local.clear();
      await sync.refreshBadge();
      return { erased: true };
    },
  };

  return handlers;
}
