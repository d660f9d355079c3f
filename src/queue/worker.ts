/**
 * The worker process: both queues' processors, the job schedulers, the periodic
 * `queue.stats` line, `--once` draining, and graceful shutdown.
 */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, SinkConfig } from '../config/schema.js';
import { ConfigError, userAgentOf } from '../config/load.js';
import { fetchResource } from '../http/fetch.js';
import { acquireHostSlot } from '../http/politeness.js';
import { robotsVerdict } from '../http/robots.js';
import type { Logger } from '../log.js';
import { createSinks } from '../sinks/index.js';
import { loadTopic, type Topic } from '../tagging/index.js';
import { processArticleJob } from '../../jobs/ingest-article.js';
import { processFeedJob } from '../../jobs/fetch-feed.js';
import { processDeliveryJob } from '../../jobs/deliver-record.js';
import type { Sink } from '../sinks/types.js';
import { BacklogTracker, collectBacklog, deliveryBackoffMs, deliveryQueueName, pendingDeliveriesSoon, type DeliveryJobData } from './deliveries.js';
import { pageToRecord } from '../pipeline/page.js';
import { ExtractPool } from './extract-pool.js';
import { assertRedisReachable, createProducerRedis, createRedis, whenReady } from './connection.js';
import type { WorkerContext } from './context.js';
import { ARTICLES_QUEUE, FEEDS_QUEUE, manualJobId, type ArticleJobData, type FeedJobData } from './names.js';
import { emptyCounts, instrument, type Activity, type JobEndEvent, type QueueCounts } from './processor.js';
import { WatchedWorker } from './watchdog.js';
import { openQueues, syncSchedulers, KEEP_COMPLETED, KEEP_FAILED, METRICS } from './queues.js';
import { backoffDelayMs } from '../http/retry.js';

export interface RunOptions {
  config: Config;
  log: Logger;
  /** Enqueue every feed once, wait until both queues are drained, then stop. */
  once?: boolean;
  /** Directory of topic files (default config/topics). */
  topicsDir?: string;
  /** Replace parts of the context (tests). */
  overrides?: Partial<Pick<WorkerContext, 'fetch' | 'hostSlot' | 'robots'>>;
  /** Resolves when the caller wants the worker to stop (signals are wired by the CLI). */
  stopSignal?: AbortSignal;
  /** Extraction threads; overrides `config.worker.extractThreads` (0 = extract on the main thread). */
  extractThreads?: number;
  /** Called after every job attempt of either queue (metrics; `bench/pipeline.ts` takes its latencies from it). Must not throw. */
  onJobEnd?: (e: JobEndEvent) => void;
}

/** Per-process counts, for the `--once` summary and the stats line. */
export interface RunSummary {
  feeds: QueueCounts;
  articles: QueueCounts;
  /** Delivery jobs of every sink's delivery queue, run in this process. */
  deliveries: QueueCounts;
  /** `--once`: deliveries still pending per sink when the run ended (retries due later), by sink name. */
  deliveriesPending: Record<string, number>;
  durationMs: number;
}

/**
 * Loads every configured topic file.
 * @throws ConfigError naming the topic file that cannot be read or compiled
 */
export function loadTopics(config: Config, dir?: string): Topic[] {
  return config.topics.map((id, i) => {
    try {
      return loadTopic(id, dir);
    } catch (err) {
      throw new ConfigError(`topic "${id}"`, [`topics[${i}]: ${(err as Error).message}`]);
    }
  });
}

