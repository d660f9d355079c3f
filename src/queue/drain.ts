/**
 * How a worker stops: the bounded close of its BullMQ workers, and `--once`'s wait until the
 * queues are drained. Split out of src/queue/worker.ts.
 */
import type { Worker } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import type { Logger } from '../log.js';
import { pendingDeliveriesSoon } from './deliveries.js';
import type { WorkerContext } from './context.js';

/** Closes workers, waiting for active jobs at most `timeoutMs`, then forcing (BullMQ's close has no timeout). */
export async function closeBounded(workers: Worker[], timeoutMs: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  const ok = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (!ok) {
    log.warn({ event: 'worker.forced-close', durationMs: timeoutMs, reason: 'timeout' }, 'active jobs did not finish in time; closing anyway (they will be retried as stalled)');
    // A forced close can itself hang while Redis is away: bounded too, then the process exits.
    await Promise.race([Promise.all(workers.map((w) => w.close(true))), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}

/**
 * `--once`: how far ahead a delivery retry may be due for the run to wait for it, ms. A sink
 * still failing after its first retries is left with its queue (reported, shown by `status`).
 */
export const ONCE_DELIVERY_HORIZON_MS = 60_000;

/**
 * Waits until neither queue has waiting, active, prioritized or delayed jobs, ignoring the
 * delayed jobs of job schedulers (they are always there in service mode), and no delivery
 * queue has work due within ONCE_DELIVERY_HORIZON_MS; `lost` (when given) answering true
 * (Redis lost its data, and the run's jobs with it) counts as work left.
 */
export async function waitUntilDrained(
  queues: WorkerContext['queues'],
  redis: Redis,
  signal?: AbortSignal,
  lost?: () => Promise<boolean>,
  away?: { maxAwayMs: number; onAway: (awayMs: number) => Error },
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
        // job ids only (one ZRANGE): reading up to 1,000 delayed jobs' data each second held the
        // event loop 0.1-0.25 s per look (issue 17 round 7). A job scheduler's jobs have ids
        // `repeat:<scheduler id>:<millis>` (BullMQ JobScheduler), so the id tells them apart.
        const delayed = await q.getRanges(['delayed'], 0, 999);
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
