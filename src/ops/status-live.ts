/**
 * The live parts of `status`: worker processes with a heartbeat, each feed's next poll (its
 * job scheduler's next tick, pushed back to the first tick after a backoff), and whether any
 * worker is alive to take a re-ingest.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import type { FeedState } from '../state/feed-state.js';
import type { Queues } from '../queue/queues.js';
import { liveWorkers, type WorkerInfo } from './heartbeat.js';

export type { WorkerInfo };

/** A feed's job scheduler as `status` shows it. */
export interface FeedSchedule {
  /** Next tick of the job scheduler (ISO 8601), or null when the feed has no scheduler. */
  nextTickAt: string | null;
  /** When the feed will really be fetched next: the first tick not skipped by a backoff. */
  nextPollAt: string | null;
}

/**
 * The first tick at or after `nextAttemptAt` (minus the same tolerance `isFeedDue` allows),
 * ticks being `next + k * every`.
 */
export function nextPoll(next: number, every: number, nextAttemptAt: string | null, intervalMinutes: number): number {
  const at = nextAttemptAt ? Date.parse(nextAttemptAt) : NaN;
  if (Number.isNaN(at) || every <= 0) return next;
  const due = at - Math.min(60_000, (intervalMinutes * 60_000) / 10);
  if (due <= next) return next;
  return next + Math.ceil((due - next) / every) * every;
}

/** Each configured feed's schedule, by feed id. */
export async function feedSchedules(cfg: Config, queues: Queues, states: Map<string, FeedState>): Promise<Map<string, FeedSchedule>> {
  const schedulers = await queues.feeds.getJobSchedulers(0, -1);
  const byId = new Map(schedulers.map((s) => [s.key ?? (s as { id?: string }).id, s]));
  const out = new Map<string, FeedSchedule>();
  for (const f of cfg.feeds) {
    const s = byId.get(f.id);
    if (!s?.next) {
      out.set(f.id, { nextTickAt: null, nextPollAt: null });
      continue;
    }
    const every = Number(s.every ?? f.intervalMinutes * 60_000);
    const poll = nextPoll(s.next, every, states.get(f.id)?.nextAttemptAt ?? null, f.intervalMinutes);
    out.set(f.id, { nextTickAt: new Date(s.next).toISOString(), nextPollAt: new Date(poll).toISOString() });
  }
  return out;
}

/** A feed poll job waiting for its next attempt after a failed one (BullMQ moved it to delayed). */
export interface FeedRetry {
  /** When the next attempt is due, ISO 8601 UTC (the job's score in the delayed set). */
  at: string;
  /** The number of that attempt (2 after the first failure), and the attempts allowed (`worker.attempts`). */
  attempt: number;
  attempts: number;
  jobId: string;
}

/** Most delayed feed jobs `feedRetries` looks at (the job schedulers' next ticks included). */
export const FEED_RETRY_SCAN = 1000;

/**
 * The feed poll jobs being retried, by feed id: delayed jobs of the feeds queue that already
 * failed an attempt (`attemptsMade` > 0), a job scheduler's next tick (none made) left out. Only
 * the feeds in `ids` are looked for (those whose state says `(retrying)`), so a status with no
 * retry reads no job. The due time is the job's delayed-set score, which BullMQ writes as
 * `due ms × 0x1000 + counter` (its getDelayedScore.lua). A feed with two retries pending (a
 * scheduled poll and a `reingest feed`) shows the one due first. At most FEED_RETRY_SCAN delayed
 * jobs are read.
 * @returns feed id → its retry; feeds without a delayed retry are absent (a retry running now,
 *   or a stale `(retrying)` whose job is gone)
 */
export async function feedRetries(queues: Pick<Queues, 'feeds'>, redis: Redis, ids: ReadonlySet<string>): Promise<Map<string, FeedRetry>> {
  const out = new Map<string, FeedRetry>();
  if (!ids.size) return out;
  const q = queues.feeds;
  const flat = await redis.zrange(q.keys.delayed, 0, FEED_RETRY_SCAN - 1, 'WITHSCORES');
  const jobs = await Promise.all(
    Array.from({ length: flat.length / 2 }, (_, i) => q.getJob(flat[2 * i]!).then((job) => ({ job, score: Number(flat[2 * i + 1]) }))),
  );
  for (const { job, score } of jobs) {
    const feedId = (job?.data as { feedId?: string } | undefined)?.feedId;
    if (!job || !feedId || !ids.has(feedId) || !(job.attemptsMade > 0) || out.has(feedId)) continue;
    out.set(feedId, { at: new Date(Math.floor(score / 0x1000)).toISOString(), attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, jobId: String(job.id) });
  }
  return out;
}

/** The live worker processes of the config's prefix. */
export function workersOf(cfg: Config, redis: Redis): Promise<WorkerInfo[]> {
  return liveWorkers(redis, cfg.redis.prefix);
}

/** The warning `reingest` prints when no worker would take its job, or null. */
export async function noWorkerWarning(cfg: Config, redis: Redis): Promise<string | null> {
  const workers = (await workersOf(cfg, redis)).filter((w) => !w.exited);
  if (workers.length) return null;
  return `warning: no worker is running under the prefix "${cfg.redis.prefix}" (no heartbeat in the last 30 s): the job waits until one starts (\`news-ingest start\`)`;
}
