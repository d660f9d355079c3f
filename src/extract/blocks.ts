/**
 * Boilerplate cleaning and block building: one walk over the body that drops what is never
 * article text (scripts, navigation, forms, hidden elements) and cuts the rest into blocks,
 * the runs of inline text a browser would lay out as one paragraph, heading, list item or
 * table cell. Each block remembers its block-level ancestors (for scoring) and the ancestors
 * whose class/id/role name a kind of boilerplate (share bars, "read also" boxes, comments,
 * newsletter and cookie boxes, ads), which the scorer drops unless they hold most of the page.
 */
import { isElement, isText, type DomElement, type DomNode } from './dom.js';
import { FURNITURE_TAGS, boilerplateLevel, isCaptionClass, mediaNameOnly, teaserNameOnly } from './names.js';

export { boilerplateLevel, classNameLevel, detachedString, isBoilerplateName, isOtherStoriesBox } from './names.js';

/** One block of text. */
export interface Block {
  text: string;
  /** Characters of `text`. */
  len: number;
  /** Characters inside <a href>. */
  linkLen: number;
  /** The block-level element that owns the text (`p`, `li`, `td`, `div`, ...). */
  tag: string;
  /** Block-level ancestors, outermost first, ending with the owner. */
  path: DomElement[];
  /** Ancestors whose class/id/role say boilerplate. */
  negs: DomElement[];
  /** Inside <figure>/<figcaption>/caption-like class. */
  caption: boolean;
  /** Separator before this block: "\n" after a single <br>, else "\n\n" (lists and rows are joined in text.ts). */
  sep: string;
  /**
   * Inside <pre>: keep line breaks. False for the text a `<pre>` flushes at its own end (the
   * mark ends before that flush, `leave`): test `tag === 'pre'` too for the element's own text.
   */
  pre: boolean;
  /** Marks of the `negs` elements (one object per page). */
  marks: NegMarks;
  /** Han, kana and Hangul characters of `text`, counted on first use by weights.ts `readLen`. */
  dense?: number;
  /** Set by selectBlocks: a label or value of a label/value list weighed as text (a page whose data is such a list); the text pass keeps it like a table cell. */
  datum?: boolean;
  /**
   * Set by selectBlocks: the heading of a box of links to other stories (related, recommended,
   * teaser cards) that was dropped inside the container. The text pass reads it as it reads a
   * "Read also" heading (the story may end there) and never keeps it as text.
   */
  otherStoriesLabel?: boolean;
  /** Set by selectBlocks: the excerpt of a teaser card in a list of cards (excerpts.ts); weighs nothing in the container choice. */
  excerpt?: boolean;
  /** Set by selectBlocks: a reader's post in a thread of dated posts after a story (threads.ts); weighs slightly negative in the container choice. */
  reply?: boolean;
}

/** Page-wide wrappers: a caption class on them is a style flag for the captions inside, not a caption. */
const WRAPPER_TAGS = new Set(['html', 'body', 'main', 'article']);

const BLOCK_TAGS = new Set(('address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure ' +
  'footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul caption legend').split(' '));

/**
 * Elements never holding article text (or holding only controls, media and embeds). `rt` and `rp`
 * are ruby annotations (furigana/pinyin over the base text, and the fallback parentheses): a
 * reader reads the base text, and keeping them splices the reading into every word (HTML
 * Living Standard, "the ruby element"; trafilatura's set expects the base text only).
 */
const SKIP_TAGS = new Set(('script style noscript template svg math iframe frame frameset object embed canvas video audio source track ' +
  'select option button input textarea label title meta link map area rt rp').split(' '));

