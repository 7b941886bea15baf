import { STAGE_LABELS, stagesFor, type Stage } from '../utils/model/stages';
import type { ContactKind } from '../utils/model/contact';

/** The stages of one kind (lead stages or prospect stages). data-testid: stage-select */
export function StageSelect(props: {
  kind: ContactKind;
  value: Stage;
  onChange: (s: Stage) => void;
  id?: string;
  label?: string;
  disabled?: boolean;
}) {
  const stages = stagesFor(props.kind);
  return (
    <label class="field">
      <span>{props.label ?? (props.kind === 'lead' ? 'Lead stage' : 'Prospect stage')}</span>
      <select
        id={props.id}
        data-testid="stage-select"
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as Stage)}
      >
        {stages.map((s) => (
          <option value={s}>{STAGE_LABELS[s]}</option>
        ))}
      </select>
    </label>
  );
}
