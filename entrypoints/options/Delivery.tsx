/**
 * The destination's delivery: Reconnect / paused banner, the full-sync offer of a new destination,
 * Test connection, the contacts the CRM refused (with its reason, Retry each or all), and the delivery log (the
 * last 50 requests) with Redeliver.
 *
 * data-testid: delivery, test-connection, test-result, full-sync-offer, full-sync-accept, full-sync-decline,
 *   full-sync-status, refused, refused-list, refused-row (data-contact-id), refused-reason, refused-retry,
 *   refused-retry-all, refused-other, delivery-log, delivery-row, redeliver, delivery-empty, delivery-error
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { DeliveryView, SyncStatus } from '../../utils/model/messages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SyncBanner } from '../../components/SyncBanner';
import { errorText } from '../../components/lib/hooks';
import { deliverySummary } from './logic';

export function Delivery(props: { pollMs?: number; version: number }) {
  const [status, setStatus] = useState<SyncStatus | undefined>();
  const [log, setLog] = useState<DeliveryView[]>([]);
  const [error, setError] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState('');
  const [note, setNote] = useState('');
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((n) => n + 1);

  useEffect(() => {
    let live = true;
    const load = () => {
      Promise.all([send('sync.status', {}), send('deliveries.list', {})]).then(
        ([s, l]) => {
          if (!live) return;
          setStatus(s);
          setLog(l.items);
          setError('');
        },
        (e) => live && setError(errorText(e)),
      );
    };
    load();
    const t = setInterval(load, props.pollMs ?? 5000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [props.pollMs, props.version, tick]);

  if (!status || status.destination === 'none') return null;

  const test = () => {
    setTesting(true);
    setTestResult('');
    send('sync.test', {})
      .then((r) => setTestResult(r.ok ? `Connected (${r.detail ?? 'acknowledged'}).` : `Failed: ${r.error ?? 'no answer'}`), (e) => setTestResult(errorText(e)))
      .finally(() => {
        setTesting(false);
        refresh();
      });
  };
  const fullSync = (accept: boolean) =>
    send('sync.fullSync', { accept }).then(
      (r) => {
        setNote(accept ? `Queued ${r.queued} ${r.queued === 1 ? 'change' : 'changes'} for this destination.` : 'Only new changes will go to this destination.');
        refresh();
      },
      (e) => setError(errorText(e)),
    );
  /** "Retry refused", for one contact or for all: the same message the side panel's sync line sends */
  const retry = (contactId?: string) =>
    send('outbox.retry', contactId ? { contactId } : {}).then(
      (r) => {
        setNote(r.dead ? `Sent again; ${r.dead} ${r.dead === 1 ? 'change is' : 'changes are'} still refused.` : 'Sent again: nothing is refused now.');
        refresh();
      },
      (e) => setError(errorText(e)),
    );
  const refused = status.refused ?? [];
  const redeliver = (id: string) =>
    send('deliveries.redeliver', { id }).then(
      (r) => {
        setNote(`Queued ${r.queued} ${r.queued === 1 ? 'change' : 'changes'} again.`);
        refresh();
      },
      (e) => setError(errorText(e)),
    );

  return (
    <fieldset data-testid="delivery">
      <legend>Delivery</legend>
      <SyncBanner status={status} onChanged={refresh} />
      {status.fullSyncOffer && (
        <div class="banner stack" data-testid="full-sync-offer">
          <div>
            <strong>New destination.</strong> It has not received the contacts you synced before. Send every contact, with its
            touchpoints and notes, there now?
          </div>
          <div class="row">
            <button type="button" class="primary" data-testid="full-sync-accept" onClick={() => void fullSync(true)}>
              Send everything
            </button>
            <button type="button" data-testid="full-sync-decline" onClick={() => void fullSync(false)}>
              Only new changes
            </button>
          </div>
        </div>
      )}
      <div class="row">
        <button type="button" data-testid="test-connection" disabled={testing} onClick={test}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <span class="small" role="status" data-testid="test-result">
          {testResult}
        </span>
      </div>
      {note && (
        <p class="small" role="status" data-testid="full-sync-status">
          {note}
        </p>
      )}
      {error && <ErrorBanner message={error} onDismiss={() => setError('')} testid="delivery-error" />}
      {status.dead > 0 && (
        <section data-testid="refused" aria-labelledby="refused-heading">
          <div class="row">
            <h3 id="refused-heading" style={{ fontSize: '14px', margin: '12px 0 4px' }}>
              Refused by the CRM
            </h3>
            <span class="spacer" />
            <button type="button" data-testid="refused-retry-all" onClick={() => void retry()}>
              Retry all refused
            </button>
          </div>
          <p class="small muted">Fix what the reason says (in the CRM, or the contact), then retry. Nothing is lost meanwhile.</p>
          {refused.length === 0 ? (
            <p class="small" data-testid="refused-other">
              {status.dead} {status.dead === 1 ? 'change' : 'changes'} about no contact (a company, or a record deleted since): {status.lastError ?? 'refused'}
            </p>
          ) : (
            <ul class="small" data-testid="refused-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {refused.map((r) => (
                <li class="row" data-testid="refused-row" data-contact-id={r.contactId}>
                  <span class="spacer">
                    <strong>{r.name ?? 'A deleted contact'}</strong>
                    <span class="error-text" style={{ display: 'block' }} data-testid="refused-reason">
                      {r.error}
                    </span>
                  </span>
                  <button type="button" class="link small" data-testid="refused-retry" aria-label={`Retry ${r.name ?? 'this contact'}`} onClick={() => void retry(r.contactId)}>
                    Retry
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <h3 style={{ fontSize: '14px', margin: '12px 0 4px' }}>Last deliveries</h3>
      {log.length === 0 ? (
        <p class="small muted" data-testid="delivery-empty">
          Nothing sent yet.
        </p>
      ) : (
        <table class="small" data-testid="delivery-log" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left' }}>
              <th>Time</th>
              <th>Events</th>
              <th>Status</th>
              <th>Duration</th>
              <th>Error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {log.map((d) => {
              const row = deliverySummary(d);
              return (
                <tr data-testid="delivery-row" data-outcome={d.outcome}>
                  <td>{row.time}</td>
                  <td title={row.typesTitle}>{row.events}</td>
                  <td>{row.status}</td>
                  <td>{row.duration}</td>
                  <td>{d.error ?? ''}</td>
                  <td>
                    <button type="button" class="link small" data-testid="redeliver" onClick={() => void redeliver(d.id)}>
                      Redeliver
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
