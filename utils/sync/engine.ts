import { carryRemoteIds } from './carry';
import { backoffMs, BACKOFF_CAP_MS } from './backoff';
import { scrubError } from './errors';
import type { OutboxEntry } from '../model';
import type { Connector, DeliveryRecord, EndpointState, EventResult, Failure, OutboxPort, SendOutcome, SyncEvent } from './types';

/**
 * The outbox drain, as pure logic over injected ports (outbox, connector, clock, randomness, ids).
 *
 * Exactly-once, eventually: an entry is removed only after the destination acknowledged it. Claiming a
 * batch leases it, so a worker stopped between send and ack leaves it to come due again with the same
 * event ids and the same batch id (the request's idempotency key), and the destination applies it once.
 *
 * The rules (docs/sync.md, "Delivery rules"), each decided here once:
 *  - strict queue order: a contact's event precedes its touchpoints and notes; nothing overtakes the head;
 *  - a batch keeps its members and batch id across retries; only a split or a partial answer regroups;
 *  - retryable failures and rate limits back off the *endpoint* (Retry-After is a floor, honoured exactly);
 *  - consecutive failures open a circuit: the destination pauses, then one probe request per cool-down;
 *  - auth failures pause the destination and kill nothing; testConnection or a new credential resumes it;
 *  - a batch refused as a whole (poison, too large) is split until the offending event is alone: only it dies.
 */

export interface DrainOptions {
  port: OutboxPort;
  connector: Connector;
  now?: () => number;
  random?: () => number;
  /** new batch ids for split or regrouped batches */
  newId?: () => string;
  /** events per request; the connector's maxBatch caps it */
  batchSize?: number;
  /** stop after this many requests (a service worker should not drain forever in one wake-up) */
  maxBatches?: number;
  /** how long a claimed batch is reserved for this drain */
  leaseMs?: number;
}

export interface DrainReport {
  requests: number;
  acked: number;
  /** released to be sent again (their batch waits for the endpoint) */
  retried: number;
  dead: number;
  superseded: number;
  /** batches split because the destination refused them as a whole */
  splits: number;
  lastError?: string;
  /** why nothing more is sent now */
  paused?: 'auth' | 'circuit';
  /** when a drain should run again (an alarm): endpoint backoff, a lease or a per-event wait; none when paused for auth or empty */
  nextWakeAt?: number;
}

export const DEFAULT_LEASE_MS = 2 * 60_000;
/** consecutive failed requests that open the circuit */
export const CIRCUIT_THRESHOLD = 8;
/** an open circuit sends one probe request this long after its last failure */
export const CIRCUIT_COOLDOWN_MS = 60 * 60_000;

export function freshEndpoint(destination: string): EndpointState {
  return { destination, failures: 0, nextAttemptAt: 0 };
}

/** After a successful testConnection or a new credential: the destination sends again at once. */
export function resumeEndpoint(state: EndpointState): EndpointState {
  const { paused: _p, ...rest } = state;
  return { ...rest, failures: 0, nextAttemptAt: 0 };
}

/** A request succeeded (even partly): the endpoint is healthy. */
function succeeded(state: EndpointState, now: number): EndpointState {
  const { paused: _p, lastError: _e, ...rest } = state;
  return { ...rest, failures: 0, nextAttemptAt: 0, lastSuccessAt: now };
}

/**
 * A request failed in a way that says "not now" about the endpoint. Retry-After is honoured exactly as a
 * floor; a rate limit with Retry-After does not count as a failure (the server is fine, just busy).
 */
export function endpointFailed(state: EndpointState, failure: Failure, now: number, random: () => number): EndpointState {
  const error = scrubError(failure.error);
  if (failure.kind === 'auth') return { ...state, paused: { reason: 'auth', since: now, error }, lastError: error };
  const counts = !(failure.kind === 'rate-limited' && failure.retryAfterMs !== undefined);
  const failures = counts ? state.failures + 1 : state.failures;
  const backoff = counts ? backoffMs(failures, random) : 0;
  let wait = Math.max(backoff, failure.retryAfterMs ?? 0);
  let paused = state.paused;
  if (failures >= CIRCUIT_THRESHOLD) {
    wait = Math.max(wait, Math.min(CIRCUIT_COOLDOWN_MS, BACKOFF_CAP_MS));
    paused = { reason: 'circuit', since: paused?.reason === 'circuit' ? paused.since : now, error };
  }
  return { ...state, failures, nextAttemptAt: now + wait, lastError: error, ...(paused ? { paused } : {}) };
}

