import { browser } from 'wxt/browser';
import type { ErrorCode, MessageType, RequestOf, ResponseOf, Result } from '../model/messages';

/** A typed error from the background, with a message fit to show the user. */
export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/**
 * Ask the background to do something. Resolves with the typed response or throws a MessageError
 * whose message is readable by a user ("The local database is full …").
 */
export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let result: Result<ResponseOf<T>> | undefined;
  try {
    result = (await browser.runtime.sendMessage({ type, payload })) as Result<ResponseOf<T>> | undefined;
  } catch (e) {
    throw new MessageError('internal', `Touchpoint's background did not answer: ${(e as Error).message}`);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new MessageError('internal', "Touchpoint's background gave no answer.");
  }
  if (!result.ok) throw new MessageError(result.error.code, result.error.message);
  return result.data;
}
