import type { TextBlock } from '../types';

/**
 * One pass over the DOM that turns visible text into blocks of lines, with the links inside each block.
 *
 * Speed matters (issue 4 compares this with a bare TreeWalker pass over text nodes), so the hot loop does as little
 * per node as it can: a TreeWalker over elements and text, one Map lookup per element for everything its tag says,
 * the class attribute read only on block-level elements (and classified once per distinct class string), and the
 * attribute-driven checks (hidden elements, structured-data roots) found up front by one querySelectorAll.
 * No getComputedStyle, no innerText (both force style or layout), no .href (resolving URLs is slow).
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

// What a tag means to the walk, as bit flags: one lookup per element.
const SKIP = 1; // never text a person wrote for readers: code, styles, templates, embedded objects, form controls
const LINE = 2; // ends a line
const HEADING = 4; // opens a block named by its text
const BOUNDARY = 8; // starts and ends a block
const WEAK = 16; // a boundary unless inside a card (list items, rows)
const CARD = 32; // a card-like container
const STRONG = 64; // a card whose list items do not split it
const CLASSY = 128; // its class attribute is worth reading (block-level elements)
const ANCHOR = 256;

const TAGS = new Map<string, number>();
const set = (names: string, flags: number) => {
  for (const n of names.split(' ')) TAGS.set(n, (TAGS.get(n) ?? 0) | flags);
};
set('SCRIPT STYLE TEMPLATE NOSCRIPT CODE svg SVG math MATH IFRAME OBJECT EMBED CANVAS VIDEO AUDIO IMG PICTURE INPUT TEXTAREA SELECT OPTION DATALIST HEAD TITLE LINK META KBD SAMP VAR', SKIP);
set('P DIV BR LI UL OL DL DT DD TR TD TH TABLE TBODY THEAD TFOOT SECTION ARTICLE ASIDE HEADER FOOTER NAV MAIN ADDRESS BLOCKQUOTE FIGURE FIGCAPTION H1 H2 H3 H4 H5 H6 HR FORM FIELDSET LEGEND DETAILS SUMMARY DIALOG CAPTION PRE CENTER BUTTON LABEL', LINE);
set('H1 H2 H3 H4 H5 H6', HEADING);
set('ARTICLE SECTION ASIDE HEADER FOOTER NAV MAIN BLOCKQUOTE ADDRESS FORM DIALOG', BOUNDARY);
// a table row, not a cell, is the unit of a staff table (name | title | email | phone)
set('LI DD TR TABLE FIGURE DETAILS', WEAK);
set('ARTICLE LI DD TR ADDRESS', CARD);
set('ARTICLE ADDRESS', STRONG);
set('DIV SECTION ARTICLE ASIDE HEADER FOOTER NAV MAIN LI UL OL DL DD TR TD TABLE TBODY BLOCKQUOTE ADDRESS P SPAN FIGURE DETAILS DIALOG FORM', CLASSY);
set('A', ANCHOR);

const HINT_BY_TAG: Record<string, string> = {
  FOOTER: 'footer', HEADER: 'header', NAV: 'nav', ASIDE: 'aside', BLOCKQUOTE: 'quote', ADDRESS: 'contact', MAIN: 'main', FORM: 'form',
};

// Attributes that hide an element or root structured data: one querySelectorAll finds them all. Each attribute
// selector costs about a text-node pass on a large page, so only the common ones are here ([inert] and RDFa's
// [typeof] are rare; RDFa blocks are then read by the text layers too, which merge finds the same person in).
const ATTR_SELECTOR = '[hidden],[aria-hidden="true"],[style],[itemscope],.h-card,.vcard';
const PRE_STYLE = /white-space\s*:\s*pre/i;
// Collapsed content a visitor opens with a click (an accordion's drawer, a tab's panel, a "show offices" table) is
// content: hidden by a collapsing widget (its id or class names one, it is a tab panel, or jQuery's slideUp left
// overflow:hidden beside display:none, a control just before it opens it). Decoys are not: an element named as a
// trap, one holding form fields, or pushed off screen (a honeypot address for spam robots).
const COLLAPSIBLE = /tab|panel|pane|collapse|accordion|drawer|toggle|slide|expand|dropdown|reveal|answer|faq|show|more/i;
const DECOY = /honey|trap|spam|robot|decoy|(?:^|[-_\s])(?:hp|bot)(?:$|[-_\s])/i;
const OFFSCREEN_STYLE = /(?:left|top|text-indent)\s*:\s*-\d{4,}(?:\.\d+)?px/i;

function isCollapsed(el: Element, style: string): boolean {
  const names = `${el.id} ${el.getAttribute('class') ?? ''}`;
  if (DECOY.test(names) || el.querySelector('input,textarea,select')) return false; // a honeypot field
  return (
    /overflow\s*:\s*hidden/i.test(style) ||
    el.getAttribute('role') === 'tabpanel' ||
    (names.trim() !== '' && COLLAPSIBLE.test(names)) ||
    isControl(el.previousElementSibling)
  );
}

const CONTROL = 'a[href^="javascript:" i],[onclick],button,[aria-expanded],[data-toggle],[data-bs-toggle]';

/** A clickable thing that opens what follows it (a "Show offices" link, an accordion's header). */
function isControl(el: Element | null): boolean {
  return !!el && (el.matches(CONTROL) || (el.getElementsByTagName('*').length < 50 && !!el.querySelector(CONTROL)));
}
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)/i;
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden|display-none|invisible|hide)(?:\s|$)/;
const STRUCTURED_CLASS = /(?:^|\s)(?:h-card|vcard)(?:\s|$)/;
const CARD_CLASS = /card|person|member|profile|vcard|h-card|speaker|author|employee|bio\b|byline|contact|signature|sig\b/i;
const SIGNATURE_CLASS = /signature|\bsig\b|gmail_signature|moz-signature/i;
const QUOTE_CLASS = /gmail_quote|moz-cite|yahoo_quoted|divRplyFwdMsg|x_gmail_quote|OutlookMessageHeader|quote/i;
// Plural words name a container of cards ("people", "team", "speakers"), not a card.
const CONTAINER_CLASS = /people|staff|team(?!-member)|members|speakers|authors|employees|contacts|cards|profiles|persons|directory/i;
// The parts of a card (BEM "card__title", Bootstrap "card-body", "profile-photo") are not cards themselves.
const PART_OF = /__|[-_](?:title|name|body|text|header|footer|image|img|photo|picture|avatar|link|links|icon|meta|info|details|content|label|role|position|description|email|phone|social|list|grid|wrapper|container|section|row|col|count|button|btn|badge|tag|tags)$/i;

