import { useEffect, useState } from 'preact/hooks';
import { send } from '../utils/messaging/client';
import type { SyncStatus as SyncState } from '../utils/model/messages';
import { syncStatusText, type OutboxStatusLike } from './lib/format';
import { errorText } from './lib/hooks';
import { SyncBanner } from './SyncBanner';
import { openOptions } from './lib/panels';

/**
 * One line: what is waiting to reach the CRM, and the Reconnect banner when the destination is paused.
 * Polls lightly while the page is open.
 * data-testid: sync-status, sync-now, sync-retry (when the CRM refused changes); SyncBanner's
 */
export function SyncStatus(props: { pollMs?: number }) {
  const [full, setFull] = useState<SyncState | undefined>();
  const [status, setStatus] = useState<OutboxStatusLike | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  const dest = full?.destination;

  useEffect(() => {
    let live = true;
    const refresh = () => {
      send('sync.status', {}).then(
        (s) => {
          if (!live) return;
          setFull(s);
          setStatus(s);
          setError('');
        },
        (e) => live && setError(errorText(e)),
      );
    };
    refresh();
    const t = setInterval(refresh, props.pollMs ?? 10_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [props.pollMs, tick]);

  const text = error ? `Sync status unavailable: ${error}` : syncStatusText(status, dest);
  return (
    <>
    <SyncBanner status={full} onChanged={() => setTick((n) => n + 1)} showSettingsLink />
    <div class="row status" data-testid="sync-status" role="status" aria-live="polite">
      <span class="spacer">
        {text}
        {/* The CRM's reason in words, not only in a tooltip. */}
        {!error && dest !== 'none' && (status?.dead ?? 0) > 0 && status?.lastError && (
          <span class="error-text" style={{ display: 'block' }} data-testid="sync-refused-reason">
            Reason: {status.lastError}
          </span>
        )}
      </span>
      {!error && (!dest || dest === 'none') && full && (
        <button type="button" class="link small" data-testid="connect-crm" onClick={() => openOptions('destination')}>
          Connect a CRM
        </button>
      )}
      {dest && dest !== 'none' && (status?.dead ?? 0) > 0 && (
        <button
          type="button"
          class="link small"
          data-testid="sync-retry"
          disabled={busy}
          title="Send the refused changes again (after fixing the CRM settings)"
          onClick={() => {
            setBusy(true);
            send('outbox.retry', {})
              .then(setStatus, (e) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          Retry refused
        </button>
      )}
      {dest && dest !== 'none' && (
        <button
          type="button"
          class="link small"
          data-testid="sync-now"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            send('sync.now', {})
              .then(setStatus, (e) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
      )}
    </div>
    </>
  );
}
