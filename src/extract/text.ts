/**
 * Text output: filters the container's blocks (link lists, the title repeated, bylines and
 * datelines before the body, boilerplate phrases, trailing fragments) and joins them:
 * paragraphs with "\n\n", items of one list or one table row with "\n".
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { isContentBlock, readLen, SENTENCE_END } from './weights.js';
import { isServerError, isStampLine } from './stamps.js';
import { enumerationRuns, layoutCopies, linkLinesOfProse, linkedSentencesInProse } from './copies.js';
import { dropReaderCalls } from './voice.js';
import { headsItemList, valueCells } from './lists.js';
import { teaserCards } from './cards.js';
import {
  BOILER_PHRASE, CAPTION_CREDIT, CAPTION_CREDIT_MAX, CALL_TO_ACTION, READER_PROMPT, PAYWALL_CALL, DONATION_APPEAL, NEWSLETTER, NEWSLETTER_LINE, CONSENT, DISCLOSURE, NOTICE, LICENCE_CODE, THIS_TEXT, SECTION_END, COMMENTS_LINE, CONTACT_END, DATELINE, CELL_DATELINE,
} from './phrases.js';

/** Longest block read as a section-opening heading (chars). */
const SECTION_END_MAX = 80;
/** Characters a section-opening heading may carry after its phrase ("Mehr zum Thema Gesundheit:"); a longer rest is a sentence. */
const SECTION_END_REST = 30;
/** Characters a related-links label may carry after its phrase and still be only a label (":", " »"). */
const SECTION_LABEL_REST = 2;
/** A section-opening heading ends the text only when the body text after it is at most this share of the body text before it. */
const SECTION_END_AFTER = 0.35;
/** ... and the text after it beside the body's own paragraphs at most this share (a "read also" line inside the story is followed by more of it). */
const SECTION_END_IN_BODY = 0.15;

/** Below this many content paragraphs a page is a photo report and its captions are kept. */
const SCORING_PHOTO_REPORT = 3;

const LIST_ITEM = new Set(['li', 'td', 'th', 'dd', 'dt']);

/** A heading that reads as a sentence: ≥ 30 characters ending in sentence punctuation other than ":" or "?" (a label introduces a list, a question asks the reader; a sentence ends a post). */
function isSentenceHeading(b: Block): boolean {
  return b.len >= SCORING_SENTENCE_HEADING && b.linkLen / b.len < 0.5 && SENTENCE_END.test(b.text) && !/[:?]$/.test(b.text);
}

/** True when the block right after `b` among the container's blocks is mostly link text (a teaser card under a box heading). */
function linkAfter(blocks: Block[], b: Block): boolean {
  const next = blocks[blocks.indexOf(b) + 1];
  return !!next && next.linkLen >= 0.5 * next.len;
}

/** A sentence ending on a pointer out of the text: "here" (en/de/fr/es/it/pt/nl) or a bare address (`www.example.de`). */
const POINTER_END = /(\b(here|hier|ici|aquí|aqui|qui)|\b[\w-]+\.[a-z]{2,12}(\/\S*)?)\s*[.!]?$/iu;
/** Length from which a trailing heading ending in sentence punctuation is kept as text (chars; as `shortParagraph` in weights.ts). */
const SCORING_SENTENCE_HEADING = 30;
/** Shortest heading of a trailing run of sentence headings read as listicle items (chars; twice `SCORING_SENTENCE_HEADING`: a headline-like line of a related box is shorter). */
const LIST_HEADING_MIN = 60;

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Longest linked heading read as an item title of a digest (chars). */
const DIGEST_HEADING_MAX = 150;

/**
 * The item titles of a digest or link roundup (a weekly newsletter's archive page, a "what we
 * read" post): headings (`<h2>`–`<h6>`) that are wholly a link to the item, each followed by a
 * body paragraph of the same parent and preceded by one (the roundup's own text). Readers keep
 * them (Readability scores headings with the text they sit in); as link lines they would be
 * dropped. At least two such headings are needed: one linked heading is a related-story link.
 */
