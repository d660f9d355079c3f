/**
 * Per-feed state kept in Redis (never in process memory, so every worker process shares
 * it): conditional-GET validators and health. One hash per feed:
 * `<prefix>:feed:<feedId>` with the fields of `FeedState`.
 *
 * Health: each failed run stretches the feed's cadence (`nextAttemptAt`, see feedBackoffMs)
 * up to a ceiling, never stopping it (feed readers' most common complaint is a feed that is
 * silently dropped after a few errors); after UNHEALTHY_AFTER consecutive failures the feed is
 * unhealthy (`feed.unhealthy` in the logs, shown by `status`). One success resets it all.
 * A successful fetch with a Cache-Control max-age / Expires longer than the cadence also
 * defers the next fetch (the server's hint, RFC 9111), up to the same ceiling.
 *
 * Feeds that stop updating while looking healthy (a frozen Last-Modified or ETag answered
 * with 304 forever): validators are checked before they are sent back (`usableValidators`),
 * one fetch a day is unconditional, and a feed that brought no new item for
 * `feeds[].silentAfterHours` is silent (`silentSince`, `feed.silent` logged once). A feed
 * moved with 301/308 keeps its new URL here (`movedTo`, for the config URL `movedFrom`):
 * the config file is never rewritten.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import { MAX_POLL_BACKOFF_MS, pollBackoffMs } from '../retry/policy.js';

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
  /** Last fetch sent without validators (at least one a day: UNCONDITIONAL_EVERY_MS). */
  lastUnconditionalAt: string | null;
  /** First successful fetch: the start of the silence clock before any new item. */
  trackedSince: string | null;
  /** Set when the feed went silent (no new item for silentAfterHours); cleared by a new item. */
  silentSince: string | null;
  /** The URL the feed moved to with 301/308 (polled instead of `movedFrom`), or null. */
  movedTo: string | null;
  /** The configured URL the move applies to (a config edit makes the move stale). */
  movedFrom: string | null;
  movedAt: string | null;
}

/** Longest time between two fetches without validators, ms (one a day: a frozen ETag or
 * Last-Modified cannot hide new items for longer). */
export const UNCONDITIONAL_EVERY_MS = 24 * 3600_000;
/** A Last-Modified older than this is not sent back, ms (365 days: a frozen or bogus date). */
export const STALE_LAST_MODIFIED_MS = 365 * 24 * 3600_000;
/** Clock skew allowed before a Last-Modified counts as in the future, ms (RFC 9110 §8.8.2.1:
 * an origin must not send a Last-Modified later than its Date). */
export const LAST_MODIFIED_SKEW_MS = 5 * 60_000;

/**
 * The validators to send on a conditional GET, or why none are sent.
 * - none for the daily unconditional fetch (`lastUnconditionalAt` older than UNCONDITIONAL_EVERY_MS);
 * - a Last-Modified that does not parse, is in the future, or older than STALE_LAST_MODIFIED_MS
 *   is dropped; an empty ETag (`""`) too.
 * @returns the validators to send and `unconditional` when none are (a fetch to record as such)
 */
export function usableValidators(state: Pick<FeedState, 'etag' | 'lastModified' | 'lastUnconditionalAt'>, now: Date): { etag: string | null; lastModified: string | null; unconditional: boolean; dropped: string[] } {
  const dropped: string[] = [];
  const last = state.lastUnconditionalAt ? Date.parse(state.lastUnconditionalAt) : NaN;
  if (!(now.getTime() - last < UNCONDITIONAL_EVERY_MS)) return { etag: null, lastModified: null, unconditional: true, dropped: ['daily-unconditional'] };
  let lastModified = state.lastModified;
  if (lastModified) {
    const t = Date.parse(lastModified);
    if (Number.isNaN(t)) dropped.push('last-modified-unparseable');
    else if (t > now.getTime() + LAST_MODIFIED_SKEW_MS) dropped.push('last-modified-in-future');
    else if (t < now.getTime() - STALE_LAST_MODIFIED_MS) dropped.push('last-modified-too-old');
    if (dropped.length) lastModified = null;
  }
  let etag = state.etag;
  if (etag && /^(?:W\/)?""$/.test(etag.trim())) {
    dropped.push('etag-empty');
    etag = null;
  }
  return { etag, lastModified, unconditional: !etag && !lastModified, dropped };
}

