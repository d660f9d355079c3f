/**
 * Content scoring: which blocks are the article. Each block gets a weight from its text
 * length, link density and structure (a long low-link paragraph weighs its length, a link list
 * or a short fragment weighs negatively); every block-level ancestor sums its blocks' weights,
 * and the ancestor with the largest sum is the article container (a maximum-weight subtree,
 * in the spirit of Readability's ancestor scoring and of text-density boilerplate detection,
 * Kohlschütter et al. 2010). Blocks inside the container are then filtered one by one.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';

/** Tunables of the scorer; values chosen on the Zyte benchmark's aggregate F1, never per page. */
export const SCORING = {
  /** A boilerplate-named element is kept when it holds at least this share of the page's weight. */
  protectShare: 0.5,
  /** Blocks whose link text is at least this share of their text are link lists. */
  linkDensityMax: 0.5,
  /** Length from which a low-link block counts as content whatever its tag (chars). */
  longBlock: 100,
  /** Minimum length of a <p>-like block to count as content when it ends a sentence (chars). */
  shortParagraph: 30,
} as const;

const SENTENCE_END = /[.!?。！？…:;"'”’»)\]]$/;

/** Weight of one block for container scoring (chars; negative for boilerplate-like blocks). */
export function blockWeight(b: Block): number {
  const ld = b.linkLen / b.len;
  if (ld >= SCORING.linkDensityMax) return -b.len;
  if (b.len >= SCORING.longBlock) return b.len * (1 - ld);
  if ((b.tag === 'p' || b.sep === '\n') && b.len >= SCORING.shortParagraph && SENTENCE_END.test(b.text)) return b.len * (1 - ld);
  return -b.len * 0.25 - b.linkLen;
}

/** True when a block looks like running article text. */
export function isContentBlock(b: Block): boolean {
  const ld = b.linkLen / b.len;
  if (ld >= 0.3) return false;
  if (b.len >= SCORING.longBlock) return true;
  return b.len >= 50 && SENTENCE_END.test(b.text);
}

/**
 * Picks the article blocks.
 * @param blocks all blocks of the page, document order
 * @param keep when a site rule names the container, its element (scoring then only filters)
 * @returns the chosen blocks (document order) and the container element (null: none found)
 */
export function selectBlocks(blocks: Block[], keep: DomElement | null = null): { blocks: Block[]; container: DomElement | null } {
  if (!blocks.length) return { blocks: [], container: null };
  const weights = blocks.map(blockWeight);

  // Boilerplate-named elements are dropped unless they carry most of the page's content
  // (a page-wide wrapper with a class like "has-sidebar" or "content-nav").
  const positive = new Map<DomElement, number>();
  let total = 0;
  for (let i = 0; i < blocks.length; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    total += w;
    for (const el of blocks[i].negs) positive.set(el, (positive.get(el) ?? 0) + w);
  }
  const droppedNeg = new Set<DomElement>();
  for (const [el, w] of positive) if (w < SCORING.protectShare * total) droppedNeg.add(el);
  const alive = blocks.map((b) => !b.negs.some((el) => droppedNeg.has(el) || !positive.has(el)));

  let container = keep;
  if (!container) {
    const sums = new Map<DomElement, number>();
    for (let i = 0; i < blocks.length; i++) {
      if (!alive[i]) continue;
      const w = weights[i];
      for (const el of blocks[i].path) sums.set(el, (sums.get(el) ?? 0) + w);
    }
    let best = -Infinity;
    for (const [el, s] of sums) {
      if (s > best) {
        best = s;
        container = el;
      }
    }
  }
  const inside: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i]) continue;
    if (container && !blocks[i].path.includes(container)) continue;
    inside.push(blocks[i]);
  }
  return { blocks: inside, container };
}
