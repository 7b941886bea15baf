/** The parts of runtime.MessageSender the router looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

/**
 * Is this message from one of this extension's own pages (popup, side panel, options — also when open
 * in a tab)? Content scripts share our extension id but run at the page's URL, so the URL decides.
 */
export function isOwnExtensionPage(sender: SenderInfo | undefined, extensionId: string, extensionOrigin: string): boolean {
  if (!sender || sender.id !== extensionId) return false;
  const url = sender.url ?? sender.origin;
  if (!url) return false;
  const origin = extensionOrigin.replace(/\/+$/, '');
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
