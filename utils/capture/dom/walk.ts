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
  /** stop after this many blocks: a quick first read of a very large page (utils/capture/partial.ts), not a cap */
  maxBlocks?: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxNodes: 150_000, maxChars: 2_000_000, maxMillis: 1_500 };

export interface WalkResult {
  blocks: TextBlock[];
  nodes: number;
  chars: number;
  /** why the walk stopped early, if it did */
  truncated?: string;
  /** it stopped at limits.maxBlocks: the start of the page only, by request */
  partial?: boolean;
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

/** A form that wraps a page's content (ASP.NET puts every page in one): many elements, or headings and paragraphs. */
function wrapsPage(form: Element): boolean {
  return form.getElementsByTagName('*').length > 300 || form.querySelectorAll('h1,h2,h3,h4,h5,h6,p').length >= 5;
}

const HINT_BY_TAG: Record<string, string> = {
  FOOTER: 'footer', HEADER: 'header', NAV: 'nav', ASIDE: 'aside', BLOCKQUOTE: 'quote', ADDRESS: 'contact', MAIN: 'main', FORM: 'form',
};

// Attributes that hide an element or root structured data: one querySelectorAll over the document finds them all,
// for the walk and for the structured-data collectors (dom/structured.ts) at once. Each attribute selector costs
// about a text-node pass on a large page and each separate querySelectorAll another traversal, so only the common
// ones are here ([inert] is rare) and there is one call. aria-hidden icons (<svg aria-hidden>, thousands on a
// directory) are skipped by tag anyway: not worth a lookup each.
const ATTR_SELECTOR = '[hidden],[aria-hidden="true"]:not(svg),[style],[itemscope],[typeof],.h-card,.vcard,[role="complementary"]';
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
    isControl(el.previousElementSibling) ||
    isStackedSlide(el, style)
  );
}

const ABSOLUTE = /position\s*:\s*absolute/i;

/** A carousel's slide: stacked (absolutely placed) among siblings of its tag placed the same way, shown in turn. */
function isStackedSlide(el: Element, style: string): boolean {
  if (!ABSOLUTE.test(style) || OFFSCREEN_STYLE.test(style)) return false;
  const like = (s: Element | null) => !!s && s.tagName === el.tagName && ABSOLUTE.test(s.getAttribute('style') ?? '');
  return like(el.previousElementSibling) || like(el.nextElementSibling);
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

// What the up-front selector found about an element, as bits in one Map: one lookup per element in the walk.
const MARK_SKIP = 1;
const MARK_STRUCTURED = 2;
/** styled white-space: pre…, whose newlines are line breaks (plain-text mail bodies) */
const MARK_PRE = 4;
/** role="complementary": a side module, like <aside> */
const MARK_ASIDE = 8;

/**
 * Headings of the modules a profile page puts beside its subject ("People also viewed", "Others named …",
 * "Interests", "Top voices"): what follows them, to the end of their section, is read with the hint "aside".
 */
const SIDE_MODULE =
  /^(?:people (?:also viewed|you may know|also follow|also search|similar to)|others named|(?:not the|looking for) .{1,60}(?:looking for|\?)|more profiles|similar (?:profiles|pages|people)|(?:pages )?people also viewed|interests|top voices|who to follow|you might (?:like|know)|suggested (?:for you|accounts|people)|recommended (?:for you|accounts|people)|related (?:people|profiles|accounts|stories|articles|posts|news|reading|content)|(?:you may|you might) also like|read next|more stories|most (?:popular|read)|more (?:people|from)|explore (?:more|premium)|trending|followers you know|known followers|mutual connections|(?:recent )?activity|recommendations|promoted|sponsored|ads?)\b/i;

/** What one selector pass over the document found: the walk's marks and the structured-data roots. */
export interface AttributeScan {
  /** element → MARK_* bits */
  marks: Map<Element, number>;
  /** .h-card / .vcard elements, in document order */
  hcards: Element[];
  /** [itemscope] elements, in document order */
  items: Element[];
  /** [typeof] (RDFa) elements, in document order */
  rdfa: Element[];
}

/**
 * Hidden elements, preformatted blocks and structured-data roots, found with one selector before the walk; null when
 * the document is too large for that (the walk then checks attributes itself, bounded by its own caps, and the
 * structured collectors run their own targeted selectors).
 */
export function scanAttributes(doc: Document): AttributeScan | null {
  if (doc.getElementsByTagName('*').length > MARK_UP_FRONT_LIMIT) return null;
  const scan: AttributeScan = { marks: new Map(), hcards: [], items: [], rdfa: [] };
  for (const el of doc.querySelectorAll(ATTR_SELECTOR)) {
    let bits = 0;
    if (el.hasAttribute('itemscope')) {
      bits |= MARK_STRUCTURED;
      scan.items.push(el);
    }
    if (el.hasAttribute('typeof')) scan.rdfa.push(el);
    if (STRUCTURED_CLASS.test(el.getAttribute('class') ?? '')) {
      bits |= MARK_STRUCTURED;
      scan.hcards.push(el);
    }
    if (el.getAttribute('role') === 'complementary') bits |= MARK_ASIDE;
    if (el.getAttribute('aria-hidden') === 'true') bits |= MARK_SKIP;
    else if (el.hasAttribute('hidden')) {
      if (!isCollapsed(el, '')) bits |= MARK_SKIP;
    } else {
      const style = el.getAttribute('style');
      if (style && HIDDEN_STYLE.test(style) && !isCollapsed(el, style)) bits |= MARK_SKIP;
      else if (style && OFFSCREEN_STYLE.test(style)) bits |= MARK_SKIP;
      else if (style && PRE_STYLE.test(style)) bits |= MARK_PRE;
    }
    if (bits) scan.marks.set(el, bits);
  }
  return scan;
}

/** The walk's marks: the scan's (taken over: the walk adds the excluded subtrees to it), or none for a large page. */
function marksFor(roots: Element[], exclude: Set<Element>, scan: AttributeScan | null | undefined): Map<Element, number> | null {
  if (scan === undefined) {
    const doc = roots[0]?.ownerDocument;
    scan = doc ? scanAttributes(doc) : null;
  }
  if (!scan) return null;
  for (const el of exclude) scan.marks.set(el, MARK_SKIP);
  return scan.marks;
}

interface Frame {
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

// an alt text that may name a person: capitalised words ("Dana Whitfield", "Photo of Dana Whitfield"), no digits
const NAMED_ALT = /^\s*\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’,-]+){1,5}\s*$/u;
const PHOTO_WORDS = /^(?:(?:a\s+)?(?:photo|picture|image|headshot|portrait)\s+of\s+)|\s+(?:[-–|]\s+)?(?:head\s?shot|photo|portrait|picture|image)$/gi;

