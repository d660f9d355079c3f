/**
 * Boilerplate names: what an element's tag, class/id or role says it is (a share bar, a
 * related-stories box, reader comments, a sidebar, a caption), matched token by token. Used by
 * the block walk (blocks.ts) and the scorer (score.ts). Split out of blocks.ts in round 12
 * (file size); the rules are those of earlier rounds (docs/extraction.md).
 */
import type { DomElement, DomText } from './dom.js';
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar', 'search', 'toolbar', 'tablist', 'button']);

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
// `disclosure` (round 15): an affiliate or advertiser disclosure box (`p.disclosure-text`,
// `product-disclosure`); not the parts of a show/hide "disclosure" widget (`disclosure__panel`).
const STRONG_WORDS = 'gallery|slideshow|carousel|lightbox|advert|adsense|adslot|ad-slot|adunit|ad-container|ad-wrapper|breadcrumb|comment(?!ary)|disqus|gdpr|cookie|consent|related|recommend|share|sharing|shariff|social|sponsor|shoutbox|skyscraper|popup|modal|newsletter|subscri|signup|sign-up|promo(?!ted$)|outbrain|taboola|mostpopular|most-popular|most-read|mostread|trending|readmore|read-more|also-read|readalso|read-also|more-stories|morestories|byline|author[-_]?bio|author[-_]?info|author[-_]?box|recirc|fact-?box|disclosure(?!__|-panel|-content)|about-?(the-)?author|author[-_]?card|saboxplugin|abh_box|weather|election-?(results|widget|map|box)|send-?to-?friend|email-?this|mail-?share|mail-?form|donate|sr-only|visually-hidden|screen-reader|inline-ad|dfp-|gpt-ad|' +
  // The same kinds named in the languages of the sets (de, fr, es, it, pt, nl, pl, sv): reader
  // comments (`section#kommentare`), share, related, recommended, ads, newsletter (`news-letter-section`), author box.
  'kommentar|komentar|comentari|reactie|teilen|partage|compartir|condividi|compartilh|verwandt|aehnliche|ähnliche|empfehlung|relacionad|correlat|publicidad|publicit|pubblicit|werbung|anzeige|news-?letter|autor-?(?:box|info|bio)|autoren-?(?:box|info)|' +
  // The post's meta line after it (Kubrick-derived WordPress themes' `p.postmetadata`: "This entry was posted on … filed under …").
  'postmetadata|entry-?footer|entry-?utility|' +
  // A box set between the story's paragraphs (`a-inline-textbox`, `inlineTextbox`, `article-inline-box`,
  // `block-content_breaker`): a pointer to a magazine issue, an explainer or a campaign, not the story.
  'inline-?(?:text-?)?box|content_?breaker|' +
  // Round 19: the same box named as an inline teaser (`pp-inline-teaser`, `typo--teaser-inline`).
  'inline-?teaser|teaser-?inline|' +
  // Breadcrumbs by their short name (`div.entry-crumbs`, `crumbs`), and "read more" boxes named in
  // other languages (`savoir_plus_block`, `leer-mas`, `mehr-zum-thema`, `leggi-anche`, `zobacz-tez`).
  'crumbs?(?![a-z])|savoir-?_?plus|leer-?mas|mehr-?zum-?thema|weiterlesen|leggi-?anche|leia-?tambem|lees-?ook|zobacz-?tez';
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
/**
 * The signature of a post's entry class list: WordPress's post_class() (a `post-<id>` token and a
 * `type-<post type>` or `status-<status>` token), or the hAtom `hentry` token beside a taxonomy term
 * (`category-<term>`, `tag-<term>`, `post_tag-<term>`), as older themes (Hybrid, round 16: `hentry post
 * publish post-1 ... category-cctv post_tag-kommentar`) print it without the post id.
 */
