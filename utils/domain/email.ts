/**
 * The email key: the form under which an address is stored, indexed and compared. Capture decides whether a string
 * is a usable address at all (utils/capture/normalize/email.ts); this is only the key of one that is.
 */
export function emailKey(raw: string): string {
  let s = raw.trim();
  if (/^mailto:/i.test(s)) s = s.slice(7).split('?')[0]!;
  return s.replace(/^<|>$/g, '').trim().toLowerCase();
}

export function emailDomain(address: string): string {
  return (emailKey(address).split('@')[1] ?? '').toLowerCase();
}

/** Mailbox providers: two people sharing gmail.com share nothing, so name + domain means nothing there. */
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set(
  (
    'gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com icloud.com me.com mac.com ' +
    'aol.com proton.me protonmail.com gmx.com gmx.de gmx.net web.de mail.com zoho.com yandex.com yandex.ru fastmail.com ' +
    'hey.com tutanota.com orange.fr free.fr laposte.net t-online.de qq.com 163.com'
  ).split(' '),
);

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Typed or imported text that is usable as an address (a file's or a form's; capture has its own stricter judgement). */
export function looksLikeEmail(s: string): boolean {
  return EMAIL.test(emailKey(s));
}
