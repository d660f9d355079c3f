/**
 * Block weights: how much one block counts towards the container it sits in, and whether it
 * reads as running text. A long low-link paragraph weighs its length, a link list or a short
 * fragment weighs negatively, an excerpt cut off with "…" weighs as a teaser; `pageWeights`
 * then corrects a page's lone excerpt and paragraphs cut into `<br>` lines. The tunables of the
 * whole scorer (`SCORING`) live here too, beside the weights most of them shape (score.ts and
 * tables.ts read them as well). score.ts sums these weights per ancestor and picks the container.
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { CALL_TO_ACTION, DONATION_APPEAL, PAYWALL_CALL, RIGHTS_NOTICE } from './phrases.js';
import { isServerError } from './stamps.js';

/** Tunables of the scorer; values chosen on the Zyte benchmark's aggregate F1, never per page. */
export const SCORING = {
  /** A boilerplate-named element is kept when it holds at least this share of the page's weight. */
  protectShare: 0.5,
  /** Unmarked text at least this share of a comment thread's weight is an article beside it (the thread is then not a wrapper). */
  cleanArticleShare: 0.1,
  /** Share of a <footer>/<nav>'s weight that text under no boilerplate name must reach for it to lose its wrapper protection (round 16, ext16c). */
  furnitureCleanShare: 0.5,
  /** Blocks whose link text is at least this share of their text are link lists. */
  linkDensityMax: 0.5,
  /** Length from which a low-link block counts as content whatever its tag (chars). */
  longBlock: 100,
  /** Minimum length of a <p>-like block to count as content when it ends a sentence (chars). */
  shortParagraph: 30,
  /** A named article-body element inside the best subtree wins when it holds this share of its weight. */
  hintShare: 0.4,
  /** A page whose best subtree weighs less than this (chars) may be a collection page (see selectBlocks). */
  collectionBelow: 1500,
  /** On such a page, excerpts cut off with "…" totalling this many times the best subtree's weight are the page's text. */
  collectionFactor: 3,
  /** A lone best paragraph gives way to its parent when the parent weighs at least this share of it (the siblings are near-neutral: captions, headings). */
  loneParagraphParent: 0.9,
  /** A best subtree under this share of the page's positive weight leaves the article scattered (see selectBlocks). */
  scatteredShare: 0.25,
  /** The container of a scattered article holds at least this share of the page's positive weight. */
  scatteredHold: 0.6,
  /** A cell of a layout table holding this share of the table's prose weight is the container (see selectBlocks). */
  layoutCellShare: 0.8,
} as const;

/**
 * Sentence-final punctuation of the scripts we meet (Latin, Cyrillic, Armenian ։, CJK, Arabic ؟
 * ۔, Devanagari ।), closing quotes and brackets; also when a footnote mark follows it ("… this
 * nonsense. 1", "… in 2019.*", "…见表。2": a `<sup>` reference number after the full stop,
 * round 18, ext18b: such a paragraph weighed as a fragment and a shorter one beside it became
 * the story). "[3]" already ends in a bracket.
 */
export const SENTENCE_END = /[.!?。！？…:;"'”’»«“›)\]։؟۔।]$|[.!?。！？…"”’»)]\s?(\d{1,3}|[*†‡])$/;

const TEASER_END = /(…|\.\.\.|\[(…|\.\.\.)\])\s*(read more|continue reading|leia mais|подробнее|далее)?\s*(»|→)?$/i;
const READ_MORE_END = /(read more|continue reading|leia mais|подробнее|далее)\s*(»|→)?$/i;

/** True when a long block ends cut off with an ellipsis (or a "read more" call): an excerpt, of a teaser or of a paywalled story. */
export function endsCutOff(b: Block): boolean {
  return b.len >= SCORING.longBlock && TEASER_END.test(b.text);
}

