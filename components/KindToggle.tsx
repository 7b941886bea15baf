import type { ContactKind } from '../utils/model/contact';

const HINT: Record<ContactKind, string> = {
  lead: 'Marketing lead: many people, long term, through campaigns',
  prospect: 'Sales prospect: one-to-one, short term, through meetings and calls',
};

/**
 * Marketing lead vs sales prospect, as a two-button segmented control (aria-pressed), so the choice
 * is always visible rather than hidden in a menu.
 * data-testid: kind-lead, kind-prospect (or `${testid}-lead` / `${testid}-prospect`)
 */
export function KindToggle(props: {
  value: ContactKind;
  onChange: (k: ContactKind) => void;
  label?: string;
  disabled?: boolean;
  testid?: string;
}) {
  return (
    <div class="segmented kind" role="group" aria-label={props.label ?? 'Lead or prospect'}>
      {(['lead', 'prospect'] as const).map((k) => (
        <button
          type="button"
          class={k}
          aria-pressed={props.value === k}
          title={HINT[k]}
          disabled={props.disabled}
          data-testid={`${props.testid ?? 'kind'}-${k}`}
          onClick={() => props.onChange(k)}
        >
          {k === 'lead' ? 'Lead' : 'Prospect'}
        </button>
      ))}
    </div>
  );
}
