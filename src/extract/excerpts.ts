/**
 * Teaser-card excerpts beside or after a story: a column or list of cards, each a linked headline
 * of another story and a one-sentence excerpt of it (`div.item > h3 > a` + `p`, `li > a` + `<br>`
 * + text, a table cell's `<a>` line and its dek). The headline is a link line and weighs
 * negative, but the excerpt is a short sentence and weighs as text, so a column of a dozen
 * cards pulls the container up to `<body>` (the story column and the card column together) or
 * outweighs a short story, and the excerpts stay in the text. Readability 0.6 scores each such
 * `<p>` low (one point plus its length in hundreds) and picks the story column; this module
 * gives the excerpts no weight of their own in the container choice, and tells the module rule (modules.ts)
 * which trailing wrappers are card lists. Two shapes: cards (the headline its own block) and
 * items (`<p><a>Headline</a> Excerpt.</p>`, the headline run into the excerpt). Found on probe
 * pages written for round 19 (ext19a) after the shape of old portal sidebars (no page of the
 * public sets moved with it); the rule is by shape only (repeated linked headlines each with at
 * most a short excerpt), never by name.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { readLen, SCORING } from './weights.js';

/** Share of a headline's characters inside links from which it is a linked headline. */
const LINKED = 0.8;
/** Shortest linked headline (`readLen`: a Han, kana or Hangul character counts twice; a 13-character Chinese headline is one): "More", "Next" and menu words are no headlines. */
const HEADLINE_MIN = 15;
/** Longest excerpt of a card (chars): a dek of one or two sentences, not a story paragraph. */
const EXCERPT_MAX = 400;
/** Most blocks a card holds besides its headline (overline, excerpt, date, author). */
const CARD_BLOCKS_MAX = 3;
/** Ancestors of the headline's owner tried as the card (the owner itself for `li > a + br + text`). */
const CARD_DEPTH = 3;
/** Wrappers holding nothing but the card climbed to find the element that repeats (`li > div > div.card`). */
const WRAP_DEPTH = 4;
/** Cards under one parent from which they form a card list. */
const CARDS_MIN = 2;
/** Items opening with a linked headline under one parent from which they form a teaser list. */
const ITEMS_MIN = 3;
/** Share of an item's characters inside links from which its opening link is a headline, not a linked word. */
const ITEM_LINKED = 0.2;
/** Inline wrappers looked through for an item's opening link (`<b><a>`, `<span><a>`). */
const INLINE = new Set(['b', 'strong', 'span', 'font', 'em', 'i', 'big', 'small']);

/**
 * True when the page's positive weight outside `set` reaches two long blocks
 * (`SCORING.longBlock` each, characters): a story stands beside the set, so re-weighing the set
 * (teaser excerpts here, reader posts in threads.ts) cannot leave the page without its text.
 */
export function storyBeside(blocks: Block[], weights: number[], set: Set<Block>): boolean {
  let outside = 0;
  for (let i = 0; i < blocks.length; i++) if (weights[i] > 0 && !set.has(blocks[i])) outside += weights[i];
  return outside >= 2 * SCORING.longBlock;
}

/**
 * Finds the excerpts of teaser cards that stand in lists of at least `CARDS_MIN` cards under one
 * parent, and sets their weight in `weights` to minus their link text (0 for a card's excerpt; the
 * headline run into an item weighs as a link line), for scoring only: the text pass still judges
 * them if the container holds them. A card is the smallest of the headline owner and its nearest
 * `CARD_DEPTH` ancestors (below `<body>`/`<main>`/`<article>`) that holds other blocks: at most
 * `CARD_BLOCKS_MAX` of them, none a heading, none over `EXCERPT_MAX` characters, at most one with
 * positive weight. Nothing changes when the page's positive weight outside the cards is under
 * two long blocks (a section front made of cards keeps its excerpts as its text).
 * @param blocks all blocks of the page, document order
 * @param weights per block (weights.ts pageWeights), chars; updated in place
 * @returns the excerpt blocks re-weighed (empty when none); each is marked `excerpt`
 */
