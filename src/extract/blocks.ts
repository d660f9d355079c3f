/**
 * Boilerplate cleaning and block building: one walk over the body that drops what is never
 * article text (scripts, navigation, forms, hidden elements) and cuts the rest into blocks,
 * the runs of inline text a browser would lay out as one paragraph, heading, list item or
 * table cell. Each block remembers its block-level ancestors (for scoring) and the ancestors
 * whose class/id/role name a kind of boilerplate (share bars, "read also" boxes, comments,
 * newsletter and cookie boxes, ads), which the scorer drops unless they hold most of the page.
 */
import { isElement, isText, type DomElement, type DomNode } from './dom.js';

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
  /** Inside <pre>: keep line breaks. */
  pre: boolean;
  /** Marks of the `negs` elements (one object per page). */
  marks: NegMarks;
  /** Set by selectBlocks: a label or value of a label/value list weighed as text (a page whose data is such a list); the text pass keeps it like a table cell. */
  datum?: boolean;
  /**
   * Set by selectBlocks: the heading of a box of links to other stories (related, recommended,
   * teaser cards) that was dropped inside the container. The text pass reads it as it reads a
   * "Read also" heading (the story may end there) and never keeps it as text.
   */
  otherStoriesLabel?: boolean;
}

const BLOCK_TAGS = new Set(('address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure ' +
  'footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul caption legend').split(' '));

/**
 * Elements never holding article text (or holding only controls, media and embeds). `rt` and `rp`
 * are ruby annotations (furigana/pinyin over the base text, and the fallback parentheses): a
 * reader reads the base text, and keeping them splices the reading into every word (HTML
 * Living Standard, "the ruby element"; trafilatura's set expects the base text only).
 */
const SKIP_TAGS = new Set(('script style noscript template svg math iframe frame frameset object embed canvas video audio source track ' +
  'select option button input textarea label title meta link map area dialog rt rp').split(' '));

const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar', 'search', 'toolbar', 'tablist']);

// Class/id words that name a kind of boilerplate. Matching is per class/id token (split on
// whitespace), never on the whole attribute as a substring: a STRONG word counts at the start of
// the token or after a "-"/"_" ("share-bar", "article__share", "shareButtons"); a WEAK word only
// at the start of the token or as its last part ("widget", "widget-area", "footer", "site-footer"),
// so "elementor-widget-container" is not a widget. A token that negates itself ("non-paywall",
// "no-sidebar") names nothing. STRONG words are boilerplate wherever they stand; WEAK words also
// name page-wide wrappers ("content-with-sidebar", "main-nav-offset"), so a WEAK name is
// overridden by a content word in the same class/id (Readability 0.6's unlikelyCandidates /
// okMaybeItsACandidate rule) and by an article body inside it (selectBlocks).
// Lists after Readability 0.6 and trafilatura's discard XPaths.
// `comment(?!ary)`: "commentary" is the genre of an opinion piece (taz-like `div.commentary`
// around the story), not reader comments. `promo(?!ted$)`: "promoted" ending a token is a state
// (Drupal's `node-promoted`: the story is promoted to the front page), not a promo box.
const STRONG_WORDS = 'gallery|slideshow|carousel|lightbox|advert|adsense|adslot|ad-slot|adunit|ad-container|ad-wrapper|breadcrumb|comment(?!ary)|disqus|gdpr|cookie|consent|related|recommend|share|sharing|shariff|social|sponsor|shoutbox|skyscraper|popup|modal|newsletter|subscri|signup|sign-up|promo(?!ted$)|outbrain|taboola|mostpopular|most-popular|most-read|mostread|trending|readmore|read-more|also-read|readalso|read-also|more-stories|morestories|byline|author-?bio|author-?info|author-?box|recirc|fact-?box|about-?(the-)?author|author-?card|saboxplugin|abh_box|weather|election-?(results|widget|map|box)|send-?to-?friend|email-?this|mail-?share|mail-?form|donate|sr-only|visually-hidden|screen-reader|inline-ad|dfp-|gpt-ad';
const WEAK_WORDS = 'paywall|banner|combx|community|remark|replies|sidebar|pagination|pager|widget|toolbar|masthead|nav|menu|footer|print|follow|login|tags|tag-list|keywords|rating|newsfeed|ticker|supplemental|extra';
const STRONG = new RegExp(`(?:^|[_-])(${STRONG_WORDS})`, 'i');
// A WEAK word at the start of a token must end there or continue as a compound ("widget-area",
// "navBar", "nav2", "navbar", "menulinks"), never as another word: Vox's random ids ("NavzzU").
const WEAK = new RegExp(`^(${WEAK_WORDS})(?:$|[^a-z]|(?:s|bar|area|links?|list|wrap|wrapper|container|block|box|items?|menu|title)$)|[_-](${WEAK_WORDS})s?$`);
// A one-word compound ending in "widget" ("textwidget", "tagcloudwidget") is a widget whatever word it starts with.
const WIDGET_COMPOUND = /^[a-z]+widgets?$/;
const ANY_WORD = new RegExp(`(?:^|[\\s_-])(${STRONG_WORDS}|${WEAK_WORDS}|ad|ads|adv|rss|tools|meta|links|aside|hidden|hide|d-none|invisible|teaser)|[a-z]widget`, 'i');
/**
 * A utility class that hides its element until a script shows it (Bootstrap's `d-none`,
 * `invisible`, `hide`; `hidden`/`is-hidden` of many themes): pop-up quizzes, sign-in forms,
 * mobile menus. The whole token only: `hidden-xs` hides on phones alone. WEAK, like the
 * `hidden` attribute: kept when it wraps the article.
 */
