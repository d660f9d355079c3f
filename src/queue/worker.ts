/**
 * The worker process: both queues' processors, the job schedulers, the periodic
 * `queue.stats` line, `--once` draining, and graceful shutdown.
 */
import { Worker, type Job } from 'bullmq';
import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import type { Config, SinkConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import { reasonOf, RedisDatabaseError, RedisUnavailableError } from '../errors.js';
import { closeIdleConnections } from '../http/agents.js';
import { processFeedJob } from '../../jobs/fetch-feed.js';
import { processDeliveryJob } from '../../jobs/deliver-record.js';
import type { Sink } from '../sinks/types.js';
import { collectBacklog, deliveryBackoffStrategy, deliveryRetryWindows, deliveryQueueName, type DeliveryJobData, type RetryWindow } from './deliveries.js';
import { startHeartbeat } from '../ops/heartbeat.js';
import { countJobEnd } from '../ops/instrument.js';
import { healthProblems, readinessProblems } from '../ops/readiness.js';
import { opsSettingsOf, type OpsSettings } from '../ops/settings.js';
import { Owned } from './owned.js';
import { assertRedisReachable, createProducerRedis, createRedis, describeTarget, whenReady } from './connection.js';
import type { WorkerContext } from './context.js';
import { allQueues, metricSources } from './metric-sources.js';
import { closeBoundMs, closeBounded, feedsWithRetryPending, onceRetryHorizonMs, retriesDueLater, waitUntilDrained } from './drain.js';
import { ARTICLE_BATCH_JOB, ARTICLES_QUEUE, FEEDS_QUEUE, manualJobId, type ArticleBatchData, type ArticleJobData, type FeedJobData } from './names.js';
import { instrumentBatch, processArticleBatch, runArticleItem } from './article-batch.js';
import { emptyCounts, instrument, type Activity, type JobEndEvent, type QueueCounts } from './processor.js';
import { WatchedWorker } from './watchdog.js';
import { openQueues, syncSchedulers, KEEP_COMPLETED, KEEP_FAILED, METRICS } from './queues.js';
import { BULLMQ_STALLED_MESSAGE, jobBackoffStrategy, reasonOfFailed } from '../retry/policy.js';
import { logStalledFailure } from './article-end.js';
import { markerKey, RedisGuard } from './reconcile.js';
import { buildContext, loadTopics, startExtractPool } from './worker-context.js';
import { runArticleJob, seenFailureWriter } from './article-job.js';
import { NoticeWriter } from '../state/notices.js';

// The context builders moved to src/queue/worker-context.ts; importers of this module keep them here.
export { buildContext, loadTopics, startExtractPool } from './worker-context.js';

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
  /**
   * The ops listener: settings, or null for none. Default: from `config.ops`
   * (`opsSettingsOf(config)`); the CLI passes the `--ops-listen` result.
   */
  ops?: OpsSettings | null;
  /** More routes on the ops listener, behind its auth (e.g. a page of another module). */
  mountOps?: (app: import('express').Express) => void;
  /** Called once everything has started (the ops listener's URL, for tests and the CLI). */
  onStarted?: (info: { opsUrl: string | null }) => void;
}

/** Per-process counts, for the `--once` summary and the stats line. */
export interface RunSummary {
  feeds: QueueCounts;
  articles: QueueCounts;
  /** Delivery jobs of every sink's delivery queue, run in this process. */
  deliveries: QueueCounts;
  /** `--once`: deliveries still pending per sink when the run ended (retries due later), by sink name. */
  deliveriesPending: Record<string, number>;
  /** `--once`: feed and article retries due past the run's horizon, left in Redis (`run.retries-left`). */
  retriesPending?: number;
  /**
   * `--once`: true when `stopSignal` (SIGTERM, SIGINT) ended the run before the queues were
   * drained; the jobs left wait in Redis for the next start.
   */
  interrupted?: boolean;
  /** `--once`: times Redis lost its data during the run (each time every feed was polled again: `run.repoll`). */
  redisResets?: number;
  durationMs: number;
}

