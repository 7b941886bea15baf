import type { ErrorCode, Result } from '../model/messages';
import { InvalidInputError, NotFoundError, StorageError, isStorageFailure, toStorageError } from '../store/errors';

/** A failure a handler means to report, with its code and a message fit for the user. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

/** Any thrown value → the typed error a page receives. Storage failures get their readable message. */
export function toErrorResult(e: unknown): Extract<Result<never>, { ok: false }> {
  if (e instanceof HandlerError) return { ok: false, error: { code: e.code, message: e.message } };
  if (e instanceof InvalidInputError) return { ok: false, error: { code: 'bad-request', message: e.message } };
  if (e instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: e.message } };
  if (e instanceof StorageError || isStorageFailure(e)) {
    return { ok: false, error: { code: 'storage', message: toStorageError(e).message } };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: 'internal', message: `Touchpoint hit an unexpected problem: ${detail.slice(0, 300)}` } };
}
