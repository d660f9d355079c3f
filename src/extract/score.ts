/**
 * Content scoring: which blocks are the article. Each block gets a weight from its text
 * length, link density and structure (weights.ts: a long low-link paragraph weighs its length, a
 * link list or a short fragment weighs negatively); every block-level ancestor sums its blocks' weights,
 * and the ancestor with the largest sum is the article container (a maximum-weight subtree,
 * in the spirit of Readability's ancestor scoring and of text-density boilerplate detection,
 * Kohlschütter et al. 2010). Blocks inside the container are then filtered one by one.
 */
import { isOtherStoriesBox, type Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { dropTrailingModules } from './modules.js';
import { standfirst, widenForRecipe } from './extend.js';
import { cardExcerpts } from './excerpts.js';
import { replyThreads } from './threads.js';
import { dataTables, innermost, isDataCell, labelValueListOf, layoutCell } from './tables.js';
import { isTextColumn, pageCell, scatteredWeight, siblingPosts } from './column.js';
import { valueCells } from './lists.js';
import { consentLayer } from './consent.js';
import { endsCutOff, lineWeights, pageWeights, SCORING } from './weights.js';

const BODY_NAME = /(?:^|[\s_-])(article-?body|articlebody|article-?content|article-?text|articletext|story-?body|storybody|story-?content|post-?body|post-?content|entry-?content|entry-?body|body-?text|bodytext|article__body|article__content|main-?content|content-?body|news-?text|text-?content|rich-?text|c-entry-content|td-post-content|field-name-body|content__article-body)(?:$|[\s_-])/i;

/** 2: the element is named as the article body (itemprop=articleBody, class/id like "article-body"); 1: <article>; else 0. */
export function bodyHint(el: DomElement): number {
  const a = el.attribs;
  if (!a) return 0;
  if ((a.itemprop ?? '').includes('articleBody')) return 2;
  if (BODY_NAME.test(`${a.class ?? ''} ${a.id ?? ''}`)) return 2;
  if (el.name === 'article' || a.role === 'article') return 1;
  return 0;
}

/** True when an ancestor of `el` is named as the article body (bodyHint 2). */
function insideNamedBody(el: DomElement): boolean {
  for (let p = el.parent as DomElement | null; p && p.type === 'tag'; p = p.parent as DomElement | null) if (bodyHint(p) === 2) return true;
  return false;
}

function isInside(el: DomElement, anc: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parent) if (p === anc) return true;
  return false;
}

// Class/id tokens naming a reader-comment thread ("comments", "sect_commentlinks", "disqus_thread",
// "community", "replies"); "commentary" is an opinion piece's genre.
const COMMENT_THREAD = /(?:^|[\s_-])(comment(?!ary)|disqus|community|replies)/i;
// Page furniture by tag that loses its wrapper protection beside a story of its own (selectBlocks).
const SIDE_FURNITURE = new Set(['footer', 'nav']);
// A consent manager's layer (`div.cmplz-cookiebanner[role=dialog]`, `#cookie-consent`, `gdpr-box`)
// or any modal layer (`aria-modal="true"`): its category list of long legal sentences can outweigh
// a short story (round 16, ext16c: a police report of 800 characters under 1,800 of cookie text).
const CONSENT_LAYER = /(?:^|[\s_-])(cookie|consent|gdpr)/i;
/** True for a reader-comment thread or a consent/modal layer: never the wrapper of a story that stands beside it. */
function isCommentThread(el: DomElement): boolean {
  const a = el.attribs;
  const name = `${a.class ?? ''} ${a.id ?? ''}`;
  return COMMENT_THREAD.test(name) || CONSENT_LAYER.test(name) || a['aria-modal'] === 'true';
}

const ITEMPROP_BODY = /articleBody/;

/** A BEM modifier class token (`RichText--last`, `block--wide`): a variant of its block, not another block. */
const MODIFIER = /--/;

/**
 * True when one class attribute is the other plus BEM modifier tokens only (the last chunk of a
 * story cut into `div.RichText` chunks carries `RichText--lastPmb0` as well). Two different
 * modifiers of the same block (Drupal's `node--view-mode-full` beside `node--view-mode-teaser`)
 * are two variants, not twins.
 */
