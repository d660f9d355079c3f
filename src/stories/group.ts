/**
 * Story grouping: one entry, `groupArticle(input, state, opts)`, used by the worker (Redis
 * state) and by `news-ingest stories` (in-memory state), so both group the same way.
 *
 * For each article, in this order:
 * 1. Already grouped (a re-run of its job, a re-ingest, an edited version): the stored
 *    assignment is returned and nothing changes.
 * 2. Copy (./copies.ts, `findOriginal`): the articles sharing an LSH band (same language,
 *    published within `copyWindowMs`) are compared by the Jaccard similarity and containment of
 *    their shingles (strict rule), or, from another source within `editWindowMs`, by
 *    containment alone when the candidate's story takes the article (light edits). The copy
 *    takes its original's story; `duplicateOf` names the first record of the group.
 * 3. Story (`findStory`; profiles and scoring in ./story-profile.ts): the stories sharing an
 *    event key and active within `storyWindowMs` are scored (weighted overlap of event keys,
 *    less when the places or dates disagree, see `scoreStory`); the best one over
 *    `storyThreshold` takes the article, else the article starts a story.
 * 4. Merge (round 11, ./merge.ts): an original scoring `mergeThreshold` or more against two or
 *    more live stories (last article within `mergeWindowMs`) bridges them: they merge into the
 *    oldest, which the article joins; the others become aliases of it in the state.
 *
 * Cost per article is bounded: at most `maxBandHits` articles per band, `maxKeyStories`
 * stories per key and `maxCandidates` stories scored; a story keeps at most `maxStoryKeys` keys.
 */
import { articleFeatures, type ArticleFeatures, type StoryInput } from './features.js';
import { findOriginal, type CopyPrint } from './copies.js';
import { pickMerge, type ScoredStory } from './merge.js';
import { addToStory, newStory, scoreStory, undoAll, type StoryProfile, type StoryUndo } from './story-profile.js';

export { copySimilarity, type CopyPrint } from './copies.js';
export { addToStory, DAY, KIND_FACTOR, newStory, scoreStory, undoAll, type StoryProfile, type StoryUndo } from './story-profile.js';

/** Where an article went. */
export interface Assignment {
  id: string;
  storyId: string;
  /** Id of the original when the article is a copy, else null. */
  duplicateOf: string | null;
}

/** What one article changes in the state (written at once by `StoryState.commit`). */
export interface StoryCommit {
  assignment: Assignment;
  print: CopyPrint;
  /** The article's LSH band hashes (`bandHashes`). */
  bands: ArrayLike<number>;
  story: StoryProfile;
  /** Keys under which the story is indexed now (new ones included). */
  storyKeys: string[];
  /** Stories merged into `story` by this article (round 11, ./merge.ts), applied after the article is added; absent: none. */
  merged?: string[];
  /** The article, and all its event keys (a state that logs commits, `RedisStoryState`, redoes `addToStory` from them). */
  input: StoryInput;
  articleKeys: string[];
}

/**
 * Where grouping keeps its state. Implementations: `MemoryStoryState` (one process, the CLI)
 * and `RedisStoryState` (shared by worker processes through a log replicated into a
 * `MemoryStoryState` in each; `exclusive` holds a lock).
 */
export interface StoryState {
  /** Runs `fn` alone: no other grouping of this state runs meanwhile (all processes). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  assignment(articleId: string): Promise<Assignment | null>;
  /** Ids of articles filed under any of these band hashes (per band the newest `perBand`, in band order; deduplicated). */
  bandHits(bands: ArrayLike<number>, perBand: number): Promise<string[]>;
  prints(ids: string[]): Promise<(CopyPrint | null)[]>;
  /** Ids of stories indexed under any of these keys, with the number of keys each shares. */
  keyHits(keys: string[], perKey: number): Promise<Map<string, number>>;
  /** Profiles of these stories; a story merged into another (round 11) gives the survivor's. */
  stories(ids: string[]): Promise<(StoryProfile | null)[]>;
  commit(c: StoryCommit): Promise<void>;
  /**
   * True when `commit` can fail after grouping updated the state's own profile in place
   * (`RedisStoryState`: a lost lock); grouping then keeps an undo log (`addToStory`). An
   * in-memory state's commit cannot fail, and no undo is kept.
   */
  readonly commitMayFail?: boolean;
}