const HIDDEN_CLASS = /^(hidden|is-hidden|u-hidden|hide|d-none|invisible)$/;
/** The signature of WordPress's post_class(): a `post-<id>` token and a `type-<post type>` or `status-<status>` token. */
const WP_POST_CLASS = /^(?=[^]*(?:^|\s)post-\d+(?:\s|$))(?=[^]*(?:^|\s)(?:type|status)-[a-z])/;
/** A class/id token naming live coverage (a match ticker, a live blog); see classNameLevel. */
const LIVE_COVERAGE_TOKEN = /^live[-_]?(match|ticker|blog|game|event|score|stream|coverage|commentary|report|updates?)/i;
const LIVE_COVERAGE = /(?:^|\s)live[-_]?(match|ticker|blog|game|event|score|stream|coverage|commentary|report|updates?)/i;
const WORD_AT_START = new RegExp(`^(${STRONG_WORDS}|${WEAK_WORDS})`, 'i');
const NEGATED = /^(no|non|not|without|hide|hidden)[_-]/i;
/**
 * Print-stylesheet utility classes: how an element prints (`print-full` full width on paper,
 * `d-print-block`, `visible-print-block`, `show-for-print`, `hidden-print`), not a print button
 * or link (`print`, `print-link`, `btn-print` stay WEAK). A recipe's ingredient column marked
 * `print-full` was dropped as page furniture. Such tokens name nothing.
 */
const PRINT_MEDIA = /^(print-(full|only|block|inline|flex|grid|show|visible|hide|hidden|none|w-?\d+|width|col\w*|\d+)|(d|u-hide|hide-for|show-for|visible|hidden)-print(-\w+)?|u-print-(hide|hidden|none|only|show))$/i;
const NEG_EXACT = /^(ad|ads|adv|rss|tools|meta|links|aside|share|social)$/i;
/**
 * A teaser box: a card pointing to another story, set inside or after the article
 * (`c-teaser--basepage`, `aside-teaser`, `contenttype-teaser`, `teaser-breaker`, `teaser_3`,
 * `teaserbox`, `teasers`). STRONG. Not the bare token `teaser` (sites name the story's own lead
 * box so: `div.teaser > p.abstract`), not a BEM element of another block (`news-details__teaser`),
 * and not when the class names the story's own teaser, its standfirst (`teaser-text`,
 * `teasertext`, `artikel-teaser`, `article--teaser`, a post's `single-head-teaser` holding its
 * headline and lead; extend.ts LEAD_NAME).
 */
const TEASER_BOX = /^(?:(?:[a-z]+-)+teasers?|teasers|teasers?[_-]*(?:box|breaker|card|block|module|list|item|wrap|wrapper|container|\d+))(?:--[a-z0-9-]+)?$/i;
const STORY_TEASER = /(?:article|artikel|story|news|post|entry|lead|head|header|intro)[_-]+teaser|teaser[_-]*(?:text|lead|intro)/i;
// SAFE: `gallery-body`, `slideshow-text` are the body of a gallery post (its story text around
// the pictures), not a gallery box.
const CONTENT_WORD = /(article|body|content|main|column|story|entry|post|text|shadow)/i;
const SAFE = /(?:^|[\s_-])(shared|embed|embedded|(?:gallery|slideshow)-?(?:body|text)|article-?body|story-?body|post-?body|entry-?content|post-?content|article-?content|main-?content|story-?content|content-?body|articlebody|articletext|article-?text)(?:$|[\s_-])/i;

/**
 * A class/id token naming a box of links to other stories: related or recommended stories,
 * more-stories and most-read lists, recirculation modules, teaser cards, Outbrain/Taboola.
 */
