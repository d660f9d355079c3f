/**
 * How a worker stops: the bounded close of its BullMQ workers, and `--once`'s wait until the
 * queues are drained. Split out of src/queue/worker.ts.
 */
import type { Worker } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import type { Logger } from '../log.js';
import { pendingDeliveriesSoon } from './deliveries.js';
import type { WorkerContext } from './context.js';
import { reasonOfFailed } from '../retry/policy.js';

/** What `closeBounded` asks of the process before it waits for its workers. */
export interface CloseState {
  /** Jobs this process runs now (every queue's `Activity.active` summed). */
  activeJobs: () => number;
  /** True when the workers' Redis connection is not `ready` (down, reconnecting). */
  redisAway: () => boolean;
}

/**
 * How long a forced close (`close(true)`) of the workers may take before the stop goes on
 * without it, ms: it can hang while Redis is away.
 */
export const FORCED_CLOSE_MS = 5000;

/**
 * The longest `closeBounded` takes, ms: the wait for active jobs, then the forced close. The
 * owner of the workers (src/queue/owned.ts) gives their close this long, plus a second, rather
 * than its own 10 s, so a job that ends within `worker.shutdownTimeoutMs` is let end.
 */
export function closeBoundMs(timeoutMs: number): number {
  return timeoutMs + FORCED_CLOSE_MS;
}

/**
 * Closes workers, waiting for active jobs at most `timeoutMs`, then forcing (BullMQ's close has
 * no timeout). When Redis is away and no job runs here, the workers are closed with BullMQ's
 * `close(true)` at once (`worker.closed-redis-away`): a graceful close waits for each worker's
 * main loop, whose next-job command waits for Redis to come back (a bare BullMQ 6.7 worker's
 * `close()` was still waiting 30 s after its Redis was shut down; `close(true)` ends in ms), and
 * a forced close asked after a graceful one only returns the graceful one's promise. Before
 * round 17 a stop while Redis was down took the owner's 10 s close timeout
 * (`resource.close-timeout` for `workers`, docs/review.md "Round 17 (fresh17)").
 */