/** Grouping options (defaults in `DEFAULT_GROUPING`). Times in ms. */
export interface GroupingOptions {
  /** Copies are looked for among articles published this close (default 3 days). */
  copyWindowMs: number;
  /** Estimated Jaccard of shingles at or above which an article is a copy (default 0.5). */
  copyJaccard: number;
  /** Estimated containment at or above which an article is a copy (default 0.8), when both have `copyMinShingles`. */
  copyContainment: number;
  copyMinShingles: number;
  /**
   * Light edits (round 7): a reprint with a new headline and lede, a paragraph dropped, quotes
   * re-punctuated, a credit line keeps only part of its original's shingles. An article is also
   * a copy when a candidate from another source (when both sources are known), published within
   * `editWindowMs` (12 h), contains it or is contained in it at `editContainment` (0.33) or more,
   * both texts having `editMinShingles` (20), and the candidate's story takes the article on its
   * event keys (`scoreStory` ≥ `storyThreshold`). Set on held5 (dev since round 6) and checked
   * against a made-up set of independent same-day reports of one event from the same facts
   * (highest containment 0.29); an outlet's own follow-up reusing its background paragraph, and
   * a next-day report doing so, are not light edits (docs/stories.md, round 7).
   */
  editWindowMs: number;
  editContainment: number;
  editMinShingles: number;
  /** A story takes articles published within this time of its first and last article (default 4 days). */
  storyWindowMs: number;
  /** Lowest story score that joins a story (default 0.3). */
  storyThreshold: number;
  maxBandHits: number;
  maxKeyStories: number;
  maxCandidates: number;
  maxStoryKeys: number;
  /**
   * Merging stories an article bridges (round 11, ./merge.ts): lowest score against each
   * (0.31: above the floor of 0.3 that the occasion and venue rules give a join, so a merge
   * needs key overlap, not a rule's floor), liveness window in ms (72 h), most stories merged
   * by one article, survivor included (3).
   */
  mergeThreshold: number;
  mergeWindowMs: number;
  maxMerge: number;
}

/** Defaults: tuned on tests/fixtures/stories/dev.jsonl, except the light-edit ones (`edit*`, round 7), set on held5 (docs/stories.md). */
export const DEFAULT_GROUPING: GroupingOptions = {
  copyWindowMs: 3 * 86_400_000,
  copyJaccard: 0.5,
  copyContainment: 0.8,
  copyMinShingles: 12,
  editWindowMs: 12 * 3_600_000,
  editContainment: 0.33,
  editMinShingles: 20,
  storyWindowMs: 4 * 86_400_000,
  storyThreshold: 0.3,
  maxBandHits: 20,
  maxKeyStories: 30,
  maxCandidates: 12,
  maxStoryKeys: 80,
  mergeThreshold: 0.31,
  mergeWindowMs: 72 * 3_600_000,
  maxMerge: 3,
};

/** The result of grouping one article. */
export interface GroupResult extends Assignment {
  /** True when the article was grouped before (nothing changed). */
  known: boolean;
  /** The copy's similarity to its original (estimated Jaccard), when a copy. */
  copyScore?: number;
  /** The score of the story it joined, or null when it started one (or is a copy). */
  storyScore?: number | null;
  /** Stories merged into `storyId` by this article (round 11); absent when none. */
  merged?: string[];
}

/** Most keys an article is looked up and indexed under: bounds the Redis work per article. */
const MAX_LOOKUP_KEYS = 16;

/**
 * Fewest keys that are the same in every language (not `w:` name stems) an article is looked up
 * and indexed under (round 8): an article whose every heavy key is a name stem of its own
 * language (a French report naming only Baku, the Lachin corridor and Karabakh, all light)
 * otherwise never met the stories of other languages, and its story was never found by them.
 */
const MIN_NEUTRAL_LOOKUP_KEYS = 3;

const byWeight = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/**
 * Keys used to find candidate stories (and to index the story the article joins or starts): the
 * heaviest `MAX_LOOKUP_KEYS` of weight ≥ 0.8, leaving out the weak, ubiquitous ones, topped up
 * with the heaviest lighter keys that are the same in every language when fewer than
 * `MIN_NEUTRAL_LOOKUP_KEYS` of them are.
 */
export function lookupKeys(f: ArticleFeatures): string[] {
  const heavy: [string, number][] = [];
  const light: [string, number][] = [];
  f.keys.forEach((w, k) => {
    if (w >= 0.8) heavy.push([k, w]);
    else if (w > 0 && !k.startsWith('w:')) light.push([k, w]);
  });
  // a lede's occasion (`o:<kind>`, round 9) is looked up and indexed as the headline's (`e:<kind>`): either meets the other
  const out = heavy.sort(byWeight).slice(0, MAX_LOOKUP_KEYS).map(([k]) => (k[0] === 'o' && k[1] === ':' ? 'e' + k.slice(1) : k));
  let neutral = 0;
  for (const k of out) if (!k.startsWith('w:')) neutral++;
  if (neutral < MIN_NEUTRAL_LOOKUP_KEYS && light.length) {
    light.sort(byWeight);
    for (let i = 0; i < light.length && neutral < MIN_NEUTRAL_LOOKUP_KEYS; i++, neutral++) {
      if (out.length >= MAX_LOOKUP_KEYS) out.pop(); // a name stem makes room
      const k = light[i][0];
      out.push(k[0] === 'o' && k[1] === ':' ? 'e' + k.slice(1) : k);
    }
  }
  return out;
}

