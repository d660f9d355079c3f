/**
 * What the worker process builds before its BullMQ workers run: the topics, the extraction
 * threads, and the WorkerContext every job gets (sinks, HTTP, politeness, robots.txt, where pages
 * become records). Split out of src/queue/worker.ts unchanged.
 */
import { RedisStoryState } from '../stories/redis-state.js';
import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import { ConfigError, userAgentOf } from '../config/load.js';
import { fetchResource } from '../http/fetch.js';
import { acquireHostSlot, HOP_WAIT_MAX_MS, leaseMsFor, waitHostSlot } from '../state/politeness.js';
import { robotsVerdict } from '../http/robots.js';
import { redisRobotsCache } from '../state/robots-cache.js';
import type { Logger } from '../log.js';
import { createSinks } from '../sinks/index.js';
import type { Topic } from '../tagging/index.js';
import { loadConfigTopics } from '../tagging/config-topics.js';
import { BacklogTracker } from './deliveries.js';
import type { PageInput, StageTimes } from '../pipeline/page.js';
import { timedFetch, timedSink, timedToRecord } from '../ops/instrument.js';
// Types only: prom-client is loaded (by the worker) only when the ops listener is configured.
import type { Metrics } from '../ops/metrics.js';
import type { Owned } from './owned.js';
import { ExtractPool, TopicLoadError } from './extract-pool.js';
import type { WorkerContext } from './context.js';
import type { RunOptions } from './worker.js';
/**
 * Loads every configured topic file.
 * @throws ConfigError naming the topic file that cannot be read or compiled
 */
export function loadTopics(config: Config, dir?: string): Topic[] {
  return loadConfigTopics(config.topics, dir);
}

/**
 * Starts the extraction threads and waits until one has loaded its modules and the topics: the
 * topic files are read and validated by the pool in this thread and compiled in the threads, before
 * the worker connects anywhere (the main thread does not compile them when pages are extracted in
 * threads).
 * @throws ConfigError naming the topic file a thread cannot read or compile (the pool is closed); Error when the threads keep dying at start
 */
export async function startExtractPool(config: Config, threads: number, topicsDir?: string): Promise<ExtractPool> {
  const pool = new ExtractPool(threads, config.topics, topicsDir, config.worker.extractBudgetMs, config.worker.extractHeapMb);
  try {
    await pool.started();
    return pool;
  } catch (err) {
    await pool.close();
    if (err instanceof TopicLoadError) throw new ConfigError(`topic "${config.topics[err.topicIndex]}"`, [`topics[${err.topicIndex}]: ${err.message}`]);
    throw err;
  }
}

/**
 * Builds the context: sinks, HTTP functions, and where pages, feed items and the pre-filter are
 * turned into records and verdicts: `extractPool` (its threads hold the topics), or this thread with
 * `topics` (loaded here when not given) when the pool is null. With `owned`, the sinks are
 * registered there as they open (the caller closes them and the pool); with `metrics`,
 * fetches, extraction, tagging and sink writes are timed.
 */
export async function buildContext(
  config: Config,
  redis: Redis,
  log: Logger,
  queues: WorkerContext['queues'],
  opts: Pick<RunOptions, 'topicsDir' | 'overrides'> = {},
  extractPool: ExtractPool | null = null,
  topics: Topic[] | null = null,
  owned?: Owned,
  metrics?: Metrics | null,
): Promise<WorkerContext> {
  const created = await createSinks(config, { log, redis });
  owned?.add('sinks', created, (ss) => Promise.allSettled(ss.map((s) => s.close())));
  const sinks = metrics ? created.map((s) => timedSink(metrics, s)) : created;
  const userAgent = userAgentOf(config);
  const rawFetch = opts.overrides?.fetch ?? fetchResource;
  const fetch = metrics ? timedFetch(metrics, rawFetch) : rawFetch;
  const prefix = config.redis.prefix;
  const robotsCache = redisRobotsCache(redis, prefix);
  const budgetMs = config.worker.extractBudgetMs;
  // The extraction, tagging and language-model modules and the compiled topics (~8.6 MB of heap
  // alone) are loaded on this thread only when it extracts; with threads, only they load them.
  const here = extractPool ? null : { topics: topics ?? loadTopics(config, opts.topicsDir), page: await import('../pipeline/page.js'), item: await import('../pipeline/feed-item.js'), prefilter: await import('../prefilter/index.js') };
  // The article job is done with the fetched body once it asks for the record: it is moved to the thread, not copied.
  const toRecord = (page: PageInput, times?: StageTimes) => (extractPool ? extractPool.run(page, times, true) : Promise.resolve().then(() => here!.page.pageToRecord(page, here!.topics, times, { budgetMs })));
  const hostSlot: WorkerContext['hostSlot'] =
    opts.overrides?.hostSlot ?? ((host, perHost) => acquireHostSlot(redis, prefix, host, { ...config.http.perHost, ...perHost }, { leaseMs: leaseMsFor(config.http.timeoutMs) }));
  // robots.txt fetches take the host's politeness slot, and its redirects the target host's (docs/review.md round 9 faults)
  const robots: WorkerContext['robots'] = (url, o) =>
    robotsVerdict(url, {
      cache: robotsCache,
      http: config.http,
      userAgent,
      fetch,
      fetchOptions: { ...(o?.proxy !== undefined ? { proxy: o.proxy } : {}), hopSlot: (h, x) => waitHostSlot(() => hostSlot(h), h, { maxWaitMs: Math.min(HOP_WAIT_MAX_MS, x.remainingMs / 2), signal: x.signal }) },
      hostSlot: (h) => waitHostSlot(() => hostSlot(h, o?.perHost), h, { maxWaitMs: HOP_WAIT_MAX_MS, what: 'robots.txt host' }),
    });
  return {
    config,
    redis,
    log,
    queues,
    sinks,
    userAgent,
    fetch,
    hostSlot,
    robots: opts.overrides?.robots ?? robots,
    toRecord: metrics ? timedToRecord(metrics, toRecord) : (page) => toRecord(page),
    feedItemRecord: (input) => (extractPool ? extractPool.feedItemRecord(input) : Promise.resolve().then(() => here!.item.feedItemToRecord(input, here!.topics))),
    prefilter: (items, feedId) => (extractPool ? extractPool.prefilter(items, feedId) : Promise.resolve().then(() => items.map((item) => here!.prefilter.prefilterItem(item, here!.topics)))),
    backlog: new BacklogTracker(queues.deliveries),
    extractPool,
    stories: new RedisStoryState(redis, prefix),
  };
}
