import { useRef, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { Contact, ContactKind } from '../../utils/model/contact';
import type { ResponseOf } from '../../utils/model/messages';
import { isStageOf, type Stage } from '../../utils/model/stages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { KindToggle } from '../../components/KindToggle';
import { StageSelect } from '../../components/StageSelect';
import { errorText } from '../../components/lib/hooks';
import { conflictText } from './ContactDetail';
import { createRequest, emptyForm, formFromContact, formPatch, formProblems, mintContactId, type ContactFormValues } from './contact-form';

type Field = Exclude<keyof ContactFormValues, 'kind' | 'stage'>;

const FIELDS: { key: Field; label: string; multiline?: boolean; hint?: string; type?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'jobTitle', label: 'Title' },
  { key: 'company', label: 'Company' },
  { key: 'location', label: 'City' },
  { key: 'emails', label: 'Emails', multiline: true, hint: 'one per line' },
  { key: 'phones', label: 'Phones', multiline: true, hint: 'one per line, with the country code (+46 …)' },
  { key: 'links', label: 'Links', multiline: true, hint: 'one per line: LinkedIn, GitHub, a website' },
  { key: 'tags', label: 'Tags', hint: 'comma separated' },
];

/**
 * Add a contact by hand, or edit every field of one: name, title, company, city, emails, phones, links, tags (and kind
 * and stage for a new one). An edit is sent as a patch of what changed (contact-form.ts), so a change made meanwhile
 * in another panel is kept; a field both changed is reported. Bad values are said beside the form before anything is
 * sent, in the store's own words (utils/domain/typed.ts).
 * data-testid: contact-form (new) / contact-edit-form (edit), edit-<field>, contact-form-kind-lead/-prospect,
 * contact-form-save / contact-edit-save, contact-form-cancel, contact-form-error, contact-form-duplicates
 */
export function ContactForm(props: {
  contact?: Contact;
  defaultKind?: ContactKind;
  onSaved: (contact: Contact, info: { conflicts?: string; duplicates?: ResponseOf<'contacts.create'>['duplicates'] }) => void;
  onCancel: () => void;
}) {
  const editing = !!props.contact;
  const [form, setForm] = useState<ContactFormValues>(() => (props.contact ? formFromContact(props.contact) : emptyForm(props.defaultKind ?? 'prospect')));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useRef(mintContactId());
  const set = (k: keyof ContactFormValues, v: string) => setForm((f) => ({ ...f, [k]: v }));

  async function save() {
    const found = formProblems(form);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    try {
      if (props.contact) {
        const patch = formPatch(props.contact, form);
        if (!patch.set && !patch.add && !patch.remove) return props.onSaved(props.contact, {});
        const r = await send('contacts.update', { id: props.contact.id, patch, version: props.contact.updatedAt });
        props.onSaved(r.contact, r.conflicts.length ? { conflicts: conflictText(r.conflicts) } : {});
      } else {
        const r = await send('contacts.create', createRequest(form, id.current));
        props.onSaved(r.contact, { duplicates: r.duplicates });
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="card stack"
      data-testid={editing ? 'contact-edit-form' : 'contact-form'}
      aria-label={editing ? 'Edit contact' : 'New contact'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        // Ctrl/Cmd+Enter saves from any field, the textareas included.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      {!editing && (
        <>
          <h2>New contact</h2>
          <KindToggle
            value={form.kind}
            testid="contact-form-kind"
            onChange={(kind) => setForm((f) => ({ ...f, kind, stage: isStageOf(kind, f.stage) ? f.stage : 'new' }))}
          />
          <StageSelect kind={form.kind} value={form.stage as Stage} onChange={(s) => set('stage', s)} />
        </>
      )}
      {FIELDS.map(({ key, label, multiline, hint }) => (
        <label class="field">
          <span>
            {label}
            {hint && <span class="muted small"> ({hint})</span>}
          </span>
          {multiline ? (
            <textarea
              data-testid={`edit-${key}`}
              rows={Math.max(1, Math.min(4, form[key].split('\n').length))}
              value={form[key]}
              onInput={(e) => set(key, (e.currentTarget as HTMLTextAreaElement).value)}
            />
          ) : (
            <input
              data-testid={`edit-${key}`}
              value={form[key]}
              required={key === 'name'}
              autoFocus={key === 'name'}
              onInput={(e) => set(key, (e.currentTarget as HTMLInputElement).value)}
            />
          )}
        </label>
      ))}
      {problems.length > 0 && (
        <div class="banner error small" role="alert" data-testid="contact-form-error">
          {problems.map((p) => (
            <div>{p}</div>
          ))}
        </div>
      )}
      {error && <ErrorBanner message={error} onDismiss={() => setError('')} testid="contact-form-error" />}
      <div class="row">
        <button type="submit" class="primary" data-testid={editing ? 'contact-edit-save' : 'contact-form-save'} disabled={busy}>
          {editing ? 'Save changes' : 'Add contact'}
        </button>
        <button type="button" data-testid="contact-form-cancel" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
