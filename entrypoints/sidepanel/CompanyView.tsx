import { useEffect, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { ResponseOf } from '../../utils/model/messages';
import { STAGE_LABELS } from '../../utils/model/stages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { KindChip } from '../../components/KindChip';
import { formatWhen, touchpointLabel } from '../../components/lib/format';
import { errorText } from '../../components/lib/hooks';
import { IconBack, IconCompany, IconPeople } from '../../components/icons';
import { focusSoon } from '../../components/lib/focus';

/** `#/company/<id>` → id. */
export function companyIdFromHash(hash: string): string | undefined {
  const m = /^#\/company\/([^/?#]+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export function companyHash(id: string): string {
  return `#/company/${encodeURIComponent(id)}`;
}

/**
 * "Title · Company" on a contact, the company a link to its company view (the contact's linked record, asked of the
 * background on click). data-testid: contact-company
 */
export function CompanyLink(props: { contactId: string; jobTitle?: string; company: string }) {
  const [error, setError] = useState('');
  return (
    <>
      {props.jobTitle ? `${props.jobTitle} · ` : ''}
      <button
        type="button"
        class="link"
        data-testid="contact-company"
        title={`Open ${props.company} and its people`}
        onClick={() =>
          void send('companies.get', { contactId: props.contactId }).then(
            (r) => (location.hash = companyHash(r.company.id)),
            (e) => setError(errorText(e)),
          )
        }
      >
        <IconCompany />
        {props.company}
      </button>
      {error && <span class="small" role="alert"> {error}</span>}
    </>
  );
}

/**
 * A company with its people, each with their latest touch (most recent first); a person opens their contact.
 * The company can be renamed (its people's company name changes with it).
 * data-testid: company-view, company-name, company-domain, company-people, company-person (data-id), company-back,
 * company-error, company-rename, company-rename-form, company-rename-input, company-rename-save, company-rename-cancel,
 * company-rename-error
 */
export function CompanyView(props: { id: string; onBack: () => void; onOpen: (contactId: string) => void }) {
  const [data, setData] = useState<ResponseOf<'companies.get'> | undefined>();
  const [error, setError] = useState('');
  /** the name being typed while renaming (undefined: not renaming) */
  const [renaming, setRenaming] = useState<string | undefined>();
  const [renameError, setRenameError] = useState('');
  useEffect(() => {
    setData(undefined);
    void send('companies.get', { id: props.id }).then(setData, (e) => setError(errorText(e)));
  }, [props.id]);
  const rename = (name: string) =>
    send('companies.rename', { id: props.id, name }).then(
      (r) => {
        setData((d) => (d ? { ...d, company: r.company } : d));
        setRenaming(undefined);
        setRenameError('');
        focusSoon('[data-testid="company-rename"]');
      },
      // the typed name stays in the box, with the reason beside it
      (e) => setRenameError(errorText(e)),
    );
  const back = (
    <button type="button" class="link" data-testid="company-back" onClick={props.onBack}>
      <IconBack /> All contacts
    </button>
  );
  if (!data) {
    return (
      <div class="stack">
        {back}
        {error ? <ErrorBanner message={error} testid="company-error" /> : <p class="muted">Loading…</p>}
      </div>
    );
  }
  const { company, people } = data;
  const now = Date.now();
  return (
    <div class="stack" data-testid="company-view">
      {back}
      <div>
        {renaming === undefined ? (
          <div class="row">
            <h2 class="row" data-testid="company-name">
              <IconCompany size={18} /> {company.name}
            </h2>
            <span class="spacer" />
            <button type="button" class="link small" data-testid="company-rename" onClick={() => setRenaming(company.name)}>
              Rename
            </button>
          </div>
        ) : (
          <form
            class="stack"
            data-testid="company-rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              void rename(renaming);
            }}
          >
            <label class="field">
              <span>Company name (its people's company changes with it)</span>
              <input
                data-testid="company-rename-input"
                value={renaming}
                autoFocus
                required
                aria-invalid={!!renameError}
                onInput={(e) => setRenaming((e.currentTarget as HTMLInputElement).value)}
                onKeyDown={(e) => e.key === 'Escape' && setRenaming(undefined)}
              />
            </label>
            {renameError && (
              <span class="error-text small" role="alert" data-testid="company-rename-error">
                {renameError}
              </span>
            )}
            <div class="row">
              <button type="submit" class="primary" data-testid="company-rename-save">
                Save name
              </button>
              <button type="button" data-testid="company-rename-cancel" onClick={() => (setRenaming(undefined), setRenameError(''))}>
                Cancel
              </button>
            </div>
          </form>
        )}
        {company.domain && (
          <div class="muted" data-testid="company-domain">
            {company.domain}
          </div>
        )}
      </div>
      <h3 class="row">
        <IconPeople /> {people.length} {people.length === 1 ? 'person' : 'people'}
      </h3>
      {people.length === 0 ? (
        <p class="muted">Nobody saved works here any more.</p>
      ) : (
        <ul class="list" data-testid="company-people">
          {people.map((p) => (
            <li key={p.id}>
              <button type="button" class="list-row" data-testid="company-person" data-id={p.id} onClick={() => props.onOpen(p.id)}>
                <span class="who">
                  <span class="name">{p.name}</span>
                  <span class="sub" style={{ display: 'block' }}>
                    {[p.jobTitle, p.location].filter(Boolean).join(' · ') || p.email || '\u00a0'}
                  </span>
                  <span class="sub small" style={{ display: 'block' }} data-testid="company-person-last-touch">
                    {p.lastTouch ? `${touchpointLabel(p.lastTouch.type)} · ${formatWhen(p.lastTouch.at, now)}` : 'No touch yet'}
                  </span>
                </span>
                <span class="stack" style={{ textAlign: 'right' }}>
                  <KindChip kind={p.kind} />
                  <span class="small muted" style={{ display: 'block' }}>
                    {STAGE_LABELS[p.stage as keyof typeof STAGE_LABELS] ?? p.stage}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