/** Builds the context: sinks, topics, HTTP functions. */
export async function buildContext(
  config: Config,
  redis: Redis,
  log: Logger,
  queues: WorkerContext['queues'],
  opts: Pick<RunOptions, 'topicsDir' | 'overrides' | 'extractThreads'> = {},
  topics: Topic[] = loadTopics(config, opts.topicsDir),
): Promise<WorkerContext> {
  const sinks = await createSinks(config);
  const userAgent = userAgentOf(config);
  const fetch = opts.overrides?.fetch ?? fetchResource;
  const prefix = config.redis.prefix;
  const threads = opts.extractThreads ?? config.worker.extractThreads;
  const extractPool = threads > 0 ? new ExtractPool(threads, config.topics, opts.topicsDir) : null;
  return {
    config,
    redis,
    log,
    queues,
    sinks,
    topics,
    userAgent,
    fetch,
    hostSlot: opts.overrides?.hostSlot ?? ((host) => acquireHostSlot(redis, prefix, host, config.http.perHost)),
    robots: opts.overrides?.robots ?? ((url) => robotsVerdict(url, { redis, prefix, http: config.http, userAgent, fetch })),
    toRecord: extractPool ? (page) => extractPool.run(page) : async (page) => pageToRecord(page, topics),
    backlog: new BacklogTracker(queues.deliveries),
    extractPool,
  };
}

/**
 * Runs the worker until `stopSignal` aborts (service mode) or, with `once`, until both
 * queues are drained.
 * @throws RedisUnavailableError when Redis does not answer at start
 */