function typesOf(events: SyncEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

export async function drainOutbox(opts: DrainOptions): Promise<DrainReport> {
  const { port, connector } = opts;
  const destination = connector.destination;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? connector.maxBatch, connector.maxBatch));
  const maxBatches = opts.maxBatches ?? 50;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const report: DrainReport = { requests: 0, acked: 0, retried: 0, dead: 0, superseded: 0, splits: 0 };
  const log: DeliveryRecord[] = [];

  let endpoint = (await port.getEndpoint(destination)) ?? freshEndpoint(destination);
  const initial = endpoint;
  const finish = async (): Promise<DrainReport> => {
    if (endpoint !== initial) await port.putEndpoint(endpoint);
    if (log.length) await port.logDeliveries(log);
    if (endpoint.paused) report.paused = endpoint.paused.reason;
    if (endpoint.paused?.reason === 'auth') return report;
    const head = await port.nextWakeAt(now());
    if (head !== undefined) report.nextWakeAt = Math.max(head, endpoint.nextAttemptAt);
    return report;
  };

  if (endpoint.paused?.reason === 'auth') {
    report.lastError = endpoint.paused.error;
    return finish();
  }
  if (now() < endpoint.nextAttemptAt) return finish();
  // An open circuit past its cool-down: one probe request decides whether it closes.
  const probing = endpoint.paused?.reason === 'circuit';

  type Prepared = { batchId: string; entries: OutboxEntry[]; events: SyncEvent[] };
  type Ack = { id: string; remoteId?: string };
  /**
   * Claim the next batch and load its events (dropping superseded entries); undefined when nothing is due. `acks`
   * (the previous request's) are written in the same transaction as the claim.
   */
  const prepare = async (after?: string, acks?: Ack[]): Promise<Prepared | undefined> => {
    for (;;) {
      const claim = await port.claimNext({ now: now(), limit: batchSize, leaseMs, after, destination, acks });
      acks = undefined;
      if (!claim) return undefined;
      const { events, superseded } = claim;
      if (superseded.length) {
        await port.drop(superseded);
        report.superseded += superseded.length;
      }
      if (events.length) return { batchId: claim.batchId, entries: claim.entries.filter((e) => !superseded.includes(e.id)), events };
    }
  };
  /** A prepared batch that will not be sent now: back to the queue as it was (same members, same id). */
  const unprepare = async (p: Prepared | undefined) => {
    if (p) await port.release(p.events.map((e) => ({ id: e.id, unsent: true })));
  };

  // Requests go one at a time, in queue order; while one is on the wire, the previous one is acknowledged and the next
  // batch claimed and loaded, in one transaction, so the database work hides behind the network.
  let next = await prepare();
  /** acknowledged by the destination, not written yet: they go with the next claim (or on their own at the end) */
  let owed: Ack[] | undefined;
  try {
    while (next && report.requests < maxBatches) {
      const { batchId, entries, events } = next;
      next = undefined;
      const started = now();
      let ms = 0;
      const sending = (async (): Promise<SendOutcome> => {
        try {
          return await connector.send(events, { batchId });
        } catch (e) {
          return { kind: 'failed', failure: { kind: 'retryable', error: `network: ${(e as Error)?.message ?? String(e)}` }, status: 0 };
        } finally {
          ms = Math.max(0, now() - started);
        }
      })();
      const more = report.requests + 1 < maxBatches && !probing;
      const owing = owed;
      owed = undefined;
      const [outcome, prepared] = await Promise.all([
        sending,
        more ? prepare(batchId, owing) : owing ? port.ack(destination, owing, now()).then(() => undefined) : undefined,
      ]);
      report.requests++;
      const record: DeliveryRecord = {
        id: batchId,
        at: started,
        destination,
        types: typesOf(events),
        events: events.length,
        status: outcome.status ?? 0,
        ms,
        outcome: 'failed',
        refs: entries.map((e) => ({ entity: e.entity, entityId: e.entityId, op: e.op })),
      };
      log.push(record);

      if (outcome.kind === 'failed') {
        await unprepare(prepared);
        const { failure } = outcome;
        const error = scrubError(failure.error);
        record.error = error;
        report.lastError = error;
        if (failure.kind === 'poison' || failure.kind === 'too-large') {
          if (events.length === 1) {
            await port.markDead(destination, [{ id: events[0]!.id, error }], now());
            report.dead++;
          } else {
            // Split in two, in queue order; each half becomes a batch of its own (new members, new id).
            const half = Math.ceil(events.length / 2);
            const left = newId();
            const right = newId();
            await port.release(events.map((e, i) => ({ id: e.id, batchId: i < half ? left : right, error })));
            report.splits++;
          }
          next = await prepare();
          continue;
        }
        // retryable, rate-limited, auth: the batch waits whole (same members, same id) for the endpoint.
        await port.release(events.map((e) => ({ id: e.id, error })));
        report.retried += events.length;
        endpoint = endpointFailed(endpoint, failure, now(), random);
        break;
      }

      // Per-event results. Events missing from them were not acknowledged: retried.
      const byId = new Map<string, EventResult>();
      for (const r of outcome.results) byId.set(r.id, r);
      const acks: { id: string; remoteId?: string }[] = [];
      const dead: { id: string; error: string }[] = [];
      const again: SyncEvent[] = [];
      let worst: Failure | undefined;
      for (const e of events) {
        const r = byId.get(e.id);
        if (r?.ok) acks.push(r.remoteId ? { id: e.id, remoteId: r.remoteId } : { id: e.id });
        else if (r && (r.failure.kind === 'poison' || r.failure.kind === 'too-large')) dead.push({ id: e.id, error: scrubError(r.failure.error) });
        else {
          again.push(e);
          const f: Failure = r ? r.failure : { kind: 'retryable', error: 'not acknowledged by the destination' };
          if (!worst || f.kind === 'auth' || (f.retryAfterMs ?? 0) > (worst.retryAfterMs ?? 0)) worst = f;
        }
      }
      report.acked += acks.length;
      report.dead += dead.length;
      endpoint = succeeded(endpoint, now());
      record.outcome = again.length || dead.length ? 'partial' : 'delivered';
      const problem = dead[0]?.error ?? (worst ? scrubError(worst.error) : undefined);
      if (problem) {
        record.error = problem;
        report.lastError = problem;
      }
      const settle = async () => {
        if (acks.length) await port.ack(destination, acks, now());
        if (dead.length) await port.markDead(destination, dead, now());
      };
      if (again.length && worst) {
        await settle();
        await unprepare(prepared);
        // The rest of the batch was handled: what is left is a new group (new members, new id).
        const regrouped = again.length === events.length ? batchId : newId();
        await port.release(again.map((e) => ({ id: e.id, batchId: regrouped, error: scrubError(worst!.error) })));
        report.retried += again.length;
        endpoint = endpointFailed(endpoint, worst.kind === 'poison' || worst.kind === 'too-large' ? { ...worst, kind: 'retryable' } : worst, now(), random);
        break;
      }
      // Delivered: the acknowledgement is written with the next claim, while the next request is on the wire.
      if (dead.length) await port.markDead(destination, dead, now());
      if (acks.length) owed = acks;
      next = prepared && { ...prepared, events: carryRemoteIds(prepared.events, events, acks) };
      // A probe that succeeded closed the circuit; the next wake-up drains normally.
    }
    if (owed) await port.ack(destination, owed, now());
  } finally {
    // Stopped early (maxBatches, an error thrown by the port): what was prepared goes back as it was.
    await unprepare(next).catch(() => undefined);
  }
  return finish();
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
