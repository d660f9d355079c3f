/**
 * What `/readyz` and `/healthz` check, as plain functions over the worker's parts.
 */
import type { Queue, Worker } from 'bullmq';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Sink } from '../sinks/types.js';
import type { Problem } from './server.js';
import { reasonOf } from '../errors.js';
import { sinkConfigFault } from '../sinks/failure.js';

/** Time a readiness probe waits for Redis, ms. */
export const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

/** What readiness looks at. */
export interface ReadinessParts {
  redis: Redis;
  feedsQueue: Queue;
  /** Feed ids that must have a job scheduler (none in `--once` mode). */
  feedIds: readonly string[];
  sinks: readonly Sink[];
}

/**
 * Problems that make the worker not ready: Redis does not answer PING, a feed has no job
 * scheduler, a sink's `probe()` fails. Empty when ready.
 */
export async function readinessProblems(p: ReadinessParts): Promise<Problem[]> {
  const problems: Problem[] = [];
  try {
    await withTimeout(p.redis.ping(), READY_TIMEOUT_MS, 'PING');
  } catch (err) {
    // Without Redis the scheduler check cannot run: report Redis alone. While the connection
    // is down ioredis only says "Stream isn't writeable and enableOfflineQueue options is
    // false"; name the state instead.
    const status = p.redis.status;
    const reason = status === 'ready' ? (err as Error).message : `not connected to Redis (connection ${status}): ${(err as Error).message}`;
    problems.push({ check: 'redis', code: 'redis-unavailable', reason });
  }
  if (!problems.length && p.feedIds.length) {
    try {
      const schedulers = await withTimeout(p.feedsQueue.getJobSchedulers(0, -1), READY_TIMEOUT_MS, 'job schedulers');
      const have = new Set(schedulers.map((s) => s.key ?? (s as { id?: string }).id));
      for (const id of p.feedIds) if (!have.has(id)) problems.push({ check: 'scheduler', name: id, code: 'scheduler-missing', reason: 'no job scheduler for this feed' });
    } catch (err) {
      problems.push({ check: 'scheduler', code: reasonOf(err), reason: (err as Error).message });
    }
  }
  await Promise.all(
    p.sinks.map(async (s) => {
      if (!s.probe) return;
      try {
        await withTimeout(s.probe(), READY_TIMEOUT_MS, s.name);
      } catch (err) {
        problems.push({ check: 'sink', name: s.name, code: sinkConfigFault(err) ? 'sink-misconfigured' : 'sink-failed', reason: (err as Error).message });
      }
    }),
  );
  return problems;
}

/** Problems that make the process unhealthy: a BullMQ worker that is not running. */
export function healthProblems(workers: readonly { queue: string; worker: Worker }[], stopping: boolean): Problem[] {
  if (stopping) return [{ check: 'worker', code: 'shutting-down', reason: 'shutting down' }];
  return workers.filter((w) => !w.worker.isRunning()).map((w) => ({ check: 'worker', name: w.queue, code: 'worker-stopped', reason: 'worker not running' }));
}
