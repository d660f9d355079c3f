/**
 * Per-feed state kept in Redis (never in process memory, so every worker process shares
 * it): conditional-GET validators and health. One hash per feed:
 * `<prefix>:feed:<feedId>` with the fields of `FeedState`.
 */
import type { Redis } from 'ioredis';

/** Persisted state of one feed. Times are ISO 8601 UTC strings. */
export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  /** `ok`, `not-modified`, or the reason code of the last failure. */
  lastStatus: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  lastNewItemAt: string | null;
  /** Earliest time of the next regular fetch (backoff), or null. */
  nextAttemptAt: string | null;
}

/** Redis key of a feed's state hash. */
export function feedStateKey(prefix: string, feedId: string): string {
  return `${prefix}:feed:${feedId}`;
}

/** Reads a feed's state; an unknown feed gives the empty state. */
export async function getFeedState(redis: Redis, prefix: string, feedId: string): Promise<FeedState> {
  const h = await redis.hgetall(feedStateKey(prefix, feedId));
  return {
    etag: h.etag || null,
    lastModified: h.lastModified || null,
    lastFetchAt: h.lastFetchAt || null,
    lastSuccessAt: h.lastSuccessAt || null,
    lastStatus: h.lastStatus || null,
    lastError: h.lastError || null,
    consecutiveFailures: Number(h.consecutiveFailures ?? 0) || 0,
    lastNewItemAt: h.lastNewItemAt || null,
    nextAttemptAt: h.nextAttemptAt || null,
  };
}

/** Records a successful fetch (200 or 304) and resets the failure count. */
export async function saveFeedSuccess(
  redis: Redis,
  prefix: string,
  feedId: string,
  s: { etag: string | null; lastModified: string | null; notModified: boolean; newItems: number; at: Date },
): Promise<void> {
  const at = s.at.toISOString();
  const fields: Record<string, string | number> = {
    lastFetchAt: at,
    lastSuccessAt: at,
    lastStatus: s.notModified ? 'not-modified' : 'ok',
    lastError: '',
    consecutiveFailures: 0,
    nextAttemptAt: '',
  };
  if (!s.notModified) {
    fields.etag = s.etag ?? '';
    fields.lastModified = s.lastModified ?? '';
  }
  if (s.newItems > 0) fields.lastNewItemAt = at;
  await redis.hset(feedStateKey(prefix, feedId), fields);
}

/** Records a failed fetch; returns the new consecutive failure count. */
export async function saveFeedFailure(redis: Redis, prefix: string, feedId: string, f: { reason: string; message: string; at: Date }): Promise<number> {
  const key = feedStateKey(prefix, feedId);
  const [[, n]] = (await redis
    .multi()
    .hincrby(key, 'consecutiveFailures', 1)
    .hset(key, { lastFetchAt: f.at.toISOString(), lastStatus: f.reason, lastError: f.message.slice(0, 500) })
    .exec()) as [[Error | null, number], ...unknown[]];
  return n;
}