/**
 * Whether a feed is silent: no new item for `silentAfterHours` since its last new item (or,
 * before any, since it was first fetched).
 */
export function isSilent(state: Pick<FeedState, 'lastNewItemAt' | 'trackedSince'>, now: Date, silentAfterHours: number): boolean {
  const since = Date.parse(state.lastNewItemAt ?? state.trackedSince ?? '');
  return !Number.isNaN(since) && now.getTime() - since >= silentAfterHours * 3600_000;
}

/** The URL to poll: the moved-to URL when the move was recorded for the configured URL. */
export function pollUrlOf(state: Pick<FeedState, 'movedTo' | 'movedFrom'>, configUrl: string): string {
  return state.movedTo && state.movedFrom === configUrl ? state.movedTo : configUrl;
}

/** Consecutive failures from which a feed is unhealthy (logged as `feed.unhealthy`). */
export const UNHEALTHY_AFTER = 3;
/** Ceiling of the failure backoff and of a cache-hint deferral, ms (the retry policy's MAX_POLL_BACKOFF_MS, 24 h). */
export const MAX_FEED_BACKOFF_MS = MAX_POLL_BACKOFF_MS;

/**
 * How long after a failure the feed's next regular fetch waits, ms: the retry policy's
 * across-poll backoff (`pollBackoffMs`: 0, then 2, 4, 8... intervals, capped at 24 h).
 * @param consecutiveFailures failures in a row, including the one just recorded (>= 0)
 * @param intervalMinutes the feed's configured cadence, minutes
 */
export function feedBackoffMs(consecutiveFailures: number, intervalMinutes: number): number {
  return pollBackoffMs(consecutiveFailures, intervalMinutes * 60_000);
}

/** True when the feed has failed UNHEALTHY_AFTER times in a row or more. */
export function isUnhealthy(state: Pick<FeedState, 'consecutiveFailures'>): boolean {
  return state.consecutiveFailures >= UNHEALTHY_AFTER;
}

/**
 * True when a scheduled run should fetch: no `nextAttemptAt`, or it has come. A tolerance of
 * a tenth of the interval (at most 60 s) absorbs the scheduler firing slightly before the
 * instant computed from the previous run's start.
 */
export function isFeedDue(state: Pick<FeedState, 'nextAttemptAt'>, now: Date, intervalMinutes: number): boolean {
  if (!state.nextAttemptAt) return true;
  const at = Date.parse(state.nextAttemptAt);
  if (Number.isNaN(at)) return true;
  const tolerance = Math.min(60_000, (intervalMinutes * 60_000) / 10);
  return now.getTime() >= at - tolerance;
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
    lastUnconditionalAt: h.lastUnconditionalAt || null,
    trackedSince: h.trackedSince || null,
    silentSince: h.silentSince || null,
    movedTo: h.movedTo || null,
    movedFrom: h.movedFrom || null,
    movedAt: h.movedAt || null,
  };
}

/**
 * Records a successful fetch (200 or 304) and resets the failure count. With `cacheMaxAgeMs`
 * (FetchResult.cacheMaxAgeMs) the next regular fetch waits that long (capped at
 * MAX_FEED_BACKOFF_MS); otherwise `nextAttemptAt` is cleared.
 */