export async function closeBounded(workers: Worker[], timeoutMs: number, log: Logger, state?: CloseState): Promise<void> {
  if (state && state.redisAway() && state.activeJobs() === 0) {
    log.info({ event: 'worker.closed-redis-away', reason: 'redis-unavailable' }, 'Redis is away and no job is running: closing the workers without waiting for Redis');
    await Promise.race([Promise.all(workers.map((w) => w.close(true))), new Promise((r) => setTimeout(r, FORCED_CLOSE_MS).unref())]);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  const ok = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (!ok) {
    log.warn({ event: 'worker.forced-close', durationMs: timeoutMs, reason: 'timeout' }, 'active jobs did not finish in time; closing anyway (they will be retried as stalled)');
    // A forced close can itself hang while Redis is away: bounded too, then the process exits.
    await Promise.race([Promise.all(workers.map((w) => w.close(true))), new Promise((r) => setTimeout(r, FORCED_CLOSE_MS).unref())]);
  }
}

/**
 * `--once`: how far ahead a delivery retry may be due for the run to wait for it, ms. A sink
 * still failing after its first retries is left with its queue (reported, shown by `status`).
 */
export const ONCE_DELIVERY_HORIZON_MS = 60_000;

/**
 * `--once`: how far ahead a feed or article job's retry may be due for the run to wait for it,
 * ms (at least; `onceRetryHorizonMs` raises it to the config's own backoff schedule). The
 * default schedule (5 s doubling, 5 attempts) stays under a minute per retry; a server's
 * Retry-After of a few minutes is waited for. One that asks for more (a 429 with
 * `Retry-After: 86400`, or an HTTP-date days ahead; the retry policy caps it at an hour per
 * retry) kept a cron run waiting without a word, up to 4 hours with the default 5 attempts
 * (docs/review.md "Round 13 (review14)"): such a retry is left in Redis for a later run, and
 * the run ends with exit 4 (`run.retries-left`).
 */
export const ONCE_RETRY_HORIZON_MS = 300_000;

/**
 * The retry horizon of a `--once` run for a config: ONCE_RETRY_HORIZON_MS, or the longest delay
 * the config's own backoff gives its last retry (`worker.backoffMs` doubled per attempt, the
 * jitter's upper end) when that is longer, so the run never leaves a retry its own schedule made.
 */
export function onceRetryHorizonMs(worker: { backoffMs: number; attempts: number }): number {
  return Math.max(ONCE_RETRY_HORIZON_MS, worker.backoffMs * 2 ** Math.max(0, worker.attempts - 2));
}

/** Ids of the delayed jobs due before `at` (BullMQ scores a delayed job by due time × 0x1000 + counter), at most 1000. */
function delayedIds(redis: Redis, key: string, at: number): Promise<string[]> {
  return redis.zrangebyscore(key, '-inf', `(${at * 0x1000}`, 'LIMIT', 0, 1000);
}

/** A feed or article retry a `--once` run leaves for later (its due time past the horizon). */
export interface RetryLeft {
  queue: string;
  jobId: string;
  url: string | null;
  /** When it is due, ISO 8601 UTC. */
  dueAt: string;
  /** The reason code of its last failure (`rate-limited`, `http-5xx`, …), or null. */
  reason: string | null;
}

/**
 * The feed and article jobs (not job schedulers' ones) whose retry is due `horizonMs` or more
 * from `now`: what `waitUntilDrained` does not wait for. At most 1000 per queue.
 */
export async function retriesDueLater(queues: WorkerContext['queues'], redis: Redis, horizonMs: number, now = Date.now()): Promise<RetryLeft[]> {
  const out: RetryLeft[] = [];
  for (const q of [queues.feeds, queues.articles] as const) {
    const flat = await redis.zrangebyscore(q.keys.delayed, (now + horizonMs) * 0x1000, '+inf', 'WITHSCORES', 'LIMIT', 0, 1000);
    for (let i = 0; i < flat.length; i += 2) {
      const id = flat[i]!;
      if (id.startsWith('repeat')) continue;
      const job = await q.getJob(id);
      if (!job) continue;
      const dueAt = new Date(Math.floor(Number(flat[i + 1]) / 0x1000)).toISOString();
      out.push({ queue: q.name, jobId: id, url: (job.data as { url?: string }).url ?? null, dueAt, reason: reasonOfFailed(job.failedReason) });
    }
  }
  return out;
}

/**
 * The feed ids that have a delayed feed job (not a job scheduler's): a retry some earlier
 * `--once` run left for later (`retriesDueLater`). A new `--once` run does not poll those feeds
 * again: the server asked to wait (Retry-After), and a new job each run would pile up delayed
 * jobs that all come due together (seen in the review14 trial). At most 1000 looked at.
 */
export async function feedsWithRetryPending(feeds: WorkerContext['queues']['feeds'], redis: Redis): Promise<Set<string>> {
  const ids = (await redis.zrange(feeds.keys.delayed, 0, 999)).filter((id) => !id.startsWith('repeat'));
  const out = new Set<string>();
  for (const id of ids) {
    const job = await feeds.getJob(id);
    const feedId = (job?.data as { feedId?: string } | undefined)?.feedId;
    if (feedId) out.add(feedId);
  }
  return out;
}

/**
 * Waits until neither queue has waiting, active, prioritized or delayed jobs due within
 * `retryHorizonMs` (ONCE_RETRY_HORIZON_MS by default; later ones are left: `retriesDueLater`),
 * ignoring the delayed jobs of job schedulers (they are always there in service mode), and no
 * delivery queue has work due within ONCE_DELIVERY_HORIZON_MS; `lost` (when given) answering
 * true (Redis lost its data, and the run's jobs with it) counts as work left.
 */
export async function waitUntilDrained(
  queues: WorkerContext['queues'],
  redis: Redis,
  signal?: AbortSignal,
  lost?: () => Promise<boolean>,
  away?: { maxAwayMs: number; onAway: (awayMs: number) => Error },
  retryHorizonMs = ONCE_RETRY_HORIZON_MS,
): Promise<void> {
  let quiet = 0;
  let awaySince: number | null = null;
  while (!signal?.aborted) {
    let busy = 0;
    try {
      if (lost && (await lost())) busy++;
      for (const q of [queues.feeds, queues.articles] as const) {
        const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        busy += Object.values(c).reduce((a, b) => a + b, 0);
        // job ids only (one ZRANGEBYSCORE): reading up to 1,000 delayed jobs' data each second held
        // the event loop 0.1-0.25 s per look (issue 17 round 7). A job scheduler's jobs have ids
        // `repeat:<scheduler id>:<millis>` (BullMQ JobScheduler), so the id tells them apart.
        const delayed = await delayedIds(redis, q.keys.delayed, Date.now() + retryHorizonMs);
        busy += delayed.filter((id) => !id.startsWith('repeat')).length;
      }
      busy += await pendingDeliveriesSoon(queues.deliveries, redis, ONCE_DELIVERY_HORIZON_MS);
      awaySince = null;
    } catch {
      busy = 1; // Redis away: the run is not over, it waits for the reconnect (up to maxAwayMs)
      awaySince ??= Date.now();
      if (away && Date.now() - awaySince >= away.maxAwayMs) throw away.onAway(Date.now() - awaySince);
    }
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    // each look costs ~15 Redis commands: once a second while work is left, 4 times once quiet
    await new Promise((r) => setTimeout(r, busy ? 1000 : 250));
  }
}
