/**
 * A column of paragraphs led by one (score.ts): when the best subtree is a lone paragraph and
 * its parent weighs under half of it, the parent may still be the story (a news item whose lead
 * is followed by lines of data). See docs/extraction.md, Round 14 (extract14b).
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';

/** Characters of text a non-paragraph child of a column of paragraphs may hold (a picture link, an ad slot's "[PR]" label). */
const COLUMN_EXTRA_CHARS = 20;
/** Sibling paragraphs a lone best paragraph needs to be read as the lead of a column of short lines. */
const COLUMN_SIBLINGS = 3;

/**
 * The parent of a lone best paragraph is a column of paragraphs: its element children other
 * than `<p>` hold at most `COLUMN_EXTRA_CHARS` of text (pictures, ad slots, scripts), the lone
 * paragraph is its first `<p>`, at least `COLUMN_SIBLINGS` more follow it, and no block in it
 * carries a boilerplate name. A news item of one sentence-paragraph followed by short lines of
 * data (a quake's intensities by place, results, a timetable; each line a `<p>` of linked names,
 * which weigh negative) is that column; Readability keeps the column as its top candidate.
 */
export function isTextColumn(parent: DomElement, lone: DomElement, alive: boolean[], blocks: Block[]): boolean {
  const chars = new Map<DomElement, number>();
  for (let i = 0; i < blocks.length; i++) {
    const at = blocks[i].path.indexOf(parent);
    if (at < 0) continue;
    if (!alive[i]) return false;
    const child = blocks[i].path[at + 1];
    if (child) chars.set(child, (chars.get(child) ?? 0) + blocks[i].len);
  }
  let before = true;
  let siblings = 0;
  for (const k of parent.children) {
    if (k.type !== 'tag') continue;
    const el = k as DomElement;
    if (el === lone) before = false;
    else if (el.name !== 'p') {
      if ((chars.get(el) ?? 0) > COLUMN_EXTRA_CHARS) return false;
    } else if (before) return false;
    else siblings++;
  }
  return siblings >= COLUMN_SIBLINGS;
}

/** Share of the page's unlinked text a layout cell must hold to be the page's column (see isPageCell). */
const PAGE_CELL_SHARE = 0.8;

/**
 * A lone best paragraph sits directly in a table cell that holds at least `PAGE_CELL_SHARE` of
 * the unlinked text (characters outside links) of every surviving block of the page: the cell is
 * the page's one column (an old home page laid out in a table: a greeting, headings, a list of
 * projects with a word on each, a contact line), and the paragraph alone would be its last line
 * (round 19, ext19b: defuddle's single-column layout table; Readability keeps the cell).
 * @param lone the best subtree, a `<p>`
 * @param alive which blocks survived the boilerplate names (selectBlocks)
 * @returns the cell, or null
 */
export function pageCell(lone: DomElement, alive: boolean[], blocks: Block[]): DomElement | null {
  const cell = lone.parent;
  if (!cell || cell.type !== 'tag' || (cell.name !== 'td' && cell.name !== 'th')) return null;
  let inCell = 0;
  let all = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i]) continue;
    const t = blocks[i].len - blocks[i].linkLen;
    all += t;
    if (blocks[i].path.includes(cell)) inCell += t;
  }
  return all > 0 && inCell >= PAGE_CELL_SHARE * all ? cell : null;
}

/** Levels above the container looked at for a repeated post unit (a post's body, its box, its row). */
const POST_UNIT_LEVELS = 3;
/** Other posts a thread must show beside the chosen one. */
const SIBLING_POSTS_MIN = 2;
/** Share of the chosen post's weight that the other posts' bodies must reach together. */
const SIBLING_POSTS_SHARE = 0.5;

/**
 * A thread of posts set as repeated units without names that say so (a forum's `div.row >
 * div.post-box > div.post-content`, once per post): the best subtree is one post's body, and
 * its siblings hold bodies of the same tag and class with as much text again. Returns the
 * element holding the units, or null. Looks `POST_UNIT_LEVELS` levels up from the container for
 * an ancestor (or the container) whose parent has at least `SIBLING_POSTS_MIN` other children of
 * its tag and class, each holding an alive block with positive weight under an element of the
 * container's tag and class, together weighing at least `SIBLING_POSTS_SHARE` of the container. A container with no
 * class is left alone (round 19, ext19b: magic-html's forum pages, a FlaskBB thread of which one
 * answer was taken; Readability keeps the thread).
 * @param sums subtree weight per element (selectBlocks)
 * @param weights block weights
 */
