/**
 * In-memory `StoryState` for one process: `news-ingest stories` (offline, no Redis), the
 * evaluation and the benchmarks, and the worker's replica inside `RedisStoryState` (which
 * replays the shared log into one of these). Bounded lists: most recently touched `keep`
 * stories a key; a band lists its live articles (./band-table.ts), read newest first up to
 * the caller's `perBand`. Stories merged into another (round 11, ./merge.ts) are aliases:
 * `mergedInto` maps their ids to the survivor, and every read resolves them.
 */
import { BandTable } from './band-table.js';
import { BAND_ROWS, MINHASH_SIZE } from './features.js';
import type { Assignment, CopyPrint, StoryCommit, StoryProfile, StoryState } from './group.js';
import { mergeProfiles } from './merge.js';

/** See the module comment. Not safe for several processes (nothing in memory is). */
export class MemoryStoryState implements StoryState {
  private readonly assignments = new Map<string, Assignment>();
  private readonly printsById = new Map<string, CopyPrint>();
  /**
   * band hash → article numbers (`printIds`), newest first, in typed arrays (./band-table.ts):
   * a state of 100,000 articles holds 4.2 million band entries, none of them visible to the
   * garbage collector. A hash collision only adds a candidate, which the copy test compares.
   */
  private readonly bands = new BandTable();
  private readonly isLive = (num: number) => this.printIds[num] !== undefined;
  /** article number → id (undefined once pruned), and id → number */
  private readonly printIds: (string | undefined)[] = [];
  private readonly printNums = new Map<string, number>();
  /** key → story ids, most recently touched last */
  private readonly keyIndex = new Map<string, string[]>();
  private readonly storiesById = new Map<string, StoryProfile>();
  /** When each print and story was last written (epoch ms), only for commits given a time (see `prune`). */
  private readonly printAt = new Map<string, number>();
  private readonly storyAt = new Map<string, number>();
  /** merged story id → the story it was merged into (round 11); resolved by `resolveStory` */
  private readonly mergedInto = new Map<string, string>();
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * @param keep how many story ids a key list keeps (default 50)
   * @param maxStoryKeys most keys a merged profile keeps (the grouping's `maxStoryKeys`, default 80)
   */
  constructor(private readonly keep = 50, private readonly maxStoryKeys = 80) {}

  /** The story a story id stands for now: itself, or the story it was merged into (followed to the end). */
  resolveStory(id: string): string {
    let at = id;
    for (let hops = 0; hops < 64; hops++) {
      const next = this.mergedInto.get(at);
      if (next === undefined) return at;
      at = next;
    }
    return at;
  }

  /** Every alias held: merged story id → the story it resolves to now. */
  aliases(): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of this.mergedInto.keys()) out.set(id, this.resolveStory(id));
    return out;
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  async assignment(id: string): Promise<Assignment | null> {
    return this.assignmentNow(id);
  }

  /** `assignment` without a promise (the Redis replica reads it synchronously). */
  assignmentNow(id: string): Assignment | null {
    const a = this.assignments.get(id);
    if (!a) return null;
    const storyId = this.mergedInto.size ? this.resolveStory(a.storyId) : a.storyId;
    return storyId === a.storyId ? a : { ...a, storyId };
  }

  async bandHits(bands: ArrayLike<number>, perBand: number): Promise<string[]> {
    const out = new Set<string>();
    const visit = (num: number) => out.add(this.printIds[num]!);
    for (let b = 0; b < bands.length; b++) this.bands.forEach(bands[b], perBand, this.isLive, visit);
    return [...out];
  }

  async prints(ids: string[]): Promise<(CopyPrint | null)[]> {
    return ids.map((id) => this.printsById.get(id) ?? null);
  }

