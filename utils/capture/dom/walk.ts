import type { TextBlock } from '../types';

/**
 * One pass over the DOM that turns visible text into blocks of lines, with the links inside each block.
 * Manual traversal (firstChild/nextSibling) instead of a filtered TreeWalker: skipping a hidden subtree costs one
 * attribute check, and leaving an element is known without a second pass. No getComputedStyle, no innerText.
 */

export interface WalkLimits {
  maxNodes: number;
  maxChars: number;
  maxMillis: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxNodes: 150_000, maxChars: 2_000_000, maxMillis: 1_500 };

export interface WalkResult {
  blocks: TextBlock[];
  nodes: number;
  chars: number;
  /** why the walk stopped early, if it did */
  truncated?: string;
}

// Never text a person wrote for readers: code, styles, templates, embedded objects, form controls.
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'CODE', 'SVG', 'svg', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'VIDEO', 'AUDIO', 'IMG', 'PICTURE', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'DATALIST', 'HEAD', 'TITLE', 'LINK',
  'META', 'KBD', 'SAMP', 'VAR',
]);
// Elements that end a line.
const LINE = new Set([
  'P', 'DIV', 'BR', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'TR', 'TD', 'TH', 'TABLE', 'TBODY', 'THEAD', 'TFOOT',
  'SECTION', 'ARTICLE', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'ADDRESS', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'FORM', 'FIELDSET', 'LEGEND', 'DETAILS', 'SUMMARY', 'DIALOG', 'CAPTION', 'PRE',
  'CENTER', 'BUTTON', 'LABEL',
]);
const HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
// Elements that start and end a block.
const BOUNDARY = new Set([
  'ARTICLE', 'SECTION', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'LI', 'DD', 'TD', 'TH', 'BLOCKQUOTE', 'ADDRESS',
  'FORM', 'DIALOG', 'TABLE', 'FIGURE', 'DETAILS',
]);
const CARD_TAGS = new Set(['ARTICLE', 'LI', 'DD', 'TD', 'ADDRESS']);
const HINT_BY_TAG: Record<string, string> = {
  FOOTER: 'footer', HEADER: 'header', NAV: 'nav', ASIDE: 'aside', BLOCKQUOTE: 'quote', ADDRESS: 'contact', MAIN: 'main', FORM: 'form',
};
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden|display-none|invisible|hide)(?:\s|$)/;
const CARD_CLASS = /card|person|member|profile|vcard|h-card|speaker|author|staff|employee|bio\b|byline|contact|team-|people|signature|sig\b/i;
const SIGNATURE_CLASS = /signature|\bsig\b|gmail_signature|moz-signature/i;
const QUOTE_CLASS = /gmail_quote|moz-cite|yahoo_quoted|divRplyFwdMsg|x_gmail_quote|OutlookMessageHeader|quote/i;

interface Frame {
  el: Element;
  line: boolean;
  boundary: boolean;
  heading: boolean;
  hint?: string;
  card: boolean;
}

