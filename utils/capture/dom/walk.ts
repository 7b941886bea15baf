import type { TextBlock } from '../types';

/**
 * One pass over the DOM that turns visible text into blocks of lines, with the links inside each block.
 * Speed (issue 4 compares this with a bare TreeWalker pass): the walk itself is a TreeWalker over elements and text;
 * everything that needs attributes (hidden elements, card/signature/quote containers, structured-data roots) is
 * found up front with a few targeted querySelectorAll calls, so per node the walk only does Set/Map lookups.
 * No getComputedStyle, no innerText (both force style or layout).
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
  'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'CODE', 'SVG', 'svg', 'MATH', 'math', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
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
// Elements that start and end a block. The weak ones (list items, cells) do not split a card they sit in.
const BOUNDARY = new Set(['ARTICLE', 'SECTION', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'BLOCKQUOTE', 'ADDRESS', 'FORM', 'DIALOG']);
// A table row, not a cell, is the unit of a staff table (name | title | email | phone).
const WEAK_BOUNDARY = new Set(['LI', 'DD', 'TR', 'TABLE', 'FIGURE', 'DETAILS']);
const CARD_TAGS = new Set(['ARTICLE', 'LI', 'DD', 'TR', 'ADDRESS']);
const STRONG_CARD_TAGS = new Set(['ARTICLE', 'ADDRESS']);
const HINT_BY_TAG: Record<string, string> = {
  FOOTER: 'footer', HEADER: 'header', NAV: 'nav', ASIDE: 'aside', BLOCKQUOTE: 'quote', ADDRESS: 'contact', MAIN: 'main', FORM: 'form',
};

// Attributes that hide an element or root structured data: one querySelectorAll finds them all.
const ATTR_SELECTOR = '[hidden],[aria-hidden="true"],[inert],[style],[itemscope],[typeof]';
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)/i;
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden|display-none|invisible|hide)(?:\s|$)/;
const STRUCTURED_CLASS = /(?:^|\s)(?:h-card|vcard)(?:\s|$)/;
const CARD_CLASS = /card|person|member|profile|vcard|h-card|speaker|author|employee|bio\b|byline|contact|signature|sig\b/i;
const SIGNATURE_CLASS = /signature|\bsig\b|gmail_signature|moz-signature/i;
const QUOTE_CLASS = /gmail_quote|moz-cite|yahoo_quoted|divRplyFwdMsg|x_gmail_quote|OutlookMessageHeader|quote/i;

type Kind = 'signature' | 'quote' | 'card' | 'contact';

/** What a class attribute says; pages repeat the same few class strings, so this is cached per string. */
interface ClassInfo {
  kind?: Kind;
  hidden: boolean;
  structured: boolean;
}

// Plural words name a container of cards ("people", "team", "speakers"), not a card.
const CONTAINER_CLASS = /people|staff|team(?!-member)|members|speakers|authors|employees|contacts|cards|profiles|persons|directory/i;
// The parts of a card (BEM "card__title", Bootstrap "card-body", "profile-photo") are not cards themselves.
const PART_OF = /__|[-_](?:title|name|body|text|header|footer|image|img|photo|picture|avatar|link|links|icon|meta|info|details|content|label|role|position|description|email|phone|social|list|grid|wrapper|container|section|row|col|count|button|btn|badge|tag|tags)$/i;

function classify(cls: string): ClassInfo {
  const info: ClassInfo = { hidden: HIDDEN_CLASS.test(cls), structured: STRUCTURED_CLASS.test(cls) };
  for (const token of cls.split(/\s+/)) {
    if (!token) continue;
    if (SIGNATURE_CLASS.test(token)) info.kind = 'signature';
    else if (QUOTE_CLASS.test(token)) info.kind ??= 'quote';
    else if (CARD_CLASS.test(token) && !PART_OF.test(token) && !CONTAINER_CLASS.test(token)) info.kind ??= /contact/i.test(token) ? 'contact' : 'card';
  }
  return info;
}

// Above this many elements the up-front selector (whose cost grows with the page) is replaced by checks inside the
// walk, whose cost the walk's own node and time caps bound.
const MARK_UP_FRONT_LIMIT = 100_000;

/**
 * Hidden elements and structured-data roots under the roots, found with one selector before the walk; null when
 * the page is too large for that and the walk should check attributes itself.
 */
function markByAttributes(roots: Element[], exclude: Set<Element>): { skip: Set<Element>; structured: Set<Element> } | null {
  let count = 0;
  for (const root of roots) count += root.getElementsByTagName('*').length;
  if (count > MARK_UP_FRONT_LIMIT) return null;
  const skip = new Set<Element>(exclude);
  const structured = new Set<Element>();
  for (const root of roots) {
    for (const el of root.querySelectorAll(ATTR_SELECTOR)) {
      if (el.hasAttribute('itemscope') || el.hasAttribute('typeof')) structured.add(el);
      if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) skip.add(el);
      else if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) skip.add(el);
    }
  }
  return { skip, structured };
}

const NO_CLASS: ClassInfo = { hidden: false, structured: false };

