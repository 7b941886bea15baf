/**
 * Tiny DOM helpers shared by the site extractors. They run inside the captured page, so they stay small:
 * textContent and targeted querySelector only (no innerText, no computed styles).
 *
 * Selectors are declarative with fallbacks, as in web-scrobbler: a `Sel` is one selector or a list tried in order,
 * so a site's markup change usually means adding one more entry, not rewriting code.
 */
export type Sel = string | readonly string[];

type Root = ParentNode | null | undefined;

const list = (sel: Sel): readonly string[] => (typeof sel === 'string' ? [sel] : sel);

/** Nodes whose text is never page content a reader sees: duplicates for screen readers, code, icons. */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg', 'CODE', 'TEXTAREA', 'SELECT']);
const SKIP_CLASSES = ['visually-hidden', 'sr-only', 'a11y-text'];

/** Whether an element is hidden by markup alone (attribute or inline style); cheap, no layout. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function skipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return true;
  const cls = el.classList;
  for (const c of SKIP_CLASSES) if (cls.contains(c)) return true;
  return isHidden(el);
}

/** Collapse whitespace and trim. */
export const clean = (s: string | null | undefined): string => (s ?? '').replace(/[\s\u00a0\u200b\u200e\u200f]+/g, ' ').trim();

/**
 * The text a reader sees in an element: textContent minus screen-reader duplicates (LinkedIn renders every
 * label twice, once `aria-hidden` and once `.visually-hidden`), hidden nodes, scripts and icons.
 */
export function text(el: Node | null | undefined): string {
  if (!el) return '';
  let out = '';
  const walk = (n: Node): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue ?? '';
      else if (c.nodeType === 1) {
        if (skipped(c as Element)) continue;
        const tag = (c as Element).tagName;
        // block-level breaks keep words from running together ("Name" + "Title" → "NameTitle")
        const block = tag === 'BR' || tag === 'DIV' || tag === 'P' || tag === 'LI' || tag === 'TD' || tag === 'TR';
        if (block) out += ' ';
        walk(c);
        if (block) out += ' ';
      }
    }
  };
  if (el.nodeType === 3) return clean(el.nodeValue);
  walk(el);
  return clean(out);
}

/** The first element matching any of the selectors, tried in order. */
export function first(root: Root, sel: Sel): Element | null {
  if (!root) return null;
  for (const s of list(sel)) {
    try {
      const el = root.querySelector(s);
      if (el) return el;
    } catch {
      // an unsupported selector in one browser must not stop the fallbacks
    }
  }
  return null;
}

/** Every element matching the first selector that matches anything. */
export function all(root: Root, sel: Sel): Element[] {
  if (!root) return [];
  for (const s of list(sel)) {
    try {
      const found = root.querySelectorAll(s);
      if (found.length) return Array.from(found);
    } catch {
      // see first()
    }
  }
  return [];
}

/** Every element matching any of the selectors (a union, in document order per selector, no duplicates). */
export function every(root: Root, sel: Sel): Element[] {
  if (!root) return [];
  const out = new Set<Element>();
  for (const s of list(sel)) {
    try {
      root.querySelectorAll(s).forEach((el) => out.add(el));
    } catch {
      // see first()
    }
  }
  return [...out];
}

/** Text of the first matching element that has non-empty text. */
export function firstText(root: Root, sel: Sel): string | undefined {
  if (!root) return undefined;
  for (const s of list(sel)) {
    let found: NodeListOf<Element>;
    try {
      found = root.querySelectorAll(s);
    } catch {
      continue;
    }
    for (const el of Array.from(found)) {
      const t = text(el);
      if (t) return t;
    }
  }
  return undefined;
}

/** Non-empty, de-duplicated texts of every element matching the selectors. */
export function allText(root: Root, sel: Sel): string[] {
  return uniq(all(root, sel).map(text));
}

/** An attribute of the first matching element that has it. */
export function attr(root: Root, sel: Sel, name: string): string | undefined {
  if (!root) return undefined;
  for (const s of list(sel)) {
    let found: NodeListOf<Element>;
    try {
      found = root.querySelectorAll(s);
    } catch {
      continue;
    }
    for (const el of Array.from(found)) {
      const v = el.getAttribute(name);
      if (v && v.trim()) return v.trim();
    }
  }
  return undefined;
}

/** An absolute http(s)/mailto/tel URL for an href, or undefined (javascript:, data: and garbage are dropped). */
/** "meihartley.example/": a host written without its scheme, which a browser would wrongly resolve under the page. */
const BARE_HOST_HREF = /^(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+(?!(?:html?|php|aspx?|jsp|pdf|png|jpe?g|gif|svg)(?:[:/?#]|$))[a-z]{2,24}(?:[:/?#]|$)/i;

export function absUrl(href: string | null | undefined, base: URL | string): string | undefined {
  if (!href) return undefined;
  try {
    const h = href.trim();
    const u = new URL(BARE_HOST_HREF.test(h) ? `https://${h}` : h, base);
    return /^(https?|mailto|tel):$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Non-empty unique strings, first occurrence kept. */
export function uniq(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = v?.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

/** Elements matching the selectors whose own heading reads like one of the given titles (for "People also viewed"). */
export function sectionsTitled(root: Root, sectionSel: Sel, headingSel: Sel, title: RegExp): Element[] {
  return all(root, sectionSel).filter((s) => {
    const h = firstText(s, headingSel);
    return !!h && title.test(h);
  });
}

/** The closest ancestor (or self) matching any of the selectors. */
export function closest(el: Element | null | undefined, sel: Sel): Element | null {
  if (!el) return null;
  for (const s of list(sel)) {
    try {
      const c = el.closest(s);
      if (c) return c;
    } catch {
      // see first()
    }
  }
  return null;
}

const EMAIL_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The first email address in a string. */
export function findEmail(s: string | null | undefined): string | undefined {
  return s ? EMAIL_RE.exec(s)?.[0] : undefined;
}

/**
 * Every address written in a short self-description (a bio), including the bracketed obfuscations people use there:
 * "ben [at] tallybird [dot] example", "ben(at)tallybird(dot)example". Bare " at "/" dot " are too common in prose.
 */
export function emailsInBio(s: string | null | undefined): string[] {
  if (!s) return [];
  const plain = s
    .replace(/\s*[[({<]\s*at\s*[\])}>]\s*/gi, '@')
    .replace(/\s*[[({<]\s*dot\s*[\])}>]\s*/gi, '.');
  return uniq(plain.match(new RegExp(EMAIL_RE.source, 'g')) ?? []);
}

/** `mailto:` href → address, without query. */
export function mailtoAddress(href: string | null | undefined): string | undefined {
  if (!href || !/^mailto:/i.test(href)) return undefined;
  try {
    return decodeURIComponent(href.slice(7).split('?')[0] ?? '').trim() || undefined;
  } catch {
    return href.slice(7).split('?')[0]?.trim() || undefined;
  }
}

/** A raw phone-looking string: digits with the usual separators, at least 7 digits. */
export function looksLikePhone(s: string): boolean {
  if (!/^\+?[\d\s().\-/]{7,}$/.test(s.trim())) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 16;
}
