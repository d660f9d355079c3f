/**
 * `news-ingest stories --recompute`: groups the records already in the sinks again (after a
 * change of the grouping rules, or for records stored before grouping existed), without
 * fetching. The grouping state in Redis (`<prefix>:story:*`) is dropped and rebuilt from the
 * records, oldest first (publishedAt, else fetchedAt), through the worker's own path, so
 * articles that arrive later join the recomputed stories. Records whose storyId or
 * duplicateOf change are written back to every readable sink (and those that take them).
 * Stop the workers first: an article grouped meanwhile would be grouped against a half-built state.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Logger } from '../log.js';
import { deleteKeysWithPrefix } from '../queue/connection.js';
import { sinkAccepts, type Sink } from '../sinks/types.js';
import type { ArticleRecord } from '../types.js';
import { groupRecord } from './index.js';
import { RedisStoryState } from './redis-state.js';

/** Counts of one recompute run. */
export interface RecomputeSummary {
  read: number;
  changed: number;
  written: number;
  failed: number;
  stories: number;
}

/**
 * Runs the recompute (see the module comment).
 * @throws Redis errors (the state is then partly rebuilt: run again)
 */
export async function recomputeStories(sinks: Sink[], redis: Redis, prefix: string, log?: Logger): Promise<RecomputeSummary> {
  const byId = new Map<string, ArticleRecord>();
  for (const s of sinks) {
    if (!s.readAll) continue;
    for await (const page of s.readAll()) for (const r of page) if (!byId.has(r.id)) byId.set(r.id, r);
  }
  const records = [...byId.values()].sort((a, b) => {
    const ta = a.publishedAt ?? a.fetchedAt, tb = b.publishedAt ?? b.fetchedAt;
    return ta < tb ? -1 : ta > tb ? 1 : a.id < b.id ? -1 : 1;
  });
  await deleteKeysWithPrefix(redis, `${prefix}:story`);
  const state = new RedisStoryState(redis, prefix);
  const summary: RecomputeSummary = { read: records.length, changed: 0, written: 0, failed: 0, stories: 0 };
  const stories = new Set<string>();
  for (const r of records) {
    const { record } = await groupRecord({ ...r, storyId: undefined, duplicateOf: undefined }, state);
    stories.add(record.storyId!);
    if (record.storyId === r.storyId && (record.duplicateOf ?? null) === (r.duplicateOf ?? null)) continue;
    summary.changed++;
    const next: ArticleRecord = { ...r, storyId: record.storyId, duplicateOf: record.duplicateOf };
    for (const s of sinks) {
      if (!s.readAll && !sinkAccepts(s.only, next)) continue;
      if (!s.readAll) continue; // write-only sinks (webhook) are not re-sent by a recompute
      try {
        await s.write(next);
        summary.written++;
      } catch (err) {
        summary.failed++;
        log?.warn({ event: 'stories.recompute-write-failed', sink: s.name, articleId: r.id, url: r.canonicalUrl, reason: 'sink-failed', err: (err as Error).message }, 'recompute write failed');
      }
    }
  }
  summary.stories = stories.size;
  return summary;
}