interface Frame {
  el: Element;
  structured: boolean;
  /** an article, address or a container whose class names a card: list items inside do not split it */
  strong: boolean;
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
  let strongCards = 0;
  let structuredDepth = 0;
  // two elements with no space between them ("<strong>Ana Lima</strong><span>CEO</span>") are laid out apart
  // by CSS on any real page: read them as two lines, not "Ana LimaCEO"
  let pendingBreak = false;
  const started = now();
  const marks = markByAttributes(roots, exclude);
  const isSkipped = marks
    ? (el: Element) => marks.skip.has(el)
    : (el: Element) =>
        exclude.has(el) ||
        (el.hasAttributes() &&
          (el.hasAttribute('hidden') ||
            el.getAttribute('aria-hidden') === 'true' ||
            el.hasAttribute('inert') ||
            HIDDEN_STYLE.test(el.getAttribute('style') ?? '')));
  const isStructuredRoot = marks
    ? (el: Element) => marks.structured.has(el)
    : (el: Element) => el.hasAttributes() && (el.hasAttribute('itemscope') || el.hasAttribute('typeof'));
  const classCache = new Map<string, ClassInfo>();
  const classOf = (el: Element): ClassInfo => {
    const cls = (el as HTMLElement).className;
    if (!cls || typeof cls !== 'string') return NO_CLASS;
    let info = classCache.get(cls);
    if (!info) classCache.set(cls, (info = classify(cls)));
    return info;
  };

  const endLine = () => {
    pendingBreak = false;
    if (!line) return;
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
      if (structuredDepth > 0) block.structured = true;
      blocks.push(block);
    }
    lines = [];
    links = [];
    heading = undefined;
  };

  function enter(el: Element, tag: string, info: ClassInfo): Frame {
    const isHeading = HEADING.has(tag);
    let kind = info.kind;
    if (tag === 'BLOCKQUOTE') kind = 'quote';
    else if (!kind && el.id) kind = classify(el.id).kind;
    const structured = info.structured || isStructuredRoot(el);
    let boundary = BOUNDARY.has(tag) || (WEAK_BOUNDARY.has(tag) && strongCards === 0);
    let card = CARD_TAGS.has(tag);
    let strong = STRONG_CARD_TAGS.has(tag);
    let hint = HINT_BY_TAG[tag];
    if (kind === 'signature' || kind === 'quote') {
      hint = kind;
      boundary = true;
    } else if (kind) {
      boundary = true;
      card = true;
      strong = true;
      if (kind === 'contact') hint = 'contact';
    }
    if (structured) boundary = true;
    const frame: Frame = { el, structured, strong, line: LINE.has(tag), boundary, heading: isHeading, hint, card };
    if (boundary) {
      flush();
      if (structured) structuredDepth++;
      if (strong) strongCards++;
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
      // the attribute, not the .href property: resolving every link is the slowest thing a walk can do. Relative
      // links point into the page's own site, which is never a person's own link.
      const href = el.getAttribute('href');
      if (href && links.length < 50 && /^\s*(?:mailto:|tel:|https?:\/\/)/i.test(href)) links.push(href.trim());
    }
    return frame;
  }

  function leave(frame: Frame) {
    if (line && !/\s$/.test(line)) pendingBreak = true;
    if (frame.heading) {
      endLine();
      const text = lines.slice(Math.max(0, headingStart)).join(' ').trim();
      if (text) heading = text.slice(0, 200);
      headingStart = -1;
    } else if (frame.line) endLine();
    if (frame.boundary) {
      flush();
      if (frame.structured) structuredDepth--;
      if (frame.strong) strongCards--;
      hints.pop();
      cards.pop();
    } else if (frame.hint) {
      hints.pop();
    }
  }

  for (const root of roots) {
    const doc = root.ownerDocument;
    // SHOW_ELEMENT | SHOW_TEXT; one native call per node. Leaving an element is seen when a node's parent is no
    // longer the innermost open element.
    const walker = doc.createTreeWalker(root, 0x1 | 0x4);
    const stack: Frame[] = [];
    let node: Node | null = root;
    while (node) {
      nodes++;
      if (nodes > limits.maxNodes) {
        truncated = `page too large: stopped after ${limits.maxNodes} nodes`;
        break;
      }
      if ((nodes & 4095) === 0 && now() - started > limits.maxMillis) {
        truncated = `page too slow to read: stopped after ${limits.maxMillis} ms`;
        break;
      }
      if (node !== root) {
        const parent = node.parentNode;
        while (stack.length && stack[stack.length - 1]!.el !== parent) leave(stack.pop()!);
      }
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (pendingBreak && data) {
          if (!/^[\s.,;:!?)\]}»”’'"]/.test(data)) endLine();
          pendingBreak = false;
        }
        line += data;
        chars += data.length;
        if (chars > limits.maxChars) {
          truncated = `page too long: stopped after ${limits.maxChars} characters`;
          break;
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const tag = el.tagName;
      if (SKIP.has(tag) || isSkipped(el) || (tag === 'PRE' && el.firstElementChild?.tagName === 'CODE')) {
        node = skipSubtree(walker, root);
        continue;
      }
      if (tag === 'BR') {
        endLine();
        node = walker.nextNode();
        continue;
      }
      const info = classOf(el);
      if (info.hidden) {
        node = skipSubtree(walker, root);
        continue;
      }
      if (line && !/\s$/.test(line)) pendingBreak = true;
      stack.push(enter(el, tag, info));
      node = walker.nextNode();
    }
    while (stack.length) leave(stack.pop()!);
    flush();
    if (truncated) break;
  }

  return { blocks, nodes, chars, ...(truncated ? { truncated } : {}) };
}

/** The node after the walker's current node's subtree (its next sibling, or an ancestor's), or null at the end. */
function skipSubtree(walker: TreeWalker, root: Node): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    const parent = walker.parentNode();
    if (!parent || parent === root) return null;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