export async function saveFeedSuccess(
  redis: Redis,
  prefix: string,
  feedId: string,
  s: { etag: string | null; lastModified: string | null; notModified: boolean; newItems: number; at: Date; cacheMaxAgeMs?: number | null; unconditional?: boolean; silent?: boolean },
): Promise<void> {
  const at = s.at.toISOString();
  const defer = s.cacheMaxAgeMs && s.cacheMaxAgeMs > 0 ? Math.min(s.cacheMaxAgeMs, MAX_FEED_BACKOFF_MS) : 0;
  const fields: Record<string, string | number> = {
    lastFetchAt: at,
    lastSuccessAt: at,
    lastStatus: s.notModified ? 'not-modified' : 'ok',
    lastError: '',
    consecutiveFailures: 0,
    nextAttemptAt: defer ? new Date(s.at.getTime() + defer).toISOString() : '',
  };
  if (!s.notModified) {
    fields.etag = s.etag ?? '';
    fields.lastModified = s.lastModified ?? '';
  }
  if (s.newItems > 0) fields.lastNewItemAt = at;
  if (s.unconditional) fields.lastUnconditionalAt = at;
  if (s.silent !== undefined) fields.silentSince = s.silent ? ((await redis.hget(feedStateKey(prefix, feedId), 'silentSince')) || at) : '';
  await redis.multi().hsetnx(feedStateKey(prefix, feedId), 'trackedSince', at).hset(feedStateKey(prefix, feedId), fields).exec();
}

/** Forgets a recorded move (the new URL is gone: the configured URL is polled again). */
export async function clearFeedMoved(redis: Redis, prefix: string, feedId: string): Promise<void> {
  await redis.hdel(feedStateKey(prefix, feedId), 'movedTo', 'movedFrom', 'movedAt');
}

/** Records that the feed at `from` (its configured URL) moved for good to `to`. */
export async function saveFeedMoved(redis: Redis, prefix: string, feedId: string, m: { from: string; to: string; at: Date }): Promise<void> {
  await redis.hset(feedStateKey(prefix, feedId), { movedFrom: m.from, movedTo: m.to, movedAt: m.at.toISOString() });
}

/**
 * Records a failed attempt that will be retried: last fetch, status and error are updated
 * (so `status` shows them at once), the failure count and the backoff are not (they count runs).
 */
export async function saveFeedAttemptError(redis: Redis, prefix: string, feedId: string, f: { reason: string; message: string; at: Date }): Promise<void> {
  await redis.hset(feedStateKey(prefix, feedId), { lastFetchAt: f.at.toISOString(), lastStatus: `${f.reason} (retrying)`, lastError: f.message.slice(0, 500) });
}

/**
 * Records a failed run; returns the new consecutive failure count. With `intervalMinutes`
 * the next regular fetch is deferred by feedBackoffMs (and never before the server's
 * `retryAfterMs`). Call it once per failed run (a permanent error or the last attempt), not
 * per retried attempt, or the backoff climbs by the number of attempts.
 */
export async function saveFeedFailure(
  redis: Redis,
  prefix: string,
  feedId: string,
  f: { reason: string; message: string; at: Date; intervalMinutes?: number; retryAfterMs?: number | null },
): Promise<number> {
  const key = feedStateKey(prefix, feedId);
  const [[, n]] = (await redis
    .multi()
    .hincrby(key, 'consecutiveFailures', 1)
    .hset(key, { lastFetchAt: f.at.toISOString(), lastStatus: f.reason, lastError: f.message.slice(0, 500) })
    .exec()) as [[Error | null, number], ...unknown[]];
  if (f.intervalMinutes !== undefined || f.retryAfterMs) {
    const wait = Math.max(f.intervalMinutes !== undefined ? feedBackoffMs(n, f.intervalMinutes) : 0, Math.min(f.retryAfterMs ?? 0, MAX_FEED_BACKOFF_MS));
    await redis.hset(key, 'nextAttemptAt', wait > 0 ? new Date(f.at.getTime() + wait).toISOString() : '');
  }
  return n;
}
