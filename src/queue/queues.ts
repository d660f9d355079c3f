/**
 * The two queues, their default job options, and the job scheduler sync.
 *
 * Retention (issue 6, DESIGN.md pitfalls): finished jobs are kept by age and count and the
 * events stream is capped, so Redis memory stays flat on a long run.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import type { Config, FeedConfig } from '../config/schema.js';
import { openDeliveryQueues, type DeliveryJobData } from './deliveries.js';
import type { Logger } from '../log.js';
import { ARTICLES_QUEUE, FEEDS_QUEUE, type ArticleBatchData, type ArticleJobData, type FeedJobData } from './names.js';

/**
 * Completed jobs kept: the last 1,000. No age limit: BullMQ checks an age with one more
 * command (ZREVRANGEBYSCORE) on every finished job (issue 17, commands per article), and the
 * count alone bounds the memory (~2 KB a job).
 */
export const KEEP_COMPLETED = { count: 1000 };
/** Failed jobs kept for inspection and re-ingest: 7 days or 10,000 jobs. */
export const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };
/**
 * Finished-job counters kept by BullMQ inside `moveToFinished` (no extra round trip): a total
 * and one data point per minute, at most this many (one day). `status` reads them to show
 * progress, since the completed set itself is capped by KEEP_COMPLETED.
 */
export const METRICS = { maxDataPoints: 24 * 60 };
/** Events stream cap (entries), per queue. */
export const EVENTS_MAX_LEN = 2000;

export interface Queues {
  feeds: Queue<FeedJobData>;
  /** `ingest-article` jobs, and `ingest-articles` jobs (several items: src/queue/article-batch.ts). */
  articles: Queue<ArticleJobData | ArticleBatchData>;
  /** One delivery queue per sink, by sink name (`deliver-<name>`, src/queue/deliveries.ts). */
  deliveries: Record<string, Queue<DeliveryJobData>>;
  close(): Promise<void>;
}

/** Default options of every job: attempts from the config, our custom backoff, retention. */
export function defaultJobOptions(cfg: Config): JobsOptions {
  return {
    attempts: cfg.worker.attempts,
    backoff: { type: 'custom' },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/** Opens the feeds, articles and delivery queues on one connection, under `cfg.redis.prefix`. */
export function openQueues(cfg: Config, connection: Redis): Queues {
  const common = { connection, prefix: cfg.redis.prefix, defaultJobOptions: defaultJobOptions(cfg), streams: { events: { maxLen: EVENTS_MAX_LEN } } };
  const feeds = new Queue<FeedJobData>(FEEDS_QUEUE, common);
  const articles = new Queue<ArticleJobData | ArticleBatchData>(ARTICLES_QUEUE, common);
  for (const q of [feeds, articles]) q.on('error', () => {});
  // A delivery job has its sink's own attempts (`retries` + 1); retention as above (a
  // delivery failed for good stays 7 days, in `status`).
  const deliveries = openDeliveryQueues(cfg, (s) => ({ ...common, defaultJobOptions: { ...common.defaultJobOptions, attempts: s.retries + 1 } }));
  return {
    feeds,
    articles,
    deliveries,
    close: async () => {
      await Promise.all([feeds.close(), articles.close(), ...Object.values(deliveries).map((q) => q.close())]);
    },
  };
}

/**
 * Makes the job schedulers match the configured feeds: one scheduler per feed
 * (`upsertJobScheduler`, id = feed id, every `minIntervalMinutes` when set, else `intervalMinutes`:
 * the feed job skips ticks until its adaptive next poll is due), and stale schedulers
 * (feeds no longer in the config) removed. Idempotent: safe from several workers at once,
 * since an upsert with the same id and options changes nothing.
 * @returns the ids upserted and removed
 */
export async function syncSchedulers(queue: Queue<FeedJobData>, feeds: readonly FeedConfig[], log?: Logger): Promise<{ upserted: string[]; removed: string[] }> {
  const wanted = new Set(feeds.map((f) => f.id));
  for (const f of feeds) {
    await queue.upsertJobScheduler(
      f.id,
      { every: Math.round(Math.min(f.minIntervalMinutes ?? f.intervalMinutes, f.intervalMinutes) * 60_000) },
      { name: 'fetch-feed', data: { feedId: f.id, url: f.url, reason: 'scheduled' } },
    );
  }
  const removed: string[] = [];
  const existing = await queue.getJobSchedulers(0, -1);
  for (const s of existing) {
    const id = s.key ?? (s as { id?: string }).id;
    if (id && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  // A start with a config missing feeds stops those feeds for every worker of the prefix: say so loudly.
  if (removed.length) log?.warn({ event: 'schedulers.removed', removed, prefix: queue.opts.prefix }, `removed the job schedulers of ${removed.length} feed(s) not in this config: ${removed.join(', ')}`);
  log?.info({ event: 'schedulers.sync', upserted: feeds.length, removed }, 'job schedulers synced');
  return { upserted: [...wanted], removed };
}
