/**
 * The service worker's JS heap through CDP. Playwright opens CDP sessions on pages only, so this attaches to the
 * worker target from a browser session (non-flat mode) and talks to it through Target.sendMessageToTarget.
 */
import type { ExtensionSession } from './browser';

export async function workerHeapUsed(session: ExtensionSession, opts: { collectGarbage: boolean }): Promise<number> {
  const browser = session.context.browser();
  if (!browser) throw new Error('no browser handle for a CDP session');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
    if (!target) throw new Error('the service worker is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let nextId = 0;
    const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id !== undefined) waiting.get(m.id)?.(m);
    });
    const call = async (method: string): Promise<unknown> => {
      const id = ++nextId;
      const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => waiting.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      const m = await reply;
      if (m.error) throw new Error(`${method}: ${m.error.message}`);
      return m.result;
    };
    if (opts.collectGarbage) await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return usage.usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
