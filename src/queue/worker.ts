/**
 * The worker process: both queues' processors, the job schedulers, the periodic
 * `queue.stats` line, `--once` draining, and graceful shutdown.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { userAgentOf } from '../config/load.js';
import { reasonOf } from '../errors.js';
import { fetchResource } from '../http/fetch.js';
import type { Logger } from '../log.js';
import { createSinks } from '../sinks/index.js';
import { loadTopic } from '../tagging/index.js';
import { processArticleJob } from '../../jobs/ingest-article.js';
import { processFeedJob } from '../../jobs/fetch-feed.js';
import { assertRedisReachable, createRedis } from './connection.js';
import type { WorkerContext } from './context.js';
import { ARTICLES_QUEUE, FEEDS_QUEUE, manualJobId, type FeedJobData } from './names.js';
import { openQueues, syncSchedulers, KEEP_COMPLETED, KEEP_FAILED } from './queues.js';
import { retryDelayMs, toJobError } from './retry.js';

export interface RunOptions {
  config: Config;
  log: Logger;
  /** Enqueue every feed once, wait until both queues are drained, then stop. */
  once?: boolean;
  /** Directory of topic files (default config/topics). */
  topicsDir?: string;
  /** Replace parts of the context (tests). */
  overrides?: Partial<Pick<WorkerContext, 'fetch' | 'hostSlot' | 'robotsAllows'>>;
  /** Resolves when the caller wants the worker to stop (signals are wired by the CLI). */
  stopSignal?: AbortSignal;
}

/** Per-process counts, for the `--once` summary and the stats line. */
export interface RunSummary {
  feeds: { completed: number; failed: number; retried: number };
  articles: { completed: number; failed: number; retried: number; written: number; filtered: number; relevant: number };
  durationMs: number;
}