type Kind = 'signature' | 'quote' | 'card' | 'contact';

/** What a class attribute says; pages repeat the same few class strings, so this is cached per string. */
interface ClassInfo {
  kind?: Kind;
  hidden: boolean;
}

function classify(cls: string): ClassInfo {
  const info: ClassInfo = { hidden: HIDDEN_CLASS.test(cls) && (!COLLAPSIBLE.test(cls) || DECOY.test(cls)) };
  for (const token of cls.split(/\s+/)) {
    if (!token) continue;
    if (SIGNATURE_CLASS.test(token)) info.kind = 'signature';
    else if (QUOTE_CLASS.test(token)) info.kind ??= 'quote';
    else if (CARD_CLASS.test(token) && !PART_OF.test(token) && !CONTAINER_CLASS.test(token)) info.kind ??= /contact/i.test(token) ? 'contact' : 'card';
  }
  return info;
}

const NO_CLASS: ClassInfo = { hidden: false };

// Above this many elements the up-front selector (whose cost grows with the page) is replaced by checks inside the
// walk, whose cost the walk's own node and time caps bound.
const MARK_UP_FRONT_LIMIT = 100_000;

interface Marks {
  skip: Set<Element>;
  structured: Set<Element>;
  /** elements styled white-space: pre…, whose newlines are line breaks (plain-text mail bodies) */
  pre: Set<Element>;
}

