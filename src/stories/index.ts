/**
 * Stories stage entry: `groupRecord(record, state)` gives a built record its `storyId` and
 * `duplicateOf` (src/stories/group.ts explains the grouping), and, for a copy, the carrier
 * entry to add to its original's `carriedBy`. The worker calls it after the record is built
 * and before delivery (jobs/ingest-article.ts); `news-ingest stories` groups JSON Lines the
 * same way offline (./stream.ts).
 */
import type { ArticleRecord, Carrier } from '../types.js';
import type { StoryInput } from './features.js';
import { DEFAULT_GROUPING, groupArticle, type GroupingOptions, type GroupResult, type StoryState } from './group.js';
import { mergeSignals, timeOf } from './signals.js';

export { MemoryStoryState } from './memory-state.js';
export { RedisStoryState, StoryLockLost, StoryLockTimeout } from './redis-state.js';
export { DEFAULT_GROUPING, groupArticle, type GroupResult, type StoryState } from './group.js';

/** The carrier entry of a record (`carriedBy` item). */
export function carrierOf(r: ArticleRecord): Carrier {
  return { source: r.source?.domain ?? r.source?.name ?? null, feedId: r.feed?.id ?? null, url: r.url, publishedAt: r.publishedAt };
}

/** A record as the grouping reads it: time = publishedAt, else fetchedAt. */
export function storyInputOfRecord(r: ArticleRecord): StoryInput {
  return {
    id: r.id,
    title: r.title ?? '',
    text: r.text ?? '',
    language: r.language,
    publishedAt: timeOf(r.publishedAt) ?? timeOf(r.fetchedAt),
    source: r.source?.domain ?? r.source?.name ?? null,
    feedId: r.feed?.id ?? null,
    url: r.url,
    signals: mergeSignals(r.topics ?? []),
  };
}

/** What grouping one record gives. */
export interface RecordGrouping {
  record: ArticleRecord;
  result: GroupResult;
  /** For a copy: its original's id and the entry to add to the original's `carriedBy`. */
  carrier: { originalId: string; entry: Carrier } | null;
}

/**
 * Groups one record; returns a new record with `storyId` and `duplicateOf` set.
 * @throws whatever the state throws (Redis errors, `StoryLockTimeout`)
 */
export async function groupRecord(record: ArticleRecord, state: StoryState, opts: GroupingOptions = DEFAULT_GROUPING): Promise<RecordGrouping> {
  const result = await groupArticle(storyInputOfRecord(record), state, opts);
  const out: ArticleRecord = { ...record, storyId: result.storyId, duplicateOf: result.duplicateOf };
  if (result.merged?.length) out.mergedStories = result.merged;
  return { record: out, result, carrier: result.duplicateOf ? { originalId: result.duplicateOf, entry: carrierOf(record) } : null };
}