export function cardExcerpts(blocks: Block[], weights: number[]): Set<Block> {
  const byParent = new Map<DomElement, { cards: Set<DomElement>; excerpts: number[] }>();
  let cardsFound = false;
  for (let i = 0; i < blocks.length; i++) {
    const h = blocks[i];
    if (readLen(h) < HEADLINE_MIN || h.linkLen < LINKED * h.len) continue;
    const top = Math.max(0, h.path.length - 1 - CARD_DEPTH);
    for (let d = h.path.length - 1; d >= top; d--) {
      const el: DomElement = h.path[d];
      if (el.name === 'body' || el.name === 'html' || el.name === 'main' || el.name === 'article' || !el.parent) break;
      let lo = i;
      let hi = i;
      // Every block's path runs from the same root: a block lies under `el` when its path holds
      // `el` at depth `d` (cards.ts does the same).
      while (lo > 0 && blocks[lo - 1].path[d] === el) lo--;
      while (hi + 1 < blocks.length && blocks[hi + 1].path[d] === el) hi++;
      if (lo === hi) continue;
      let ok = hi - lo <= CARD_BLOCKS_MAX;
      let excerpt = -1;
      for (let k = lo; ok && k <= hi; k++) {
        if (k === i) continue;
        const b = blocks[k];
        if (b.len > EXCERPT_MAX || /^h[1-6]$/.test(b.tag)) ok = false;
        else if (weights[k] > 0) {
          if (excerpt >= 0) ok = false;
          excerpt = k;
        }
      }
      if (!ok) break;
      // Every level that still reads as one card is one: the smallest (a headline and its dek)
      // may be alone under its parent while the unit that repeats is an ancestor (`li.item >
      // div.gap > div.text > (title, summary)`, one card per `li`) (ext20b).
      if (addCard(byParent, el, excerpt)) cardsFound = true;
      // Wrappers above the card that hold no other block (`li > div > div.card`) are the unit
      // that repeats too, beyond CARD_DEPTH (ext20a).
      const outer = outerCard(blocks, el, d, lo, hi);
      if (outer !== el && addCard(byParent, outer, excerpt)) cardsFound = true;
    }
  }
  const out = new Set<Block>();
  if (cardsFound) for (const g of byParent.values()) if (g.cards.size >= CARDS_MIN) for (const k of g.excerpts) out.add(blocks[k]);
  linkedLeadItems(blocks, weights, out);
  if (!out.size) return out;
  if (!storyBeside(blocks, weights, out)) return new Set();
  for (let i = 0; i < blocks.length; i++) {
    if (!out.has(blocks[i])) continue;
    // The linked headline run into an item weighs as the link line it is; the excerpt, nothing.
    weights[i] = -blocks[i].linkLen;
    blocks[i].excerpt = true;
  }
  return out;
}

/**
 * The outermost wrapper of a card: `el` (at depth `d` of the block paths, holding blocks
 * `lo`..`hi`) climbed through at most `WRAP_DEPTH` ancestors that hold no other block, below
 * `<body>`/`<main>`/`<article>`. Cards are grouped by this wrapper's parent: a stream sets each
 * card as `li > div > div.card`, so the cards' own parents hold one card each and only the list
 * shows that they repeat (round 20, ext20a: a news site's "others also read" stream of a dozen
 * cards outweighed a four-paragraph story).
 */
function outerCard(blocks: Block[], el: DomElement, d: number, lo: number, hi: number): DomElement {
  let card = el;
  for (let up = 0; up < WRAP_DEPTH && d > 0; up++, d--) {
    const parent = card.parent as DomElement | null;
    if (!parent || parent.name === 'body' || parent.name === 'html' || parent.name === 'main' || parent.name === 'article' || !parent.parent) break;
    if ((lo > 0 && blocks[lo - 1].path[d - 1] === parent) || (hi + 1 < blocks.length && blocks[hi + 1].path[d - 1] === parent)) break;
    card = parent;
  }
  return card;
}

/**
 * Adds `card` to the group of its parent (once) with its excerpt's index (-1: none).
 * @returns true when that group now holds at least `CARDS_MIN` cards
 */
function addCard(byParent: Map<DomElement, { cards: Set<DomElement>; excerpts: number[] }>, card: DomElement, excerpt: number): boolean {
  const parent = card.parent as DomElement;
  let g = byParent.get(parent);
  if (!g) byParent.set(parent, (g = { cards: new Set(), excerpts: [] }));
  if (!g.cards.has(card)) {
    g.cards.add(card);
    if (excerpt >= 0) g.excerpts.push(excerpt);
  }
  return g.cards.size >= CARDS_MIN;
}

/**
 * True when the first text of `el` lies inside an `<a href>` (through inline wrappers, at most
 * four levels): the element opens with a link.
 */
function opensWithLink(el: DomElement, depth = 0): boolean {
  for (const k of el.children) {
    if (k.type === 'text') {
      if ((k as unknown as { data: string }).data.trim()) return false;
      continue;
    }
    if (k.type !== 'tag') continue;
    const e = k as DomElement;
    if (e.name === 'a') return e.attribs.href != null;
    if (depth < 4 && INLINE.has(e.name)) return opensWithLink(e, depth + 1);
    return false;
  }
  return false;
}

/**
 * Teaser lists set as one element per item, the item's linked headline and its excerpt run
 * together (`<p><a>Headline</a> Excerpt.</p>`, `<li><b><a>…</a></b> …</li>`): a parent whose
 * every block of positive weight (at least `ITEMS_MIN`) is such an item, each under
 * `EXCERPT_MAX` characters with at least `ITEM_LINKED` of it link text and opening with the
 * link. Adds them to `out`. A story's paragraphs under the same parent (a links round-up with
 * its own intro) leave the list alone.
 */
function linkedLeadItems(blocks: Block[], weights: number[], out: Set<Block>): void {
  const items = new Map<DomElement, number>();
  const others = new Set<DomElement>();
  const cand: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (weights[i] <= 0) continue;
    const b = blocks[i];
    const owner = b.path[b.path.length - 1];
    const parent = owner?.parent as DomElement | null;
    if (!parent) continue;
    const first = i === 0 || blocks[i - 1].path[blocks[i - 1].path.length - 1] !== owner;
    if (first && b.len <= EXCERPT_MAX && b.linkLen >= ITEM_LINKED * b.len && opensWithLink(owner)) {
      items.set(parent, (items.get(parent) ?? 0) + 1);
      cand.push(i);
    } else others.add(parent);
  }
  for (const i of cand) {
    const parent = blocks[i].path[blocks[i].path.length - 1].parent as DomElement;
    if (!others.has(parent) && (items.get(parent) ?? 0) >= ITEMS_MIN) out.add(blocks[i]);
  }
}
