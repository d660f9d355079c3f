/**
 * The feed job's hook into the adaptive poll schedule: reads the feed's hints and stored
 * activity, decides the next poll (next-poll.ts), stores the decision, and returns the wait
 * for the feed state's `nextAttemptAt` (the gate the job scheduler's ticks pass through).
 */
import type { FeedConfig } from '../config/schema.js';
import type { WorkerContext } from '../queue/context.js';
import { getPollSchedule, savePollSchedule } from '../state/poll-schedule.js';
import { decideNextPoll, feedHintsOf } from './next-poll.js';

/** Default ceiling of the adaptive schedule, minutes (one poll a day at least). */
export const DEFAULT_MAX_INTERVAL_MINUTES = 1440;

/**
 * Decides and stores when the feed is polled next.
 * @param p.body the feed body (null on 304: the hints of the last body read are used)
 * @returns the wait before the next poll, ms
 * @throws Redis errors
 */
export async function schedulePoll(
  ctx: Pick<WorkerContext, 'redis' | 'config' | 'log'>,
  feed: FeedConfig | undefined,
  feedId: string,
  p: { body: Buffer | null; cacheMaxAgeMs: number | null; newItems: number; now: Date },
): Promise<number> {
  const prefix = ctx.config.redis.prefix;
  const interval = feed?.intervalMinutes ?? 15;
  const minMinutes = Math.min(feed?.minIntervalMinutes ?? interval, interval);
  const maxMinutes = Math.max(feed?.maxIntervalMinutes ?? DEFAULT_MAX_INTERVAL_MINUTES, interval);
  const stored = await getPollSchedule(ctx.redis, prefix, feedId);
  const hints = p.body ? feedHintsOf(p.body) : stored.hints;
  const d = decideNextPoll({
    intervalMinutes: interval,
    minMinutes,
    maxMinutes,
    hints,
    cacheMaxAgeMs: p.cacheMaxAgeMs,
    newItems: p.newItems,
    now: p.now.getTime(),
    previous: stored.activity,
  });
  await savePollSchedule(ctx.redis, prefix, feedId, d, hints, p.now.getTime());
  ctx.log.debug({ event: 'feed.schedule', feedId, reason: d.reason, delayMs: d.delayMs, detail: d.detail }, 'next poll decided');
  return d.delayMs;
}