export async function runWorker(opts: RunOptions): Promise<RunSummary> {
  const { config, log } = opts;
  const started = Date.now();
  // Everything that can fail on bad input is checked before a connection is opened.
  const topics = loadTopics(config, opts.topicsDir);
  await assertRedisReachable(config.redis.url);
  // Two roles, two clients (see src/queue/connection.ts): producers fail fast, consumers wait.
  const connection = createProducerRedis(config.redis.url);
  const workerConnection = createRedis(config.redis.url);
  let lastRedisError = '';
  for (const c of [connection, workerConnection]) {
    c.on('error', (err) => {
      const reason = (err as NodeJS.ErrnoException).code ?? err.message;
      if (reason !== lastRedisError) log.warn({ event: 'redis.error', reason }, 'redis connection problem; reconnecting');
      lastRedisError = reason;
    });
    c.on('ready', () => {
      if (lastRedisError) log.info({ event: 'redis.reconnected' }, 'redis connection back');
      lastRedisError = '';
    });
  }
  const closeConnections = async () => {
    for (const c of [connection, workerConnection]) await c.quit().catch(() => c.disconnect());
  };
  let queues: WorkerContext['queues'];
  let ctx: WorkerContext;
  try {
    await whenReady(connection, config.redis.url);
    queues = openQueues(config, connection);
    ctx = await buildContext(config, connection, log, queues, opts, topics);
  } catch (err) {
    await closeConnections();
    throw err;
  }
  const summary: RunSummary = { feeds: emptyCounts(), articles: emptyCounts(), deliveries: emptyCounts(), deliveriesPending: {}, durationMs: 0 };

  if (!opts.once) await syncSchedulers(queues.feeds, config.feeds, log);

  const settings = { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => backoffDelayMs(attemptsMade, config.worker.backoffMs, (err?.cause as Error) ?? err) };
  const common = {
    connection: workerConnection,
    prefix: config.redis.prefix,
    settings,
    lockDuration: config.worker.lockDurationMs,
    stalledInterval: config.worker.stalledIntervalMs,
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
    metrics: METRICS,
  };
  const feedActivity: Activity = { lastAt: Date.now(), active: 0 };
  const articleActivity: Activity = { lastAt: Date.now(), active: 0 };
  const makeFeedWorker = () =>
    new Worker<FeedJobData>(FEEDS_QUEUE, instrument(FEEDS_QUEUE, (job) => processFeedJob(job, ctx), log, summary.feeds, feedActivity, opts.onJobEnd), {
      ...common,
      concurrency: config.worker.feedConcurrency,
    });
  const makeDeliveryWorker = (sink: Sink, sinkCfg: SinkConfig, deliveryActivity: Activity) => () => {
    const name = deliveryQueueName(sink.name);
    return new Worker<DeliveryJobData>(name, instrument(name, (job) => processDeliveryJob(job, sink), log, summary.deliveries, deliveryActivity, opts.onJobEnd), {
      ...common,
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => deliveryBackoffMs(attemptsMade, sinkCfg, (err?.cause as Error) ?? err) },
      concurrency: config.worker.deliveryConcurrency,
    });
  };
  const makeArticleWorker = () =>
    new Worker<ArticleJobData>(ARTICLES_QUEUE, instrument(ARTICLES_QUEUE, (job, token) => processArticleJob(job, ctx, token), log, summary.articles, articleActivity, opts.onJobEnd), {
      ...common,
      concurrency: config.worker.articleConcurrency,
    });
  const watched = [
    new WatchedWorker(makeFeedWorker, queues.feeds, feedActivity, log),
    new WatchedWorker(makeArticleWorker, queues.articles, articleActivity, log),
    ...ctx.sinks.map((sink, i) => {
      const activity: Activity = { lastAt: Date.now(), active: 0 };
      return new WatchedWorker(makeDeliveryWorker(sink, config.sinks[i], activity), queues.deliveries[sink.name], activity, log);
    }),
  ];

  const stats = setInterval(() => {
    void Promise.all([queues.feeds.getJobCounts(), queues.articles.getJobCounts()])
      .then(async ([f, a]) => {
        const backlog = Object.fromEntries((await collectBacklog(queues.deliveries)).map((b) => [b.sink, b.pending]));
        log.info({ event: 'queue.stats', feeds: f, articles: a, backlog, processed: summary }, 'queue stats');
      })
      .catch(() => {});
  }, config.worker.statsIntervalMs);
  stats.unref();

  try {
    if (opts.once) {
      const now = Date.now();
      await queues.feeds.addBulk(
        config.feeds.map((f) => ({ name: 'fetch-feed', data: { feedId: f.id, url: f.url, reason: 'once' as const }, opts: { jobId: manualJobId('f', f.id, now) } })),
      );
      await waitUntilDrained(queues, connection, opts.stopSignal);
      const left = (await collectBacklog(queues.deliveries).catch(() => [])).filter((b) => b.pending > 0);
      summary.deliveriesPending = Object.fromEntries(left.map((b) => [b.sink, b.pending]));
      if (left.length) {
        log.warn({ event: 'delivery.pending', sinks: summary.deliveriesPending }, 'deliveries left for a later run (retries due later); see status');
      }
    } else {
      await new Promise<void>((resolve) => {
        if (opts.stopSignal?.aborted) return resolve();
        opts.stopSignal?.addEventListener('abort', () => resolve(), { once: true });
      });
      log.info({ event: 'worker.stopping' }, 'stopping: no new jobs, waiting for active ones');
    }
  } finally {
    clearInterval(stats);
    for (const w of watched) w.stopWatching();
    await closeBounded(watched.map((w) => w.worker), config.worker.shutdownTimeoutMs, log);
    await ctx.extractPool?.close();
    await Promise.allSettled(ctx.sinks.map((s) => s.close()));
    await queues.close();
    await closeConnections();
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Closes workers, waiting for active jobs at most `timeoutMs`, then forcing (BullMQ's close has no timeout). */
async function closeBounded(workers: Worker[], timeoutMs: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  const ok = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (!ok) {
    log.warn({ event: 'worker.forced-close', durationMs: timeoutMs }, 'active jobs did not finish in time; closing anyway (they will be retried as stalled)');
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
 * queue has work due within ONCE_DELIVERY_HORIZON_MS.
 */
async function waitUntilDrained(queues: WorkerContext['queues'], redis: Redis, signal?: AbortSignal): Promise<void> {
  let quiet = 0;
  while (!signal?.aborted) {
    let busy = 0;
    try {
      for (const q of [queues.feeds, queues.articles] as const) {
        const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        busy += Object.values(c).reduce((a, b) => a + b, 0);
        const delayed = await q.getDelayed(0, 999);
        busy += delayed.filter((j) => !j.repeatJobKey && !String(j.id).startsWith('repeat')).length;
      }
      busy += await pendingDeliveriesSoon(queues.deliveries, redis, ONCE_DELIVERY_HORIZON_MS);
    } catch {
      busy = 1; // Redis away: the run is not over, it waits for the reconnect
    }
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
