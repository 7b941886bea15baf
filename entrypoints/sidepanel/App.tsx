/**
 * Side panel: contacts, one contact's timeline, and call mode with live notes.
 *
 * data-testid (stable; used by e2e tests and the benchmark):
 *   list (ContactList.tsx): contact-search, kind-filter-all, kind-filter-lead, kind-filter-prospect,
 *     contact-count, contact-row (one per result, data-id = contact id), contacts-empty, contacts-no-match,
 *     contacts-error, contacts-loading
 *   detail (ContactDetail.tsx): contact-back, contact-detail, contact-name, contact-subtitle, kind-chip,
 *     stage-select, promote, contact-edit, contact-edit-form, edit-name, edit-jobTitle, edit-company,
 *     edit-location, edit-tags, contact-edit-save, contact-fields, note-input, note-input-status, note-done, timeline,
 *     timeline-item (data-type), contact-delete, contact-delete-confirm, detail-error
 *   call mode (CallMode.tsx): call-start, call-panel, call-timer, call-notes, call-notes-status,
 *     call-outcome, call-end, call-error
 *   duplicates (Duplicates.tsx): open-duplicates, duplicates-view, dup-pair, dup-pick-<field>-a/-b, dup-merge, dup-dismiss,
 *     dup-merged, dup-undo
 *   footer: sync-status, sync-now, open-options
 *   follow-ups (Due.tsx, FollowUps.tsx), companies (CompanyView.tsx), new contact (ContactForm.tsx): see those files;
 *     add-contact opens the form
 * Routes: sidepanel.html (list), sidepanel.html#/contact/<id> (one contact), sidepanel.html#/duplicates,
 *   #/company/<id> (a company and its people), #/new (add a contact by hand).
 */
import { useEffect, useState } from 'preact/hooks';
import { SyncStatus } from '../../components/SyncStatus';
import { pruneDrafts } from '../../components/lib/drafts';
import { openOptions } from '../../components/lib/panels';
import { useContactFocusRequests } from '../../components/lib/handoff';
import { ContactDetail } from './ContactDetail';
import { ContactList } from './ContactList';
import { Duplicates } from './Duplicates';
import { contactIdFromHash } from './call';
import { RecordsRoute, recordsRouteOf, type RecordsRouteId } from './RecordsRoute';
import { Due } from './Due';
import { focusSoon } from '../../components/lib/focus';
import { IconPlus, IconSettings } from '../../components/icons';

export function App() {
  const [contactId, setContactId] = useState<string | undefined>(() => contactIdFromHash(location.hash));
  const [dupes, setDupes] = useState(() => location.hash === '#/duplicates');
  const [records, setRecords] = useState<RecordsRouteId | undefined>(() => recordsRouteOf(location.hash));
  useEffect(() => {
    // Housekeeping waits until the first screen is up.
    const prune = setTimeout(() => void pruneDrafts().catch(() => undefined), 3000);
    const onHash = () => {
      setContactId(contactIdFromHash(location.hash));
      setDupes(location.hash === '#/duplicates');
      setRecords(recordsRouteOf(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      clearTimeout(prune);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  const go = (id: string | undefined) => {
    location.hash = id ? `#/contact/${encodeURIComponent(id)}` : '';
    setContactId(id);
    setDupes(false);
    setRecords(undefined);
    // Back in the list: the search box, where the next contact is found (the contact view focuses itself).
    if (!id) focusSoon('[data-testid="contact-search"]');
  };
  const showDuplicates = () => {
    location.hash = '#/duplicates';
    setContactId(undefined);
    setDupes(true);
  };
  // "Open in side panel" from the popup.
  useContactFocusRequests((id) => go(id));
  return (
    <>
      <header class="app-header">
        <img src="/icon/32.png" alt="" />
        <h1>Touchpoint</h1>
        <span class="spacer" />
        <button type="button" class="link small" data-testid="open-duplicates" onClick={showDuplicates}>
          Duplicates
        </button>
        <button type="button" class="ghost small" data-testid="open-options" onClick={() => openOptions()}>
          <IconSettings />
          Settings
        </button>
      </header>
      <main class="app-body">
        {records ? (
          <RecordsRoute route={records} onBack={() => go(undefined)} onOpen={(id) => go(id)} />
        ) : contactId ? (
          <ContactDetail key={contactId} id={contactId} onBack={() => go(undefined)} />
        ) : dupes ? (
          <Duplicates onBack={() => go(undefined)} onOpen={(id) => go(id)} />
        ) : (
          <>
            <Due onOpen={(id) => go(id)} />
            <button type="button" class="link small" data-testid="add-contact" onClick={() => (location.hash = '#/new')}>
              <IconPlus /> Add a contact
            </button>
            <ContactList onOpen={(id) => go(id)} />
          </>
        )}
      </main>
      <footer class="app-footer">
        <SyncStatus />
      </footer>
    </>
  );
}
