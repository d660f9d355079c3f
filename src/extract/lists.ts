/**
 * Lists before the body, round 13 (extract13c): an ingredient or parts list set as a table
 * before the steps of a recipe or a how-to. Its group headings ("Für den Teig:") and the cells
 * whose item is a link (a product page) were dropped as lead-in fragments and link text, while
 * the plain cells beside them stayed. Kind found on the dev split of trafilatura's evaluation
 * set (recipe pages); the fixture is tests/fixtures/extract/kinds13c/ingredient-table.html.
 */
import type { Block } from './blocks.js';
import { isContentBlock } from './score.js';

/** Longest linked cell (characters) read as an item of its row rather than as a link. */
const VALUE_CELL_MAX = 80;

/**
 * Linked `<td>` cells, before the first content block, of table rows that also hold a plain
 * cell (no link, some letter or digit): the row is an item with its amount or label ("2 Pck." |
 * "<a>Vanillin-Zucker</a>"), not a link list, whose rows are links in every cell.
 * @param blocks the container's blocks in document order
 * @returns the cells to judge like plain table cells
 */
export function valueCells(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  const first = blocks.findIndex(isContentBlock);
  const end = first < 0 ? blocks.length : first;
  const rows = new Map<unknown, Block[]>();
  for (let i = 0; i < end; i++) {
    const b = blocks[i];
    if (b.tag !== 'td') continue;
    const row = b.path[b.path.length - 2];
    const cells = rows.get(row);
    if (cells) cells.push(b);
    else rows.set(row, [b]);
  }
  for (const cells of rows.values()) {
    if (cells.length < 2 || !cells.some((c) => c.linkLen === 0 && /[\p{L}\p{N}]/u.test(c.text))) continue;
    for (const c of cells) if (c.linkLen > 0 && c.len <= VALUE_CELL_MAX) out.add(c);
  }
  return out;
}

/** Block tags of list items and table cells. */
const ITEM_TAGS = new Set(['li', 'td', 'th', 'dd', 'dt']);

/**
 * Whether the heading `kept[i]` opens a group of a list kept before the body: the next block is
 * an item or cell without links (or a value cell of `valueCells`), as "Für den Belag:" heads its
 * rows of an ingredient table. A heading before links only (a menu, a table of contents) is not.
 */
export function headsItemList(kept: Block[], i: number, cells: Set<Block>): boolean {
  const next = kept[i + 1];
  return !!next && ITEM_TAGS.has(next.tag) && (next.linkLen === 0 || cells.has(next)) && !isContentBlock(next);
}
