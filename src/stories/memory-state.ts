/**
 * In-memory `StoryState` for one process: `news-ingest stories` (offline, no Redis), the
 * evaluation and the benchmarks. Same bounds as the Redis state (newest `perBand` articles a
 * band, newest `perKey` stories a key), so both group alike.
 */
import type { Assignment, CopyPrint, StoryCommit, StoryProfile, StoryState } from './group.js';

/** See the module comment. Not safe for several processes (nothing in memory is). */
export class MemoryStoryState implements StoryState {
  private readonly assignments = new Map<string, Assignment>();
  private readonly printsById = new Map<string, CopyPrint>();
  /** band → article ids, newest last */
  private readonly bands = new Map<string, string[]>();
  /** key → story ids, most recently touched last */
  private readonly keyIndex = new Map<string, string[]>();
  private readonly storiesById = new Map<string, StoryProfile>();
  private tail: Promise<unknown> = Promise.resolve();

  /** @param keep how many ids a band or key list keeps (default 50) */
  constructor(private readonly keep = 50) {}

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  async assignment(id: string): Promise<Assignment | null> {
    return this.assignments.get(id) ?? null;
  }

  async bandHits(bands: string[], perBand: number): Promise<string[]> {
    const out = new Set<string>();
    for (const b of bands) {
      const l = this.bands.get(b);
      if (!l) continue;
      for (let i = l.length - 1, n = 0; i >= 0 && n < perBand; i--, n++) out.add(l[i]);
    }
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

  async commit(c: StoryCommit): Promise<void> {
    this.assignments.set(c.assignment.id, c.assignment);
    this.printsById.set(c.print.id, c.print);
    for (const b of c.bands) push(this.bands, b, c.print.id, this.keep);
    this.storiesById.set(c.story.id, c.story);
    for (const k of c.storyKeys) push(this.keyIndex, k, c.story.id, this.keep);
  }

  /** Every story, for listing. */
  allStories(): StoryProfile[] {
    return [...this.storiesById.values()];
  }
}

function push(m: Map<string, string[]>, key: string, id: string, keep: number): void {
  let l = m.get(key);
  if (!l) m.set(key, (l = []));
  const at = l.indexOf(id);
  if (at >= 0) l.splice(at, 1);
  l.push(id);
  if (l.length > keep) l.shift();
}