// Han, kana and Hangul (a cheap test first: most blocks hold none), then the count.
const DENSE_ANY = /[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * Length of a block in Latin-text characters for the length rules of scoring: a Han, kana or
 * Hangul character counts twice, as in fallback.ts `textWeight` (a Chinese or Japanese sentence
 * says in about 40 characters what an English one says in 100). With bare lengths a Chinese
 * story told in 20–90-character paragraphs weighed as a run of short fragments, and one longer
 * paragraph, a quote or the related-links list won (round 17, ext17a: WeChat, qq.com, 360kuai,
 * caixin pages kept one paragraph). Counted once per block and kept in `b.dense`.
 */
export function readLen(b: Block): number {
  if (b.dense === undefined) b.dense = DENSE_ANY.test(b.text) ? (b.text.match(DENSE_SCRIPT)?.length ?? 0) : 0;
  return b.len + b.dense;
}

/** Longest block read as a site's legal notice by `isLegalNotice` (chars; the text pass drops NOTICE blocks under the same length). */
export const LEGAL_NOTICE_MAX = 300;
const LEGAL_START = /^(copyright\b|©|\(c\) ?(19|20)\d\d)/i;
const TRADEMARK = /\b(is|are) (a |the )?(registered )?trademarks?\b|\btrademarks? (of|owned by)\b/i;

/**
 * True when a short block is a site's legal notice: a copyright line ("© 2024 …", "Copyright
 * …"), a rights reservation (phrases.ts RIGHTS_NOTICE, in 17 languages) or a trademark line ("X and Y
 * are trademarks of Z"). Such lines sit in the page footer, often in plain `<div>`s under no
 * footer name, and read as sentences: two of them outweighed a forum post of one short
 * paragraph and the footer was chosen (round 18, ext18b: magic-html's forum pages). Blocks of
 * `LEGAL_NOTICE_MAX` characters or more are never read as notices here (an article about
 * copyright); `pageWeights` reads a long one alone in its parent (`longNotices`).
 */
export function isLegalNotice(b: Block): boolean {
  return b.len < LEGAL_NOTICE_MAX && (LEGAL_START.test(b.text) || RIGHTS_NOTICE.test(b.text) || TRADEMARK.test(b.text));
}

/** Characters at the start of a long block in which a rights or reprint notice must begin to make it a site's legal text. */
const NOTICE_OPENING = 160;

/**
 * The `pageWeights` correction for a site's long legal footer: a block of `LEGAL_NOTICE_MAX`
 * characters or more that opens with a rights or reprint notice (phrases.ts RIGHTS_NOTICE
 * beginning within its first `NOTICE_OPENING` characters) and has no block of positive weight
 * beside it (under its owner's parent, within 30 blocks; a parent that is `<body>` holds the
 * whole page and counts as none) weighs as a notice (−10% of its length). One paragraph of terms
 * ("При воспроизведении или цитировании статей … ссылка обязательна. Интернет-ресурсам
 * запрещено …", 1,100 characters in one `<div>`) read as running text and outweighed a short
 * story on old Russian and Ukrainian portals (round 20, ext20b: the DAnIEL corpus). A notice set
 * after the story's paragraphs in the story's own element (a Polish business daily's "Materiał
 * chroniony prawem autorskim - wszelkie prawa zastrzeżone …") stays text: it is the story's
 * last block there, and weighing it down left the story's body below its lead.
 */
function longNotices(blocks: Block[], weights: number[]): void {
  let cand: number[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.len < LEGAL_NOTICE_MAX) continue;
    const m = RIGHTS_NOTICE.exec(b.text.slice(0, 2 * LEGAL_NOTICE_MAX));
    if (m !== null && m.index < NOTICE_OPENING) (cand ??= []).push(i);
  }
  if (!cand) return;
  for (const i of cand) {
    const parent = (blocks[i].path[blocks[i].path.length - 1]?.parent ?? null) as DomElement | null;
    let beside = false;
    if (parent && parent.type === 'tag' && parent.name !== 'body' && parent.name !== 'html') {
      for (let k = Math.max(0, i - 30); k < Math.min(blocks.length, i + 30) && !beside; k++) {
        if (k !== i && weights[k] > 0 && blocks[k].path.includes(parent)) beside = true;
      }
    }
    if (!beside) weights[i] = -blocks[i].len * 0.1;
  }
}

