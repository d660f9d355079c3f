/**
 * Modules after the story: on sectioned layouts the chosen container (an `<article>`, a `<main>`,
 * a column) holds the story in one child and, after it, sibling modules of its own: an author's
 * section, an e-mail sign-up, "more news" and teaser lists, a form. Their text is positive (real
 * sentences), so the container's subtree sum takes them in. Readability 0.6 reaches a similar
 * result from the other side: it starts from the best-scored element and adds a sibling only
 * when the sibling scores close to it. Called by `selectBlocks` (score.ts) once the container is
 * chosen.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';

/** Tags of a module (a wrapper of several blocks); a trailing `<p>`, heading or quote is the story's own. */
const MODULE_TAGS = new Set(['div', 'section', 'aside', 'footer', 'ul', 'ol', 'table', 'dl', 'form', 'nav']);

/** Elements a page wraps its columns in, through which `soleHolder` descends: wrappers, the document's own, layout-table parts. */
const CHAIN_TAGS = new Set([...MODULE_TAGS, 'html', 'body', 'main', 'article', 'center', 'tbody', 'tr', 'td']);

/**
 * The container's child holding at least this share of the container's positive weight holds the
 * story (when it holds two or more blocks of text); wrappers after it are modules. Chosen on the dev split of trafilatura's set (0.6 and
 * 0.9 tried: 0.6 lost expected lines, 0.9 caught fewer modules); never tuned per page.
 */
export const STORY_CHILD_SHARE = 0.75;

/**
 * Marks dead (in `alive`) the blocks inside `container` that lie in a wrapper child of it after
 * the child holding the story (`STORY_CHILD_SHARE` of the container's positive weight). A
 * sibling with the story child's tag and class is the next chunk of the same story (sites cut a
 * story into several `div.flex` or `div.article-body` chunks) and stays.
 * @param blocks all blocks of the page (document order)
 * @param alive per block, updated in place
 * @param weights per block (weights.ts pageWeights), chars
 * @param container the chosen container
 */
export function dropTrailingModules(blocks: Block[], alive: boolean[], weights: number[], container: DomElement): void {
  // A container whose weight sits wholly in one wrapper child (page-wide wrappers around the
  // story column and a side column, tied in weight with it: the outermost of equal sums is the
  // container) is judged through that child, down to the level where the weight splits.
  container = soleHolder(blocks, alive, weights, container);
  const pos = new Map<DomElement, number>();
  const childOf: (DomElement | null)[] = new Array(blocks.length).fill(null);
  let total = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i]) continue;
    const path = blocks[i].path;
    const ci = path.indexOf(container);
    if (ci < 0) continue;
    const w = Math.max(weights[i], 0);
    total += w;
    const child = path[ci + 1];
    if (!child) continue;
    childOf[i] = child;
    pos.set(child, (pos.get(child) ?? 0) + w);
  }
  if (total <= 0) return;
  let story: DomElement | null = null;
  let most = 0;
  for (const [el, w] of pos) if (w > most) [story, most] = [el, w];
  if (!story || most < STORY_CHILD_SHARE * total) {
    ownParagraphs(blocks, alive, weights, childOf, pos, total);
    return;
  }
  // A story child that is one block (a lone paragraph among captioned pictures) leaves the
  // container itself as the story: nothing after it is a module.
  let storyBlocks = 0;
  // Label/value data weighed as text (score.ts, `datum`) is no prose story: what follows it on
  // a product page (a notice for traders) is not known to be a module.
  for (let i = 0; i < blocks.length && storyBlocks < 2; i++) if (childOf[i] === story && weights[i] > 0 && !blocks[i].datum) storyBlocks++;
  if (storyBlocks < 2) return;
  let last = -1;
  for (let i = 0; i < blocks.length; i++) if (childOf[i] === story) last = i;
  for (let i = last + 1; i < blocks.length; i++) {
    const c = childOf[i];
    if (c && c !== story && MODULE_TAGS.has(c.name) && !(c.name === story.name && c.attribs.class === story.attribs.class)) alive[i] = false;
  }
}

/**
 * The deepest wrapper under `el` that holds all of its positive weight: the alive blocks under
 * `el` weighing > 0 (two or more) share their path down to it, and every element on the way is
 * a wrapper (CHAIN_TAGS). `el` itself when there is none, or when the weight splits only at
 * `<body>` or above. One pass over the blocks' paths.
 */
function soleHolder(blocks: Block[], alive: boolean[], weights: number[], el: DomElement): DomElement {
  // Every block's path starts at the same root, so `el` sits at one index in all of them.
  let common: DomElement[] | null = null;
  let ci = -1;
  let depth = -1;
  let n = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i] || weights[i] <= 0) continue;
    const path = blocks[i].path;
    if (!common) {
      ci = path.indexOf(el);
      if (ci < 0) continue;
      common = path;
      depth = ci;
      while (depth + 1 < path.length && CHAIN_TAGS.has(path[depth + 1].name)) depth++;
    } else {
      if (path[ci] !== el) continue;
      let d = ci;
      while (d < depth && path[d + 1] === common[d + 1]) d++;
      depth = d;
    }
    n++;
  }
  if (!common || n < 2) return el;
  // Weight that splits among the children of <body> is the page's own sections (a one-page site's
  // "about" and "contact" parts): the page is not one story column with modules after it.
  const inner = common[depth];
  return inner.type === 'tag' && inner.name !== 'html' && inner.name !== 'body' ? inner : el;
}

/** Children of a container that are the story's own paragraphs when the story is set straight in it. */
const PARAGRAPH_TAGS = /^(p|h[2-6]|blockquote)$/;

/**
 * The story set straight in the container, as its own `<p>` (and heading, quote) children,
 * which together hold `STORY_CHILD_SHARE` of its positive weight in two or more paragraphs:
 * wrapper children after the last of them that hold a linked heading are teaser cards for other
 * pages (a card's title links away, its text is a sentence of prose). Marks their blocks dead
 * in `alive`.
 */
function ownParagraphs(blocks: Block[], alive: boolean[], weights: number[], childOf: (DomElement | null)[], pos: Map<DomElement, number>, total: number): void {
  let own = 0;
  let n = 0;
  for (const [el, w] of pos) {
    if (!PARAGRAPH_TAGS.test(el.name)) continue;
    own += w;
    if (el.name === 'p' && w > 0) n++;
  }
  if (n < 2 || own < STORY_CHILD_SHARE * total) return;
  let last = -1;
  for (let i = 0; i < blocks.length; i++) {
    const c = childOf[i];
    if (c && PARAGRAPH_TAGS.test(c.name) && weights[i] > 0) last = i;
  }
  // Only cards that point elsewhere: a wrapper holding a heading that is wholly a link (a code
  // listing, a recipe card or the story's last section in a <div> stays).
  const cards = new Set<DomElement>();
  for (let i = last + 1; i < blocks.length; i++) {
    const c = childOf[i];
    const b = blocks[i];
    if (c && MODULE_TAGS.has(c.name) && ((HEADING.test(b.tag) && b.linkLen >= LINKED_HEADING * b.len) || b.excerpt || b.reply)) cards.add(c);
  }
  for (let i = last + 1; i < blocks.length; i++) {
    const c = childOf[i];
    if (c && cards.has(c)) alive[i] = false;
  }
}

/** Headings of teaser cards. */
const HEADING = /^h[2-6]$/;
/** Share of a card heading's text that is link text. */
const LINKED_HEADING = 0.8;
