/**
 * Block sets the text pass (text.ts `filterBlocks`) judges as a whole, round 12 (extract12b):
 * second copies of a story set once per layout, and link lines inside `<br>` prose.
 */
import type { Block } from './blocks.js';

/** Highest share of link text in an element cut by `<br>` whose link-only lines are kept. */
const BR_PROSE_LINKS = 0.3;

/**
 * Link lines of elements cut into lines by `<br>` whose whole text is prose (link text under
 * `BR_PROSE_LINKS` of it): a place name linked on its own line above the directions to it, a
 * source line after a paragraph. They are judged with their element, as the scorer weighs
 * them (round 4), not as a link list on their own.
 * @param brLines paths of the elements holding more than one block
 */
export function linkLinesOfProse(blocks: Block[], brLines: Set<unknown>): Set<Block> {
  const len = new Map<unknown, number>();
  const links = new Map<unknown, number>();
  for (const b of blocks) {
    if (!brLines.has(b.path)) continue;
    len.set(b.path, (len.get(b.path) ?? 0) + b.len);
    links.set(b.path, (links.get(b.path) ?? 0) + b.linkLen);
  }
  const out = new Set<Block>();
  for (const b of blocks) {
    if (b.linkLen === 0 || !brLines.has(b.path)) continue;
    const l = len.get(b.path) ?? 0;
    if (l && (links.get(b.path) ?? 0) / l < BR_PROSE_LINKS) out.add(b);
  }
  return out;
}

/**
 * Shortest text (characters) of an element whose second copy in the container is dropped.
 * Kind found on newspaper's teenvogue pages: the intro stands in a desktop and a mobile
 * container, one of them hidden by a media query this extractor cannot evaluate.
 */
const DUPLICATE_MIN = 80;

/**
 * Blocks of elements that repeat an earlier element of the container block for block: the same
 * texts in the same order, at least `DUPLICATE_MIN` characters in all, under another parent (a
 * story set once per layout). Paragraphs repeated inside one element are left alone (a refrain,
 * Readability's test pages of identical paragraphs keep each).
 * @returns the blocks of the later copies
 */
export function layoutCopies(blocks: Block[]): Set<Block> {
  const groups = new Map<unknown, Block[]>();
  for (const b of blocks) {
    const parent = b.path[b.path.length - 2];
    const g = groups.get(parent);
    if (g) g.push(b);
    else groups.set(parent, [b]);
  }
  // Earlier groups by their first text; texts are compared only when a first text repeats.
  const byFirst = new Map<string, Block[][]>();
  const out = new Set<Block>();
  for (const g of groups.values()) {
    let len = 0;
    for (const b of g) len += b.len;
    if (len < DUPLICATE_MIN) continue;
    const earlier = byFirst.get(g[0].text);
    if (!earlier) {
      byFirst.set(g[0].text, [g]);
      continue;
    }
    if (earlier.some((e) => e.length === g.length && e.every((b, i) => b.text === g[i].text))) for (const b of g) out.add(b);
    else earlier.push(g);
  }
  return out;
}
