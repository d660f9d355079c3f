/**
 * The poll scheduler's per-feed state in Redis: one hash `<prefix>:feed:<feedId>:poll` with the
 * activity (`ratePerHour`, `emptyPolls`, `lastPollAt`) and the last decision (`nextPollAt`,
 * `reason`, `detail`), written by the feed job after each successful poll, read by `status`.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { FeedHints, PollActivity, PollDecision } from '../schedule/next-poll.js';

/** Redis key of a feed's poll schedule. */
export function pollScheduleKey(prefix: string, feedId: string): string {
  return `${prefix}:feed:${feedId}:poll`;
}

/** A feed's stored schedule: its activity and the last decision (nulls before the first poll). */
export interface StoredPollSchedule {
  activity: PollActivity;
  /** The hints of the last body read (a 304 has none: these hold until the next 200). */
  hints: FeedHints;
  nextPollAt: string | null;
  reason: string | null;
  detail: string | null;
}

/** Reads a feed's poll schedule. */
export async function getPollSchedule(redis: Redis, prefix: string, feedId: string): Promise<StoredPollSchedule> {
  const h = await redis.hgetall(pollScheduleKey(prefix, feedId));
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  return {
    activity: { ratePerHour: num(h.ratePerHour), emptyPolls: Number(h.emptyPolls ?? 0) || 0, lastPollAt: num(h.lastPollAt) },
    hints: { ttlMinutes: num(h.ttlMinutes), syMinutes: num(h.syMinutes) },
    nextPollAt: h.nextPollAt || null,
    reason: h.reason || null,
    detail: h.detail || null,
  };
}

/** Stores a decision made at `now` (epoch ms) and the hints it used. */
export async function savePollSchedule(redis: Redis, prefix: string, feedId: string, d: PollDecision, hints: FeedHints, now: number): Promise<void> {
  await redis.hset(pollScheduleKey(prefix, feedId), {
    ttlMinutes: hints.ttlMinutes ?? '',
    syMinutes: hints.syMinutes ?? '',
    ratePerHour: d.activity.ratePerHour ?? '',
    emptyPolls: d.activity.emptyPolls,
    lastPollAt: d.activity.lastPollAt ?? '',
    nextPollAt: new Date(now + d.delayMs).toISOString(),
    reason: d.reason,
    detail: d.detail,
  });
}

/**
 * The `why:` of a feed's next poll as `status` shows it. A feed whose last polls failed waits
 * for its back-off (`nextAttemptAt`, src/state/feed-state.ts feedBackoffMs), not for the
 * decision stored by its last successful poll: while that back-off is ahead of `now` the
 * reason is `backoff`, with the failures, the last status and the time of the next attempt
 * (round 15: fresh15 saw `interval (configured interval 1 min)` on a feed backed off for hours).
 * @param state the feed's health (src/state/feed-state.ts)
 * @param stored the stored decision (reason, detail; null before the first poll)
 * @returns the reason and detail to show (both null when there is nothing to say)
 */
export function pollWhy(
  state: { consecutiveFailures: number; nextAttemptAt: string | null; lastStatus: string | null },
  stored: { reason: string | null; detail: string | null },
  now: Date,
): { reason: string | null; detail: string | null } {
  const at = state.nextAttemptAt ? Date.parse(state.nextAttemptAt) : NaN;
  if (state.consecutiveFailures > 0 && at > now.getTime()) {
    const n = state.consecutiveFailures;
    const after = stored.reason ? `; after a good poll: ${stored.reason}, ${stored.detail ?? ''}` : '';
    return { reason: 'backoff', detail: `${n} failed poll${n === 1 ? '' : 's'} in a row (last: ${state.lastStatus ?? 'failed'}): backed off, no fetch before ${state.nextAttemptAt}${after}` };
  }
  return { reason: stored.reason, detail: stored.detail };
}
