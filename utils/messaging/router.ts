import { Envelope, messageSchemas, type MessageType, type ParsedRequestOf, type ResponseOf, type Result } from '../model/messages';
import { toErrorResult } from './errors';
import { isOwnExtensionPage, type SenderInfo } from './sender';

export type Handler<T extends MessageType> = (payload: ParsedRequestOf<T>, sender: SenderInfo) => Promise<ResponseOf<T>> | ResponseOf<T>;
export type Handlers = { [T in MessageType]?: Handler<T> };

export interface RouterOptions {
  extensionId: string;
  /** e.g. "chrome-extension://<id>/" (runtime.getURL('/')) */
  extensionOrigin: string;
  warn?: (message: string) => void;
  error?: (message: string, e: unknown) => void;
}

const MAX_LOGGED_TYPE = 64;

/**
 * The background's single entry for page messages. Every message is untrusted until validated: the
 * sender must be this extension's own page, the envelope and the payload of its type must pass zod.
 * It never throws and always answers a Result.
 */
export function createRouter(handlers: Handlers, opts: RouterOptions) {
  const warn = opts.warn ?? ((m: string) => console.warn(`[touchpoint] ${m}`));
  const error = opts.error ?? ((m: string, e: unknown) => console.error(`[touchpoint] ${m}`, e));

  return async function route(message: unknown, sender: SenderInfo | undefined): Promise<Result<unknown>> {
    try {
      if (!isOwnExtensionPage(sender, opts.extensionId, opts.extensionOrigin)) {
        warn(`refused a message from ${sender?.url ?? sender?.id ?? 'an unknown sender'}`);
        return { ok: false, error: { code: 'forbidden', message: 'Only Touchpoint’s own pages may ask this.' } };
      }
      const envelope = Envelope.safeParse(message);
      if (!envelope.success) {
        warn('malformed message');
        return { ok: false, error: { code: 'bad-request', message: 'Malformed message: expected { type, payload }.' } };
      }
      const { type, payload } = envelope.data;
      if (!Object.hasOwn(messageSchemas, type) || !Object.hasOwn(handlers, type)) {
        warn(`unknown message type "${type.slice(0, MAX_LOGGED_TYPE)}"`);
        return { ok: false, error: { code: 'bad-request', message: `Unknown message type "${type}".` } };
      }
      const t = type as MessageType;
      const parsed = messageSchemas[t].request.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || 'payload';
        warn(`invalid ${t}: ${where}: ${issue?.message}`);
        return { ok: false, error: { code: 'bad-request', message: `Invalid ${t} request (${where}: ${issue?.message ?? 'invalid'}).` } };
      }
      const handler = handlers[t] as Handler<MessageType>;
      const data = await handler(parsed.data as ParsedRequestOf<MessageType>, sender!);
      return { ok: true, data };
    } catch (e) {
      const result = toErrorResult(e);
      if (result.error.code === 'internal') error('handler failed', e);
      else warn(`${result.error.code}: ${result.error.message}`);
      return result;
    }
  };
}