/**
 * Hidden elements and structured-data roots under the roots, found with one selector before the walk; null when
 * the page is too large for that and the walk should check attributes itself.
 */
function markByAttributes(roots: Element[], exclude: Set<Element>): Marks | null {
  let count = 0;
  for (const root of roots) count += root.getElementsByTagName('*').length;
  if (count > MARK_UP_FRONT_LIMIT) return null;
  const skip = new Set<Element>(exclude);
  const structured = new Set<Element>();
  const pre = new Set<Element>();
  for (const root of roots) {
    for (const el of root.querySelectorAll(ATTR_SELECTOR)) {
      if (el.hasAttribute('itemscope') || STRUCTURED_CLASS.test(el.getAttribute('class') ?? '')) structured.add(el);
      if (el.getAttribute('aria-hidden') === 'true') skip.add(el);
      else if (el.hasAttribute('hidden')) {
        if (!isCollapsed(el, '')) skip.add(el);
      } else {
        const style = el.getAttribute('style');
        if (style && HIDDEN_STYLE.test(style) && !isCollapsed(el, style)) skip.add(el);
        else if (style && OFFSCREEN_STYLE.test(style)) skip.add(el);
        else if (style && PRE_STYLE.test(style)) pre.add(el);
      }
    }
  }
  return { skip, structured, pre };
}

interface Frame {
  el: Element;
  flags: number;
  structured: boolean;
  /** an article, address or a container whose class names a card: list items inside do not split it */
  strong: boolean;
  boundary: boolean;
  hint?: string;
  card: boolean;
  /** preformatted text: its newlines end lines ("-- " above a plain-text signature) */
  pre: boolean;
}

const isSpace = (c: number) => c <= 32 || c === 160 || c === 0x200b;

