/**
 * Tables in the scoring pass (called by `selectBlocks`, score.ts): which tables hold data
 * (results, timetables: their link-free cells weigh as text on a page without prose), which
 * label/value lists hold data the same way (spec sheets, product and drug facts set as `<dl>` or
 * as rows of two `<div>` cells), and which cell of a layout table (old markup) holds the story.
 */
import type { Block } from './blocks.js';
import { collapse, isElement, textOf, type DomElement } from './dom.js';
import { blockWeight, SCORING } from './weights.js';

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
  // Prose in side columns: cells that declare a narrow fixed width (`<td width="180">`), the
  // menu or news column of an old layout, are left out of the share when wider cells hold prose.
  let side = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (!alive[i] || !blocks[i].path.includes(table)) continue;
    const w = blockWeight(blocks[i]);
    if (w <= 0) continue;
    all += w;
    const cell = innermost(blocks[i], 'td');
    if (cell && isInside(cell, table)) {
      prose.set(cell, (prose.get(cell) ?? 0) + w);
      if (isNarrowColumn(blocks[i], cell, table)) side += w;
    }
  }
  const wide = all - side;
  for (const [cell, w] of prose) if (all > 0 && w >= SCORING.layoutCellShare * all) return cell;
  if (side > 0 && wide > 0) {
    for (const [cell, w] of prose) if (w >= SCORING.layoutCellShare * wide && !narrowWidth(cell)) return cell;
  }
  return null;
}

/** Widest fixed width of a side column of an old layout table, CSS pixels (a menu or news column runs 120–220 px beside a story cell of 400 px and more). */
const SIDE_COLUMN_MAX_PX = 250;

/** The pixel width a cell declares (`width="180"`, `style="width:180px"`), or null (none, or a percentage). */
function declaredWidth(cell: DomElement): number | null {
  const a = cell.attribs;
  const attr = a.width?.trim();
  if (attr && /^\d+(px)?$/i.test(attr)) return parseInt(attr, 10);
  const m = /(?:^|;)\s*width\s*:\s*(\d+)px/i.exec(a.style ?? '');
  return m ? parseInt(m[1], 10) : null;
}

/** True when a cell declares a fixed width of at most SIDE_COLUMN_MAX_PX pixels. */
function narrowWidth(cell: DomElement): boolean {
  const w = declaredWidth(cell);
  return w !== null && w > 0 && w <= SIDE_COLUMN_MAX_PX;
}

/** True when the block sits in a narrow side column of `table`: its cell, or a cell between it and the table, declares a narrow width. */
function isNarrowColumn(b: Block, cell: DomElement, table: DomElement): boolean {
  for (let k = b.path.length - 1; k >= 0 && b.path[k] !== table; k--) if (b.path[k].name === 'td' && narrowWidth(b.path[k])) return true;
  return narrowWidth(cell);
}

/** Longest label of a label/value row, characters ("Gebrauchsinformation", "Available lengths"). */
const LABEL_MAX = 60;

/** The element children of an element (text between them is whitespace or nothing). */
function elementKids(el: DomElement): DomElement[] | null {
  const out: DomElement[] = [];
  for (const k of el.children ?? []) {
    if (isElement(k)) out.push(k);
    else if (k.type === 'text' && (k as unknown as { data: string }).data.trim()) return null;
  }
  return out;
}

/** Headings and lists: a sidebar widget is a title over a list of links, not a label and its value. */
const NOT_LABEL_OR_VALUE = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'menu', 'nav']);

/** A row of a label/value list: two element children, the first a short label with text, the second with text; neither a heading nor a list. */
function isLabelValueRow(row: DomElement): boolean {
  const kids = elementKids(row);
  if (!kids || kids.length !== 2 || NOT_LABEL_OR_VALUE.has(kids[0].name) || NOT_LABEL_OR_VALUE.has(kids[1].name)) return false;
  const label = collapse(textOf(kids[0]));
  return label.length > 0 && label.length <= LABEL_MAX && collapse(textOf(kids[1])).length > 0;
}

/**
 * True for a label/value list: a `<dl>` with at least 3 `<dt>` and 3 `<dd>`, or an element whose
 * children are at least 3 label/value rows making up at least two thirds of its element children
 * (Bootstrap-style `div.row` > `div.col-4` + `div.col-8`, product spec sheets).
 */
export function isLabelValueList(el: DomElement): boolean {
  const kids = elementKids(el);
  if (!kids || kids.length < 3) return false;
  if (el.name === 'dl') {
    let dt = 0, dd = 0;
    for (const k of kids) if (k.name === 'dt') dt++; else if (k.name === 'dd') dd++;
    return dt >= 3 && dd >= 3;
  }
  let rows = 0;
  for (const k of kids) if (isLabelValueRow(k)) rows++;
  return rows >= 3 && rows * 3 >= kids.length * 2;
}

/**
 * The label/value list a link-free block belongs to (within `LIST_DEPTH` block levels above its
 * owner), or null. Verdicts are memoized per element in `seen`.
 */
export function labelValueListOf(b: Block, seen: Map<DomElement, boolean>): DomElement | null {
  if (b.linkLen > 0 || b.tag === 'td' || b.tag === 'th') return null;
  for (let k = b.path.length - 1; k >= 0 && k >= b.path.length - LIST_DEPTH; k--) {
    const el = b.path[k];
    if (el.type !== 'tag') break;
    let v = seen.get(el);
    if (v === undefined) seen.set(el, (v = isLabelValueList(el)));
    if (v) return el;
  }
  return null;
}

/** Block levels between a value's own block and its list: `dl > dd`, `list > row > cell > p`. */
const LIST_DEPTH = 4;