const WP_POST_CLASS = /^(?:(?=[^]*(?:^|\s)post-\d+(?:\s|$))(?=[^]*(?:^|\s)(?:type|status)-[a-z])|(?=[^]*(?:^|\s)hentry(?:\s|$))(?=[^]*(?:^|\s)(?:category|tag|post_tag)-[a-z0-9]))/i;
/** A class/id token naming live coverage (a match ticker, a live blog); see classNameLevel. */
const LIVE_COVERAGE_TOKEN = /^live[-_]?(match|ticker|blog|game|event|score|stream|coverage|commentary|report|updates?)/i;
const LIVE_COVERAGE = /(?:^|\s)live[-_]?(match|ticker|blog|game|event|score|stream|coverage|commentary|report|updates?)/i;
const WORD_AT_START = new RegExp(`^(${STRONG_WORDS}|${WEAK_WORDS})`, 'i');
const NEGATED = /^(no|non|not|without|hide|hidden)[_-]/i;
/**
 * A token that ties an element to a heading level (`h1-related`, `h2-related`: JetBrains
 * Writerside's documentation pages mark every part of a chapter so): "related" says which heading
 * the part belongs to, not that it holds links to other stories (round 19, ext19b: a whole API
 * reference under `section.chapter.h1-related` came out empty). Such tokens name nothing.
 */
const HEADING_SCOPED = /^h[1-6][-_]+related$/i;
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
// A grid framework's cell class (`column span-14`, `columns`) sits on every cell of the layout,
// the footer's and the sidebar's too: alone it says nothing about content and cancels no WEAK word.
const GRID_TOKEN = /(?:^|\s)(?:columns?|col)(?=\s|$)/gi;
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
  return cls.split(/\s+/).some((t) => !HEADING_SCOPED.test(t) && (OTHER_STORIES.test(t) || TEASER_BOX.test(t)));
}

/**
 * Elements that are page furniture by their tag: scored as WEAK boilerplate (kept when they wrap
 * the article, as an unclosed <header> does). An open `<dialog>` is a layer over the page (a
 * consent or sign-in box, or a reader view showing the article itself); a closed one is skipped
 * in blocks.ts.
 */
export const FURNITURE_TAGS = new Set(['header', 'footer', 'nav', 'aside', 'dialog']);

/**
 * Class names of image captions and credits outside <figcaption> ("media-caption", "image-credit",
 * "wp-caption-text"; round 12: "caption" inside a token, "icaption_nonfloating", and an image word
 * before a description word, "imagedescription", "img-metadata", "photo-legend"; not "image-text",
 * a text-beside-picture module on a dev page of trafilatura's set; round 13c: a `legend` or
 * `legende` token on its own, the caption word of French and German CMSes and of old image
 * boxes, "div.legend" between the paragraphs on a dev page; it also marks a photo credit that
 * readability-pages' truth keeps on one page, yahoo-3, F1 0.95054 -> 0.95052).
 */
const CAPTION_NAME = /(?:^|[\s_-])(caption|credit|photo-?credit|image-?copyright|media-?copyright|imagecredit|legende?(?=$|[\s_-]))|[a-z]caption|(?:^|[\s_-])(?:img|image|photo|foto|bild|pic|picture)[-_]?(?:description|desc|legend|metadata|meta|info|source|copyright|unterschrift|beschreibung)(?:$|[\s_-])/i;

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

/** True when a class attribute names an image caption or credit (CAPTION_NAME); cached per class string. */
export function isCaptionClass(cls: string): boolean {
  let v = captionCache.get(cls);
  if (v === undefined) {
    v = CAPTION_NAME.test(cls);
    if (captionCache.size > 5000) captionCache.clear();
    captionCache.set(detachedString(cls), v);
  }
  return v;
}


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
  const byTag = FURNITURE_TAGS.has(el.name) && !isItemHeader(el) ? 1 : 0;
  // A custom element's tag name (HTML's valid custom element names hold a hyphen: Angular's
  // `app-advices-slot`, a CMS's `pp-inline-teaser`) names its box as a class would (round 19).
  const custom = el.name.includes('-');
  if (a.class === undefined && a.id === undefined && !custom) return byTag;
  let cls = a.id === undefined ? a.class ?? '' : a.class === undefined ? a.id : `${a.class} ${a.id}`;
  if (custom) cls = cls ? `${el.name} ${cls}` : el.name;
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
const SUB_HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
// Parts of a text that open with their own header: a list item (an accordion panel), a section,
// a `<details>` box, a definition. Not `<article>` (its header holds the page's headline) nor a
// `<div>` (teaser cards: `div > header > h3` + a footer of meta).
const ITEM_PARENTS = new Set(['li', 'section', 'details', 'dd']);