export function walkText(roots: Element[], exclude: Set<Element>, limits: WalkLimits = DEFAULT_LIMITS): WalkResult {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  let line = '';
  // whether the current line ends in white space, tracked as text is appended (testing the string would flatten it)
  let lineEndsSpace = true;
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
  let preDepth = 0;
  // two elements with no space between them ("<strong>Ana Lima</strong><span>CEO</span>") are laid out apart
  // by CSS on any real page: read them as two lines, not "Ana LimaCEO"
  let pendingBreak = false;
  const started = now();
  const marks = markByAttributes(roots, exclude);
  const classCache = new Map<string, ClassInfo>();

  const isSkipped = (el: Element): boolean => {
    if (marks) return marks.skip.has(el);
    return (
      exclude.has(el) ||
      (el.hasAttributes() &&
        (el.getAttribute('aria-hidden') === 'true' ||
          el.hasAttribute('inert') ||
          OFFSCREEN_STYLE.test(el.getAttribute('style') ?? '') ||
          ((el.hasAttribute('hidden') || HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) && !isCollapsed(el, el.getAttribute('style') ?? ''))))
    );
  };
  const isStructuredRoot = (el: Element): boolean =>
    marks ? marks.structured.has(el) : el.hasAttributes() && (el.hasAttribute('itemscope') || el.hasAttribute('typeof'));
  const classOf = (el: Element): ClassInfo => {
    const cls = (el as HTMLElement).className;
    if (!cls || typeof cls !== 'string') return NO_CLASS;
    let info = classCache.get(cls);
    if (!info) classCache.set(cls, (info = classify(cls)));
    return info;
  };

  const endLine = () => {
    pendingBreak = false;
    lineEndsSpace = true;
    if (!line) return;
    let t = line.trim();
    // collapse runs of white space only where there are any (most lines from real pages have none)
    if (/\s\s|[\t\n\r\u00a0\u200b]/.test(t)) t = t.replace(/[\s\u00a0\u200b]+/g, ' ');
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

  function enter(el: Element, tag: string, flags: number, info: ClassInfo): Frame {
    let kind = info.kind;
    if (tag === 'BLOCKQUOTE') kind = 'quote';
    else if (!kind && tag === 'DIV' && el.id) kind = classify(el.id).kind; // <div id="Signature">
    const structured = isStructuredRoot(el);
    let boundary = (flags & BOUNDARY) !== 0 || ((flags & WEAK) !== 0 && strongCards === 0);
    let card = (flags & CARD) !== 0;
    let strong = (flags & STRONG) !== 0;
    let hint = HINT_BY_TAG[tag];
    if (kind === 'signature' || kind === 'quote') {
      hint = kind;
      boundary = true;
    } else if (kind) {
      boundary = card = strong = true;
      if (kind === 'contact') hint = 'contact';
    }
    if (structured) boundary = true;
    const pre = tag === 'PRE' || (!!marks && marks.pre.has(el));
    if (pre) preDepth++;
    const frame: Frame = { el, flags, structured, strong, boundary, hint, card, pre };
    if (boundary) {
      flush();
      if (structured) structuredDepth++;
      if (strong) strongCards++;
      hints.push(hint ?? hints[hints.length - 1] ?? '');
      cards.push(card);
    } else if (hint) {
      hints.push(hint);
    }
    if (flags & HEADING) {
      flush();
      headingStart = lines.length;
    } else if (flags & LINE) endLine();
    if (flags & ANCHOR) {
      // the attribute: relative links point into the page's own site, which is never a person's own link
      const href = el.getAttribute('href');
      if (href && links.length < 50 && /^\s*(?:mailto:|tel:|https?:\/\/)/i.test(href)) links.push(href.trim());
    }
    return frame;
  }

  function leave(frame: Frame) {
    if (frame.pre) preDepth--;
    if (line && !lineEndsSpace) pendingBreak = true;
    if (frame.flags & HEADING) {
      endLine();
      const text = lines.slice(Math.max(0, headingStart)).join(' ').trim();
      if (text) heading = text.slice(0, 200);
      headingStart = -1;
    } else if (frame.flags & LINE) endLine();
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
    // SHOW_ELEMENT | SHOW_TEXT; one native call per node. Leaving an element is seen when a node's parent is no
    // longer the innermost open element.
    const walker = root.ownerDocument.createTreeWalker(root, 0x1 | 0x4);
    const stack: Frame[] = [];
    let top: Node | null = null;
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
        while (top !== parent && stack.length) {
          leave(stack.pop()!);
          top = stack.length ? stack[stack.length - 1]!.el : null;
        }
      }
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (data) {
          if (pendingBreak) {
            const first = data.charCodeAt(0);
            // punctuation right after an element ("<a>Twitter</a>.") stays on its line
            if (!isSpace(first) && !/[.,;:!?)\]}»”’'"]/.test(data[0]!)) endLine();
            pendingBreak = false;
          }
          if (preDepth > 0 && data.includes('\n')) {
            const parts = data.split('\n');
            for (let i = 0; i < parts.length; i++) {
              if (i > 0) endLine();
              line += parts[i];
            }
          } else line += data;
          lineEndsSpace = isSpace(data.charCodeAt(data.length - 1));
          chars += data.length;
          if (chars > limits.maxChars) {
            truncated = `page too long: stopped after ${limits.maxChars} characters`;
            break;
          }
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const tag = el.tagName;
      const flags = TAGS.get(tag) ?? 0;
      if (flags & SKIP || isSkipped(el) || (tag === 'PRE' && el.firstElementChild?.tagName === 'CODE')) {
        node = skipSubtree(walker, root);
        continue;
      }
      if (tag === 'BR') {
        endLine();
        node = walker.nextNode();
        continue;
      }
      const info = flags & CLASSY ? classOf(el) : NO_CLASS;
      if (info.hidden) {
        node = skipSubtree(walker, root);
        continue;
      }
      if (line && !lineEndsSpace) pendingBreak = true;
      stack.push(enter(el, tag, flags, info));
      top = el;
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
