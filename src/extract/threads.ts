/**
 * Reader posts after a story under a name that says nothing (`div#talkback`, `div#reactions`, an
 * unnamed `<dl>` of "Name said on 12 January 2009:" and the post): a run of entries, each a short
 * line with a date (the poster and the time) just before a block of text. Their text weighs as
 * prose, so a thread longer than the story pulls the container up to the page and stays in the
 * text. Readability 0.6 does not score `<dd>` and loses as we do on named-less `<div>` threads.
 * This module weighs the posts of such a thread slightly negative in the container choice when
 * a story of its own stands outside the thread, and marks them `reply` for the module rule
 * (modules.ts). Found on probe pages written for round 19 (ext19a) after the shape of 2000s blogs
 * and guestbooks; by shape only, never by name.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { storyBeside } from './excerpts.js';

/** Longest header line of a post (poster, date, "said:"), chars. */
const HEADER_MAX = 80;
/** A header line holds a date with a year ("12.01.2009", "12 January 2009", "May 3, 2012"). */
const HEADER_DATE = /\b(19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b/;
/**
 * Owners of a header line and a post: not headings (a section "History (1990–2005)") and not
 * table cells (a data table of years and descriptions; wikipedia-4 of readability-pages), not an
 * embedded post's quote ("— Name (@handle) December 31, 2014" closing a tweet in a live story).
 */
const POSTER_TAG = /^(?!h[1-6]$|td$|th$|blockquote$)/;
/** Longest post weighed down (chars): a reader's post, not a story's section. */
const POST_MAX = 1500;
/** Entries of one thread from which it is a thread. */
const ENTRIES_MIN = 3;
/** Weight per character of a post in a thread (slightly negative: a thread never ties with the story). */
const POST_WEIGHT = -0.1;

/** The lowest common ancestor of two blocks' owners (paths run from the same root). */
function commonAncestor(a: Block, b: Block): { el: DomElement; depth: number } | null {
  let d = 0;
  while (d < a.path.length && d < b.path.length && a.path[d] === b.path[d]) d++;
  return d ? { el: a.path[d - 1], depth: d - 1 } : null;
}

/**
 * Finds threads of reader posts (at least `ENTRIES_MIN` entries of a header line naming a poster
 * and a date (letters and a year; not a heading or a table cell; no sentence end; another tag
 * than the post's, as `dt` + `dd`, a `div` line + `p`: two paragraphs or two list items are prose), ≤ `HEADER_MAX` chars, followed by a post of ≤ `POST_MAX` chars, the two under a
 * common ancestor at most two levels above the post) and, when the page's positive weight
 * outside them is at least two long blocks, sets each post's weight to `POST_WEIGHT` per char.
 * @param blocks all blocks of the page, document order
 * @param weights per block (weights.ts pageWeights), chars; updated in place
 * @returns the posts re-weighed (empty when none); each is marked `reply`
 */
export function replyThreads(blocks: Block[], weights: number[]): Set<Block> {
  const groups = new Map<DomElement, number[]>();
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i];
    const h = blocks[i - 1];
    if (weights[i] <= 0 || b.len > POST_MAX || h.len > HEADER_MAX || !POSTER_TAG.test(h.tag) || !POSTER_TAG.test(b.tag) || h.tag === b.tag || /[.!?。！？]$/.test(h.text) || !/\p{L}{2}/u.test(h.text) || h.linkLen > 0.5 * h.len || !HEADER_DATE.test(h.text)) continue;
    const lca = commonAncestor(h, b);
    if (!lca || b.path.length - 1 - lca.depth > 2 || lca.el.name === 'body' || lca.el.name === 'html' || lca.el.type !== 'tag') continue;
    // An entry wrapper holding the header and the post only groups by its parent; a list that
    // holds all entries itself (`<dl>`: dt, dd, dt, dd) groups by itself.
    let lo = i - 1;
    let hi = i;
    while (lo > 0 && blocks[lo - 1].path[lca.depth] === lca.el) lo--;
    while (hi + 1 < blocks.length && blocks[hi + 1].path[lca.depth] === lca.el) hi++;
    const key = hi - lo <= 3 && lca.el.parent && (lca.el.parent as DomElement).type === 'tag' ? (lca.el.parent as DomElement) : lca.el;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const out = new Set<Block>();
  for (const g of groups.values()) if (g.length >= ENTRIES_MIN) for (const i of g) out.add(blocks[i]);
  if (!out.size) return out;
  if (!storyBeside(blocks, weights, out)) return new Set();
  for (let i = 0; i < blocks.length; i++) {
    if (!out.has(blocks[i])) continue;
    weights[i] = POST_WEIGHT * blocks[i].len;
    blocks[i].reply = true;
  }
  return out;
}
