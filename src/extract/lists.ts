/**
 * Lists before the body, round 13 (extract13c): an ingredient or parts list set as a table
 * before the steps of a recipe or a how-to. Its group headings ("Für den Teig:") and the cells
 * whose item is a link (a product page) were dropped as lead-in fragments and link text, while
 * the plain cells beside them stayed. Kind found on the dev split of trafilatura's evaluation
 * set (recipe pages); the fixture is tests/fixtures/extract/kinds13c/ingredient-table.html.
 */
import type { Block } from './blocks.js';
import { isContentBlock } from './weights.js';

/** A plain cell naming a date or year (an archive row of a date and a linked headline). */
const DATE_CELL = /\b(19|20)\d\d\b|^\d{1,2}[./-]\d{1,2}[./-]?$/;

/** Fewest rows of two or more cells in the table for its linked cells to be items. */
const ITEM_ROWS_MIN = 3;

/** Longest linked cell (characters) read as an item of its row rather than as a link. */
const VALUE_CELL_MAX = 80;

/**
 * Linked `<td>` cells of table rows that also hold a plain cell (no link, some letter or digit,
 * no date): the row is an item with its amount or label ("2 Pck." | "<a>Vanillin-Zucker</a>"),
 * not a link list, whose rows are links in every cell, nor an archive row of a date and a linked
 * headline.
 * @param blocks the container's blocks in document order
 * @returns the cells to judge like plain table cells
 */
export function valueCells(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  const rows = new Map<unknown, Block[]>();
  const tableOf = new Map<unknown, unknown>();
  for (const b of blocks) {
    if (b.tag !== 'td') continue;
    const row = b.path[b.path.length - 2];
    const cells = rows.get(row);
    if (cells) cells.push(b);
    else {
      rows.set(row, [b]);
      let t = b.path.length - 3;
      while (t >= 0 && b.path[t].name !== 'table') t--;
      tableOf.set(row, t >= 0 ? b.path[t] : null);
    }
  }
  // Rows of two or more cells per table: a list of items has several, a layout table's title
  // row beside a credit ("( <a>Verlag</a> より)") stands alone.
  const itemRows = new Map<unknown, number>();
  for (const [row, cells] of rows) if (cells.length >= 2) itemRows.set(tableOf.get(row), (itemRows.get(tableOf.get(row)) ?? 0) + 1);
  for (const [row, cells] of rows) {
    if ((itemRows.get(tableOf.get(row)) ?? 0) < ITEM_ROWS_MIN) continue;
    if (cells.length < 2 || !cells.some((c) => c.linkLen === 0 && /[\p{L}\p{N}]/u.test(c.text)) || cells.some((c) => c.linkLen === 0 && DATE_CELL.test(c.text))) continue;
    for (const c of cells) if (c.linkLen > 0 && c.len <= VALUE_CELL_MAX) out.add(c);
  }
  return out;
}

/** Block tags of list items and table cells. */
const ITEM_TAGS = new Set(['li', 'td', 'th', 'dd', 'dt']);

/**
 * Whether the heading `kept[i]` opens a group of a list kept before the body: it ends in a colon,
 * a label for what follows, and the next block is an item or cell without links (or a value cell
 * of `valueCells`), as "Für den Belag:" heads its rows of an ingredient table. A heading before
 * links only (a menu, a table of contents) is not; neither is a box title without a colon
 * ("Pros" above a review's list, which Readability's output leaves out).
 */
export function headsItemList(kept: Block[], i: number, cells: Set<Block>): boolean {
  const next = kept[i + 1];
  return kept[i].text.trimEnd().endsWith(':') && !!next && ITEM_TAGS.has(next.tag) && (next.linkLen === 0 || cells.has(next)) && !isContentBlock(next);
}
