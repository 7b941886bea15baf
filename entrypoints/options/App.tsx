/**
 * Options: where contacts go (CRM destination), your own domains, default kind, import/export, erase.
 *
 * data-testid (stable; used by e2e tests):
 *   options-loading, options-error, settings-form, dest-<type> and <type>-<field id> (DestinationFields:
 *   webhook-url, webhook-secret, webhook-secret-generate, webhook-provenance, hubspot-token, pipedrive-domain,
 *   pipedrive-token), own-domains,
 *   kind-lead / kind-prospect (default kind), auto-sync, settings-save, settings-status, settings-error,
 *   export-json, export-csv, export-csv-hubspot, export-csv-salesforce, export-csv-companies, export-vcard, import-file, data-status, data-error,
 *   erase-confirm, erase-all, privacy
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../utils/messaging/client';
import type { PublicSettings } from '../../utils/model/settings';
import { staleOrigins } from '../../utils/model/destinations';
import { ErrorBanner } from '../../components/ErrorBanner';
import { KindToggle } from '../../components/KindToggle';
import { errorText } from '../../components/lib/hooks';
import { importSummary } from '../../utils/import/summary';
import type { ExportFormat } from '../../utils/model/import';
import { Delivery } from './Delivery';
import { focusSoon } from '../../components/lib/focus';
import { DestinationFields } from './DestinationFields';
import { downloadText, formFromSettings, originsFor, settingsFromForm, storedOrigins, type OptionsForm } from './logic';

export function App() {
  const [stored, setStored] = useState<PublicSettings | undefined>();
  const [form, setForm] = useState<OptionsForm | undefined>();
  const [loadError, setLoadError] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveMsg, setSaveMsg] = useState('');
  const [saveErr, setSaveErr] = useState('');
  const [dataMsg, setDataMsg] = useState('');
  const [dataErr, setDataErr] = useState('');
  const [eraseText, setEraseText] = useState('');
  const [savedVersion, setSavedVersion] = useState(0);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    send('settings.get', {}).then(
      (r) => {
        setStored(r.settings);
        setForm(formFromSettings(r.settings));
        // options.html#destination ("Connect a CRM" in the side panel): straight to that section
        if (location.hash === '#destination') focusSoon('#destination');
      },
      (e) => setLoadError(errorText(e)),
    );
  }, []);

  const set = (patch: Partial<OptionsForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setSaveMsg('');
    // An error about the destination's fields (a bad webhook URL) is stale once another destination is chosen.
    if (patch.destType !== undefined) setSaveErr('');
  };

  /** Runs inside the submit event: the permission request must start before anything is awaited (user gesture). */
  function onSubmit(e: Event) {
    e.preventDefault();
    if (!form) return;
    setSaveErr('');
    setSaveMsg('');
    const built = settingsFromForm(form, stored);
    if (!built.ok) {
      setSaveErr(built.error);
      return;
    }
    const origins = originsFor(built.settings.destination);
    const granted: Promise<boolean> = origins.length ? browser.permissions.request({ origins }) : Promise.resolve(true);
    setSaving(true);
    granted
      .then(async (ok) => {
        if (!ok) {
          setSaveErr(
            `Touchpoint needs your permission to reach ${origins.join(' and ')} to sync contacts there. Nothing was changed.`,
          );
          return;
        }
        const r = await send('settings.save', { settings: built.settings });
        // The old destination's origins go with it: Touchpoint keeps access only to where it syncs now.
        const stale = staleOrigins(storedOrigins(stored), origins);
        if (stale.length) await browser.permissions.remove({ origins: stale }).catch(() => false);
        setStored(r.settings);
        setForm(formFromSettings(r.settings));
        setSaveMsg('Settings saved.');
        setSavedVersion((n) => n + 1);
      })
      .catch((err) => setSaveErr(errorText(err)))
      .finally(() => setSaving(false));
  }

  async function exportAs(format: ExportFormat) {
    setDataErr('');
    try {
      const r = await send('data.export', { format });
      downloadText(r.filename, r.mime, r.content);
      setDataMsg(`Exported ${r.filename}.`);
    } catch (e) {
      setDataErr(errorText(e));
    }
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setDataErr('');
    setDataMsg(`Reading ${file.name}…`);
    setImporting(true);
    try {
      const r = await send('data.import', { text: await file.text(), fileName: file.name });
      setDataMsg(importSummary(r, file.name));
    } catch (e) {
      setDataMsg('');
      setDataErr(errorText(e));
    } finally {
      setImporting(false);
    }
  }

  async function eraseAll() {
    setDataErr('');
    try {
      await send('data.erase', { confirm: 'erase' });
      setEraseText('');
      setDataMsg('All contacts, notes and touchpoints were erased from this device.');
    } catch (e) {
      setDataErr(errorText(e));
    }
  }

  return (
    <main>
      <header class="row" style={{ marginBottom: '16px' }}>
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <div>
          <h1 style={{ fontSize: '20px' }}>Touchpoint settings</h1>
          <div class="muted">Where your contacts go, and what Touchpoint keeps.</div>
        </div>
      </header>

      {loadError && <ErrorBanner title="Settings could not be loaded." message={loadError} testid="options-error" />}
      {!form && !loadError && (
        <p class="muted" data-testid="options-loading">
          Loading settings…
        </p>
      )}

      {form && (
        <form onSubmit={onSubmit} data-testid="settings-form" novalidate>
          <fieldset id="destination" tabIndex={-1}>
            <legend>CRM destination</legend>
            <p class="muted small">
              Touchpoint works fully without a CRM. When you connect one, every saved contact, touchpoint and note is sent
              there too, with retries if it is down. The browser will ask you to allow Touchpoint to reach that address:
              it has no access to any website until you do.
            </p>
            <DestinationFields form={form} stored={stored} onChange={set} />
            {form.destType !== 'none' && (
              <label class="row" style={{ marginTop: '10px' }}>
                <input type="checkbox" data-testid="auto-sync" checked={form.autoSync} onChange={(e) => set({ autoSync: (e.currentTarget as HTMLInputElement).checked })} />
                Sync automatically as changes happen (otherwise only with “Sync now” in the side panel)
              </label>
            )}
          </fieldset>

          <fieldset>
            <legend>Capturing</legend>
            <label class="field">
              <span>Your own email domains (colleagues on these are never captured)</span>
              <input data-testid="own-domains" placeholder="acme.com, acme.se" value={form.ownDomains} onInput={(e) => set({ ownDomains: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <div style={{ marginTop: '10px' }}>
              <span class="field-label" id="default-kind-label">
                New people are saved as
              </span>
              <KindToggle label="Default kind for new people" value={form.defaultKind} onChange={(k) => set({ defaultKind: k })} />
              <p class="small muted" style={{ marginTop: '4px' }}>
                Marketing works many people through campaigns (leads); sales works one-to-one through meetings and calls
                (prospects). You can change it on every card before saving.
              </p>
            </div>
          </fieldset>

          {saveErr && <ErrorBanner message={saveErr} onDismiss={() => setSaveErr('')} testid="settings-error" />}
          <div class="row">
            <button type="submit" class="primary" data-testid="settings-save" disabled={saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </button>
            <span class="status" role="status" data-testid="settings-status">
              {saveMsg}
            </span>
          </div>
        </form>
      )}

      {form && <Delivery version={savedVersion} />}

      <fieldset style={{ marginTop: '20px' }}>
        <legend>Your data</legend>
        <div class="row wrap">
          <span>Export everything as</span>
          <button type="button" data-testid="export-json" onClick={() => void exportAs('json')}>
            JSON
          </button>
          <button type="button" data-testid="export-csv" onClick={() => void exportAs('csv')}>
            CSV
          </button>
          <button type="button" data-testid="export-csv-hubspot" onClick={() => void exportAs('csv-hubspot')}>
            CSV for HubSpot
          </button>
          <button type="button" data-testid="export-csv-salesforce" onClick={() => void exportAs('csv-salesforce')}>
            CSV for Salesforce
          </button>
          <button type="button" data-testid="export-csv-companies" onClick={() => void exportAs('csv-companies')}>
            Companies CSV
          </button>
          <button type="button" data-testid="export-vcard" onClick={() => void exportAs('vcard')}>
            vCard
          </button>
        </div>
        <label class="field" style={{ marginTop: '10px' }}>
          <span>
            Import a Touchpoint JSON export, a vCard file, or contacts exported from HubSpot, Salesforce, LinkedIn
            (Connections.csv) or Google Contacts. People already here are merged, notes are never overwritten, and a file
            that cannot be read whole changes nothing.
          </span>
          <input
            type="file"
            accept="application/json,.json,text/csv,.csv,text/vcard,.vcf,.vcard"
            disabled={importing}
            data-testid="import-file"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void importFile(input.files?.[0]).finally(() => (input.value = ''));
            }}
          />
        </label>
        {dataMsg && (
          <p class="banner ok" role="status" data-testid="data-status" style={{ marginTop: '10px' }}>
            {dataMsg}
          </p>
        )}
        {dataErr && <ErrorBanner message={dataErr} onDismiss={() => setDataErr('')} testid="data-error" />}
        <div class="stack" style={{ marginTop: '14px', borderTop: '1px solid var(--border)', paddingTop: '10px' }}>
          <strong>Erase all data</strong>
          <p class="small muted">
            Deletes every contact, touchpoint, note and unsent change from this device. Your CRM is not touched. Export
            first if you may need them. Type <code>erase</code> to confirm.
          </p>
          <div class="row">
            <label class="sr-only" for="erase-confirm">
              Type erase to confirm
            </label>
            <input id="erase-confirm" data-testid="erase-confirm" style={{ maxWidth: '160px' }} value={eraseText} onInput={(e) => setEraseText((e.currentTarget as HTMLInputElement).value)} />
            <button type="button" class="danger" data-testid="erase-all" disabled={eraseText.trim() !== 'erase'} onClick={() => void eraseAll()}>
              Erase all data
            </button>
          </div>
        </div>
      </fieldset>

      <section class="small muted" data-testid="privacy" style={{ marginTop: '20px' }}>
        <h2 style={{ color: 'var(--fg)' }}>Privacy</h2>
        <p>
          Touchpoint reads a page only when you click its button or use its shortcut or menu, and only that tab. What you
          save (people, touchpoints, notes and call notes) is kept in this browser's extension storage on this device, with
          unsent notes as drafts until they are saved. Nothing is sent anywhere unless you connect a CRM above; then
          changes go to that CRM only. Tokens and secrets stay inside the extension's background and are never given to web
          pages or shown back here.
        </p>
      </section>
    </main>
  );
}
