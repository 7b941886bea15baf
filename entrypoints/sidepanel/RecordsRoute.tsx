import { useState } from 'preact/hooks';
import { CompanyView, companyIdFromHash } from './CompanyView';
import { ContactForm } from './ContactForm';
import { IconBack } from '../../components/icons';

/** The side panel's routes for companies and contacts added by hand (kept here so App.tsx only dispatches). */
export type RecordsRouteId = { kind: 'company'; id: string } | { kind: 'new' };

export function recordsRouteOf(hash: string): RecordsRouteId | undefined {
  if (hash === '#/new') return { kind: 'new' };
  const id = companyIdFromHash(hash);
  return id ? { kind: 'company', id } : undefined;
}

/**
 * #/company/<id>: a company and its people; #/new: the new-contact form, which opens the saved contact (and says when
 * it may be someone already saved). data-testid: contact-created-duplicates
 */
export function RecordsRoute(props: { route: RecordsRouteId; onBack: () => void; onOpen: (contactId: string) => void }) {
  const [hint, setHint] = useState<{ text: string; id: string } | undefined>();
  if (props.route.kind === 'company') return <CompanyView key={props.route.id} id={props.route.id} onBack={props.onBack} onOpen={props.onOpen} />;
  return (
    <div class="stack">
      <button type="button" class="link" data-testid="contact-back" onClick={props.onBack}>
        <IconBack /> All contacts
      </button>
      {hint ? (
        <p class="banner small" role="status" data-testid="contact-created-duplicates">
          {hint.text}{' '}
          <button type="button" class="link" onClick={() => props.onOpen(hint.id)}>
            Open the new contact
          </button>
        </p>
      ) : (
      <ContactForm
        onCancel={props.onBack}
        onSaved={(contact, info) => {
          // Added anyway; the duplicates view offers the merge (never silent).
          if (info.duplicates?.length) setHint({ text: `Added ${contact.name}. Possibly the same person as ${info.duplicates.map((d) => d.name).join(', ')} (see Duplicates).`, id: contact.id });
          else props.onOpen(contact.id);
        }}
      />
      )}
    </div>
  );
}