const OTHER_STORIES = /(?:^|[_-])(related|recommend|recirc|more-?stories|read-?more|also-?read|read-?also|most-?(?:popular|read)|trending|outbrain|taboola)/i;

/** True when `el`'s class/id names a box of links to other stories (OTHER_STORIES or a teaser card). */
export function isOtherStoriesBox(el: DomElement): boolean {
  const a = el.attribs;
  const cls = `${a.class ?? ''} ${a.id ?? ''}`;
  if (!cls.trim() || STORY_TEASER.test(cls)) return false;
  return cls.split(/\s+/).some((t) => OTHER_STORIES.test(t) || TEASER_BOX.test(t));
}

/** Elements that are page furniture by their tag: scored as WEAK boilerplate (kept when they wrap the article, as an unclosed <header> does). */
const FURNITURE_TAGS = new Set(['header', 'footer', 'nav', 'aside']);

/** Class names of image captions and credits outside <figcaption> ("media-caption", "image-credit", "wp-caption-text"). */
const CAPTION_NAME = /(?:^|[\s_-])(caption|credit|photo-?credit|image-?copyright|media-?copyright|imagecredit)/i;

const captionCache = new Map<string, boolean>();

/**
 * A copy of `s` that does not keep the page alive. htmlparser2's attribute values are V8
 * "sliced strings" of the whole decoded page (from 13 characters up): kept as a cache key, one
 * class name held the page's HTML (0.2–3 MB) in memory until the cache was cleared; 50 MB of
 * pages were held this way after a few hundred pages (issue 17). Flattening `' ' + s` copies the
 * characters into a new string, of which the slice is taken.
 */
export function detachedString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function isCaptionClass(cls: string): boolean {
  let v = captionCache.get(cls);
  if (v === undefined) {
    v = CAPTION_NAME.test(cls);
    if (captionCache.size > 5000) captionCache.clear();
    captionCache.set(detachedString(cls), v);
  }
  return v;
}

