/**
 * What the end of an article job writes back to the seen-set (src/state/seen.ts), so that no
 * article is hidden by it after a failure a later try could fix:
 * - success: the entry holds the item's version (a run after failed ones clears their count);
 * - failed for good with a cause a later try could fix (transient reason after the last
 *   attempt, `stalled`, `internal-error`: the retry policy's `isWorthAnotherRun`): the entry
 *   is marked failed, and a later poll that still lists the item enqueues it again after the
 *   policy's `pollBackoffMs` (0, then 2, 4, 8... feed intervals, up to a day);
 * - failed for good with a permanent reason (404, not-html...): the entry stays seen.
 * Manual jobs (`reingest url`) have no item version and write nothing.
 *
 * Also: BullMQ fails a job itself, outside our processor, after it stalled more than
 * `worker.maxStalledCount` times; `logStalledFailure` gives it its `job.end` line with
 * `reason: "stalled"`.
 */
import type { Job } from 'bullmq';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { isWorthAnotherRun, pollBackoffMs } from '../retry/policy.js';
import { markSeenFailed, readSeen, withVersion, writeSeen } from '../state/seen.js';
import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import { recordIdOf } from '../normalize/url.js';
import type { ArticleJobData } from './names.js';

/** Default feed interval when the job's feed is no longer configured, minutes (the config default). */
const DEFAULT_INTERVAL_MINUTES = 15;

/** The job's seen-set id: a text-only item's own id (src/feeds/identity.ts), else the hash of its canonical URL. */
function seenIdOf(data: ArticleJobData): string {
  return data.textOnly?.recordId ?? recordIdOf(data.canonicalUrl);
}

function ttlOf(config: Config): number {
  return Math.round(config.worker.seenTtlDays * 86_400);
}

/** After a completed article job. */
export async function seenAfterSuccess(redis: Redis, config: Config, data: ArticleJobData): Promise<void> {
  if (!data.itemVersion || !data.feedId) return;
  const recordId = seenIdOf(data);
  const prefix = config.redis.prefix;
  if (data.failedRuns) {
    // After failed runs: clear their count.
    const [prev] = await readSeen(redis, prefix, [recordId]);
    await writeSeen(redis, prefix, [{ recordId, entry: withVersion(prev ?? null, data.feedId, data.itemVersion, true) }], ttlOf(config));
  } else {
    // Only fill a missing entry (Redis lost its data while the job ran); never overwrite.
    await writeSeen(redis, prefix, [{ recordId, entry: withVersion(null, data.feedId, data.itemVersion, true) }], ttlOf(config), true);
  }
}

/**
 * After an article job ended failed for good (no attempt left, or a permanent reason).
 * @param reason the reason code (`stalled` for BullMQ's own stall failure)
 * @returns the failed-run count when the article will come back, else null
 */
export async function seenAfterFailure(redis: Redis, config: Config, data: ArticleJobData, reason: string, now = Date.now()): Promise<number | null> {
  if (!data.itemVersion || !data.feedId || data.reason === 'manual') return null;
  const recordId = seenIdOf(data);
  if (!isWorthAnotherRun(reason)) {
    if (data.failedRuns) {
      const [prev] = await readSeen(redis, config.redis.prefix, [recordId]);
      await writeSeen(redis, config.redis.prefix, [{ recordId, entry: withVersion(prev ?? null, data.feedId, data.itemVersion, true) }], ttlOf(config));
    }
    return null;
  }
  const intervalMs = (config.feeds.find((f) => f.id === data.feedId)?.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES) * 60_000;
  return markSeenFailed(redis, config.redis.prefix, recordId, { version: data.itemVersion, feedId: data.feedId, now, ttlSeconds: ttlOf(config) }, (n) => pollBackoffMs(n, intervalMs));
}

/** The `job.end` line of a job BullMQ failed itself after too many stalls. */
export function logStalledFailure(log: Logger, queue: string, job: Job): void {
  const d = job.data as { feedId?: string | null; url?: string; reason?: string };
  log.error(
    { event: 'job.end', jobId: job.id, queue, feedId: d.feedId ?? undefined, url: d.url, attempt: job.attemptsMade + 1, trigger: d.reason, outcome: 'failed', reason: 'stalled' },
    'job failed: stalled more than worker.maxStalledCount times (its worker died or froze)',
  );
}