  async keyHits(keys: string[], perKey: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const k of keys) {
      const l = this.keyIndex.get(k);
      if (!l) continue;
      for (let i = l.length - 1, n = 0; i >= 0 && n < perKey; i--, n++) out.set(l[i], (out.get(l[i]) ?? 0) + 1);
    }
    return out;
  }

  async stories(ids: string[]): Promise<(StoryProfile | null)[]> {
    return ids.map((id) => this.storyNow(id));
  }

  /** A story's profile now (a merged story's: its survivor's), or null (the Redis replica reads it synchronously). */
  storyNow(id: string): StoryProfile | null {
    return this.storiesById.get(this.mergedInto.size ? this.resolveStory(id) : id) ?? null;
  }

  async commit(c: StoryCommit): Promise<void> {
    this.apply(c);
  }

  /**
   * Writes one article's commit at once. `at` (epoch ms) records when, for `prune`; without it
   * nothing is ever pruned (the CLI and the evaluation keep everything).
   */
  apply(c: StoryCommit, at?: number): void {
    this.assignments.set(c.assignment.id, c.assignment);
    this.printsById.set(c.print.id, c.print);
    let num = this.printNums.get(c.print.id);
    if (num === undefined) {
      num = this.printIds.push(c.print.id) - 1;
      this.printNums.set(c.print.id, num);
    }
    for (let b = 0; b < c.bands.length; b++) this.bands.add(c.bands[b], num);
    this.storiesById.set(c.story.id, c.story);
    for (const k of c.storyKeys) push(this.keyIndex, k, c.story.id, this.keep);
    if (at !== undefined) {
      this.printAt.set(c.print.id, at);
      this.storyAt.set(c.story.id, at);
    }
    if (c.merged) for (const m of c.merged) this.merge(m, c.story.id);
  }

  /**
   * Merges story `fromId` into `intoId` (round 11, ./merge.ts): the profiles are added, the key
   * lists naming `fromId` name `intoId` instead (once), and `fromId` becomes an alias. A story
   * already merged, or unknown, or the survivor itself, changes nothing.
   * Cost: the merged profile's keys (at most `maxStoryKeys`) × a key list (at most `keep`).
   */
  private merge(fromId: string, intoId: string): void {
    const into = this.storiesById.get(intoId);
    const from = this.storiesById.get(fromId);
    if (!into || !from || fromId === intoId) return;
    mergeProfiles(into, from, this.maxStoryKeys);
    for (const k of from.keys.keys()) {
      const l = this.keyIndex.get(k);
      if (!l) continue;
      const at = l.indexOf(fromId);
      if (at < 0) continue;
      if (l.includes(intoId)) l.splice(at, 1);
      else l[at] = intoId;
    }
    this.storiesById.delete(fromId);
    const fromAt = this.storyAt.get(fromId);
    this.storyAt.delete(fromId);
    if (fromAt !== undefined && fromAt > (this.storyAt.get(intoId) ?? -Infinity)) this.storyAt.set(intoId, fromAt);
    this.mergedInto.set(fromId, intoId);
  }

  /**
   * Drops fingerprints (and their band entries) written before `printsBefore`, and stories,
   * their key entries and assignments last written before `storiesBefore` (epoch ms): what the
   * Redis state's TTLs did. Cost: linear in what is dropped plus one pass over the write times.
   */
  prune(printsBefore: number, storiesBefore: number): { prints: number; stories: number } {
    let prints = 0;
    let stories = 0;
    for (const [id, at] of this.printAt) {
      if (at >= printsBefore) continue;
      const p = this.printsById.get(id);
      const num = this.printNums.get(id);
      this.printAt.delete(id);
      this.printsById.delete(id);
      this.printNums.delete(id);
      prints++;
      if (num === undefined) continue;
      this.printIds[num] = undefined;
      if (!p || p.shingles < 1) continue;
      this.bands.dropArticle(MINHASH_SIZE / BAND_ROWS, this.isLive);
    }
    for (const [id, at] of this.storyAt) {
      if (at >= storiesBefore) continue;
      const s = this.storiesById.get(id);
      this.storyAt.delete(id);
      this.storiesById.delete(id);
      stories++;
      if (s) for (const k of s.keys.keys()) drop(this.keyIndex, k, id);
    }
    if (stories) {
      for (const [id, a] of this.assignments) if (!this.storiesById.has(this.resolveStory(a.storyId))) this.assignments.delete(id);
      // an alias whose survivor is gone goes too (after the assignments read it)
      const gone: string[] = [];
      for (const from of this.mergedInto.keys()) if (!this.storiesById.has(this.resolveStory(from))) gone.push(from);
      for (const from of gone) this.mergedInto.delete(from);
    }
    return { prints, stories };
  }

  /** Number of fingerprints and stories held (for logs and the benchmark). */
  size(): { prints: number; stories: number; assignments: number; aliases: number } {
    return { prints: this.printsById.size, stories: this.storiesById.size, assignments: this.assignments.size, aliases: this.mergedInto.size };
  }

  /** Every story, for listing. */
  allStories(): StoryProfile[] {
    return [...this.storiesById.values()];
  }
}

function push(m: Map<string, string[]>, key: string, id: string, keep: number): void {
  let l = m.get(key);
  if (!l) m.set(key, (l = []));
  const at = l.lastIndexOf(id);
  if (at >= 0) {
    if (at === l.length - 1) return;
    l.splice(at, 1);
  }
  l.push(id);
  if (l.length > keep) l.shift();
}

function drop(m: Map<string, string[]>, key: string, id: string): void {
  const l = m.get(key);
  if (!l) return;
  const at = l.indexOf(id);
  if (at >= 0) l.splice(at, 1);
  if (!l.length) m.delete(key);
}