function sameBase(a: string | undefined, b: string): boolean {
  if (!a || (!MODIFIER.test(a) && !MODIFIER.test(b))) return false;
  const x = new Set(a.split(/\s+/).filter(Boolean));
  const y = new Set(b.split(/\s+/).filter(Boolean));
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  let base = 0;
  for (const t of small) {
    if (!big.has(t)) return false;
    if (!MODIFIER.test(t)) base++;
  }
  if (!base) return false;
  for (const t of big) if (!small.has(t) && !MODIFIER.test(t)) return false;
  return true;
}

/**
 * True when another scored element is named as the article body as `hinted` is (same rank)
 * and is its twin: the same class, or a sibling of the same tag when the name is on each
 * paragraph (`p.par1`, `p.par2`, each with `itemprop="articleBody"` or a body class) or on
 * each chunk by `itemprop` (classes numbered or absent). Then `hinted` is one chunk of the
 * body, not the body. (A body-named sibling `<div>` by class alone is no twin: a lead box
 * named `article__preamble rich-text` beside `article__body-text rich-text`.)
 */
function hasTwin(hinted: DomElement, rank: number, scored: Iterable<DomElement>): boolean {
  const cls = hinted.attribs.class;
  for (const el of scored) {
    if (el === hinted || !el.attribs) continue;
    const twin = (cls && (el.attribs.class === cls || sameBase(el.attribs.class, cls))) ||
      (el.parent === hinted.parent && el.name === hinted.name && (hinted.name === 'p' || (ITEMPROP_BODY.test(hinted.attribs.itemprop ?? '') && ITEMPROP_BODY.test(el.attribs.itemprop ?? ''))));
    if (twin && bodyHint(el) === rank) return true;
  }
  return false;
}

/**
 * Picks the article blocks.
 * @param blocks all blocks of the page, document order
 * @param keep when a site rule names the container, its element (scoring then only filters)
 * @returns the chosen blocks (document order) and the container element (null: none found)
 */