function digestHeadings(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  const parentOf = (b: Block) => b.path[b.path.length - 2];
  const bodyParents = new Set<unknown>();
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i];
    if (isContentBlock(b)) {
      bodyParents.add(parentOf(b));
      continue;
    }
    if (!/^h[2-6]$/.test(b.tag) || b.len > DIGEST_HEADING_MAX || b.linkLen / b.len < 0.5) continue;
    const next = blocks[i + 1];
    if (bodyParents.has(parentOf(b)) && isContentBlock(next) && parentOf(next) === parentOf(b)) out.add(b);
  }
  return out.size >= 2 ? out : new Set();
}

/** Longest line taken for the label of a repeated slot, in characters. */
const SLOT_LINE_MAX = 60;
/** Copies of one line, each its own element, that make it a slot label. */
const SLOT_COPIES = 3;
/** A slot label is words only: no digits (a repeated "Eat every 2–3 hours" is advice), no rule lines ("___"). */
const SLOT_WORDS = /^[^\d]*\p{L}{2}[^\d]*$/u;

/**
 * Lines that stand in the body three or more times word for word, each copy an element of its
 * own (not `<br>` lines of one paragraph) between two paragraphs of the story, short, no heading
 * no digits and no sentence or question: the labels of ad and video slots the page repeats between
 * paragraphs ("Story continues below advertisement", "Don't want to see this? Remove ads"). A
 * refrain of a poem or song is cut by `<br>` inside one paragraph or ends its line with
 * punctuation, and stays; so do an interview's repeated question, repeated section headings,
 * table cells and list items (spec lists repeat values).
 */
function repeatedSlotLines(blocks: Block[]): Set<string> {
  const copies = new Map<string, Set<DomElement>>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.len > SLOT_LINE_MAX || b.sep === '\n' || LIST_ITEM.has(b.tag) || /^h[1-6]$/.test(b.tag) || /[.!?,;:…]$/.test(b.text) || !SLOT_WORDS.test(b.text)) continue;
    // A slot stands between paragraphs of the story (its label may come with other short
    // lines: "advertisement" above "Remove ads", two slots in a row).
    if (!besideProse(blocks, i, -1) || !besideProse(blocks, i, 1)) continue;
    let set = copies.get(b.text);
    if (!set) copies.set(b.text, (set = new Set()));
    set.add(b.path[b.path.length - 1]);
  }
  const out = new Set<string>();
  for (const [text, owners] of copies) if (owners.size >= SLOT_COPIES) out.add(text);
  return out;
}

/** The nearest block from `i` in direction `dir`, past at most three other short lines (the rest of a slot), is prose. */
function besideProse(blocks: Block[], i: number, dir: -1 | 1): boolean {
  for (let k = i + dir, n = 0; k >= 0 && k < blocks.length && n < 4; k += dir, n++) {
    if (isContentBlock(blocks[k])) return true;
    if (blocks[k].len > SLOT_LINE_MAX) return false;
  }
  return false;
}

/**
 * Filters the container's blocks down to the article text.
 * @param blocks blocks inside the container, document order
 * @param title the article title, used to drop a repeated headline
 * @param pageUrl the page's address; its host tells a story's link to an outside source from a
 *   link to another story of the site (copies.ts `linkedSentencesInProse`); optional
 */