const ODD_SPACE = /[\t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

const isSpace = (c: number) => c <= 32 || c === 160 || c === 0x200b;

/**
 * Walk the roots' visible text into blocks. `scan` is scanAttributes() of their document when the caller has one (its
 * marks are taken over), null for none (attributes checked per element), undefined to scan here.
 */
export function walkText(roots: Element[], exclude: Set<Element>, limits: WalkLimits = DEFAULT_LIMITS, scan?: AttributeScan | null): WalkResult {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  let line = '';
  // whether the current line ends in white space, tracked as text is appended (testing the string would flatten it)
  let lineEndsSpace = true;
  let links: string[] = [];
  let alts: [number, string][] = [];
  let heading: string | undefined;
  let headingStart = -1;
  let nodes = 0;
  let chars = 0;
  let truncated: string | undefined;
  let partial = false;
  const maxBlocks = limits.maxBlocks ?? Infinity;
  const hints: string[] = [];
  const cards: boolean[] = [];
  let strongCards = 0;
  let structuredDepth = 0;
  let preDepth = 0;
  // two elements with no space between them ("<strong>Ana Lima</strong><span>CEO</span>") are laid out apart
  // by CSS on any real page: read them as two lines, not "Ana LimaCEO"
  let pendingBreak = false;
  const started = now();
  const marks = marksFor(roots, exclude, scan);
  const classCache = new Map<string, ClassInfo>();

  // An element's marks: from the up-front selector, or read from its attributes on a page too large for that.
  const markOf = (el: Element): number => {
    if (marks) return marks.get(el) ?? 0;
    if (exclude.has(el)) return MARK_SKIP;
    if (!el.hasAttributes()) return 0;
    const style = el.getAttribute('style') ?? '';
    if (
      el.getAttribute('aria-hidden') === 'true' ||
      el.hasAttribute('inert') ||
      OFFSCREEN_STYLE.test(style) ||
      ((el.hasAttribute('hidden') || HIDDEN_STYLE.test(style)) && !isCollapsed(el, style))
    )
      return MARK_SKIP;
    return el.hasAttribute('itemscope') || el.hasAttribute('typeof') ? MARK_STRUCTURED : 0;
  };
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
    // (a character class first, then two plain spaces: about twice as fast as /\s\s|…/ on long lines)
    if (ODD_SPACE.test(t)) t = t.replace(/[\s\u00a0\u200b]+/g, ' ');
    if (t) lines.push(t);
    line = '';
  };
  const flush = () => {
    endLine();
    if (lines.length || links.length || alts.length) {
      const block: TextBlock = { text: lines.join('\n') };
      if (links.length) block.links = links;
      if (alts.length) block.alts = alts;
      const hint = hints[hints.length - 1];
      if (hint) block.hint = hint;
      if (heading) block.heading = heading;
      if (cards[cards.length - 1]) block.card = true;
      if (structuredDepth > 0) block.structured = true;
      blocks.push(block);
    }
    lines = [];
    links = [];
    alts = [];
    heading = undefined;
  };

  /** Open an element; null for an inline element that opens nothing (no block, hint, line or heading). */
  function enter(el: Element, tag: string, flags: number, info: ClassInfo, mark: number): Frame | null {
    let kind = info.kind;
    if (tag === 'BLOCKQUOTE') kind = 'quote';
    else if (!kind && tag === 'DIV' && el.id) kind = classify(el.id).kind; // <div id="Signature">
    const structured = (mark & MARK_STRUCTURED) !== 0;
    if (tag === 'FORM' && wrapsPage(el)) flags &= ~BOUNDARY;
    let boundary = (flags & BOUNDARY) !== 0 || ((flags & WEAK) !== 0 && strongCards === 0);
    let card = (flags & CARD) !== 0;
    let strong = (flags & STRONG) !== 0;
    let hint = HINT_BY_TAG[tag];
    // a form around the whole page (ASP.NET wraps every page in one) is the page, not a form to fill in
    if (tag === 'FORM' && !(flags & BOUNDARY)) hint = undefined;
    if (mark & MARK_ASIDE) {
      hint = 'aside';
      boundary = true;
    }
    if (kind === 'signature' || kind === 'quote') {
      hint = kind;
      boundary = true;
    } else if (kind) {
      boundary = card = strong = true;
      if (kind === 'contact') hint = 'contact';
    }
    if (structured) boundary = true;
    const pre = tag === 'PRE' || (mark & MARK_PRE) !== 0;
    if (pre) preDepth++;
    const frame: Frame | null =
      boundary || hint || pre || structured || flags & (HEADING | LINE) ? { flags, structured, strong, boundary, hint, card, pre } : null;
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

  function close(frame: Frame | null) {
    if (frame) leave(frame);
    else if (line && !lineEndsSpace) pendingBreak = true;
  }

  function leave(frame: Frame) {
    if (frame.pre) preDepth--;
    if (line && !lineEndsSpace) pendingBreak = true;
    if (frame.flags & HEADING) {
      endLine();
      const text = lines.slice(Math.max(0, headingStart)).join(' ').trim();
      if (text) heading = text.slice(0, 200);
      // a side module's heading: the rest of its section is beside the page's subject, not about it
      if (text && hints.length > 1 && text.length < 80 && SIDE_MODULE.test(text)) hints[hints.length - 1] = 'aside';
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
    // the open elements, and beside each its frame (null for an inline element with nothing to close)
    const stack: Element[] = [];
    const frames: (Frame | null)[] = [];
    let top: Node | null = null;
    let node: Node | null = root;
    while (node) {
      nodes++;
      if (nodes > limits.maxNodes) {
        truncated = `page too large: stopped after ${limits.maxNodes} nodes`;
        break;
      }
      if (blocks.length >= maxBlocks) {
        partial = true;
        break;
      }
      if ((nodes & 4095) === 0 && now() - started > limits.maxMillis) {
        truncated = `page too slow to read: stopped after ${limits.maxMillis} ms`;
        break;
      }
      if (node !== root) {
        const parent = node.parentNode;
        while (top !== parent && stack.length) {
          stack.pop();
          close(frames.pop()!);
          top = stack.length ? stack[stack.length - 1]! : null;
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
      const mark = flags & SKIP ? 0 : markOf(el);
      if (flags & SKIP || mark & MARK_SKIP || (tag === 'PRE' && el.firstElementChild?.tagName === 'CODE')) {
        // a card's photo may be the only place its person is named: a name-shaped alt text goes beside the block's lines
        if (tag === 'IMG' && !(mark & MARK_SKIP)) {
          const alt = el.getAttribute('alt');
          if (alt && alt.length < 60 && NAMED_ALT.test(alt)) {
            endLine();
            alts.push([lines.length, alt.trim().replace(PHOTO_WORDS, '')]);
          }
        }
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
      stack.push(el);
      frames.push(enter(el, tag, flags, info, mark));
      top = el;
      node = walker.nextNode();
    }
    while (stack.length) {
      stack.pop();
      close(frames.pop()!);
    }
    flush();
    if (truncated || partial) break;
  }

  return { blocks, nodes, chars, ...(truncated ? { truncated } : {}), ...(partial ? { partial } : {}) };
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