/**
 * A `<header>` that only heads the item it opens (HTML's header of a section, a list item or an
 * accordion panel): its parent is an `<li>`, `<section>`, `<details>` or `<dd>`, its one child
 * element is an `<h2>`–`<h6>` that is no link, and an element with text follows it in the same
 * parent (the item's body; an empty ad slot under "Studio TV" is none). Such a header is the heading of a part of the
 * text (`li.klappmodul > header > h3` + `div.klappmodul_body`: "Vorteile …:" over its list), not
 * page furniture; the page's own header (a logo, a menu, an `<h1>`, a byline and a date) holds
 * more than one heading. Round 16 (ext16b): accordion headings were dropped as furniture while
 * Readability 0.6 keeps them (trafilatura dev vergleich.de).
 */
function isItemHeader(el: DomElement): boolean {
  if (el.name !== 'header' || !el.parent || !ITEM_PARENTS.has(el.parent.name)) return false;
  const heading = onlyChild(el);
  if (!heading || !SUB_HEADINGS.has(heading.name)) return false;
  // A heading wholly a link is a teaser's title (a card for another page).
  const inner = onlyChild(heading);
  if (inner && inner.name === 'a') return false;
  const sib = el.parent.children;
  for (let i = sib.indexOf(el) + 1; i < sib.length; i++) if (sib[i].type === 'tag' && hasText(sib[i] as DomElement)) return true;
  return false;
}

/** Whether any text node under `el` holds more than whitespace (stops at the first). Iterative. */
function hasText(el: DomElement): boolean {
  const stack: DomElement[] = [el];
  while (stack.length) {
    for (const c of stack.pop()!.children) {
      if (c.type === 'text') {
        if ((c as DomText).data.trim()) return true;
      } else if (c.type === 'tag') stack.push(c as DomElement);
    }
  }
  return false;
}

/** The one child element of `el` when nothing else but whitespace stands beside it, else null. */
function onlyChild(el: DomElement): DomElement | null {
  let one: DomElement | null = null;
  for (const c of el.children) {
    if (c.type === 'text') {
      if ((c as DomText).data.trim()) return null;
    } else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
      if (one) return null;
      one = c as DomElement;
    }
  }
  return one;
}
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
  let tokens = cls.split(/\s+/).filter((t) => t && !NEGATED.test(t) && !PRINT_MEDIA.test(t) && !HEADING_SCOPED.test(t));
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
  if (tokens.some((t) => CONTENT_HEADED_WEAK.test(t))) return 1;
  return (tokens.some(isWeakToken) || tokens.some((t) => HIDDEN_CLASS.test(t))) && !CONTENT_WORD.test(cls.replace(GRID_TOKEN, ' ')) ? 1 : 0;
}

/**
 * A two-part token whose first part is a content word and whose last part a WEAK word that names
 * a strip of the story's own furniture (`article-tags`, `post-tags`, `entry-keywords`,
 * `story-footer`, `article-rating`, `post-pagination`, `article-toolbar`): the content word says
 * whose tags or footer they are and does not cancel the WEAK word as it does for a page-wide
 * wrapper named with both (`content-with-sidebar`, `main-nav-offset`, three parts or more).
 */
const CONTENT_HEADED_WEAK = /^(?:article|post|entry|story|content|body|text)[-_]+(?:tags|tag-?list|keywords|footer|rating|pagination|pager|toolbar)$/i;

/**
 * True when an element is STRONG boilerplate only for a teaser-card token (TEASER_BOX): its
 * class and id without those tokens name no STRONG kind.
 */
export function teaserNameOnly(el: DomElement): boolean {
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  const tokens = cls.split(/\s+/).filter(Boolean);
  const rest = tokens.filter((t) => !TEASER_BOX.test(t));
  return rest.length < tokens.length && classNameLevel(rest.join(' ') || 'x') < 2;
}

/** A picture box's own words: a gallery, slideshow, carousel or lightbox (STRONG words of STRONG_WORDS). */
const MEDIA_BOX = /(?:^|[_-])(gallery|slideshow|carousel|lightbox)/i;

/**
 * True when the element is boilerplate only as a picture box (`div.gallery`, `slideshow-wrap`):
 * with its gallery/slideshow/carousel/lightbox tokens taken out, its class and id name nothing
 * STRONG. On a photo page whose text is all captions this box is the article (fallback.ts,
 * source `gallery`).
 */
export function mediaNameOnly(el: DomElement): boolean {
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  const tokens = cls.split(/\s+/).filter(Boolean);
  const rest = tokens.filter((t) => !MEDIA_BOX.test(t));
  return rest.length < tokens.length && classNameLevel(rest.join(' ') || 'x') < 2;
}

