/**
 * In-memory `StoryState` for one process: `news-ingest stories` (offline, no Redis), the
 * evaluation and the benchmarks, and the worker's replica inside `RedisStoryState` (which
 * replays the shared log into one of these). Bounded lists: most recently touched `keep`
 * stories a key; a band lists its live articles (./band-table.ts), read newest first up to
 * the caller's `perBand`.
 */
import { BandTable } from './band-table.js';
import { BAND_ROWS, MINHASH_SIZE } from './features.js';
import type { Assignment, CopyPrint, StoryCommit, StoryProfile, StoryState } from './group.js';

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
  private tail: Promise<unknown> = Promise.resolve();

  /** @param keep how many story ids a key list keeps (default 50) */
  constructor(private readonly keep = 50) {}

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
    return this.assignments.get(id) ?? null;
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
    return ids.map((id) => this.storiesById.get(id) ?? null);
  }

  /** A story's profile now, or null (the Redis replica reads it synchronously). */
  storyNow(id: string): StoryProfile | null {
    return this.storiesById.get(id) ?? null;
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
    if (stories) for (const [id, a] of this.assignments) if (!this.storiesById.has(a.storyId)) this.assignments.delete(id);
    return { prints, stories };
  }

  /** Number of fingerprints and stories held (for logs and the benchmark). */
  size(): { prints: number; stories: number; assignments: number } {
    return { prints: this.printsById.size, stories: this.storiesById.size, assignments: this.assignments.size };
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
