import type { ContactKind } from '../utils/model/contact';

/** "Lead" / "Prospect", coloured so the two jobs are told apart at a glance. */
export function KindChip(props: { kind: ContactKind }) {
  return (
    <span class={`chip ${props.kind}`} data-testid="kind-chip">
      {props.kind === 'lead' ? 'Lead' : 'Prospect'}
    </span>
  );
}