export function walkText(roots: Element[], exclude: Set<Element>, limits: WalkLimits = DEFAULT_LIMITS): WalkResult {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  let line = '';
  let links: string[] = [];
  let heading: string | undefined;
  let headingStart = -1;
  let nodes = 0;
  let chars = 0;
  let truncated: string | undefined;
  const hints: string[] = [];
  const cards: boolean[] = [];
  const started = now();

  const endLine = () => {
    const t = line.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  const flush = () => {
    endLine();
    if (lines.length || links.length) {
      const block: TextBlock = { text: lines.join('\n') };
      if (links.length) block.links = links;
      const hint = hints[hints.length - 1];
      if (hint) block.hint = hint;
      if (heading) block.heading = heading;
      if (cards[cards.length - 1]) block.card = true;
      blocks.push(block);
    }
    lines = [];
    links = [];
    heading = undefined;
  };

  for (const root of roots) {
    const stack: Frame[] = [];
    let node: Node | null = root;
    walk: while (node) {
      nodes++;
      if (nodes > limits.maxNodes) {
        truncated = `page too large: stopped after ${limits.maxNodes} nodes`;
        break;
      }
      if ((nodes & 4095) === 0 && now() - started > limits.maxMillis) {
        truncated = `page too slow to read: stopped after ${limits.maxMillis} ms`;
        break;
      }
      let descend = false;
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        line += data;
        chars += data.length;
        if (chars > limits.maxChars) {
          truncated = `page too long: stopped after ${limits.maxChars} characters`;
          break;
        }
      } else if (node.nodeType === 1) {
        const el = node as Element;
        const tag = el.tagName;
        if (!skipElement(el, tag, exclude)) {
          if (tag === 'BR') {
            endLine();
          } else {
            const frame = enter(el, tag);
            if (el.firstChild) {
              stack.push(frame);
              descend = true;
            } else leave(frame);
          }
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // move to the next node, leaving finished elements on the way up
      while (node) {
        if (node === root) break walk;
        if (node.nextSibling) {
          node = node.nextSibling;
          continue walk;
        }
        node = node.parentNode;
        const frame = stack.pop();
        if (frame) leave(frame);
        if (!node || node === root) break walk;
      }
    }
    while (stack.length) leave(stack.pop()!);
    flush();
    if (truncated) break;
  }

  function enter(el: Element, tag: string): Frame {
    const isHeading = HEADING.has(tag);
    const cls = typeof el.className === 'string' ? el.className : '';
    let boundary = BOUNDARY.has(tag);
    let card = CARD_TAGS.has(tag);
    let hint = HINT_BY_TAG[tag];
    if (cls || el.id) {
      const both = `${cls} ${el.id}`;
      if (SIGNATURE_CLASS.test(both)) {
        hint = 'signature';
        boundary = true;
      } else if (tag === 'BLOCKQUOTE' || QUOTE_CLASS.test(both)) {
        hint = 'quote';
        boundary = true;
      } else if (CARD_CLASS.test(both)) {
        boundary = true;
        card = true;
        if (/contact/i.test(both)) hint = 'contact';
      }
    }
    if (!boundary && (el.hasAttribute('itemscope') || el.hasAttribute('typeof'))) boundary = true;
    const frame: Frame = { el, line: LINE.has(tag), boundary, heading: isHeading, hint, card };
    if (boundary) {
      flush();
      hints.push(hint ?? hints[hints.length - 1] ?? '');
      cards.push(card);
    } else if (hint) {
      hints.push(hint);
    }
    if (isHeading) {
      flush();
      headingStart = lines.length;
    } else if (frame.line) endLine();
    if (tag === 'A') {
      const href = (el as HTMLAnchorElement).href || el.getAttribute('href') || '';
      if (href && links.length < 50 && /^(mailto:|tel:|https?:)/i.test(href)) links.push(href);
    }
    return frame;
  }

  function leave(frame: Frame) {
    if (frame.heading) {
      endLine();
      const text = lines.slice(Math.max(0, headingStart)).join(' ').trim();
      if (text) heading = text.slice(0, 200);
      headingStart = -1;
    } else if (frame.line) endLine();
    if (frame.boundary) {
      flush();
      hints.pop();
      cards.pop();
    } else if (frame.hint) {
      hints.pop();
    }
  }

  return { blocks, nodes, chars, ...(truncated ? { truncated } : {}) };
}

/** Cheap checks only: attributes and inline style, never computed style. */
export function skipElement(el: Element, tag: string, exclude: Set<Element>): boolean {
  if (SKIP.has(tag)) return true;
  if (tag === 'PRE' && el.firstElementChild?.tagName === 'CODE') return true;
  if (exclude.size && exclude.has(el)) return true;
  if (!el.attributes.length) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) return true;
  const style = el.getAttribute('style');
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)/i.test(style)) return true;
  const cls = el.getAttribute('class');
  if (cls && HIDDEN_CLASS.test(cls)) return true;
  return false;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
