/**
 * Block sets the text pass (text.ts `filterBlocks`) judges as a whole, round 12 (extract12b):
 * second copies of a story set once per layout, and link lines inside `<br>` prose.
 */
import type { Block } from './blocks.js';
import { isElement, type DomElement, type DomNode } from './dom.js';

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

/** Highest share of link text in a linked sentence of the story kept by `linkedSentencesInProse`. */
const LINKED_SENTENCE_MAX = 0.8;

/** A full stop, question or exclamation mark (or an ellipsis) closing the text, quotes after it allowed. */
const FULL_STOP = /[.!?。！？…]["'”’»)]*$/;

/**
 * Linked sentences inside the story's prose, round 15 (ext15c): a `<p>` of 50–80% link text
 * (`LINKED_SENTENCE_MAX`) closed by a full stop (`FULL_STOP`: a sentence whose names are linked,
 * "Siehe Punkt 12 der Datenschutzerklärung … wird in Kürze bereitgestellt.") right after a prose
 * paragraph of the same parent (`isProse`) and followed by nothing of that parent or by a
 * paragraph under 30% link text. trafilatura's dev split expects such sentences; Readability 0.6
 * keeps `<p>` whatever its links (it cleans link density on lists, tables and divs only).
 * In-story links to other stories ("Le puede interesar: …", "Auch lesen: …") are a label and a
 * headline without a full stop and stay with the link-density rule, as do link-only lines
 * (tried: kept them too, dev TP +2 but FP +10, all such related lines), list items and headings.
 * A link-only line or one without a full stop is kept too when every link in it leaves the
 * page's host (`linksElsewhere`: a petition's address, "Hier geht's zur Facebook Veranstaltung"):
 * dev TP +2, FP +1 (an outside shop's call on one page).
 * @param isProse the text pass's body-paragraph test (weights.ts `isContentBlock`)
 * @param pageUrl the page's address; without it only the linked-sentence form is kept
 */
export function linkedSentencesInProse(blocks: Block[], isProse: (b: Block) => boolean, pageUrl?: string): Set<Block> {
  const out = new Set<Block>();
  const parent = (b: Block) => b.path[b.path.length - 2];
  const host = hostOf(pageUrl);
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i];
    const ld = b.linkLen / b.len;
    if (b.tag !== 'p' || ld < 0.5) continue;
    if ((ld > LINKED_SENTENCE_MAX || !FULL_STOP.test(b.text)) && !(host && linksElsewhere(b.path[b.path.length - 1], host))) continue;
    const prev = blocks[i - 1];
    if (prev.tag !== 'p' || parent(prev) !== parent(b) || !isProse(prev)) continue;
    const next = blocks[i + 1];
    if (next && parent(next) === parent(b) && !(next.tag === 'p' && next.linkLen / next.len < 0.3)) continue;
    out.add(b);
  }
  return out;
}

/** A data line "label: item, item": a short label and a colon, then items split by list commas, no full stop at the end. */
const ENUMERATION_LINE = /^[^:：]{1,30}[:：]\s*[^\s:：][^:：]*(?<![.!?。！？])$/u;
/** Three or more items after the label. */
const THREE_ITEMS = /(?:[、,，;；][^、,，;；]+){2,}$/u;

/**
 * Link-dense lines of a run of data lines, round 16 (ext16b): consecutive `<p>` of one parent,
 * each "label: item, item, …" (`ENUMERATION_LINE`), at least one with three items or more and
 * at least one under 50% link text. The site wrote these lines as text; the link-dense ones only had a topic page for most
 * of their items (fundus AsahiShimbun: "県：市、市、町" per prefecture, the towns auto-linked,
 * five of seven lines lost to the link-density rule; Readability 0.6 keeps every `<p>`). A lone
 * tag line ("Themen: a, b, c") or a run of wholly linked lines stays with the link-density rule.
 */
export function enumerationRuns(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  const parent = (b: Block) => b.path[b.path.length - 2];
  for (let i = 0; i < blocks.length;) {
    const b = blocks[i];
    if (b.tag !== 'p' || b.len > 400 || !ENUMERATION_LINE.test(b.text)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < blocks.length && blocks[j].tag === 'p' && parent(blocks[j]) === parent(b) && blocks[j].len <= 400 && ENUMERATION_LINE.test(blocks[j].text)) j++;
    const run = blocks.slice(i, j);
    if (run.length >= 2 && run.some((x) => x.linkLen / x.len < 0.5) && run.some((x) => THREE_ITEMS.test(x.text))) for (let k = i; k < j; k++) out.add(blocks[k]);
    i = j;
  }
  return out;
}

/** Host of a URL without a leading "www.", or null. */
function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * True when the element holds links and every one is an absolute http(s) address on another
 * host than the page's (a petition, an event page on a social network): a source the story
 * points to, not another story of the site (those link to the site's own host or a relative path).
 */
function linksElsewhere(el: DomElement, host: string): boolean {
  let n = 0;
  let away = true;
  const walk = (node: DomNode): void => {
    if (!away || !isElement(node)) return;
    if (node.name === 'a' && node.attribs.href) {
      n++;
      const h = hostOf(/^https?:\/\//i.test(node.attribs.href) ? node.attribs.href : undefined);
      if (!h || h === host || h.endsWith(`.${host}`) || host.endsWith(`.${h}`)) away = false;
    }
    for (const k of node.children ?? []) walk(k);
  };
  walk(el);
  return away && n > 0;
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
