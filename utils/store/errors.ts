/** Storage failures turned into messages a user can act on (they reach the UI through the router). */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly reason: 'quota' | 'version' | 'blocked' | 'unavailable' | 'other',
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Values the store refuses as typed (an email that is not an address …): the message says which, for the user. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** A request the store refuses because the thing it names does not exist. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

function errorName(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e && typeof e.name === 'string') return e.name;
  return '';
}

/** Is this an IndexedDB/DOMException failure (as opposed to a bug in our code)? */
export function isStorageFailure(e: unknown): boolean {
  if (e instanceof StorageError) return true;
  return [
    'QuotaExceededError',
    'VersionError',
    'InvalidStateError',
    'UnknownError',
    'AbortError',
    'TransactionInactiveError',
    'ReadOnlyError',
    'DataError',
    'ConstraintError',
    'NotFoundError',
    'DataCloneError',
    'InvalidAccessError',
  ].includes(errorName(e)) && !(e instanceof NotFoundError);
}

export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name = errorName(e);
  const detail = e instanceof Error ? e.message : String(e);
  // A transaction aborted by a quota failure surfaces as AbortError whose `error` is the QuotaExceededError.
  const inner = e && typeof e === 'object' && 'error' in e ? errorName((e as { error: unknown }).error) : '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(detail)) {
    return new StorageError(
      'The browser has no room left for Touchpoint’s data. Free some disk space (or export and erase old contacts) and try again; nothing already saved was lost.',
      'quota',
      e,
    );
  }
  if (name === 'VersionError') {
    return new StorageError(
      'Touchpoint’s local database was written by a newer version of the extension. Update Touchpoint to open it; your data is untouched.',
      'version',
      e,
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new StorageError(
      `Touchpoint could not open its local database (${detail}). In a private window or with storage disabled for extensions it cannot save; otherwise restart the browser and try again.`,
      'unavailable',
      e,
    );
  }
  return new StorageError(`Touchpoint could not read or write its local database: ${detail}`, 'other', e);
}

export const BLOCKED_MESSAGE =
  'Touchpoint is upgrading its local database, but an older copy of the extension still has it open. Close other Touchpoint pages (or restart the browser) and try again.';

/**
 * Give up a write transaction because what it writes about is gone: abort it (so nothing half-written lands, outbox
 * entries included), let the abort settle, then throw a readable NotFoundError.
 */
export async function abortNotFound(tx: { abort(): void; done: Promise<void> }, message: string): Promise<never> {
  return abortWith(tx, new NotFoundError(message));
}

/**
 * Give up a write transaction for `error`: abort it (nothing half-written lands, outbox entries included; one that
 * already finished is left as it is), let the abort settle, then throw `error`.
 */
export async function abortWith(tx: { abort(): void; done: Promise<void> }, error: unknown): Promise<never> {
  try {
    tx.abort();
  } catch {
    /* already finished */
  }
  await tx.done.catch(() => undefined);
  throw error;
}