/** Builds the context: sinks, topics, HTTP functions. */
export async function buildContext(config: Config, redis: Redis, log: Logger, queues: WorkerContext['queues'], opts: Pick<RunOptions, 'topicsDir' | 'overrides'> = {}): Promise<WorkerContext> {
  const topics = config.topics.map((id) => loadTopic(id, opts.topicsDir));
  const sinks = await createSinks(config);
  return {
    config,
    redis,
    log,
    queues,
    sinks,
    topics,
    userAgent: userAgentOf(config),
    fetch: opts.overrides?.fetch ?? fetchResource,
    hostSlot: opts.overrides?.hostSlot ?? (async () => ({ ok: true, release: async () => {} })),
    robotsAllows: opts.overrides?.robotsAllows ?? (async () => true),
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
  await assertRedisReachable(config.redis.url);
  const connection = createRedis(config.redis.url);
  connection.on('error', (err) => log.warn({ event: 'redis.error', reason: (err as NodeJS.ErrnoException).code ?? err.message }, 'redis connection problem'));
  const queues = openQueues(config, connection);
  const ctx = await buildContext(config, connection, log, queues, opts);
  const summary: RunSummary = {
    feeds: { completed: 0, failed: 0, retried: 0 },
    articles: { completed: 0, failed: 0, retried: 0, written: 0, filtered: 0, relevant: 0 },
    durationMs: 0,
  };

  if (!opts.once) await syncSchedulers(queues.feeds, config.feeds, log);

  const settings = { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelayMs(attemptsMade, (err?.cause as Error) ?? err, config.worker.backoffMs) };
  const wrap = <D, R>(queue: string, fn: (job: Job<D>, token?: string) => Promise<R>) =>
    async (job: Job<D>, token?: string): Promise<R> => {
      const t0 = Date.now();
      const d = job.data as { feedId?: string | null; url?: string; reason?: string };
      const base = { jobId: job.id, queue, feedId: d.feedId ?? undefined, url: d.url, attempt: job.attemptsMade + 1, reason: d.reason };
      log.debug({ event: 'job.start', ...base }, 'job start');
      try {
        const result = await fn(job, token);
        log.info({ event: 'job.end', ...base, durationMs: Date.now() - t0, outcome: (result as { outcome?: string }).outcome ?? 'ok', result }, 'job done');
        return result;
      } catch (err) {
        if ((err as Error).name === 'DelayedError') {
          log.debug({ event: 'job.delayed', ...base, durationMs: Date.now() - t0, outcome: 'delayed', reason: 'host-busy' }, 'job delayed');
          throw err;
        }
        const mapped = toJobError(err);
        const retrying = mapped.name !== 'UnrecoverableError' && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
        log[retrying ? 'warn' : 'error'](
          { event: 'job.end', ...base, durationMs: Date.now() - t0, outcome: retrying ? 'retry' : 'failed', reason: reasonOf(err), err: (err as Error).message },
          retrying ? 'job failed, will retry' : 'job failed',
        );
        if (retrying) summary[queue === FEEDS_QUEUE ? 'feeds' : 'articles'].retried++;
        throw mapped;
      }
    };

  const common = { connection, prefix: config.redis.prefix, settings, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
  const feedWorker = new Worker<FeedJobData>(FEEDS_QUEUE, wrap(FEEDS_QUEUE, (job) => processFeedJob(job, ctx)), { ...common, concurrency: config.worker.feedConcurrency });
  const articleWorker = new Worker(ARTICLES_QUEUE, wrap(ARTICLES_QUEUE, (job, token) => processArticleJob(job as never, ctx, token)), {
    ...common,
    concurrency: config.worker.articleConcurrency,
  });
  for (const w of [feedWorker, articleWorker]) w.on('error', (err) => log.warn({ event: 'worker.error', reason: err.message }, 'worker error'));
  feedWorker.on('completed', () => summary.feeds.completed++);
  const isFinal = (job: Job | undefined, err: Error) => err.name === 'UnrecoverableError' || (job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true);
  feedWorker.on('failed', (job, err) => {
    if (isFinal(job, err)) summary.feeds.failed++;
  });
  articleWorker.on('completed', (_job, result: { outcome?: string; relevant?: boolean }) => {
    summary.articles.completed++;
    if (result?.outcome === 'written') summary.articles.written++;
    else summary.articles.filtered++;
    if (result?.relevant) summary.articles.relevant++;
  });
  articleWorker.on('failed', (job, err) => {
    if (isFinal(job, err)) summary.articles.failed++;
  });

  const stats = setInterval(() => {
    void Promise.all([queues.feeds.getJobCounts(), queues.articles.getJobCounts()])
      .then(([f, a]) => log.info({ event: 'queue.stats', feeds: f, articles: a, processed: summary }, 'queue stats'))
      .catch(() => {});
  }, config.worker.statsIntervalMs);
  stats.unref();

  try {
    if (opts.once) {
      const now = Date.now();
      await queues.feeds.addBulk(
        config.feeds.map((f) => ({ name: 'fetch-feed', data: { feedId: f.id, url: f.url, reason: 'once' as const }, opts: { jobId: manualJobId('f', f.id, now) } })),
      );
      await waitUntilDrained(queues, opts.stopSignal);
    } else {
      await new Promise<void>((resolve) => {
        if (opts.stopSignal?.aborted) return resolve();
        opts.stopSignal?.addEventListener('abort', () => resolve(), { once: true });
      });
      log.info({ event: 'worker.stopping' }, 'stopping: no new jobs, waiting for active ones');
    }
  } finally {
    clearInterval(stats);
    await closeBounded([feedWorker, articleWorker], config.worker.shutdownTimeoutMs, log);
    await Promise.allSettled(ctx.sinks.map((s) => s.close()));
    await queues.close();
    await connection.quit().catch(() => connection.disconnect());
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
    await Promise.all(workers.map((w) => w.close(true)));
  }
}

/**
 * Waits until neither queue has waiting, active, prioritized or delayed jobs, ignoring the
 * delayed jobs of job schedulers (they are always there in service mode).
 */
async function waitUntilDrained(queues: WorkerContext['queues'], signal?: AbortSignal): Promise<void> {
  let quiet = 0;
  while (!signal?.aborted) {
    let busy = 0;
    for (const q of [queues.feeds, queues.articles] as const) {
      const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
      const delayed = await q.getDelayed(0, 999);
      busy += delayed.filter((j) => !j.repeatJobKey && !String(j.id).startsWith('repeat')).length;
    }
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