export function selectBlocks(blocks: Block[], keep: DomElement | null = null): { blocks: Block[]; container: DomElement | null } {
  if (!blocks.length) return { blocks: [], container: null };
  const weights = pageWeights(blocks);
  // Excerpts of teaser cards in card lists weigh nothing of their own in the choice (excerpts.ts).
  cardExcerpts(blocks, weights);
  // Reader posts of a dated thread beside a story weigh a little below nothing (threads.ts).
  replyThreads(blocks, weights);
  // Linked cells of item rows (a row that also holds a plain value: a model table's download
  // links beside its sizes, lists.ts valueCells) are items the text pass keeps, not a link list:
  // they weigh nothing rather than against the table's container (round 19, ext19b: a table of
  // linked model names between an article's two paragraphs left the last paragraph alone).
  const items = valueCells(blocks);
  if (items.size) for (let i = 0; i < blocks.length; i++) if (weights[i] < 0 && items.has(blocks[i])) weights[i] = 0;

  // Boilerplate-named elements are dropped unless they carry most of the page's content
  // (a page-wide wrapper with a class like "has-sidebar" or "content-nav").
  // A wrapper holds several paragraphs; one long footer notice is not a wrapper.
  const positive = new Map<DomElement, { w: number; n: number }>();
  // The share is of the text outside page furniture (header, footer, nav, aside, hidden
  // containers), which browsers and readers never count as the page's content.
  let total = 0;
  let furniture = 0;
  for (let i = 0; i < blocks.length; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    if (blocks[i].negs.some((el) => blocks[i].marks.furniture.has(el))) furniture += w;
    else total += w;
    for (const el of blocks[i].negs) {
      const p = positive.get(el);
      if (p) {
        p.w += w;
        p.n++;
      } else positive.set(el, { w, n: 1 });
    }
  }
  if (total === 0) total = furniture;
  // Text under no boilerplate name at all: when it is an article of its own (≥ 3 content
  // blocks, ≥ a tenth of the thread's weight), a reader-comment thread that outweighs it (a long
  // discussion under a short story) is not the page's wrapper, however much text it holds.
  // Only comment-named elements: other STRONG names do wrap story text ("read-more" expanders).
  let clean = 0;
  let cleanN = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (weights[i] > 0 && !blocks[i].negs.length) {
      clean += weights[i];
      cleanN++;
    }
  }
  const protectedNeg = new Set<DomElement>();
  for (const [el, p] of positive) {
    if (p.w < SCORING.protectShare * total || p.n < 3) continue;
    if (cleanN >= 3 && clean >= SCORING.cleanArticleShare * p.w && isCommentThread(el)) continue;
    // A page footer or menu by its tag (round 16, ext16c: a site footer's 2,000-character
    // advertising disclosure, a collective's charter in its footer) is no wrapper of a story that
    // stands outside it with at least half its weight. Not <aside> (a right column holding the
    // page's comparison text, trafilatura dev rent-a-salesman), an unclosed <header> or a hidden
    // container: those may hold the story.
    if (cleanN >= 3 && clean >= SCORING.furnitureCleanShare * p.w && SIDE_FURNITURE.has(el.name)) continue;
    // An <aside> set inside the element the markup names as the article body (an embedded video
    // module with its transcript) is a pull-out of the story, not its wrapper (round 19, ext19b).
    if (cleanN >= 3 && el.name === 'aside' && insideNamedBody(el)) continue;
    protectedNeg.add(el);
  }
  // A WEAK-named element (a "widget", <header>, a hidden container) that wraps the element the
  // markup names as the article body is a wrapper, not boilerplate (Blogger's div.widget.Blog,
  // an article inside an unclosed <header>).
  const checked = new Set<DomElement>();
  const hints = new Map<DomElement, number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b.negs.length || !b.negs.some((el) => b.marks.weak.has(el) && !checked.has(el))) continue;
    let hinted: DomElement | null = null;
    for (const el of b.path) {
      let h = hints.get(el);
      if (h === undefined) hints.set(el, (h = bodyHint(el)));
      if (h === 2) {
        hinted = el;
        break;
      }
    }
    if (!hinted) continue;
    for (const el of b.negs) {
      if (checked.has(el)) continue;
      checked.add(el);
      if (b.marks.weak.has(el) && el !== hinted && isInside(hinted, el)) protectedNeg.add(el);
    }
  }
  const alive = blocks.map((b) => b.negs.every((el) => protectedNeg.has(el)));
  // A consent dialog known only by the framework's purpose lines (consent.ts) is no story.
  const layer = consentLayer(blocks);
  if (layer) for (let i = 0; i < blocks.length; i++) if (alive[i] && blocks[i].path.includes(layer)) alive[i] = false;
  if (protectedNeg.size) lineWeights(blocks, weights, (b) => b.negs.length > 0 && b.negs.every((el) => protectedNeg.has(el)));
  // No empty output for a page with text: when every block that reads as text sits under a
  // WEAK name only (an article's own <header>, an <aside>, a widget, a hidden container), those
  // names were wrong for this page and their blocks are scored as any other.
  if (!blocks.some((_, i) => alive[i] && weights[i] > 0)) {
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (!alive[i] && b.negs.every((el) => b.marks.weak.has(el))) alive[i] = true;
    }
  }

  let container = keep;
  if (!container) {
    const pick = (): { sums: Map<DomElement, number>; best: number; top: DomElement | null } => {
      const sums = new Map<DomElement, number>();
      for (let i = 0; i < blocks.length; i++) {
        if (!alive[i]) continue;
        const w = weights[i];
        for (const el of blocks[i].path) sums.set(el, (sums.get(el) ?? 0) + w);
      }
      let best = -Infinity;
      let top: DomElement | null = null;
      for (const [el, s] of sums) {
        if (s > best) {
          best = s;
          top = el;
        }
      }
      return { sums, best, top };
    };
    let { sums, best, top } = pick();
    // A collection page (an archive, a press-release list, a section front): its excerpts cut
    // off with "…" are what the page has to read when they outweigh its best other text several
    // times over; they are then weighed as text and the list is the container.
    if (best < SCORING.collectionBelow) {
      let excerpts = 0;
      for (let i = 0; i < blocks.length; i++) if (alive[i] && weights[i] < 0 && endsCutOff(blocks[i]) && blocks[i].linkLen / blocks[i].len < SCORING.linkDensityMax) excerpts += blocks[i].len;
      if (excerpts >= SCORING.collectionFactor * Math.max(best, 0)) {
        for (let i = 0; i < blocks.length; i++) {
          const b = blocks[i];
          if (alive[i] && weights[i] < 0 && endsCutOff(b) && b.linkLen / b.len < SCORING.linkDensityMax) weights[i] = b.len * (1 - b.linkLen / b.len);
        }
        ({ sums, best, top } = pick());
      }
    }
    // A results or data table (sports results, timetables, price lists): its cells hold no
    // sentence and weigh nothing, so the page's heading wins. When the best subtree is small
    // and the link-free cells of tables outweigh it several times, they weigh as text and the
    // table (with what surrounds it) is the container. Layout tables' cells are long prose
    // (already text) or links (still link lists).
    if (best < SCORING.collectionBelow) {
      const grid = dataTables(blocks, alive);
      // Label/value lists (spec sheets, product facts: `<dl>`, rows of two <div> cells) hold
      // data the same way.
      const lists = new Map<DomElement, boolean>();
      const isValue = (i: number) => alive[i] && weights[i] <= 0 && !blocks[i].excerpt &&
        ((isDataCell(blocks[i]) && grid.has(innermost(blocks[i], 'table')!)) || labelValueListOf(blocks[i], lists) !== null);
      let cells = 0;
      for (let i = 0; i < blocks.length; i++) if (isValue(i)) cells += blocks[i].len;
      if (cells >= SCORING.collectionFactor * Math.max(best, 0) && cells >= SCORING.longBlock) {
        for (let i = 0; i < blocks.length; i++) {
          if (!isValue(i)) continue;
          weights[i] = blocks[i].len;
          if (!isDataCell(blocks[i])) blocks[i].datum = true;
        }
        ({ sums, best, top } = pick());
      }
    }
    // A scattered article (a wiki page, a list page): its text is split among many siblings
    // with link lists between them (contents, references, profile lists), so every subtree
    // that holds it weighs less than one of its parts. When the best subtree holds under
    // `scatteredShare` of the page's positive weight, the smallest (on a tie the deepest) element
    // holding `scatteredHold` of it is the container, as Readability's positive-only scoring
    // finds it (the text pass drops the link lists inside; round 20: ties went to the wrapper).
    if (best > 0 && best < SCORING.collectionBelow) {
      let positive = 0;
      const pos = new Map<DomElement, number>();
      for (let i = 0; i < blocks.length; i++) {
        if (!alive[i] || weights[i] <= 0) continue;
        positive += weights[i];
        for (const el of blocks[i].path) pos.set(el, (pos.get(el) ?? 0) + weights[i]);
      }
      if (best < SCORING.scatteredShare * positive) {
        let found: DomElement | null = null;
        let least = Infinity;
        for (const [el, w] of pos) {
          if (w >= SCORING.scatteredHold * positive && w <= least && el.type === 'tag' && el.name !== 'body' && el.name !== 'html') {
            found = el;
            least = w;
          }
        }
        // Its link lists may outweigh its text, but not by half as much again (column.ts).
        const w = found ? scatteredWeight(found, sums, blocks, alive, weights, least) : null;
        if (found && w !== null) {
          top = found;
          best = Math.max(best, w);
        }
      }
    }
    // A layout table (old markup): the cell holding the story, not the table (tables.ts).
    const cell = layoutCell(blocks, alive, sums, best, top);
    if (cell) {
      top = cell;
      best = sums.get(cell) ?? best;
    }
    container = top;
    // No block looks like content (a poem, lyrics, a list of short lines): the element the
    // markup names as the article body holds the most text of those; else keep every
    // surviving block rather than one fragment.
    if (best <= 0) {
      const chars = new Map<DomElement, number>();
      for (let i = 0; i < blocks.length; i++) {
        if (!alive[i]) continue;
        for (const el of blocks[i].path) if (bodyHint(el) === 2) chars.set(el, (chars.get(el) ?? 0) + blocks[i].len);
      }
      let named: DomElement | null = null;
      let most = 0;
      for (const [el, n] of chars) if (n > most) [named, most] = [el, n];
      if (named && most >= 80) return { blocks: blocks.filter((b, i) => alive[i] && b.path.includes(named!)), container: named };
      return { blocks: blocks.filter((_, i) => alive[i]), container: null };
    }
    // A thread of posts in repeated units: the element holding them, not one post (column.ts).
    const thread = container ? siblingPosts(container, sums, alive, blocks, weights) : null;
    if (thread) container = thread;
    // Prefer an element the markup names as the article body, inside the best subtree, when
    // it holds most of the best subtree's weight: it leaves out teaser lists that the
    // subtree sum cannot tell from text (trafilatura's BODY_XPATH idea, generically).
    let hinted: DomElement | null = null;
    let hintedRank = 0;
    let hintedSum = -Infinity;
    for (const [el, s] of sums) {
      const rank = bodyHint(el);
      if (!rank || s < SCORING.hintShare * best || el === container) continue;
      if (!isInside(el, container!)) continue;
      if (rank > hintedRank || (rank === hintedRank && s > hintedSum)) {
        hinted = el;
        hintedRank = rank;
        hintedSum = s;
      }
    }
    // A lone paragraph as the best subtree (an article of short lines, a table or list with one
    // sentence under it): the named body around it, within three levels, is the article.
    if (!hinted && container && container.name === 'p') {
      let p: DomElement | null = container.parent;
      for (let i = 0; p && p.type === 'tag' && i < 3 && p.name !== 'body'; i++, p = p.parent) {
        if (bodyHint(p) === 2 && sums.has(p)) {
          hinted = p;
          hintedRank = 2;
          break;
        }
      }
    }
    // A lone short-line post (a diary entry, a poem, a dialogue): the best subtree is one
    // paragraph whose parent holds its sibling lines, and the parent weighs at least half as
    // much. The parent is the post; the paragraph alone would be its date line.
    if (!hinted && container && container.name === 'p') {
      const parent = container.parent;
      const ps = parent ? sums.get(parent) : undefined;
      if (parent && parent.type === 'tag' && parent.name !== 'body' && parent.name !== 'html' && ps !== undefined && ps >= 0.5 * best) {
        let siblings = 0;
        for (const k of parent.children) if (k !== container && (k as DomElement).name === 'p' && sums.has(k as DomElement)) siblings++;
        // Its siblings may be captions and headings weighing next to nothing (a photo story's
        // one paragraph among captioned pictures): a parent weighing nearly as much is the story.
        if (siblings >= 2 || ps >= SCORING.loneParagraphParent * best) container = parent;
      } else if (parent && parent.type === 'tag' && parent.name !== 'body' && parent.name !== 'html' && isTextColumn(parent, container, alive, blocks)) container = parent;
      // A lone paragraph in the one text cell of a layout table (an old home page): the cell.
      if (container.name === 'p') container = pageCell(container, alive, blocks) ?? container;
    }
    // An article cut into several same-named chunks (one "article-body" per chunk, or the body
    // name on every paragraph: `<p class="par2" itemprop="articleBody">`): the best subtree
    // already spans them all, so it stays.
    if (hinted && !hasTwin(hinted, hintedRank, sums.keys())) container = hinted;
  }
  if (container && !keep) container = widenForRecipe(blocks, alive, container);
  // Sibling modules after the story child of the container (author sections, sign-ups, more news).
  if (container && !keep) dropTrailingModules(blocks, alive, weights, container);
  const HEADING = /^h[2-6]$/;
  const inside: Block[] = [];
  let firstInside = -1;
  // The heading of a dropped box of links to other stories inside the container, after the body
  // began, goes to the text pass as a label: "Das könnte Sie auch interessieren" ends the story
  // there as it does when the box is not named, instead of vanishing with the box and leaving
  // what follows it (login notices, topic lists) to look like the story's end.
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (container && !b.path.includes(container)) continue;
    if (!alive[i]) {
      if (firstInside >= 0 && HEADING.test(b.tag) && b.len <= 80 && b.negs.some(isOtherStoriesBox)) {
        b.otherStoriesLabel = true;
        inside.push(b);
      }
      continue;
    }
    if (firstInside < 0) firstInside = i;
    inside.push(b);
  }
  if (container && !keep && firstInside > 0) inside.unshift(...standfirst(blocks, alive, container, firstInside));
  return { blocks: inside, container };
}
