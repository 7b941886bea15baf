import type { StructuredItem } from '../types';

/**
 * Structured data as raw material: JSON-LD script text, microdata and RDFa items as plain trees, the outerHTML of
 * h-card roots, and <meta> tags. Targeted selectors only; parsing and interpretation happen in refine.
 */

const MAX_ITEMS = 500;
const MAX_PROPS_WALK = 5_000;
const MAX_JSONLD = 1_000_000;
const MAX_HCARD_HTML = 200_000;

const BARE_HOST_HREF = /^(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+(?!(?:html?|php|aspx?|jsp|pdf|png|jpe?g|gif|svg)(?:[:/?#]|$))[a-z]{2,24}(?:[:/?#]|$)/i;

const isExcluded = (el: Element, exclude: Element[]) => exclude.some((x) => x === el || x.contains(el));

export function collectJsonLd(doc: Document): string[] {
  const out: string[] = [];
  // getElementsByTagName, not a selector: cheap on any DOM, however large
  for (const s of doc.getElementsByTagName('script')) {
    if ((s.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    const t = s.textContent ?? '';
    if (t.trim()) out.push(t.length > MAX_JSONLD ? t.slice(0, MAX_JSONLD) : t);
    if (out.length >= 50) break;
  }
  return out;
}

export function collectMeta(doc: Document): Record<string, string> {
  const meta: Record<string, string> = {};
  let n = 0;
  for (const m of (doc.head ?? doc).getElementsByTagName('meta')) {
    if (!m.hasAttribute('content')) continue;
    const key = (m.getAttribute('property') || m.getAttribute('name') || m.getAttribute('itemprop') || '').trim().toLowerCase();
    if (!key || key in meta) continue;
    meta[key] = (m.getAttribute('content') ?? '').slice(0, 2000);
    if (++n >= 300) break;
  }
  return meta;
}

/**
 * Outermost h-card (mf2) and vcard (mf1) elements: nested ones are parsed as part of their root. `found` is the
 * document's .h-card/.vcard elements when a caller already has them (dom/walk.ts scanAttributes: one selector pass).
 */
export function collectHcards(doc: Document, exclude: Element[], found?: Iterable<Element>): string[] {
  const out: string[] = [];
  for (const el of found ?? doc.querySelectorAll('.h-card, .vcard')) {
    if (el.parentElement?.closest('.h-card, .vcard')) continue;
    if (isExcluded(el, exclude)) continue;
    const html = el.outerHTML;
    if (html.length <= MAX_HCARD_HTML) out.push(html);
    if (out.length >= MAX_ITEMS) break;
  }
  return out;
}

/**
 * Top-level microdata items (itemscope without itemprop, or a property of no item) and RDFa resources (typeof without property). `found` is the
 * document's [itemscope] and [typeof] elements when a caller already has them (dom/walk.ts scanAttributes).
 */
export function collectItems(doc: Document, exclude: Element[], found?: { items: Iterable<Element>; rdfa: Iterable<Element> }): StructuredItem[] {
  const out: StructuredItem[] = [];
  const budget = { left: MAX_PROPS_WALK };
  for (const el of found?.items ?? doc.querySelectorAll('[itemscope]')) {
    // an item given as a property of no item (itemprop="reviews" with no itemscope above) is top-level too
    if ((el.hasAttribute('itemprop') && el.parentElement?.closest('[itemscope]')) || isExcluded(el, exclude)) continue;
    out.push(readItem(el, 'microdata', budget, 0));
    if (out.length >= MAX_ITEMS) return out;
  }
  for (const el of found?.rdfa ?? doc.querySelectorAll('[typeof]')) {
    if (el.hasAttribute('property') || el.hasAttribute('itemscope') || isExcluded(el, exclude)) continue;
    out.push(readItem(el, 'rdfa', budget, 0));
    if (out.length >= MAX_ITEMS) break;
  }
  return out;
}

function readItem(root: Element, syntax: 'microdata' | 'rdfa', budget: { left: number }, depth: number): StructuredItem {
  const typeAttr = syntax === 'microdata' ? 'itemtype' : 'typeof';
  const propAttr = syntax === 'microdata' ? 'itemprop' : 'property';
  const scopeAttr = syntax === 'microdata' ? 'itemscope' : 'typeof';
  const vocab = syntax === 'rdfa' ? root.closest('[vocab]')?.getAttribute('vocab') ?? '' : '';
  const types = (root.getAttribute(typeAttr) ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (vocab && !/^https?:/.test(t) ? vocab + t.replace(/^schema:/, '') : t));
  const item: StructuredItem = { syntax, types, props: {} };
  const stack: Element[] = [...Array.from(root.children)].reverse();
  while (stack.length && budget.left-- > 0) {
    const el = stack.pop()!;
    const prop = el.getAttribute(propAttr);
    const nested = el.hasAttribute(scopeAttr);
    if (prop) {
      const value = nested && depth < 4 ? readItem(el, syntax, budget, depth + 1) : valueOf(el, syntax);
      for (const name of prop.split(/\s+/).filter(Boolean)) {
        const key = name.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, '');
        (item.props[key] ??= []).push(value);
      }
    }
    if (nested) continue; // its properties belong to it
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return item;
}

function valueOf(el: Element, syntax: string): string {
  if (syntax === 'rdfa') {
    const c = el.getAttribute('content') ?? el.getAttribute('resource');
    if (c != null) return c;
  }
  const tag = el.tagName;
  if (tag === 'META') return el.getAttribute('content') ?? '';
  if (tag === 'A' || tag === 'LINK' || tag === 'AREA') {
    // href="meihartley.example" is that host, not a path under the page (which is what .href resolves it to)
    const raw = (el.getAttribute('href') ?? '').trim();
    if (BARE_HOST_HREF.test(raw)) return `https://${raw}`;
    return (el as HTMLAnchorElement).href || raw;
  }
  if (tag === 'IMG' || tag === 'AUDIO' || tag === 'VIDEO' || tag === 'SOURCE' || tag === 'IFRAME' || tag === 'EMBED') {
    return (el as HTMLImageElement).src || el.getAttribute('src') || '';
  }
  if (tag === 'OBJECT') return el.getAttribute('data') ?? '';
  if (tag === 'TIME') return el.getAttribute('datetime') ?? el.textContent ?? '';
  if (tag === 'DATA' || tag === 'METER') return el.getAttribute('value') ?? '';
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 2000);
}