export function filterBlocks(blocks: Block[], title: string | null, pageUrl?: string): Block[] {
  const t = title ? norm(title) : '';
  const kept: Block[] = [];
  const seen = new Set<string>();
  const copies = layoutCopies(blocks);
  // Captions are not body text (Zyte truth), except in a photo report where they carry it.
  const photoReport = blocks.filter((b) => !b.caption && isContentBlock(b)).length < SCORING_PHOTO_REPORT;
  // Content paragraphs per parent element: a sentence among three or more of them is body text.
  const bodyParents = new Map<unknown, number>();
  for (const b of blocks) if (isContentBlock(b)) bodyParents.set(b.path[b.path.length - 2], (bodyParents.get(b.path[b.path.length - 2]) ?? 0) + 1);
  const digest = digestHeadings(blocks);
  const slots = repeatedSlotLines(blocks);
  // Owners of more than one block: paragraphs cut into lines by <br>.
  const brLines = new Set<unknown>();
  for (let i = 1; i < blocks.length; i++) if (blocks[i].path === blocks[i - 1].path) brLines.add(blocks[i].path);
  const brLinkLines = linkLinesOfProse(blocks, brLines);
  const cells = valueCells(blocks);
  const proseLinks = linkedSentencesInProse(blocks, isContentBlock, pageUrl);
  for (const b of enumerationRuns(blocks)) proseLinks.add(b);
  const cards = teaserCards(blocks);
  for (const b of blocks) {
    if (cards.has(b)) continue;
    if (b.caption && !photoReport) continue;
    if (slots.has(b.text)) continue;
    if (b.otherStoriesLabel && !SECTION_END.test(b.text)) continue;
    const ld = b.linkLen / b.len;
    if (ld >= 0.5 && !(b.len > 200 && ld < 0.7) && !digest.has(b) && !brLinkLines.has(b) && !cells.has(b) && !proseLinks.has(b)) continue;
    if (b.len < 120 && BOILER_PHRASE.test(b.text) && !COMMENTS_LINE.test(b.text)) continue;
    if (isStampLine(b) || isServerError(b)) continue;
    if (b.len < CAPTION_CREDIT_MAX && !photoReport && b.sep !== '\n' && !brLines.has(b.path) && CAPTION_CREDIT.test(b.text)) continue;
    // Digits-only fragments outside tables and lists: pagination, counters.
    if (b.len < 40 && !LIST_ITEM.has(b.tag) && /^[\d\s|/.,>»-]*$/.test(b.text)) continue;
    if (b.len < 200 && (CALL_TO_ACTION.test(b.text) || READER_PROMPT.test(b.text))) continue;
    if (b.len < 160 && (PAYWALL_CALL.test(b.text) || DONATION_APPEAL.test(b.text))) continue;
    if (b.len < 200 && NEWSLETTER.test(b.text) && (b.len < NEWSLETTER_LINE || (bodyParents.get(b.path[b.path.length - 2]) ?? 0) < 3)) continue;
    if (b.len < 300 && (NOTICE.test(b.text) || CONSENT.test(b.text) || DISCLOSURE.test(b.text) || (LICENCE_CODE.test(b.text) && THIS_TEXT.test(b.text)))) continue;
    // The same caption twice (gallery and lightbox copies) is kept once.
    if (b.caption) {
      if (seen.has(b.text)) continue;
      seen.add(b.text);
    }
    if (copies.has(b)) continue;
    if (t && Math.abs(b.len - t.length) < 30 && norm(b.text) === t) continue;
    // The page's headline (an <h1> before the body or repeating the title) is not body text; an
    // <h1> set as a section heading further down is (Readability drops only the first).
    if (b.tag === 'h1' && (!kept.some(isContentBlock) || (t && (norm(b.text).includes(t) || t.includes(norm(b.text)))))) continue;
    kept.push(b);
  }
  // Before the first content block: bylines, datelines, kickers, breadcrumbs. Keep headings
  // and sentence-like paragraphs (a standfirst), drop short fragments.
  const first = kept.findIndex(isContentBlock);
  if (first < 0) {
    // A page of short lines only (a short post, lines in a script without word spaces): a
    // related-links label or a colon label closing it introduced links that were dropped.
    let end = kept.length;
    while (end > 1 && isClosingLabel(kept[end - 1])) end--;
    return kept.slice(0, end);
  }
  const out: Block[] = [];
  const lead = kept[first];
  const leadParent = lead.path[lead.path.length - 2];
  for (let i = 0; i < first; i++) {
    const b = kept[i];
    // Lines of one paragraph cut by <br> (a standfirst set in short lines) are judged together.
    let j = i;
    let len = b.len;
    let links = b.linkLen;
    while (j + 1 < first && kept[j + 1].path === b.path) {
      j++;
      len += kept[j].len;
      links += kept[j].linkLen;
    }
    // (A long one may end in ":", introducing the list after it.)
    if (j > i && b.tag === 'p' && len >= 60 && links / len < 0.5 && SENTENCE_END.test(kept[j].text) && (len >= 100 || !kept[j].text.endsWith(':')) && !DATELINE.test(b.text)) {
      for (let k = i; k <= j; k++) out.push(kept[k]);
      i = j;
      continue;
    }
    const ld = b.linkLen / b.len;
    // Siblings of the first body paragraph, of its kind, are body (short lines of a list-like article).
    if (b.tag === lead.tag && b.path[b.path.length - 2] === leadParent && ld < 0.5 && !DATELINE.test(b.text)) {
      out.push(b);
      continue;
    }
    if ((b.len >= 60 || b.tag === 'figcaption' || (b.tag === 'p' && b.len >= 30)) && ld < 0.5 && SENTENCE_END.test(b.text) && !b.text.endsWith(':')) out.push(b);
    else if ((b.tag === 'td' || b.tag === 'th' || b.tag === 'li' || b.datum) && (ld === 0 || cells.has(b)) && !CELL_DATELINE.test(b.text)) out.push(b);
    else if (/^h[2-6]$/.test(b.tag) && ld < 0.5 && (i === first - 1 || headsItemList(kept, i, cells)) && !b.otherStoriesLabel) out.push(b);
  }
  let last = kept.length - 1;
  // A heading that opens a related-links or notes section cuts the rest, unless a good part of
  // the body follows it: more than `SECTION_END_AFTER` of the text before it, or, when the line
  // is no heading element but a paragraph beside the body's own (a "read also" line inside the
  // story), more than `SECTION_END_IN_BODY` beside those paragraphs.
  let before = 0;
  const parents = new Set<unknown>();
  const labels = new Set<Block>();
  for (let i = first; i < kept.length; i++) {
    const b = kept[i];
    const contact = i > first && b.len <= SECTION_END_MAX ? CONTACT_END.exec(b.text) : null;
    // A line ending in one full stop is a sentence ("More on that later."), not a heading.
    const m = contact ?? (i > first && b.len <= SECTION_END_MAX && !/[^.]\.$/.test(b.text) ? SECTION_END.exec(b.text) : null);
    if (m && b.len - m[0].length <= SECTION_END_REST) {
      let after = 0;
      let inBody = 0;
      for (let k = i + 1; k < kept.length; k++) {
        const c = kept[k];
        if (!isContentBlock(c)) continue;
        after += c.len;
        if (parents.has(c.path[c.path.length - 2])) inBody += c.len;
      }
      // A heading set among the body's own paragraphs (same parent) and followed by a link (a
      // teaser card, not excerpts or comments) heads a box inside the story when the story goes on
      // after it: it cuts only as a paragraph does (round 20, ext20a: an
      // "Auch interessant" card between a commentary's paragraphs cut its last third).
      const asParagraph = !/^h[2-6]$/.test(b.tag) || (parents.has(b.path[b.path.length - 2]) && !COMMENTS_LINE.test(b.text) && linkAfter(blocks, b));
      if (after <= SECTION_END_AFTER * before && (contact || !asParagraph || inBody <= SECTION_END_IN_BODY * before)) {
        last = i - 1;
        break;
      }
      // The story goes on: a line that is only the label ("Lesen Sie auch", "Related:") heads
      // an embedded box of links inside the body, whose links are dropped; the label goes too.
      if (!contact && (b.len - m[0].length <= SECTION_LABEL_REST || b.otherStoriesLabel)) labels.add(b);
    }
    if (isContentBlock(b)) {
      before += b.len;
      parents.add(b.path[b.path.length - 2]);
    }
  }
  // (Code in `<pre>` without links stays too, round 15 ext15c: a how-to closing on short commands.)
  const keepTail = (b: Block) => isContentBlock(b) || b.datum || /^h[2-6]$/.test(b.tag) || (LIST_ITEM.has(b.tag) && b.linkLen === 0 && !CELL_DATELINE.test(b.text)) || b.len >= 60 ||
    (b.tag === 'p' && readLen(b) >= 20 && b.linkLen === 0) || ((b.pre || b.tag === 'pre') && b.linkLen === 0);
  // The story's own closing sentence, short and holding a link ("We also have guides in
  // <a>Tutorials</a>."): a `<p>` ending a sentence, under half link text, right after a `<p>` of
  // the same parent (round 20, ext20a: defuddle fixtures and own pages lost such last lines,
  // which Readability keeps with their paragraph siblings). A pointer out of the story ("You can
  // view last month's thread here.", "Weitere Infos unter www.example.de.") stays dropped: the
  // Zyte truth and trafilatura's unwanted snippets leave those out.
  const storyEnd = (i: number) => {
    const b = kept[i];
    const prev = kept[i - 1];
    return b.tag === 'p' && prev.tag === 'p' && readLen(b) >= 20 && b.linkLen < 0.5 * b.len && SENTENCE_END.test(b.text) &&
      !b.text.endsWith(':') && !POINTER_END.test(b.text) && b.path[b.path.length - 2] === prev.path[prev.path.length - 2];
  };
  // The last lines of a paragraph or list cut by <br> (a numbered list set as lines, short
  // directions under each link) stay when an earlier line of the same element stays.
  const tailOwners = new Set<unknown>();
  for (let i = first; i <= last; i++) if (brLines.has(kept[i].path) && keepTail(kept[i])) tailOwners.add(kept[i].path);
  // (A line that fails keepTail while its element is in tailOwners has that kept line before it.)
  // A closing date or byline line ("Last updated 12 June 2001") is no list line.
  const tailLine = (b: Block) => tailOwners.has(b.path) && !CELL_DATELINE.test(b.text) && !BYLINE_LINE.test(b.text);
  // A short line ending in a colon as the last of the text ("Like this? You might also be
  // interested in:", "Weitere Links:") introduces what followed it, and that was dropped (a link
  // list, an embed): the label goes with it, as Readability drops a link list's heading with the list.
  const danglingLabel = (b: Block) => b.len <= SECTION_END_MAX && /[:：]$/.test(b.text) && !tailLine(b);
  while (last > first && ((!keepTail(kept[last]) && !tailLine(kept[last]) && !storyEnd(last)) || danglingLabel(kept[last]))) last--;
  // A trailing heading with nothing after it introduces boilerplate ("Related", "Comments");
  // one that is a sentence (a post set in heading tags, a closing call in bold) is text.
  // Only right after the body's own text in the same element: a rating question or a login
  // notice under a heading of its own after the body is not.
  let run = last;
  while (run > first && /^h[2-6]$/.test(kept[run].tag)) run--;
  const parentOf = (b: Block) => b.path[b.path.length - 2];
  const tailText = run < last && isContentBlock(kept[run]) ? parentOf(kept[run]) : null;
  // Two or more long sentences in a row of headings, and only those, are items of a post set in
  // headings (a listicle: `section > h2` + picture per item), not labels of boxes after the body
  // (round 17, ext17a: onedio kept one paragraph of five).
  let listRun = last - run >= 2;
  for (let i = run + 1; i <= last && listRun; i++) listRun = kept[i].len >= LIST_HEADING_MIN && isSentenceHeading(kept[i]);
  while (!listRun && last > first && /^h[2-6]$/.test(kept[last].tag) && !(tailText && isSentenceHeading(kept[last]) && parentOf(kept[last]) === tailText)) last--;
  for (let i = first; i <= last; i++) {
    // A byline or a bare date right after the first content block (the standfirst, set in the
    // article's header above them: "von Hanne Petersen, Radio Nord", "12 January 2026") is no text.
    if (i > first && i <= first + 2 && kept[i].len <= BYLINE_MAX && (BYLINE_LINE.test(kept[i].text) || CELL_DATELINE.test(kept[i].text)) && !SENTENCE_END.test(kept[i].text)) continue;
    if (!labels.has(kept[i]) && !kept[i].otherStoriesLabel) out.push(kept[i]);
  }
  return dropReaderCalls(out);
}

/** A short line that only labels what followed it: a related-links label ("関連エントリ", "Related:") or any line ending in a colon. */
function isClosingLabel(b: Block): boolean {
  if (b.len > SECTION_END_MAX) return false;
  const m = SECTION_END.exec(b.text);
  return (m !== null && b.len - m[0].length <= SECTION_LABEL_REST) || /[:：]$/.test(b.text);
}

/** A short line opening with "by" in the languages of DATELINE and a few more (it, nl, sv/no/da). */
const BYLINE_LINE = /^(by|von|par|por|di|door|av|af|автор)\s+\p{Lu}/iu;
/** Longest byline line dropped after the first content block, in characters. */
const BYLINE_MAX = 80;

/** Joins blocks into the output text: "\n" within one list or table row, "\n\n" between paragraphs. */
export function joinBlocks(blocks: Block[]): string {
  let s = '';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (i > 0) {
      const p = blocks[i - 1];
      const sameList = LIST_ITEM.has(b.tag) && LIST_ITEM.has(p.tag) && b.path[b.path.length - 2] === p.path[p.path.length - 2];
      s += sameList || b.sep === '\n' ? '\n' : '\n\n';
    }
    s += b.text;
  }
  return s;
}
