/**
 * Copies, the copy phase of grouping (`findOriginal`): among the articles sharing an LSH band
 * with the new one, the original it copies, if any, by two rules (docs/stories.md):
 *
 * - **strict**: same language, published within `copyWindowMs` (3 days), Jaccard of the
 *   shingles ≥ `copyJaccard` (0.5) or containment ≥ `copyContainment` (0.8), both texts having
 *   `copyMinShingles` (a wire copy, an AMP or mobile page, a truncation, a one-word edit);
 * - **light edit** (round 7): from another source, published within `editWindowMs` (12 h),
 *   containment ≥ `editContainment` (0.33) with `editMinShingles` in both, and the candidate's
 *   story takes the article on its event keys (a new headline and lede over the same dispatch,
 *   a paragraph dropped, quotes re-punctuated, a credit line);
 * - **same body** (round 11): a light-edit candidate whose story does not take the article is
 *   still the original when the two share the body beyond their ledes: the shingles they share
 *   are at least `SAME_BODY_SHARE` of each one's shingles past its first paragraph (`sameBody`),
 *   both bodies having `editMinShingles` (round 12: or, for bodies of two or three short
 *   sentences, at least `SHORT_BODY_MIN` shingles shared whole, `SHORT_BODY_SHARE`; such a
 *   print is a candidate without the light-edit containment when both texts have
 *   `copyMinShingles`). A reprint with a new headline AND a rewritten lede
 *   names the event in its own words (no date, other names), so its keys miss its original's
 *   story; its body is the dispatch's, word for word.
 *
 * A copy of a copy names the first record (`duplicateOf` of the candidate, when it has one).
 */
import { containment, jaccard, sketchSimilarity, type ArticleFeatures, type StoryInput } from './features.js';
import type { GroupingOptions, StoryState } from './group.js';
import { scoreStory } from './story-profile.js';

/** A stored fingerprint of one article (for copy detection). */
export interface CopyPrint {
  id: string;
  minhash: Uint32Array;
  shingles: number;
  /** Bottom-k sketch of its shingles (`ArticleFeatures.sketch`); absent in log entries written before round 5 (then the MinHash estimates). */
  sketch?: Uint32Array;
  language: string | null;
  publishedAt: number | null;
  storyId: string;
  /** The article's source (round 7: a light-edit copy comes from another source); absent when unknown. */
  source?: string | null;
  /** Words of its lede paragraph (`ArticleFeatures.leadShingles`, round 11); absent in prints logged before. */
  leadShingles?: number;
}

/**
 * Least share of each text's body (its shingles past its first paragraph) that the two texts'
 * shared shingles must reach for `sameBody` (round 11). A reprint under a new top shares its
 * whole body (the share is about 1; the shingles spanning the new lede's last words and the body's
 * first lose a few); an article that reuses one background paragraph of a longer dispatch, or
 * an independent report from the same statement, shares far less of the longer body. Set on
 * held8 (dev since round 11) and dev11; checked on the made-up independent reports of round 7.
 */
export const SAME_BODY_SHARE = 0.8;

/**
 * Round 12: a **short body** (two or three short sentences under a rewritten top, bodies under
 * `editMinShingles`; held9's three missed reprints had bodies of 10 to 17 shingles, a sentence
 * dropped or a "Source:" line added) is the same when the two texts share at least
 * `SHORT_BODY_MIN` shingles (a sentence of ten words, word for word) covering at least
 * `SHORT_BODY_SHARE` of the smaller body and a third of the larger (one sentence lifted from a
 * long dispatch's body is not its reprint). 8, not less: a formulaic line of seven or eight words
 * ("the exchange took place without incident") can recur in independent reports; dev12's two
 * reprints over a single sentence of 7 and 9 words stay missed (docs/stories.md, round 12).
 */
export const SHORT_BODY_MIN = 8;
/** Least share of the smaller body that the shared shingles cover for a short body (`SHORT_BODY_MIN`). */
export const SHORT_BODY_SHARE = 0.75;

/**
 * True when an article and a print share the body beyond their ledes (module comment): both
 * bodies (shingles minus lede words) have at least `minShingles`, and the shared shingles
 * (from the Jaccard `j` of the two sets: |A∩B| = j(|A|+|B|)/(1+j)) are at least
 * `SAME_BODY_SHARE` of the larger body; bodies shorter than `minShingles` by the short-body
 * test (`SHORT_BODY_MIN`, round 12). False for a print without `leadShingles`.
 */
