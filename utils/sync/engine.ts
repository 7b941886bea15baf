import { backoffMs } from './backoff';
import type { Connector, EventResult, OutboxPort, SendOutcome } from './types';

/**
 * The outbox drain, as pure logic over injected ports (outbox, connector, clock, randomness).
 *
 * Exactly-once, eventually: an entry is removed only after the CRM acknowledged it. Claiming an entry
 * leases it, so a worker stopped between send and ack leaves it to come due again with the same id
 * (the idempotency key), and the CRM applies it once.
 */

export interface DrainOptions {
  port: OutboxPort;
  connector: Connector;
  now?: () => number;
  random?: () => number;
  /** events per request; the connector's maxBatch caps it */
  batchSize?: number;
  /** stop after this many requests (a service worker should not drain forever in one wake-up) */
  maxBatches?: number;
  /** how long a claimed entry is reserved for this drain */
  leaseMs?: number;
}

export interface DrainReport {
  requests: number;
  acked: number;
  retried: number;
  dead: number;
  superseded: number;
  lastError?: string;
  /** when the next pending entry comes due (for scheduling a one-shot alarm) */
  nextDueAt?: number;
}

export const DEFAULT_LEASE_MS = 2 * 60_000;

export async function drainOutbox(opts: DrainOptions): Promise<DrainReport> {
  const { port, connector } = opts;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? connector.maxBatch, connector.maxBatch));
  const maxBatches = opts.maxBatches ?? 50;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const report: DrainReport = { requests: 0, acked: 0, retried: 0, dead: 0, superseded: 0 };

  while (report.requests < maxBatches) {
    const entries = await port.claimDue(now(), batchSize, leaseMs);
    if (entries.length === 0) break;
    const { events, superseded } = await port.loadEvents(entries, connector.id);
    if (superseded.length) {
      await port.drop(superseded);
      report.superseded += superseded.length;
    }
    if (events.length === 0) continue;

    let outcome: SendOutcome;
    try {
      outcome = await connector.send(events);
    } catch (e) {
      outcome = { kind: 'retry', error: `network: ${(e as Error)?.message ?? String(e)}` };
    }
    report.requests++;

    const attemptsOf = new Map(entries.map((e) => [e.id, e.attempts]));
    const retryAt = (id: string, floorMs = 0) => now() + Math.max(floorMs, backoffMs(attemptsOf.get(id) ?? 1, random));

    if (outcome.kind === 'dead') {
      await port.markDead(connector.id, events.map((e) => ({ id: e.id, error: outcome.error })));
      report.dead += events.length;
      report.lastError = outcome.error;
      continue;
    }
    if (outcome.kind === 'retry') {
      const floor = outcome.retryAfterMs ?? 0;
      await port.reschedule(events.map((e) => ({ id: e.id, nextAttemptAt: retryAt(e.id, floor), error: outcome.error })));
      report.retried += events.length;
      report.lastError = outcome.error;
      // The CRM is down or throttling: further batches now would fail the same way.
      break;
    }

    const byId = new Map<string, EventResult>();
    for (const r of outcome.results) if (attemptsOf.has(r.id)) byId.set(r.id, r);
    const acks: { id: string; remoteId?: string }[] = [];
    const dead: { id: string; error: string }[] = [];
    const retry: { id: string; nextAttemptAt: number; error: string }[] = [];
    for (const e of events) {
      const r = byId.get(e.id);
      if (!r) retry.push({ id: e.id, nextAttemptAt: retryAt(e.id), error: 'not acknowledged by the CRM' });
      else if (r.status === 'ok') acks.push(r.remoteId ? { id: e.id, remoteId: r.remoteId } : { id: e.id });
      else if (r.status === 'rejected') dead.push({ id: e.id, error: r.error });
      else retry.push({ id: e.id, nextAttemptAt: retryAt(e.id), error: r.error });
    }
    if (acks.length) await port.ack(connector.id, acks);
    if (dead.length) await port.markDead(connector.id, dead);
    if (retry.length) await port.reschedule(retry);
    report.acked += acks.length;
    report.dead += dead.length;
    report.retried += retry.length;
    const lastProblem = dead[0]?.error ?? retry[0]?.error;
    if (lastProblem) report.lastError = lastProblem;
  }
  report.nextDueAt = await port.nextDueAt();
  return report;
}

/**
 * At most one drain at a time in this worker (the periodic alarm, the one-shot after a change and
 * "Sync now" can coincide). A request that arrives during a drain is folded into one more run after it,
 * so a change queued mid-drain is not left waiting for the next alarm.
 */
export function createDrainLock<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let again: Promise<T> | undefined;
  return function drain(): Promise<T> {
    if (!current) {
      current = run().finally(() => (current = undefined));
      return current;
    }
    if (!again) {
      again = current
        .catch(() => undefined)
        .then(() => {
          again = undefined;
          return drain();
        });
    }
    return again;
  };
}
