/**
 * The CRM destination part of the options form, rendered from the declarations in
 * utils/model/destinations.ts: one radio per destination, then the chosen one's fields. No markup
 * per CRM: a new destination declared there appears here as it is.
 *
 * data-testid: dest-<type> (radio), <type>-<field id> (inputs, e.g. webhook-url, webhook-secret, webhook-provenance,
 * hubspot-token, pipedrive-domain, pipedrive-token), <type>-<field id>-generate (a field's Generate button).
 */
import { DESTINATIONS, destinationInfo, type DestinationType } from '../../utils/model/destinations';
import type { PublicSettings } from '../../utils/model/settings';
import { publicValues, secretKept, type OptionsForm } from './logic';

interface Props {
  form: OptionsForm;
  stored: PublicSettings | undefined;
  onChange(patch: Partial<OptionsForm>): void;
}

export function DestinationFields({ form, stored, onChange }: Props) {
  const info = destinationInfo(form.destType);
  const setValue = (key: string, value: string) => onChange({ values: { ...form.values, [key]: value } });
  const normalised: Record<string, string> = {};
  for (const f of info.fields) normalised[f.key] = f.normalize ? f.normalize(form.values[f.key] ?? '') : (form.values[f.key] ?? '');
  // The stored values of the stored destination (its target, its checkboxes) come back when it is chosen again.
  const kept = secretKept(form.destType, normalised, stored);

  return (
    <>
      <div class="stack" role="radiogroup" aria-label="CRM destination">
        {DESTINATIONS.map((d) => (
          <label class="row" style={{ alignItems: 'flex-start' }} key={d.type}>
            <input
              type="radio"
              name="dest"
              value={d.type}
              data-testid={`dest-${d.type}`}
              checked={form.destType === d.type}
              onChange={() => onChange({ destType: d.type as DestinationType, values: stored && d.type === stored.destination.type ? publicValues(stored) : {} })}
            />
            <span>
              <strong>{d.label}</strong> <span class="muted small">{d.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {info.fields.length > 0 && (
        <div class="stack" style={{ marginTop: '10px' }}>
          {info.fields.map((f) =>
            f.input === 'checkbox' ? (
              <label class="row small" key={f.key}>
                <input
                  type="checkbox"
                  data-testid={`${info.type}-${f.id}`}
                  checked={form.values[f.key] === 'true'}
                  onChange={(e) => setValue(f.key, (e.currentTarget as HTMLInputElement).checked ? 'true' : '')}
                />
                {f.label}
              </label>
            ) : (
            <label class="field" key={f.key}>
              <span>
                {f.label}
                {f.secret && kept && ' — saved; leave empty to keep it'}
              </span>
              <div class="row">
                <input
                  type={f.input as 'text'}
                  data-testid={`${info.type}-${f.id}`}
                  autoComplete={f.secret ? 'off' : undefined}
                  spellcheck={f.secret ? false : undefined}
                  placeholder={f.placeholder}
                  value={form.values[f.key] ?? ''}
                  onInput={(e) => setValue(f.key, (e.currentTarget as HTMLInputElement).value)}
                />
                {f.generate && (
                  <button type="button" data-testid={`${info.type}-${f.id}-generate`} onClick={() => setValue(f.key, f.generate!())}>
                    Generate
                  </button>
                )}
              </div>
              {f.help && <span class="small muted">{f.help}</span>}
            </label>
            ),
          )}
        </div>
      )}
    </>
  );
}