/**
 * The `max` stories sharing the most lookup keys (ties: the smaller id), best first: the first
 * `max` of the hits sorted by (shared keys desc, id asc), without sorting all of them (round 13:
 * up to `maxKeyStories` × 16 hits, of which 12 are kept; the whole sort, its [id, count] pairs
 * and their string comparisons were 5 % of the grouping's CPU at 100,000 stored records).
 * @param hits story id → keys shared (`StoryState.keyHits`)
 */
export function topStories(hits: Map<string, number>, max: number): string[] {
  const ids: string[] = [];
  const counts: number[] = [];
  if (max < 1) return ids;
  hits.forEach((n, id) => {
    const len = ids.length;
    // after the last of a full list: not in the top `max`
    if (len === max && (n < counts[len - 1] || (n === counts[len - 1] && id > ids[len - 1]))) return;
    // insertion from the end (a full list drops its last)
    let at = len === max ? len - 1 : len;
    while (at > 0 && (n > counts[at - 1] || (n === counts[at - 1] && id < ids[at - 1]))) {
      ids[at] = ids[at - 1];
      counts[at] = counts[at - 1];
      at--;
    }
    ids[at] = id;
    counts[at] = n;
  });
  return ids;
}

/**
 * The story an original article joins: the best of the stories indexed under its lookup keys
 * (at most `maxCandidates`, by shared keys) that are active around its time and score at least
 * `storyThreshold`, ties to the smaller id; null when none does (it starts one).
 */
async function findStory(input: StoryInput, f: ArticleFeatures, lk: string[], state: StoryState, opts: GroupingOptions): Promise<{ story: StoryProfile; score: number; scored: ScoredStory[] } | null> {
  const ranked = topStories(await state.keyHits(lk, opts.maxKeyStories), opts.maxCandidates);
  const profiles = ranked.length ? await state.stories(ranked) : [];
  let story: StoryProfile | null = null;
  let top = 0;
  const t = input.publishedAt;
  const scored: ScoredStory[] = [];
  const seen = new Set<string>();
  for (const p of profiles) {
    // a merged story's id gives its survivor's profile: scored once
    if (!p || seen.has(p.id)) continue;
    seen.add(p.id);
    if (t !== null && p.firstSeen !== null && p.lastSeen !== null && (t < p.firstSeen - opts.storyWindowMs || t > p.lastSeen + opts.storyWindowMs || t > p.firstSeen + 3 * opts.storyWindowMs)) continue;
    const s = scoreStory(f, p, input.language, input.publishedAt);
    if (s >= opts.storyThreshold) scored.push({ story: p, score: s });
    if (s >= opts.storyThreshold && (s > top || (s === top && story && p.id < story.id))) {
      top = s;
      story = p;
    }
  }
  return story ? { story, score: top, scored } : null;
}

/**
 * Groups one article (see the module comment).
 * @throws whatever the state throws (Redis errors, a lock not obtained)
 */
export async function groupArticle(input: StoryInput, state: StoryState, opts: GroupingOptions = DEFAULT_GROUPING): Promise<GroupResult> {
  const f = articleFeatures(input);
  return state.exclusive(async () => {
    const lk = lookupKeys(f);
    const known = await state.assignment(input.id);
    if (known) return { ...known, known: true };

    // 2. copies
    const original = await findOriginal(input, f, state, opts);

    // 3. stories
    let story: StoryProfile | null = null;
    let storyScore: number | null = null;
    let merged: string[] | undefined;
    if (original) {
      [story] = await state.stories([original.print.storyId]);
    } else {
      const found = await findStory(input, f, lk, state, opts);
      if (found) {
        ({ story, score: storyScore } = found);
        // 4. an article bridging live stories merges them into the oldest, and joins it
        const m = pickMerge(found.scored, input.publishedAt, opts);
        if (m) {
          ({ story, score: storyScore } = m.survivor);
          merged = m.merged;
        }
      }
    }
    const base = story ?? newStory(input);
    // the state's own profile is updated in place; undone when the commit fails
    const undo: StoryUndo = [];
    const updated = addToStory(base, input, f, original !== null, opts.maxStoryKeys, story && state.commitMayFail ? undo : undefined);
    const assignment: Assignment = { id: input.id, storyId: updated.id, duplicateOf: original?.originalId ?? null };
    const print: CopyPrint = { id: input.id, minhash: f.minhash, shingles: f.shingles, leadShingles: f.leadShingles, sketch: f.sketch, language: input.language, publishedAt: input.publishedAt, storyId: updated.id, source: input.source };
    try {
      await state.commit({ assignment, print, bands: f.bands, story: updated, storyKeys: original ? [] : lk, input, articleKeys: [...f.keys.keys()], ...(merged ? { merged } : {}) });
    } catch (err) {
      undoAll(undo);
      throw err;
    }
    return { ...assignment, known: false, copyScore: original ? original.jaccard : undefined, storyScore, ...(merged ? { merged } : {}) };
  });
}
