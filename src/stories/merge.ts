/**
 * Merging stories that a later article bridges (round 11). Grouping joins an article to one
 * story and never renamed one, so one event that split early into two stories (each party's
 * outlets with their own framing and place names: "Goris, Jermuk" / "Dashkasan, Kalbajar
 * directions") stayed two even when a later report named both sides. Now, when an original
 * article scores at least `mergeThreshold` against two or more live stories (their last article
 * within `mergeWindowMs` of it) that share no language with each other, they are merged (two
 * stories of one language stayed apart on their name stems, which compare only within a
 * language: the grouping had evidence they differ; dev9's adjacent-day incidents merged without
 * this test, P 0.880 → 0.728):
 *
 * - **survivor**: the oldest of them (earliest `firstSeen`, ties the smaller id): deterministic,
 *   the same in every process and in `news-ingest stories`; the article joins it;
 * - **the others** (at most `maxMerge - 1`) become aliases (`mergedInto`): their profiles are
 *   added to the survivor's, their key-index entries point to the survivor, and the state
 *   resolves their ids to the survivor from then on (assignments, copies of their articles);
 * - **records already delivered** keep the storyId they were given (a sink is not rewritten);
 *   the bridging article's record carries `mergedStories` (the ids merged into its `storyId`),
 *   from which `stories --list`, `search`, `show` and the /stories page resolve the aliases.
 *
 * Cost: at most `maxCandidates` stories are scored anyway (./group.ts); a merge adds one pass over
 * at most `maxMerge - 1` profiles of at most `maxStoryKeys` keys each.
 */
import { forgetTypical, trimKeys, type StoryProfile } from './story-profile.js';

/** A story scored for an article, as `findStory` keeps them. */
export interface ScoredStory {
  story: StoryProfile;
  score: number;
}

/** What the merge test needs of the grouping options (./group.ts `GroupingOptions`). */
export interface MergeOptions {
  /** Lowest score against each of two or more stories that merges them (`DEFAULT_GROUPING`: 0.3, the join threshold). */
  mergeThreshold: number;
  /** A story is live for a merge when its last article is at most this long before the article (72 h). */
  mergeWindowMs: number;
  /** Most stories merged by one article, survivor included (3). */
  maxMerge: number;
}

/**
 * The stories an article bridges: null, or the survivor (oldest) and the ids merged into it.
 * `scored` are the stories that took the article's score (any order); an article without a time
 * merges nothing (liveness cannot be told).
 */
export function pickMerge(scored: readonly ScoredStory[], publishedAt: number | null, opts: MergeOptions): { survivor: ScoredStory; merged: string[] } | null {
  if (publishedAt === null || opts.maxMerge < 2) return null;
  const live = scored.filter((s) => s.score >= opts.mergeThreshold && s.story.lastSeen !== null && s.story.firstSeen !== null && publishedAt - s.story.lastSeen <= opts.mergeWindowMs);
  if (live.length < 2) return null;
  // the strongest first; a story sharing a language with one already taken is left out
  live.sort((a, b) => b.score - a.score || (a.story.id < b.story.id ? -1 : 1));
  const take: ScoredStory[] = [];
  const langs = new Set<string>();
  for (const s of live) {
    if (take.length >= opts.maxMerge) break;
    const ls = Object.keys(s.story.languages);
    if (ls.some((l) => langs.has(l))) continue;
    take.push(s);
    for (const l of ls) langs.add(l);
  }
  if (take.length < 2) return null;
  take.sort((a, b) => a.story.firstSeen! - b.story.firstSeen! || (a.story.id < b.story.id ? -1 : 1));
  return { survivor: take[0], merged: take.slice(1).map((s) => s.story.id) };
}

/**
 * Adds the profile `from` to `into`, in place: counts of articles, originals, languages,
 * sources and keys summed (keys trimmed to `maxKeys` as `addToStory` trims: most frequent, then
 * heavier, then by name), first/last seen widened, the title taken from `from` when it is the
 * earlier story. `from` is left as it was (the caller drops it).
 */
export function mergeProfiles(into: StoryProfile, from: StoryProfile, maxKeys: number): StoryProfile {
  forgetTypical(into);
  into.articles += from.articles;
  into.originals += from.originals;
  for (const l in from.languages) into.languages[l] = (into.languages[l] ?? 0) + from.languages[l];
  for (const s in from.sources) into.sources[s] = (into.sources[s] ?? 0) + from.sources[s];
  if (from.firstSeen !== null && (into.firstSeen === null || from.firstSeen < into.firstSeen)) {
    into.firstSeen = from.firstSeen;
    into.title = from.title;
    into.titleArticle = from.titleArticle;
  }
  if (from.lastSeen !== null && (into.lastSeen === null || from.lastSeen > into.lastSeen)) into.lastSeen = from.lastSeen;
  const keys = into.keys;
  from.keys.forEach((n, k) => keys.set(k, (keys.get(k) ?? 0) + n));
  if (keys.size > maxKeys) trimKeys(keys, maxKeys); // the most frequent, heavier first, as `addToStory` keeps them
  return into;
}
