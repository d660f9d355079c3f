/**
 * Tables in the scoring pass (called by `selectBlocks`, score.ts): which tables hold data
 * (results, timetables: their link-free cells weigh as text on a page without prose), and which
 * cell of a layout table (old markup) holds the story.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { blockWeight, SCORING } from './score.js';

function isInside(el: DomElement, anc: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parent) if (p === anc) return true;
  return false;
}

/** A table cell without links: a value of a results or data table (see selectBlocks). */
export function isDataCell(b: Block): boolean {
  return (b.tag === 'td' || b.tag === 'th') && b.linkLen === 0;
}

/** The innermost block-level ancestor of a block with this tag name. */
export function innermost(b: Block, name: string): DomElement | null {
  for (let k = b.path.length - 1; k >= 0; k--) if (b.path[k].name === name) return b.path[k];
  return null;
}

/**
 * Tables laid out as data (results, timetables): at least 3 rows and on average at least 2 text
 * cells per row, counted on the cells' innermost table. A layout table (one or two columns of
 * page parts, old markup) has few rows of text cells and is left out.
 */
export function dataTables(blocks: Block[], alive: boolean[]): Set<DomElement> {
  const rows = new Map<DomElement, Set<DomElement>>();
  const cells = new Map<DomElement, number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!alive[i] || (b.tag !== 'td' && b.tag !== 'th')) continue;
    const table = innermost(b, 'table');
    const row = innermost(b, 'tr');
    if (!table || !row) continue;
    let r = rows.get(table);
    if (!r) rows.set(table, (r = new Set()));
    r.add(row);
    cells.set(table, (cells.get(table) ?? 0) + 1);
  }
  const out = new Set<DomElement>();
  for (const [table, r] of rows) if (r.size >= 3 && cells.get(table)! >= 2 * r.size) out.add(table);
  return out;
}

/**
 * A layout table (old markup): a side column of short notices cut by `<br>` weighs as lines of
 * text and lifts the table over the cell that holds the story. When the best subtree `top` is a
 * table, its body or a row (or an ancestor whose best sum runs down a chain of elements to one:
 * blocks weighing nothing add nothing), and one cell holds at least `SCORING.layoutCellShare` of
 * the weight of the table's prose blocks (those weighing as text on their own, `blockWeight`),
 * that cell is returned; else null.
 * @param sums subtree weight per element (selectBlocks' sums)
 * @param best the largest subtree weight (that of `top`)
 */
export function layoutCell(blocks: Block[], alive: boolean[], sums: Map<DomElement, number>, best: number, top: DomElement | null): DomElement | null {
  let table: DomElement | null = top;
  while (table && table.name !== 'table' && table.name !== 'tbody' && table.name !== 'tr') {
    let next: DomElement | null = null;
    for (const k of table.children ?? []) if (sums.get(k as DomElement) === best) next = k as DomElement;
    table = next;
  }
  if (!table) return null;
  const prose = new Map<DomElement, number>();
  let all = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i] || !blocks[i].path.includes(table)) continue;
    const w = blockWeight(blocks[i]);
    if (w <= 0) continue;
    all += w;
    const cell = innermost(blocks[i], 'td');
    if (cell && isInside(cell, table)) prose.set(cell, (prose.get(cell) ?? 0) + w);
  }
  for (const [cell, w] of prose) if (all > 0 && w >= SCORING.layoutCellShare * all) return cell;
  return null;
}