/** Length under which a reader appeal (a call to subscribe, log in, give or follow) is one, chars: the text pass's limit for PAYWALL_CALL. */
const APPEAL_MAX = 160;

/**
 * True for a short call to the reader that the text pass drops (filterBlocks: phrases.ts
 * CALL_TO_ACTION, PAYWALL_CALL, DONATION_APPEAL): a newsletter box's "you can unsubscribe
 * anytime", a donation appeal's "Will you help us to continue this work?". Such lines read as
 * sentences; scored as text they made a reader-funded site's appeal and newsletter boxes
 * outweigh a video page's one paragraph (round 19, ext19b), text that never reaches the output.
 */
export function isReaderAppeal(b: Block): boolean {
  return b.len < APPEAL_MAX && (PAYWALL_CALL.test(b.text) || DONATION_APPEAL.test(b.text) || CALL_TO_ACTION.test(b.text));
}

/** Weight of one block for container scoring (chars; negative for boilerplate-like blocks). Excerpts cut off with "…" weigh as teasers here; `pageWeights` corrects that for a page's lone excerpt. */
export function blockWeight(b: Block): number {
  const ld = b.linkLen / b.len;
  if (ld >= SCORING.linkDensityMax) return -b.len;
  if (isServerError(b)) return -b.len;
  // A long block cut off with an ellipsis is a teaser's excerpt (related posts, archives).
  if (endsCutOff(b)) return -b.len * 0.5;
  // A footer's legal notice weighs as a fragment, not as text (see isLegalNotice).
  if (b.len < LEGAL_NOTICE_MAX && isLegalNotice(b)) return -b.len * 0.1;
  const n = SENTENCE_END.test(b.text) ? readLen(b) : b.len;
  if (n >= SCORING.longBlock) return isReaderAppeal(b) ? -b.len * 0.1 : n * (1 - ld);
  if ((b.tag === 'p' || b.sep === '\n') && n >= SCORING.shortParagraph && SENTENCE_END.test(b.text)) return isReaderAppeal(b) ? -b.len * 0.1 : n * (1 - ld);
  return -b.linkLen - (b.tag === 'li' || b.tag === 'td' || b.tag === 'figcaption' || /^h[1-6]$/.test(b.tag) ? 0 : b.len * 0.1);
}

/**
 * Block weights in the context of the page (`blockWeight` per block, then corrections: also a
 * long legal footer alone in its parent, `longNotices`):
 * - Excerpts: a teaser list holds several excerpts cut off with "…"; a page's only one (no
 *   "read more" after it) is the story itself, a paywall preview or a short post that ends in
 *   an ellipsis, and weighs as text; so do paragraphs ending in "…" beside whole paragraphs
 *   of one parent (`storyEllipses`).
 * - Lines of one paragraph: text cut by `<br>` into short lines (verse, lyrics, addresses, old
 *   markup without `<p>`) is weighed as the paragraph it is, as Readability scores a paragraph
 *   on its whole text: when the lines of one element run to at least `longBlock` characters
 *   with little link text and no boilerplate name above them, each line weighs its own length.
 */
export function pageWeights(blocks: Block[]): number[] {
  const weights = blocks.map(blockWeight);
  // A page's one excerpt cut off with "…" is its story; two or more are a teaser list.
  let excerpt = -1;
  for (let i = 0; i < blocks.length && excerpt !== -2; i++) {
    const b = blocks[i];
    if (!endsCutOff(b) || b.linkLen / b.len >= SCORING.linkDensityMax) continue;
    excerpt = excerpt === -1 ? i : -2;
  }
  if (excerpt >= 0) {
    const b = blocks[excerpt];
    if (!READ_MORE_END.test(b.text)) weights[excerpt] = b.len * (1 - b.linkLen / b.len);
  }
  storyEllipses(blocks, weights);
  longNotices(blocks, weights);
  lineWeights(blocks, weights, (b) => !b.negs.length);
  return weights;
}

