import { useState } from 'preact/hooks';
import { send } from '../utils/messaging/client';
import type { SyncStatus } from '../utils/model/messages';
import { errorText } from './lib/hooks';
import { openOptions } from './lib/panels';

const LABEL: Record<SyncStatus['destination'], string> = { none: 'your CRM', webhook: 'the webhook', hubspot: 'HubSpot', pipedrive: 'Pipedrive' };

/**
 * When the destination is paused: "Reconnect" (it refused the credentials) or "paused after repeated
 * failures" (the circuit), with Test connection, which resumes it on success. Nothing is lost meanwhile.
 * data-testid: reconnect-banner, circuit-banner, reconnect-test, reconnect-result, reconnect-settings
 */
export function SyncBanner(props: { status: SyncStatus | undefined; onChanged: () => void; showSettingsLink?: boolean }) {
  const { status } = props;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  if (!status?.paused || status.destination === 'none') return null;
  const auth = status.paused.reason === 'auth';
  const waiting = status.pending === 1 ? '1 change waits' : `${status.pending} changes wait`;
  const test = () => {
    setBusy(true);
    setResult('');
    send('sync.test', {})
      .then((r) => {
        setResult(r.ok ? 'Connected. Sending what waited…' : `Still failing: ${r.error ?? 'unknown error'}`);
        if (r.ok) props.onChanged();
      }, (e) => setResult(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div class="banner error stack" role="alert" data-testid={auth ? 'reconnect-banner' : 'circuit-banner'}>
      <div>
        <strong>{auth ? `Reconnect ${LABEL[status.destination]}. ` : `Sync to ${LABEL[status.destination]} is paused. `}</strong>
        {auth
          ? `It refused Touchpoint's credentials (${status.paused.error}). Nothing is lost: ${waiting}. Fix the secret or token in Settings, then test the connection.`
          : `It failed ${status.failures ?? 'several'} times in a row (${status.paused.error}). Nothing is lost: ${waiting}; Touchpoint tries again hourly, or test the connection now.`}
      </div>
      <div class="row">
        <button type="button" data-testid="reconnect-test" disabled={busy} onClick={test}>
          {busy ? 'Testing…' : 'Test connection'}
        </button>
        {props.showSettingsLink && (
          <button type="button" class="link" data-testid="reconnect-settings" onClick={() => openOptions('destination')}>
            Open settings
          </button>
        )}
        <span class="small" role="status" data-testid="reconnect-result">
          {result}
        </span>
      </div>
    </div>
  );
}