const HIDDEN_STYLE = /(?:^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i;

// Class/id strings repeat across a page (list items, cards): verdicts are cached per string.
const nameCache = new Map<string, number>();

/** How strongly an element's tag, class/id or role names boilerplate: 0 not at all, 1 WEAK (a wrapper may carry this name), 2 STRONG. */
export function boilerplateLevel(el: DomElement): number {
  const a = el.attribs;
  const role = a.role;
  if (role && SKIP_ROLES.has(role)) return 1;
  if (el.name === 'body' || el.name === 'html' || el.name === 'main') return 0;
  if (a.hidden !== undefined) return 1;
  if (role && (role === 'main' || role === 'article')) return 0;
  const byTag = FURNITURE_TAGS.has(el.name) ? 1 : 0;
  if (a.class === undefined && a.id === undefined) return byTag;
  const cls = a.id === undefined ? a.class : a.class === undefined ? a.id : `${a.class} ${a.id}`;
  let v = nameCache.get(cls);
  if (v === undefined) {
    v = classNameLevel(cls);
    if (nameCache.size > 20000) nameCache.clear();
    nameCache.set(detachedString(cls), v);
  }
  // A heading holds only its own words, never a page-wide box: a WEAK word in its class or id is
  // an anchor slug ("nav_schredder_statt" for "Schredder statt …") or a theme's style name, not
  // a menu or sidebar. (A STRONG name still counts: "related-title" heads a related box.)
  if (v === 1 && HEADING_TAGS.has(el.name)) v = 0;
  // A paragraph named `paywall` is gated story text (each paragraph past the free ones marked
  // `p.paywall`), not the paywall's prompt, which is a box around its own paragraphs.
  if (v === 1 && el.name === 'p' && PAYWALL.test(cls)) v = classNameLevel(cls.split(/\s+/).filter((t) => !PAYWALL.test(t)).join(' '));
  return Math.max(v, byTag);
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const PAYWALL = /paywall/i;

/** True when the element's tag, class/id or role names a kind of boilerplate (see boilerplateLevel). */
export function isBoilerplateName(el: DomElement): boolean {
  return boilerplateLevel(el) > 0;
}

/** A token names a WEAK word; each "-"/"_" part's first letter is lower-cased first (camelCase stays visible), an all-caps token wholly. */
function isWeakToken(t: string): boolean {
  const u = /[a-z]/.test(t) ? t.replace(/(^|[_-])([A-Z])/g, (_, a: string, c: string) => a + c.toLowerCase()) : t.toLowerCase();
  return WEAK.test(u);
}

/** 0, 1 (WEAK) or 2 (STRONG) for a class/id string, matched token by token. */
export function classNameLevel(cls: string): number {
  // Most class strings name no kind at all: one scan of the whole string rules them out.
  if (!ANY_WORD.test(cls)) return 0;
  let tokens = cls.split(/\s+/).filter((t) => t && !NEGATED.test(t) && !PRINT_MEDIA.test(t));
  // WordPress's post_class() (`post-7972 type-post status-publish ... category-no-newsletter-rss
  // tag-social-media`) lists the post's taxonomy terms as `<taxonomy>-<term>` tokens: a word
  // inside a term names the post's topic, not a kind of box. On such an element only tokens
  // that start with a word count (a theme's own `related-post`, `widget`).
  if (WP_POST_CLASS.test(cls)) tokens = tokens.filter((t) => !t.includes('-') || WORD_AT_START.test(t));
  // Live coverage (`live-match-comments`, `liveticker-entry`, `live-blog-post`): its comments and
  // updates are the story a sports or news live page carries, not reader comments.
  if (LIVE_COVERAGE.test(cls)) tokens = tokens.filter((t) => !LIVE_COVERAGE_TOKEN.test(t));
  if (!tokens.length || SAFE.test(cls)) return 0;
  if (tokens.some((t) => STRONG.test(t) || NEG_EXACT.test(t) || (TEASER_BOX.test(t) && !STORY_TEASER.test(cls)))) return 2;
  if (tokens.some((t) => WIDGET_COMPOUND.test(t))) return 1;
  return (tokens.some(isWeakToken) || tokens.some((t) => HIDDEN_CLASS.test(t))) && !CONTENT_WORD.test(cls) ? 1 : 0;
}

/**
 * True when an element is STRONG boilerplate only for a teaser-card token (TEASER_BOX): its
 * class and id without those tokens name no STRONG kind.
 */
function teaserNameOnly(el: DomElement): boolean {
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  const tokens = cls.split(/\s+/).filter(Boolean);
  const rest = tokens.filter((t) => !TEASER_BOX.test(t));
  return rest.length < tokens.length && classNameLevel(rest.join(' ') || 'x') < 2;
}

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
 * @param opts.headline the page's only `<h1>`, if it has exactly one: a teaser-named element
 *   around it (`div.video-teaser` holding a video page's headline and description) introduces
 *   this page, not another story, and is not boilerplate
 */
export function buildBlocks(root: DomElement, maxBlocks = 20000, opts: { noscript?: boolean; pageUrl?: string; reveal?: boolean; headline?: DomElement | null } = {}): Block[] {
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
  let parts: string[] = [];
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
    if (parts.length) {
      const raw = parts.join('');
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
    parts = [];
    linkLen = 0;
  };

  // Iterative walk with an explicit stack: broken pages nest tens of thousands of unclosed
  // elements, deeper than the call stack allows.
  interface Frame { el: DomElement; i: number; isBlock: boolean; neg: boolean; isCaption: boolean; isLink: boolean; outerCoef: number }
  const stack: Frame[] = [];
  const enter = (n: DomNode): void => {
    if (isText(n)) {
      const d = n.data;
      parts.push(d);
      // Raw length: link text rarely holds whitespace runs; the ratio is capped at 1 at flush.
      if (inLink) linkLen += linkCoef === 1 ? d.length : d.length * linkCoef;
      return;
    }
    if (!isElement(n)) return;
    const el = n;
    const name = el.name;
    if ((SKIP_TAGS.has(name) && !(opts.noscript && (name === 'noscript' || name === 'template')) && !(opts.reveal && name === 'frameset')) || (!opts.reveal && isHidden(el))) {
      // A skipped element still separates words; a ruby annotation sits inside one.
      if (name !== 'noscript' && name !== 'rt' && name !== 'rp') parts.push(' ');
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
    const isCaption = name === 'figcaption' || name === 'figure' || name === 'caption' || (el.attribs.class !== undefined && isCaptionClass(el.attribs.class));
    if (isCaption) caption++;
    if (name === 'pre') pre++;
    stack.push({ el, i: 0, isBlock, neg, isCaption, isLink, outerCoef });
  };
  const leave = (f: Frame): void => {
    // A block's last text is flushed while its own boilerplate name still holds. (The caption
    // and <pre> marks end before it: a figcaption's own closing text is scored as body text,
    // the behaviour both benchmarks were tuned with.)
    if (f.el.name === 'pre') pre--;
    if (f.isCaption) caption--;
    if (f.isBlock) {
      flush();
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
    stack.push({ el: root, i: 0, isBlock: true, neg: false, isCaption: false, isLink: false, outerCoef: 1 });
  }
  else enter(root);
  while (stack.length) {
    const f = stack[stack.length - 1];
    const kids = f.el.children;
    if (f.i < kids.length) enter(kids[f.i++]);
    else {
      stack.pop();
      leave(f);
    }
  }
  flush();
  return blocks;
}
