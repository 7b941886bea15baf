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
  // Compare as text: URL.origin is "null" for chrome-extension: outside Chrome (the URL standard does not know it).
  // The trailing slash keeps "chrome-extension://<id>.evil/" from passing.
  const base = extensionOrigin.replace(/\/*$/, '/');
  return url === base.slice(0, -1) || url.startsWith(base);
}
