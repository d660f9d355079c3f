/**
 * Teaser cards set inside a story: a box pointing at another story of the site (an overline
 * such as "The case", the other story's headline as a linked heading, its byline and date, often
 * a picture), placed between the story's paragraphs and named by nothing that says "related".
 * The text pass drops the linked headline as a link line; this module finds the card's other
 * lines so they go with it instead of being left in the story as stray fragments.
 * Found on repubblica.it's `section.inline-article > article` (magic-html article benchmark,
 * round 17, ext17c); the rule is by shape only.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { isContentBlock } from './weights.js';

/** Longest line of a card other than its headline: overline, byline, date (chars). */
const CARD_LINE_MAX = 80;
/** Most lines a card holds besides its headline (overline, author, date, a short dek). */
const CARD_LINES_MAX = 4;
/** Ancestors above the headline's owner that may be the card (the card's body div, the <article>, its wrapper). */
const CARD_DEPTH = 3;
/** Share of a heading's characters inside links from which it is a linked headline (as text.ts's link-line cut). */
const LINKED = 0.5;

/**
 * The blocks of teaser cards: for each `<h2>`–`<h6>` that is mostly a link, the smallest of its
 * nearest `CARD_DEPTH` ancestors that holds other blocks too, when those others are at most
 * `CARD_LINES_MAX` short lines (≤ `CARD_LINE_MAX` chars), none of them a content block, a
 * heading or a list item. A linked section heading whose wrapper holds a paragraph of the story
 * is no card (the search stops at the first ancestor holding such a block).
 * @param blocks the container's blocks, document order
 * @returns the card blocks, headline included, for the text pass to drop
 */
export function teaserCards(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  for (let i = 0; i < blocks.length; i++) {
    const h = blocks[i];
    if (!/^h[2-6]$/.test(h.tag) || h.len === 0 || h.linkLen / h.len < LINKED || out.has(h)) continue;
    const top = Math.max(0, h.path.length - 1 - CARD_DEPTH);
    for (let d = h.path.length - 2; d >= top; d--) {
      const el: DomElement = h.path[d];
      if (el.name === 'body' || el.name === 'html' || el.name === 'main') break;
      let lo = i;
      let hi = i;
      // Every block's path runs from the same root, so a block lies under `el` exactly when its
      // path holds `el` at `el`'s own depth `d`: one look-up, not a scan of the path.
      while (lo > 0 && blocks[lo - 1].path[d] === el) lo--;
      while (hi + 1 < blocks.length && blocks[hi + 1].path[d] === el) hi++;
      if (lo === hi) continue;
      let ok = hi - lo <= CARD_LINES_MAX;
      for (let k = lo; ok && k <= hi; k++) {
        if (k === i) continue;
        const b = blocks[k];
        if (b.len > CARD_LINE_MAX || isContentBlock(b) || /^h[1-6]$/.test(b.tag) || b.tag === 'li' || b.caption) ok = false;
      }
      if (ok) for (let k = lo; k <= hi; k++) out.add(blocks[k]);
      break;
    }
  }
  return out;
}
