/**
 * What the ops listener's scrape-time gauges read from a running worker (src/ops/metrics.ts):
 * job counts per queue, feed health, and sink backlogs. Split out of src/queue/worker.ts.
 */
import { Queue } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import type { Config } from '../config/schema.js';
import type { ScrapeSources } from '../ops/metrics.js';
import { getFeedState } from '../state/feed-state.js';
import { collectBacklog } from './deliveries.js';
import type { WorkerContext } from './context.js';
import type { ArticleJobData } from './names.js';

/** Every BullMQ queue in a worker's context (feeds, articles, and one delivery queue per sink). */
export function allQueues(queues: WorkerContext['queues']): Queue[] {
  const out: Queue[] = [];
  for (const v of Object.values(queues) as unknown[]) {
    if (v instanceof Queue) out.push(v);
    else if (v && typeof v === 'object') for (const q of Object.values(v)) if (q instanceof Queue) out.push(q);
  }
  return out;
}

/** What the scrape-time gauges read: job counts, feed health, and sink backlogs (a sample of at most 1,000 article jobs). */
export function metricSources(config: Config, redis: Redis, queues: WorkerContext['queues'], sinkNames: () => string[]): ScrapeSources {
  return {
    async queueCounts() {
      const states = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
      const out: Record<string, Record<string, number>> = {};
      for (const q of allQueues(queues)) out[q.name] = await q.getJobCounts(...states);
      return out;
    },
    async feedHealth() {
      return Promise.all(
        config.feeds.map(async (f) => {
          const s = await getFeedState(redis, config.redis.prefix, f.id);
          return { feed: f.id, lastSuccessMs: s.lastSuccessAt ? Date.parse(s.lastSuccessAt) : null, consecutiveFailures: s.consecutiveFailures };
        }),
      );
    },
    async sinkBacklog() {
      // Records waiting in each sink's delivery queue, plus article jobs that could not hand theirs off.
      const out: Record<string, number> = Object.fromEntries(sinkNames().map((n) => [n, 0]));
      for (const b of await collectBacklog(queues.deliveries)) out[b.sink] = (out[b.sink] ?? 0) + b.pending;
      const jobs = await queues.articles.getJobs(['waiting', 'delayed', 'prioritized', 'active'], 0, 999);
      for (const j of jobs) for (const name of (j?.data as ArticleJobData | undefined)?.pendingSinks ?? []) out[name] = (out[name] ?? 0) + 1; // (a batch job has none: a failed hand-off leaves its batch)
      return out;
    },
  };
}
