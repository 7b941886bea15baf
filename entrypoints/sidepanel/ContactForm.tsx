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
import { createRequest, emptyForm, formFromContact, formPatch, formProblems, mintContactId, normalizedPhones, type ContactFormValues } from './contact-form';

/**
 * Capture's phone rule, loaded when the form first needs it: libphonenumber's metadata stays out of the panel's
 * first paint (and out of the worker: the form sends E.164, the store only checks the shape).
 */
async function phonesOf(f: ContactFormValues, kept: readonly string[]) {
  const { typedPhone } = await import('../../utils/capture/normalize/phone');
  const languages = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return normalizedPhones(f, kept, (raw) => typedPhone(raw, f.location, languages));
}

type Field = Exclude<keyof ContactFormValues, 'kind' | 'stage'>;

const FIELDS: { key: Field; label: string; multiline?: boolean; hint?: string; type?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'jobTitle', label: 'Title' },
  { key: 'company', label: 'Company' },
  { key: 'location', label: 'City' },
  { key: 'emails', label: 'Emails', multiline: true, hint: 'one per line' },
  { key: 'phones', label: 'Phones', multiline: true, hint: 'one per line; without a country code, the city’s country is assumed' },
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
  const [phoneProblems, setPhoneProblems] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useRef(mintContactId());
  const set = (k: keyof ContactFormValues, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const kept = props.contact?.phones ?? [];
  async function checkPhones(f: ContactFormValues) {
    const r = await phonesOf(f, kept);
    setPhoneProblems(r.problems);
    return r;
  }

  async function save() {
    const found = formProblems(form);
    setProblems(found);
    setBusy(true);
    try {
      const phones = await checkPhones(form);
      if (found.length || phones.problems.length) return;
      const typed = { ...form, phones: phones.phones };
      if (props.contact) {
        const patch = formPatch(props.contact, typed);
        if (!patch.set && !patch.add && !patch.remove) return props.onSaved(props.contact, {});
        const r = await send('contacts.update', { id: props.contact.id, patch, version: props.contact.updatedAt });
        props.onSaved(r.contact, r.conflicts.length ? { conflicts: conflictText(r.conflicts) } : {});
      } else {
        const r = await send('contacts.create', createRequest(typed, id.current));
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
              {...(key === 'phones'
                ? {
                    'aria-invalid': phoneProblems.length > 0,
                    'aria-describedby': phoneProblems.length ? 'phones-error' : undefined,
                    // said as the field is left, not only on save
                    onBlur: () => void checkPhones(form).catch(() => undefined),
                  }
                : {})}
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
          {key === 'phones' && phoneProblems.length > 0 && (
            <span class="error-text small" role="alert" id="phones-error" data-testid="phones-error">
              {phoneProblems.map((p) => (
                <div>{p}</div>
              ))}
            </span>
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
