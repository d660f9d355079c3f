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
 *   a paragraph dropped, quotes re-punctuated, a credit line).
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
    if (!ok && !original && cAll >= opts.editContainment && cAll > editC && small >= opts.editMinShingles && within(p.publishedAt, input.publishedAt, opts.editWindowMs) && !(p.source && input.source && p.source === input.source)) {
      edit = p;
      editC = cAll;
      editJ = j;
    }
  }
  if (!original && edit) {
    const [story] = await state.stories([edit.storyId]);
    if (story && scoreStory(f, story, input.language, input.publishedAt) >= opts.storyThreshold) {
      original = edit;
      best = editJ;
    }
  }
  if (!original) return null;
  // a copy of a copy is a copy of the first record
  const a = await state.assignment(original.id);
  return { print: original, originalId: a?.duplicateOf ?? original.id, jaccard: best };
}