export function sameBody(f: Pick<ArticleFeatures, 'shingles' | 'leadShingles'>, p: Pick<CopyPrint, 'shingles' | 'leadShingles'>, j: number, minShingles: number): boolean {
  if (p.leadShingles === undefined || f.leadShingles >= f.shingles || p.leadShingles >= p.shingles) return false;
  const bodyA = f.shingles - f.leadShingles;
  const bodyB = p.shingles - p.leadShingles;
  const shared = (j * (f.shingles + p.shingles)) / (1 + j);
  if (Math.min(bodyA, bodyB) >= minShingles) return shared >= SAME_BODY_SHARE * Math.max(bodyA, bodyB);
  // round 12: a short body (two or three short sentences, one of them perhaps dropped or a
  // credit line added) must be mostly shared: the smaller body nearly whole, a sentence or more
  // and a third of the larger: one sentence lifted from a long dispatch's body is not its reprint
  return shared >= SHORT_BODY_MIN && shared >= SHORT_BODY_SHARE * Math.min(bodyA, bodyB) && shared >= Math.max(bodyA, bodyB) / 3;
}

/** Whether two times (epoch ms, null: unknown) are at most `ms` apart; unknown times are. */
export function within(a: number | null, b: number | null, ms: number): boolean {
  return a === null || b === null || Math.abs(a - b) <= ms;
}

/**
 * Jaccard and containment of an article's shingles and a stored print's: from their bottom-k
 * sketches (exact for texts up to ~130 words), else (a print logged before round 5) estimated
 * from the MinHash.
 */
export function copySimilarity(f: Pick<ArticleFeatures, 'minhash' | 'sketch' | 'shingles'>, p: Pick<CopyPrint, 'minhash' | 'sketch' | 'shingles'>): { j: number; c: number } {
  if (p.sketch && p.sketch.length && f.sketch.length) {
    const s = sketchSimilarity(f.sketch, f.shingles, p.sketch, p.shingles);
    return { j: s.jaccard, c: s.containment };
  }
  const j = jaccard(f.minhash, p.minhash);
  return { j, c: containment(j, p.shingles, f.shingles) };
}

/** What `findOriginal` found: the print the article copies and the id of the first record of its group. */
export interface OriginalFound {
  /** The print of the closest earlier article it copies (may itself be a copy). */
  print: CopyPrint;
  /** The first record: `print`'s own original when `print` is a copy, else `print.id`. */
  originalId: string;
  /** Jaccard similarity of the article and `print`. */
  jaccard: number;
}

/**
 * The original an article copies, or null (module comment). Reads the state's band lists,
 * prints, and for a light-edit candidate its story profile and assignment; writes nothing.
 * @throws whatever the state throws
 */
export async function findOriginal(input: StoryInput, f: ArticleFeatures, state: StoryState, opts: GroupingOptions): Promise<OriginalFound | null> {
  if (!f.bands.length) return null;
  let original: CopyPrint | null = null;
  let best = 0;
  // the light-edit candidate of highest containment (tested on its story after the loop)
  let edit: CopyPrint | null = null;
  let editC = 0;
  let editJ = 0;
  // the other-source print sharing the article's body of highest Jaccard (round 12, short texts)
  let body: CopyPrint | null = null;
  let bodyJ = 0;
  const ids = (await state.bandHits(f.bands, opts.maxBandHits)).filter((id) => id !== input.id);
  const prints = ids.length ? await state.prints(ids) : [];
  for (const p of prints) {
    if (!p || p.language !== input.language || !within(p.publishedAt, input.publishedAt, opts.copyWindowMs)) continue;
    const { j, c: cAll } = copySimilarity(f, p);
    const small = Math.min(p.shingles, f.shingles);
    const c = small >= opts.copyMinShingles ? cAll : 0;
    const ok = j >= opts.copyJaccard || c >= opts.copyContainment;
    // the earliest-published of equally good originals, so "first record" is stable
    if (ok && (j > best || (j === best && original && (p.publishedAt ?? 0) < (original.publishedAt ?? 0)))) {
      best = j;
      original = p;
    }
    if (ok || original || !within(p.publishedAt, input.publishedAt, opts.editWindowMs) || (p.source && input.source && p.source === input.source)) continue;
    if (cAll >= opts.editContainment && cAll > editC && small >= opts.editMinShingles) {
      edit = p;
      editC = cAll;
      editJ = j;
    }
    // round 12: a reprint whose whole text is short (a new top over two or three sentences) may
    // share too little to be a light-edit candidate; its body alone decides (`sameBody`)
    if (j > bodyJ && small >= opts.copyMinShingles && sameBody(f, p, j, opts.editMinShingles)) {
      body = p;
      bodyJ = j;
    }
  }
  if (!original && edit) {
    const [story] = await state.stories([edit.storyId]);
    if ((story && scoreStory(f, story, input.language, input.publishedAt) >= opts.storyThreshold) || sameBody(f, edit, editJ, opts.editMinShingles)) {
      original = edit;
      best = editJ;
    }
  }
  if (!original && body) {
    original = body;
    best = bodyJ;
  }
  if (!original) return null;
  // a copy of a copy is a copy of the first record
  const a = await state.assignment(original.id);
  return { print: original, originalId: a?.duplicateOf ?? original.id, jaccard: best };
}