/**
 * Runs the worker until `stopSignal` aborts (service mode) or, with `once`, until both
 * queues are drained. This is the composition root: everything it opens (Redis clients,
 * queues, sinks, extraction threads, workers, the ops listener, timers) is registered in an
 * `Owned` stack and closed in reverse order on every way out, a failed start included.
 * @throws RedisUnavailableError when Redis does not answer at start, or (`--once`) stays away longer than worker.onceRedisWaitMs
 * @throws OpsConfigError when the ops listener's settings are unusable (before connecting)
 */
export async function runWorker(opts: RunOptions): Promise<RunSummary> {
  const { config, log } = opts;
  const started = Date.now();
  // Everything that can fail on bad input is checked before a connection is opened: the topic
  // files by the extraction threads, which load them (the main thread then holds none), or here.
  const threads = opts.extractThreads ?? config.worker.extractThreads;
  const topics = threads > 0 ? null : loadTopics(config, opts.topicsDir);
  const opsSettings = opts.ops !== undefined ? opts.ops : opsSettingsOf(config);
  const extractPool = threads > 0 ? await startExtractPool(config, threads, opts.topicsDir) : null;
  try {
    await assertRedisReachable(config.redis);
  } catch (err) {
    await extractPool?.close();
    throw err;
  }
  const owned = new Owned(log);
  const summary: RunSummary = { feeds: emptyCounts(), articles: emptyCounts(), deliveries: emptyCounts(), deliveriesPending: {}, durationMs: 0 };
  try {
    // Closed after everything else: no job is left to hand it a page.
    if (extractPool) owned.add('extraction threads', extractPool, (p) => p.close());
    // Closed last: kept-alive page and feed connections left idle once every job has ended.
    owned.add('idle HTTP connections', null, () => closeIdleConnections());
    // Two roles, two clients (see src/queue/connection.ts): producers fail fast, consumers wait.
    const connection = owned.add('redis producer', createProducerRedis(config.redis), quitRedis);
    const workerConnection = owned.add('redis consumer', createRedis(config.redis), quitRedis);
    let lastRedisError = '';
    let guard: RedisGuard | undefined;
    let producerLost = false;
    let databaseRefused: RedisDatabaseError | null = null;
    for (const c of [connection, workerConnection]) {
      c.on('error', (err) => {
        if (c === connection) producerLost = true;
        // Redis came back refusing the URL's database index: the client dropped the connection
        // (never on in database 0, src/queue/database.ts) and keeps trying, as after an outage
        if (err instanceof RedisDatabaseError) {
          databaseRefused = err;
          if (err.message !== lastRedisError) log.error({ event: 'redis.database-refused', reason: err.code, db: err.db, reply: err.reply }, `${err.message} The connection is dropped and tried again; nothing is written meanwhile.`);
          lastRedisError = err.message;
          return;
        }
        const reason = (err as NodeJS.ErrnoException).code ?? err.message;
        if (reason !== lastRedisError) log.warn({ event: 'redis.error', reason: 'redis-unavailable', error: reason }, 'redis connection problem; reconnecting');
        lastRedisError = reason;
      });
      // A Redis Cluster reports a lost node (a master killed before its replica takes over) as
      // 'node error', not 'error'; the client itself follows the failover.
      c.on('node error', (err: Error, node: string) => {
        const reason = (err as NodeJS.ErrnoException).code ?? err.message;
        if (`${node} ${reason}` !== lastRedisError) log.warn({ event: 'redis.node-error', node, reason: 'redis-unavailable', error: reason }, `redis cluster node ${node}: ${reason}; the client follows the cluster`);
        lastRedisError = `${node} ${reason}`;
      });
      c.on('ready', () => {
        if (lastRedisError) log.info({ event: 'redis.reconnected' }, 'redis connection back');
        lastRedisError = '';
        databaseRefused = null;
        // Redis may have come back empty (no persistence, failover): reconcile at once.
        if (c === connection && producerLost) {
          producerLost = false;
          guard?.onReconnect();
        }
      });
    }
    await whenReady(connection, describeTarget(config.redis));
    const queues = owned.add('queues', openQueues(config, connection), (q) => q.close());
    // events no job keeps, counted for `status` (src/state/notices.ts)
    const notices = owned.add('notices', new NoticeWriter(connection, config.redis.prefix), (n) => n.close());
    let sinkNames: string[] = [];
    // A scrape-time read that fails (Redis away) leaves its gauges at their last values: logged, at most once a minute per source.
    const readFailedAt = new Map<string, number>();
    const onMetricsReadFailed = (source: string, err: Error) => {
      notices.note('metrics.read-failed', reasonOf(err), `${source}: ${err.message}`);
      if (Date.now() - (readFailedAt.get(source) ?? 0) < 60_000) return;
      readFailedAt.set(source, Date.now());
      log.warn({ event: 'metrics.read-failed', source, reason: reasonOf(err), error: err.message }, `/metrics: ${source} could not be read from Redis; its gauges keep their last values`);
    };
    const metrics = opsSettings ? (await import('../ops/metrics.js')).createMetrics(metricSources(config, connection, queues, () => sinkNames), onMetricsReadFailed) : null;
    const ctx = await buildContext(config, connection, log, queues, opts, extractPool, topics, owned, metrics);

    sinkNames = ctx.sinks.map((s) => s.name);
    // Eviction policy (refuses allkeys-*), and a Redis that lost its data while no worker ran.
    // `--once`: the run's feed jobs (and the article jobs they made) were in lost data: poll the
    // feeds again, so the run still ends with every article it should have (the seen-set was
    // rebuilt from the sinks: what they hold is not fetched again).
    const onceFeedJobs = () => {
      const now = Date.now();
      return config.feeds.map((f) => ({ name: 'fetch-feed', data: { feedId: f.id, url: f.url, reason: 'once' as const }, opts: { jobId: manualJobId('f', f.id, now) } }));
    };
    const onReset = opts.once
      ? async () => {
          await queues.feeds.addBulk(onceFeedJobs());
          summary.redisResets = (summary.redisResets ?? 0) + 1;
          log.warn({ event: 'run.repoll', feeds: config.feeds.length, reason: 'redis-data-lost' }, 'Redis lost the run\'s jobs: every feed is polled again');
        }
      : undefined;
    guard = new RedisGuard({ redis: connection, config, log, queues, sinks: ctx.sinks, schedulers: !opts.once, onReset, notices });
    await guard.start();
    owned.add('redis guard', guard, (g) => g.stop());
    if (!opts.once) {
      await syncSchedulers(queues.feeds, config.feeds, log);
      guard.watch(config.worker.reconcileIntervalMs);
    }

    const heartbeat = owned.add('heartbeat', startHeartbeat(connection, config.redis.prefix, log), (h) => h.stop());
    const onJobEnd = (e: JobEndEvent) => {
      heartbeat.jobDone(e.queue, e.jobId, e.outcome);
      if (metrics) countJobEnd(metrics, e);
      opts.onJobEnd?.(e);
    };
    const settings = { backoffStrategy: jobBackoffStrategy(config.worker.backoffMs) };
    const common = {
      connection: workerConnection,
      prefix: config.redis.prefix,
      settings,
      lockDuration: config.worker.lockDurationMs,
      stalledInterval: config.worker.stalledIntervalMs,
      maxStalledCount: config.worker.maxStalledCount,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      metrics: METRICS,
    };
    const feedActivity: Activity = { lastAt: Date.now(), active: 0 };
    const articleActivity: Activity = { lastAt: Date.now(), active: 0 };
    // BullMQ fails a job itself after too many stalls, outside our processor: give it its log
    // line, count it, and let a later poll bring the article back.
    const onStalledFailure = (queue: string, counts: QueueCounts) => (job: Job | undefined, err: Error) => {
      if (job && queue === ARTICLES_QUEUE && job.name === ARTICLE_BATCH_JOB && job.finishedOn && err?.message !== BULLMQ_STALLED_MESSAGE) {
        batchFailedForGood(job as Job<ArticleBatchData>, err);
        return;
      }
      if (!job || err?.message !== BULLMQ_STALLED_MESSAGE) return;
      counts.failed++;
      const d = job.data as { reason?: string; feedId?: string | null };
      const now = Date.now();
      onJobEnd({ queue, jobId: job.id, enqueuedAt: job.timestamp, startedAt: job.processedOn ?? now, finishedAt: now, outcome: 'failed', reason: 'stalled', trigger: d.reason, feedId: d.feedId ?? undefined });
      logStalledFailure(log, queue, job);
      if (queue === ARTICLES_QUEUE) {
        // an ingest-articles job: each of its items comes back with a later poll
        const items = job.name === ARTICLE_BATCH_JOB ? (job.data as ArticleBatchData).items.map((i) => i.data) : [job.data as ArticleJobData];
        markItemsFailed(job, items, 'stalled');
      }
    };
    // An ingest-articles job failed for good by its own attempts (a Redis error on every try:
    // its claims or hand-offs refused, e.g. Redis at maxmemory). Its items never got a job of
    // their own, so nothing else records them as failed: without this the seen-set hides them
    // from every later poll (review round 8).
    // A job whose worker's lock expired (the worker died or froze): BullMQ's stalled check in this
    // process moved it back to wait, to run again here or in another worker. Logged and counted
    // (before round 12 the take-over left no trace but the re-fetched pages' job.end lines).
    const onStalled = (queue: string) => (jobId: string) => {
      log.warn({ event: 'job.stalled', queue, jobId, reason: 'stalled', outcome: 'taken-over' }, `job ${queue}/${jobId} stalled (its worker died or froze, its lock expired): moved back to wait, it runs again`);
      notices.note('job.stalled', 'stalled', `${queue}/${jobId}`);
    };
    const batchFailedForGood = (job: Job<ArticleBatchData>, err: Error) =>
      markItemsFailed(job, job.data.items.map((i) => i.data), reasonOfFailed(err.message) ?? 'internal-error');
    // aborted when the workers start closing: a batch then starts no further item (src/queue/article-batch.ts),
    // a feed poll stops waiting for its host's politeness slot (jobs/fetch-feed.ts)
    const closing = new AbortController();
    const markItemsFailed = seenFailureWriter(connection, config, log, closing.signal);
    const makeFeedWorker = () =>
      new Worker<FeedJobData>(FEEDS_QUEUE, instrument(FEEDS_QUEUE, (job) => processFeedJob(job, ctx, closing.signal), log, summary.feeds, feedActivity, onJobEnd), {
        ...common,
        concurrency: config.worker.feedConcurrency,
      }).on('failed', onStalledFailure(FEEDS_QUEUE, summary.feeds)).on('stalled', onStalled(FEEDS_QUEUE));
    const makeDeliveryWorker = (sink: Sink, sinkCfg: SinkConfig, activity: Activity) => () => {
      const name = deliveryQueueName(sink.name);
      return new Worker<DeliveryJobData>(name, instrument(name, (job) => processDeliveryJob(job, sink, config.worker.deliveryTimeoutMs), log, summary.deliveries, activity, onJobEnd), {
        ...common,
        settings: { backoffStrategy: deliveryBackoffStrategy(sinkCfg) },
        concurrency: config.worker.deliveryConcurrency,
      }).on('failed', onStalledFailure(name, summary.deliveries)).on('stalled', onStalled(name));
    };
    const runArticle = instrument(ARTICLES_QUEUE, (job: Job<ArticleJobData>, token) => runArticleJob(job, ctx, token), log, summary.articles, articleActivity, onJobEnd);
    // ingest-articles jobs (worker.articleBatch > 1): each item through the same path, src/queue/article-batch.ts
    const runBatch = instrumentBatch((job, onItem) => processArticleBatch(job, ctx, (item) => runArticleItem(item, ctx), onItem, closing.signal), log, summary.articles, articleActivity, onJobEnd);
    const makeArticleWorker = () =>
      new Worker<ArticleJobData | ArticleBatchData>(ARTICLES_QUEUE, (job, token) => (job.name === ARTICLE_BATCH_JOB ? runBatch(job as Job<ArticleBatchData>) : runArticle(job as Job<ArticleJobData>, token)), {
        ...common,
        concurrency: config.worker.articleConcurrency,
      }).on('failed', onStalledFailure(ARTICLES_QUEUE, summary.articles)).on('stalled', onStalled(ARTICLES_QUEUE));
    const watched: WatchedWorker[] = [];
    const activities: Activity[] = [feedActivity, articleActivity];
    owned.add('workers', watched, async (ws) => {
      for (const w of ws) w.stopWatching();
      closing.abort();
      await closeBounded(ws.map((w) => w.worker), config.worker.shutdownTimeoutMs, log, {
        activeJobs: () => activities.reduce((n, a) => n + a.active, 0),
        redisAway: () => workerConnection.status !== 'ready',
      });
      // its own bound (the jobs' wait, then the forced close), not the owner's 10 s
    }, closeBoundMs(config.worker.shutdownTimeoutMs) + 1000);
    watched.push(new WatchedWorker(makeFeedWorker, queues.feeds, feedActivity, log));
    watched.push(new WatchedWorker(makeArticleWorker, queues.articles, articleActivity, log));
    // One delivery queue per sink, with its own workers (src/queue/deliveries.ts).
    ctx.sinks.forEach((sink, i) => {
      const activity: Activity = { lastAt: Date.now(), active: 0 };
      activities.push(activity);
      watched.push(new WatchedWorker(makeDeliveryWorker(sink, config.sinks[i], activity), queues.deliveries[sink.name], activity, log));
    });

    // While Redis is away the counts cannot be read: one `queue.stats-skipped` line when that
    // starts (not one per period), and the `queue.stats` lines resume once Redis answers.
    let statsSkipped = false;
    const stats = setInterval(() => {
      void Promise.all([queues.feeds.getJobCounts(), queues.articles.getJobCounts(), collectBacklog(queues.deliveries)])
        .then(([f, a, b]) => {
          statsSkipped = false;
          log.info({ event: 'queue.stats', feeds: f, articles: a, backlog: Object.fromEntries(b.map((x) => [x.sink, x.pending])), processed: summary }, 'queue stats');
        })
        .catch((err: unknown) => {
          if (statsSkipped) return;
          statsSkipped = true;
          log.warn({ event: 'queue.stats-skipped', reason: reasonOf(err), error: (err as Error).message, processed: summary }, 'queue stats skipped: the counts could not be read; next try at the next period');
        });
    }, config.worker.statsIntervalMs);
    stats.unref();
    owned.add('stats timer', stats, clearInterval);

    let stopping = false;
    let opsUrl: string | null = null;
    if (opsSettings && metrics) {
      // Loaded only when on: express and Bull Board cost start-up time.
      const { startOpsServer } = await import('../ops/server.js');
      // the /stories page (issue 15): reads the records through the first readable sink
      const { openStoriesPage } = await import('../stories/page-mount.js');
      const stories = await openStoriesPage(config, log, notices);
      if (stories) owned.add('stories page store', stories.store, (s) => s.close());
      const server = await startOpsServer(opsSettings, {
        log,
        metrics,
        queues: allQueues(queues),
        health: () => healthProblems(watched.map((w) => ({ queue: w.worker.name, worker: w.worker })), stopping),
        mount: (app) => {
          stories?.mount(app);
          opts.mountOps?.(app);
        },
        readiness: () => readinessProblems({ redis: connection, feedsQueue: queues.feeds, feedIds: opts.once ? [] : config.feeds.map((f) => f.id), sinks: ctx.sinks }),
      });
      owned.add('ops listener', server, (s) => s.close());
      opsUrl = server.url;
    }
    opts.onStarted?.({ opsUrl });

    if (opts.once) {
      const waiting = await feedsWithRetryPending(queues.feeds, connection);
      if (waiting.size) log.info({ event: 'run.feeds-waiting', feedIds: [...waiting] }, 'feeds with a retry an earlier run left for later (Retry-After) are not polled again in this run');
      await queues.feeds.addBulk(onceFeedJobs().filter((j) => !waiting.has(j.data.feedId)));
      // a Redis that lost its data (no marker) is not drained: the guard rebuilds and polls again
      const lost = async () => {
        if ((await connection.exists(markerKey(config.redis.prefix))) === 1) return false;
        await guard?.reconcile('interval');
        return true;
      };
      const retryHorizon = onceRetryHorizonMs(config.worker);
      await waitUntilDrained(queues, connection, opts.stopSignal, lost, {
        maxAwayMs: config.worker.onceRedisWaitMs,
        onAway: (awayMs) => {
          // stopped before the throw: the workers' closing must not wait for a Redis that is gone
          stopping = true;
          log.error({ event: 'run.redis-gone', reason: 'redis-unavailable', awayMs, onceRedisWaitMs: config.worker.onceRedisWaitMs }, `Redis has not answered for ${Math.round(awayMs / 1000)} s (worker.onceRedisWaitMs): giving up this --once run; its jobs wait in Redis for the next`);
          // the last refusal, if any, says why better than "no answer" (exit 2, not 3)
          return databaseRefused ?? new RedisUnavailableError(config.redis.cluster?.length ? `cluster ${config.redis.cluster.join(',')}` : config.redis.url, new Error(`no answer for ${Math.round(awayMs / 1000)} s during start --once (worker.onceRedisWaitMs)`));
        },
      }, retryHorizon);
      if (!opts.stopSignal?.aborted) {
        const later = await retriesDueLater(queues, connection, retryHorizon).catch(() => []);
        if (later.length) {
          summary.retriesPending = later.length;
          log.warn({ event: 'run.retries-left', jobs: later.slice(0, 20), count: later.length, horizonMs: retryHorizon, reason: later[0]!.reason ?? 'rate-limited' }, `${later.length} feed or article retries are due later than this run waits (${Math.round(retryHorizon / 1000)} s; a server's Retry-After): left in Redis for a later run; see status`);
        }
      }
      if (opts.stopSignal?.aborted) summary.interrupted = true;
      const left = (await collectBacklog(queues.deliveries).catch(() => [])).filter((b) => b.pending > 0);
      summary.deliveriesPending = Object.fromEntries(left.map((b) => [b.sink, b.pending]));
      if (left.length) {
        const windows = await deliveryRetryWindows(queues.deliveries, connection, config.sinks).catch(() => ({}));
        // a sink failing for a configuration reason is named: its retries cannot succeed until someone fixes it
        const misconfigured = Object.entries(windows as Record<string, RetryWindow>).filter(([, w]) => w.lastReason === 'sink-misconfigured').map(([name]) => name);
        const fixNote = misconfigured.length ? `; ${misconfigured.join(', ')} cannot work as configured (sink-misconfigured): fix the config or host` : '';
        log.warn({ event: 'delivery.pending', sinks: summary.deliveriesPending, retries: windows, reason: misconfigured.length ? 'sink-misconfigured' : 'sink-failed', ...(misconfigured.length ? { misconfigured } : {}) }, `deliveries left for a later run (retries due later: \`retries\` gives, per sink, when the next is due and when the last can run)${fixNote}; see status`);
      }
    } else {
      await new Promise<void>((resolve) => {
        if (opts.stopSignal?.aborted) return resolve();
        opts.stopSignal?.addEventListener('abort', () => resolve(), { once: true });
      });
      log.info({ event: 'worker.stopping' }, 'stopping: no new jobs, waiting for active ones');
    }
    stopping = true;
  } finally {
    await owned.closeAll();
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Closes a Redis client: QUIT, or a disconnect when QUIT cannot be sent. */
async function quitRedis(c: Redis): Promise<void> {
  await c.quit().catch(() => c.disconnect());
}
