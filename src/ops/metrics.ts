/**
 * The worker's Prometheus metrics (prom-client), served at `/metrics` by the ops listener.
 *
 * Two kinds of figures:
 * - counted in this process as jobs run (finished jobs, stage durations, items found, sink
 *   deliveries): each worker process exposes its own; sum them across processes;
 * - read from Redis at scrape time (queue depth, per-feed health, sink backlog): the same in
 *   every process of a prefix, since Redis holds them.
 *
 * Label values are bounded sets, never URLs: `queue` (feeds, articles), `outcome` (a job
 * result's outcome, or retry/failed/delayed), `reason` (a reason code of src/errors.ts, or
 * `none`), `stage` (STAGES), `feed` (configured feed ids), `sink` (configured sink names).
 */
import client, { type Registry } from 'prom-client';

/** Pipeline stages timed by `news_ingest_stage_duration_seconds`. */
export const STAGES = ['feed_fetch', 'page_fetch', 'robots_fetch', 'extract', 'tag', 'sink'] as const;
export type Stage = (typeof STAGES)[number];

/** Histogram buckets, seconds: 1 ms to 60 s (fetches are bounded by http.timeoutMs, 15 s by default). */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The metric objects; `createMetrics` builds them on a fresh registry. */
export interface Metrics {
  registry: Registry;
  jobsFinished: client.Counter<'queue' | 'outcome' | 'reason'>;
  stageDuration: client.Histogram<'stage' | 'sink'>;
  queueDepth: client.Gauge<'queue' | 'state'>;
  feedLastSuccess: client.Gauge<'feed'>;
  feedConsecutiveFailures: client.Gauge<'feed'>;
  feedItemsFound: client.Counter<'feed'>;
  feedNewItems: client.Counter<'feed'>;
  sinkDeliveries: client.Counter<'sink' | 'outcome'>;
  sinkFailures: client.Counter<'sink' | 'reason'>;
  sinkBacklog: client.Gauge<'sink'>;
}

/** What the scrape-time gauges read (functions, so the ops module needs no queue types). */
export interface ScrapeSources {
  /** Job counts per queue and state. */
  queueCounts(): Promise<Record<string, Record<string, number>>>;
  /** Per configured feed: last success (epoch ms, or null) and consecutive failures. */
  feedHealth(): Promise<{ feed: string; lastSuccessMs: number | null; consecutiveFailures: number }[]>;
  /** Per sink name: article jobs waiting to retry a delivery to it. */
  sinkBacklog(): Promise<Record<string, number>>;
}

/**
 * `sources` with each read shared while it is in flight: prom-client runs every metric's collect
 * of one scrape at once, so the two feed gauges asking for `feedHealth` get one Redis read (one
 * HGETALL per feed) instead of one each. A read that fails resolves null, after `onError`.
 */
export function sharedReads(sources: ScrapeSources, onError?: (source: keyof ScrapeSources, err: Error) => void): { [K in keyof ScrapeSources]: () => Promise<Awaited<ReturnType<ScrapeSources[K]>> | null> } {
  const share = <K extends keyof ScrapeSources>(key: K) => {
    let inFlight: Promise<Awaited<ReturnType<ScrapeSources[K]>> | null> | null = null;
    return () =>
      (inFlight ??= (sources[key]() as Promise<Awaited<ReturnType<ScrapeSources[K]>>>)
        .catch((err: unknown) => {
          onError?.(key, err as Error);
          return null;
        })
        .finally(() => {
          inFlight = null;
        }));
  };
  return { queueCounts: share('queueCounts'), feedHealth: share('feedHealth'), sinkBacklog: share('sinkBacklog') };
}

/**
 * Builds every metric on a new registry (one per worker process; never prom-client's global
 * one, so tests can run several workers in one process). `collectDefaultMetrics` adds the
 * process metrics, among them `nodejs_eventloop_lag_seconds` (event-loop lag).
 * @param sources read at each scrape, each once per scrape (sharedReads); a failing source leaves
 *   its gauges at their last values and calls `onError` (the worker logs `metrics.read-failed`)
 */
export function createMetrics(sources?: ScrapeSources, onError?: (source: keyof ScrapeSources, err: Error) => void): Metrics {
  const reads = sources ? sharedReads(sources, onError) : null;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];
  const queueDepth = new client.Gauge({
    name: 'news_ingest_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      const counts = await reads?.queueCounts();
      if (!counts) return;
      for (const [queue, states] of Object.entries(counts)) for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
    },
  });
  const feedLastSuccess = new client.Gauge({
    name: 'news_ingest_feed_last_success_timestamp_seconds',
    help: 'Unix time of the last successful fetch of each configured feed (0 = never)',
    labelNames: ['feed'] as const,
    registers,
    // Its own collect: prom-client reads each metric's values right after that metric's own
    // collect, so a value set from another metric's collect showed the previous scrape's state
    // (empty on the first scrape).
    async collect() {
      const rows = await reads?.feedHealth();
      if (!rows) return;
      for (const r of rows) this.set({ feed: r.feed }, r.lastSuccessMs ? r.lastSuccessMs / 1000 : 0);
    },
  });
  const feedConsecutiveFailures = new client.Gauge({
    name: 'news_ingest_feed_consecutive_failures',
    help: 'Failed runs in a row of each configured feed (0 after a success)',
    labelNames: ['feed'] as const,
    registers,
    async collect() {
      const rows = await reads?.feedHealth();
      if (!rows) return;
      for (const r of rows) {
        this.set({ feed: r.feed }, r.consecutiveFailures);
      }
    },
  });
  const sinkBacklog = new client.Gauge({
    name: 'news_ingest_sink_backlog',
    help: 'Article jobs holding a record still to be delivered to each sink (after a failed delivery)',
    labelNames: ['sink'] as const,
    registers,
    async collect() {
      const rows = await reads?.sinkBacklog();
      if (!rows) return;
      for (const [sink, n] of Object.entries(rows)) this.set({ sink }, n);
    },
  });
  return {
    registry,
    queueDepth,
    feedLastSuccess,
    feedConsecutiveFailures,
    sinkBacklog,
    jobsFinished: new client.Counter({
      name: 'news_ingest_jobs_finished_total',
      help: 'Job attempts finished by this process, by queue, outcome and reason code',
      labelNames: ['queue', 'outcome', 'reason'] as const,
      registers,
    }),
    stageDuration: new client.Histogram({
      name: 'news_ingest_stage_duration_seconds',
      help: 'Time spent in each pipeline stage (sink: one write to the named sink)',
      labelNames: ['stage', 'sink'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    feedItemsFound: new client.Counter({
      name: 'news_ingest_feed_items_found_total',
      help: 'Items found in each feed by the feed jobs of this process',
      labelNames: ['feed'] as const,
      registers,
    }),
    feedNewItems: new client.Counter({
      name: 'news_ingest_feed_new_items_total',
      help: 'Items enqueued as new articles from each feed by this process',
      labelNames: ['feed'] as const,
      registers,
    }),
    sinkDeliveries: new client.Counter({
      name: 'news_ingest_sink_deliveries_total',
      help: 'Records each sink took (outcome written or unchanged), by this process',
      labelNames: ['sink', 'outcome'] as const,
      registers,
    }),
    sinkFailures: new client.Counter({
      name: 'news_ingest_sink_failures_total',
      help: 'Failed deliveries to each sink by reason code, by this process',
      labelNames: ['sink', 'reason'] as const,
      registers,
    }),
  };
}