export function siblingPosts(container: DomElement, sums: Map<DomElement, number>, alive: boolean[], blocks: Block[], weights: number[]): DomElement | null {
  const cls = container.attribs?.class?.trim();
  if (!cls) return null;
  const own = sums.get(container) ?? 0;
  if (own <= 0) return null;
  let unit: DomElement = container;
  for (let level = 0; level <= POST_UNIT_LEVELS && unit.parent && unit.parent.type === 'tag'; level++, unit = unit.parent as DomElement) {
    const parent = unit.parent as DomElement;
    if (parent.name === 'body' || parent.name === 'html') return null;
    const ucls = unit.attribs?.class?.trim() ?? '';
    const twins = new Set<DomElement>();
    for (const k of parent.children) {
      const el = k as DomElement;
      if (el !== unit && el.type === 'tag' && el.name === unit.name && (el.attribs?.class?.trim() ?? '') === ucls) twins.add(el);
    }
    if (twins.size < SIBLING_POSTS_MIN) continue;
    const at = new Map<DomElement, number>();
    for (let i = 0; i < blocks.length; i++) {
      if (!alive[i] || weights[i] <= 0) continue;
      const path = blocks[i].path;
      const d = path.indexOf(parent);
      if (d < 0 || !twins.has(path[d + 1])) continue;
      let body = false;
      for (let j = d + 1; j < path.length && !body; j++) body = path[j].name === container.name && path[j].attribs?.class?.trim() === cls;
      if (body) at.set(path[d + 1], (at.get(path[d + 1]) ?? 0) + weights[i]);
    }
    let total = 0;
    for (const w of at.values()) total += w;
    return at.size >= SIBLING_POSTS_MIN && total >= SIBLING_POSTS_SHARE * own ? parent : null;
  }
  return null;
}

/**
 * Weight of the element the scattered-article rule found (score.ts: the smallest element holding
 * most of the page's positive weight), or null when its link lists outweigh its text by more
 * than half of `least` (its positive weight) as the rule demands. Before giving up, element
 * children after its text that weigh negative and hold no block of positive weight are left out:
 * a side column (a newswire, a list of most-read headlines) nested inside the story's element
 * because an ad slot's `<div>` before it was never closed, as browsers nest it too. Their blocks
 * are then marked not alive, as Readability's cleaning drops such link-dense subtrees from its
 * top candidate (round 20, ext20b: a Greek paper's story of eight paragraphs lost to one of them
 * alone, the story element weighing −3,700 with the newswire inside).
 * @param sums subtree weight per element over the alive blocks (selectBlocks)
 * @param least the element's positive weight
 * @returns the weight to use for the element (chars), or null
 */
export function scatteredWeight(found: DomElement, sums: Map<DomElement, number>, blocks: Block[], alive: boolean[], weights: number[], least: number): number | null {
  const own = sums.get(found) ?? -Infinity;
  if (own >= -0.5 * least) return own;
  const positive = new Set<DomElement>();
  for (let i = 0; i < blocks.length; i++) {
    const at = blocks[i].path.indexOf(found);
    if (at >= 0 && alive[i] && weights[i] > 0 && blocks[i].path[at + 1]) positive.add(blocks[i].path[at + 1]);
  }
  const nested = new Set<DomElement>();
  let left = 0;
  for (let k = found.children.length - 1; k >= 0; k--) {
    const el = found.children[k] as DomElement;
    if (el.type !== 'tag') continue;
    const s = sums.get(el);
    if (s === undefined) continue;
    if (s >= 0 || positive.has(el)) break;
    nested.add(el);
    left += s;
  }
  if (!nested.size || own - left < -0.5 * least) return null;
  for (let i = 0; i < blocks.length; i++) {
    const at = blocks[i].path.indexOf(found);
    if (at >= 0 && nested.has(blocks[i].path[at + 1])) alive[i] = false;
  }
  return own - left;
}