const HIDDEN_STYLE = /(?:^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i;

// The `hidden` attribute is not here: frameworks park the article in hidden containers and move
// it into place with a script (Next.js streaming, `<div hidden id="S:0">`); such an element is
// scored as WEAK boilerplate instead (boilerplateLevel), kept when it holds the article.
function isHidden(el: DomElement): boolean {
  const a = el.attribs;
  if (a['aria-hidden'] === 'true' && el.name !== 'body' && el.name !== 'html') return true;
  const st = a.style;
  return !!st && HIDDEN_STYLE.test(st);
}

const NO_NEGS: DomElement[] = [];

/** What one `buildBlocks` call learnt about the boilerplate-named elements; shared by all its blocks. */
export interface NegMarks {
  /** Names only WEAK (boilerplateLevel 1): selectBlocks keeps them when they wrap the article body. */
  weak: Set<DomElement>;
  /** Boilerplate by tag (header, footer, nav, aside) or by the `hidden` attribute: text a browser shows outside the article, or not at first. */
  furniture: Set<DomElement>;
}

/** An <a> that navigates: has an href that is not a `javascript:` handler (Readability replaces those with their text). */
function isRealLink(el: DomElement): boolean {
  const h = el.attribs.href;
  return h !== undefined && !/^\s*javascript:/i.test(h);
}

/**
 * Share of a link's text counted as link text: 0.3 for a link to a place in the page itself
 * (`#note-3`, or the page's own path with a fragment: footnotes, annotated lyrics, a table of
 * contents), as Readability 0.6 weighs hash URLs in getLinkDensity; 1 for any other link.
 */
export function linkShare(href: string, pageUrl: string | URL | undefined): number {
  const hash = href.indexOf('#');
  if (hash < 0) return 1;
  if (hash === 0 || /^\s+#/.test(href)) return href.trim().length > 1 ? IN_PAGE_LINK_SHARE : 1;
  if (!pageUrl) return 1;
  try {
    const p = typeof pageUrl === 'string' ? new URL(pageUrl) : pageUrl;
    // Most such links go elsewhere: no URL parse unless the href holds the page's last path segment.
    const seg = p.pathname.slice(p.pathname.lastIndexOf('/') + 1);
    if (seg && !href.includes(seg)) return 1;
    const u = new URL(href, p);
    return u.origin === p.origin && u.pathname === p.pathname && u.hash.length > 1 ? IN_PAGE_LINK_SHARE : 1;
  } catch {
    return 1;
  }
}

/** Readability 0.6's weight of hash-URL link text in link density. */
const IN_PAGE_LINK_SHARE = 0.3;

/**
 * Cuts the subtree under `root` into blocks.
 * @param root usually <body> (or the element a site rule keeps)
 * @param maxBlocks stop after this many blocks (bounds time on pathological pages)
 * @param opts.noscript read `<noscript>` and `<template>` content (htmlparser2 parses both as markup) instead of skipping it
 * @param opts.pageUrl the page's URL: links to a place in the page itself count less as link text (`linkShare`)
 * @param opts.reveal read what a browser would not show at first: elements hidden by `display:none`,
 *   `visibility:hidden` or `aria-hidden="true"`, and a frameset's `<noframes>` content (the last
 *   resort of fallback.ts for a page whose visible text is all but empty)
 * @param opts.media read picture boxes (gallery, slideshow, carousel, lightbox names) as text: a
 *   photo page's captions are all its text (a resort of fallback.ts, source `gallery`)
 * @param opts.headline the page's only `<h1>`, if it has exactly one: a teaser-named element
 *   around it (`div.video-teaser` holding a video page's headline and description) introduces
 *   this page, not another story, and is not boilerplate
 */
export function buildBlocks(root: DomElement, maxBlocks = 20000, opts: { noscript?: boolean; pageUrl?: string; reveal?: boolean; media?: boolean; headline?: DomElement | null } = {}): Block[] {
  const blocks: Block[] = [];
  const marks: NegMarks = { weak: new Set(), furniture: new Set() };
  let aroundHeadline: Set<DomElement> | null = null;
  if (opts.headline) {
    aroundHeadline = new Set();
    for (let p = opts.headline.parent; p && p.type === 'tag'; p = p.parent) aroundHeadline.add(p);
  }
  const path: DomElement[] = [];
  // Blocks under the same owner share one copy of the path (never mutated after the copy).
  let pathCopy: DomElement[] | null = null;
  const negs: DomElement[] = [];
  // The block's text so far, its parts joined as they come (a string, not an array of parts:
  // one array per block was garbage made while the page's DOM is alive, round 20).
  let parts = '';
  let linkLen = 0;
  let inLink = 0;
  let linkCoef = 1;
  let pageUrl: URL | undefined;
  try {
    pageUrl = opts.pageUrl ? new URL(opts.pageUrl) : undefined;
  } catch {
    pageUrl = undefined;
  }
  let caption = 0;
  let pre = 0;

  let brs = 0;
  const flush = (): void => {
    if (parts) {
      const raw = parts;
      // Soft hyphens (U+00AD) are invisible hyphenation hints, not text.
      const r = raw.includes('\u00ad') ? raw.replace(/\u00ad/g, '') : raw;
      const text = pre ? r.replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim() : r.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
      if (text && blocks.length < maxBlocks) {
        const owner = path[path.length - 1];
        blocks.push({
          text, len: text.length, linkLen: Math.min(linkLen, text.length), tag: owner ? owner.name : 'body',
          path: (pathCopy ??= path.slice()), negs: negs.length ? negs.slice() : NO_NEGS, caption: caption > 0, sep: brs === 1 ? '\n' : '\n\n', pre: pre > 0, marks,
        });
        brs = 0;
      }
    }
    parts = '';
    linkLen = 0;
  };

  // Iterative walk with an explicit stack: broken pages nest tens of thousands of unclosed
  // elements, deeper than the call stack allows.
  // The frames are reused by depth (one object per level of the deepest path, not one per
  // element): the walk allocated ~7 % of a page's garbage in them while the page's DOM was alive
  // (issue 17 round 20, cost20). `depth` frames are live; the rest wait to be reused.
  interface Frame { el: DomElement; i: number; isBlock: boolean; neg: boolean; isCaption: boolean; isLink: boolean; outerCoef: number }
  const stack: Frame[] = [];
  let depth = 0;
  const push = (el: DomElement, isBlock: boolean, neg: boolean, isCaption: boolean, isLink: boolean, outerCoef: number): void => {
    const f = stack[depth];
    if (f === undefined) stack.push({ el, i: 0, isBlock, neg, isCaption, isLink, outerCoef });
    else {
      f.el = el;
      f.i = 0;
      f.isBlock = isBlock;
      f.neg = neg;
      f.isCaption = isCaption;
      f.isLink = isLink;
      f.outerCoef = outerCoef;
    }
    depth++;
  };
  const enter = (n: DomNode): void => {
    if (isText(n)) {
      const d = n.data;
      parts += d;
      // Raw length: link text rarely holds whitespace runs; the ratio is capped at 1 at flush.
      if (inLink) linkLen += linkCoef === 1 ? d.length : d.length * linkCoef;
      return;
    }
    if (!isElement(n)) return;
    const el = n;
    const name = el.name;
    // A `<dialog>` shows only with its `open` attribute (HTML Living Standard); open, it is page
    // furniture (names.ts FURNITURE_TAGS) that may hold the article.
    if ((SKIP_TAGS.has(name) && !(opts.noscript && (name === 'noscript' || name === 'template')) && !(opts.reveal && name === 'frameset')) || (!opts.reveal && (isHidden(el) || (name === 'dialog' && el.attribs.open === undefined)))) {
      // A skipped element still separates words; a ruby annotation sits inside one.
      if (name !== 'noscript' && name !== 'rt' && name !== 'rp') parts += ' ';
      return;
    }
    if (name === 'br') {
      flush();
      brs++;
      return;
    }
    if (name === 'img' || name === 'picture' || name === 'wbr') return;
    const isBlock = BLOCK_TAGS.has(name);
    let level = boilerplateLevel(el);
    if (level === 2 && aroundHeadline?.has(el) && teaserNameOnly(el)) level = 0;
    if (level === 2 && opts.media && mediaNameOnly(el)) level = 0;
    const neg = level > 0;
    if (level === 1) marks.weak.add(el);
    if (neg && (FURNITURE_TAGS.has(name) || el.attribs.hidden !== undefined)) marks.furniture.add(el);
    const isLink = name === 'a' && isRealLink(el);
    if (isBlock) {
      flush();
      brs = 0;
      path.push(el);
      pathCopy = null;
    }
    const outerCoef = linkCoef;
    if (isLink && !isBlock) {
      inLink++;
      linkCoef = linkShare(el.attribs.href, pageUrl);
    }
    if (neg) negs.push(el);
    // A caption class on a page-wide wrapper (`body.wp-featherlight-captions`, a lightbox
    // plugin's flag; `body.caption-dark`, a theme's style) styles the captions inside it and
    // names no caption: the whole page had been read as one.
    const isCaption = name === 'figcaption' || name === 'figure' || name === 'caption' ||
      (el.attribs.class !== undefined && !WRAPPER_TAGS.has(name) && isCaptionClass(el.attribs.class));
    if (isCaption) caption++;
    if (name === 'pre') pre++;
    push(el, isBlock, neg, isCaption, isLink, outerCoef);
  };
  const leave = (f: Frame): void => {
    // A block's last text is flushed while its own boilerplate name still holds. (The caption
    // and <pre> marks end before it: a figcaption's own closing text is scored as body text,
    // the behaviour both benchmarks were tuned with.)
    if (f.el.name === 'pre') pre--;
    // A block named as a caption by its class (`p.imagedescription`, `div.img-metadata`) is a
    // caption down to its own last words.
    const ownCaption = f.isCaption && f.isBlock && f.el.name !== 'figcaption' && f.el.name !== 'figure' && f.el.name !== 'caption';
    if (f.isCaption && !ownCaption) caption--;
    if (f.isBlock) {
      flush();
      if (ownCaption) caption--;
      brs = 0;
      path.pop();
      pathCopy = null;
    } else if (f.isLink) {
      inLink--;
      linkCoef = f.outerCoef;
    }
    if (f.neg) negs.pop();
  };
  // The document root is walked as a block wrapper: in a fragment without <html>/<body> the
  // paragraphs' common ancestor is the root itself.
  if (root.type === 'root') {
    path.push(root);
    push(root, true, false, false, false, 1);
  }
  else enter(root);
  while (depth) {
    const f = stack[depth - 1]!;
    const kids = f.el.children;
    if (f.i < kids.length) enter(kids[f.i++]);
    else {
      depth--;
      leave(f);
    }
  }
  flush();
  return blocks;
}
