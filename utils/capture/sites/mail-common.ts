import type { Viewer } from '../types';
import { absUrl, all } from './dom';

/** Shared by the webmail extractors (Gmail, Outlook): both read owners' quotes and message links the same way. */

/** Does a quote's attribution line name the mailbox owner (by address, else by name)? */
export function namesOwner(head: string, me: Viewer): boolean {
  if (!head) return false;
  return (me.emails ?? []).some((e) => head.includes(e)) || (!!me.name && head.includes(me.name.toLowerCase()));
}

/** Absolute http(s) hrefs of the links inside a root. */
export const httpLinks = (root: Element, base: URL): string[] =>
  all(root, 'a[href]')
    .map((a) => absUrl(a.getAttribute('href'), base))
    .filter((h): h is string => !!h && /^https?:/i.test(h));