/** Whole paragraphs (long, not cut off) a parent must hold for its paragraphs ending in "…" to be the story's. */
const STORY_PARAGRAPHS = 2;

/**
 * The `pageWeights` correction for paragraphs that end in an ellipsis as a matter of style
 * ("Intrygujące...", "А дальше…"): a `<p>` cut off with "…" (`endsCutOff`, weighed as a
 * teaser's excerpt) whose parent also holds at least `STORY_PARAGRAPHS` long `<p>`s of positive
 * weight that end otherwise is a paragraph of that story, and weighs as text. Teaser excerpts
 * sit in cards of their own or in lists of excerpts only. Without it a Polish story of five
 * paragraphs, three ending "...", was cut to its longest one (round 20, ext20b: DAnIEL corpus).
 */
function storyEllipses(blocks: Block[], weights: number[]): void {
  let cut: number[] | null = null;
  const whole = new Map<DomElement, number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.tag !== 'p' || !b.path.length) continue;
    const parent = b.path[b.path.length - 1].parent as DomElement | null;
    if (!parent) continue;
    if (endsCutOff(b)) (cut ??= []).push(i);
    else if (b.len >= SCORING.longBlock && weights[i] > 0) whole.set(parent, (whole.get(parent) ?? 0) + 1);
  }
  if (!cut) return;
  for (const i of cut) {
    const b = blocks[i];
    const ld = b.linkLen / b.len;
    if (ld < 0.3 && (whole.get(b.path[b.path.length - 1].parent as DomElement) ?? 0) >= STORY_PARAGRAPHS) weights[i] = b.len * (1 - ld);
  }
}

/**
 * The `<br>` lines correction of `pageWeights`, in place: runs of blocks with one owner (they
 * share one path array) whose lines run to `longBlock` characters with at most 30% link text
 * weigh their lengths. Only runs for which `ok` holds: lines under no boilerplate name at first
 * (a footer's notice cut by `<br>` stays what it was), then also lines under names that
 * selectBlocks kept as the article's wrapper (a Blogger post inside `div.widget.Blog`).
 */
export function lineWeights(blocks: Block[], weights: number[], ok: (b: Block) => boolean): void {
  for (let i = 0; i < blocks.length; ) {
    let j = i + 1;
    while (j < blocks.length && blocks[j].path === blocks[i].path) j++;
    if (j - i >= 2 && ok(blocks[i])) {
      let len = 0;
      let links = 0;
      // A footer's legal notice lines (isLegalNotice) are no part of a paragraph's text.
      const notice = (b: Block) => b.len < LEGAL_NOTICE_MAX && isLegalNotice(b);
      for (let k = i; k < j; k++) {
        if (notice(blocks[k])) continue;
        len += blocks[k].len;
        links += blocks[k].linkLen;
      }
      if (len >= SCORING.longBlock && links / len <= 0.3) {
        for (let k = i; k < j; k++) {
          const b = blocks[k];
          if (notice(b)) continue;
          const w = b.len * (1 - b.linkLen / b.len);
          if (weights[k] < w && b.linkLen / b.len < SCORING.linkDensityMax) weights[k] = w;
        }
      }
    }
    i = j;
  }
}

/** True when a block looks like running article text. */
export function isContentBlock(b: Block): boolean {
  const ld = b.linkLen / b.len;
  if (ld >= 0.3) return false;
  const n = SENTENCE_END.test(b.text) ? readLen(b) : b.len;
  if (n >= SCORING.longBlock) return true;
  return n >= 50 && SENTENCE_END.test(b.text);
}
