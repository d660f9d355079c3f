/**
 * The ops listener as an operator meets it: the real worker in service mode over a loopback
 * site, /metrics scraped and parsed as Prometheus would, /healthz and /readyz, a manual
 * re-ingest whose records come out unchanged, and the log fields trigger/reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/queues.js';
import { createSinks } from '../../src/sinks/index.js';
import { reingestFeed } from '../../src/queue/reingest.js';
import { createProducerRedis, whenReady } from '../../src/queue/connection.js';
import type { SiteServer } from '../helpers/site-server.js';
import { FEED_ITEMS, GOOD_PAGES, MISSING_PAGE, opsTestConfig, startOpsSite, startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { labelValues, scrape, value } from '../helpers/prom.js';
import { REDIS_URL, captureLogger, dropPrefix, testConfig, uniquePrefix } from '../helpers/worker.js';

let site: SiteServer;
let worker: RunningWorker;
const prefix = uniquePrefix('ops-metrics');
const { log, lines } = captureLogger('info');
let cfg: ReturnType<typeof testConfig>;
/** The JSONL sink's name as the worker gives it (its metric label). */
let SINK: string;

beforeAll(async () => {
  site = await startOpsSite();
  cfg = opsTestConfig(site, prefix, 'ops-metrics');
  const [sink] = await createSinks(cfg);
  SINK = sink.name;
  await sink.close();
  worker = await startOpsWorker(cfg, log);
});

afterAll(async () => {
  await worker?.stop();
  await site?.close();
  await dropPrefix(prefix);
});

describe('ops listener during a run', () => {
  it('serves /metrics with the real counts of the run, in Prometheus text format', async () => {
    // The job schedulers fire at once: one feed job per feed, one article job per item.
    const m = await until(async () => {
      const s = await scrape(`${worker.url}/metrics`);
      return value(s, 'news_ingest_jobs_finished_total', { queue: 'articles' }) >= FEED_ITEMS ? s : null;
    }, 'every article job to finish');

    expect(value(m, 'news_ingest_jobs_finished_total', { queue: 'feeds', outcome: 'ok', reason: 'none' })).toBe(1);
    expect(value(m, 'news_ingest_jobs_finished_total', { queue: 'feeds', outcome: 'failed', reason: 'not-found' })).toBe(1);
    expect(value(m, 'news_ingest_jobs_finished_total', { queue: 'articles', outcome: 'written' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_jobs_finished_total', { queue: 'articles', outcome: 'failed', reason: 'not-found' })).toBe(1);
    expect(value(m, 'news_ingest_feed_items_found_total', { feed: 'herald' })).toBe(FEED_ITEMS);
    expect(value(m, 'news_ingest_feed_new_items_total', { feed: 'herald' })).toBe(FEED_ITEMS);

    // Stage histograms: one observation per call.
    expect(value(m, 'news_ingest_stage_duration_seconds', { stage: 'feed_fetch' })).toBe(2);
    expect(value(m, 'news_ingest_stage_duration_seconds', { stage: 'page_fetch' })).toBe(FEED_ITEMS);
    expect(value(m, 'news_ingest_stage_duration_seconds', { stage: 'extract' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_stage_duration_seconds', { stage: 'tag' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_stage_duration_seconds', { stage: 'sink', sink: SINK })).toBe(GOOD_PAGES);
    expect(m.news_ingest_stage_duration_seconds.type).toBe('histogram');

    expect(value(m, 'news_ingest_sink_deliveries_total', { sink: SINK, outcome: 'written' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_sink_failures_total')).toBe(0);
    expect(value(m, 'news_ingest_sink_backlog', { sink: SINK })).toBe(0);

    // Read from Redis at scrape time.
    expect(value(m, 'news_ingest_queue_jobs', { queue: 'articles', state: 'completed' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_queue_jobs', { queue: 'articles', state: 'failed' })).toBe(1);
    expect(value(m, 'news_ingest_queue_jobs', { queue: 'feeds', state: 'delayed' })).toBe(2); // the schedulers' next ticks
    expect(value(m, 'news_ingest_feed_consecutive_failures', { feed: 'gone' })).toBe(1);
    expect(value(m, 'news_ingest_feed_consecutive_failures', { feed: 'herald' })).toBe(0);
    const lastSuccess = value(m, 'news_ingest_feed_last_success_timestamp_seconds', { feed: 'herald' });
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(600);
    expect(value(m, 'news_ingest_feed_last_success_timestamp_seconds', { feed: 'gone' })).toBe(0);

    // Default process metrics, event-loop lag among them.
    expect(m.nodejs_eventloop_lag_seconds).toBeDefined();
    expect(m.process_resident_memory_bytes).toBeDefined();
    expect(value(m, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // The scrape, in CI output (the series of this service, histogram buckets left out).
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    console.log(`/metrics during a run:\n${text.split('\n').filter((l) => l.startsWith('news_ingest') && !l.includes('_bucket{')).join('\n')}`);

    // Label values are bounded sets: never a URL.
    const labels = labelValues(m);
    expect(labels.filter((v) => /^https?:|127\.0\.0\.1|\//.test(v))).toEqual([]);
    expect(labels).toContain('herald');
  });

  it('answers /healthz and /readyz with 200 and a JSON body', async () => {
    const h = await fetch(`${worker.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ healthy: true, problems: [] });
    const r = await fetch(`${worker.url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ready: true, problems: [] });
  });

  it('/readyz names a feed whose job scheduler is gone', async () => {
    const redis = await whenReady(createProducerRedis(REDIS_URL), REDIS_URL);
    const queues = openQueues(cfg, redis);
    try {
      await queues.feeds.removeJobScheduler('gone');
      const r = await fetch(`${worker.url}/readyz`);
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ ready: false, problems: [{ check: 'scheduler', name: 'gone', code: 'scheduler-missing', reason: 'no job scheduler for this feed' }] });
      await queues.feeds.upsertJobScheduler('gone', { every: 3_600_000 }, { name: 'fetch-feed', data: { feedId: 'gone', url: cfg.feeds[1].url, reason: 'scheduled' } });
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    } finally {
      await queues.close();
      await redis.quit();
    }
  });

  it('a manual re-ingest of unchanged pages ends in outcome "unchanged"; trigger and reason are two fields', async () => {
    const redis = await whenReady(createProducerRedis(REDIS_URL), REDIS_URL);
    const queues = openQueues(cfg, redis);
    try {
      await reingestFeed(cfg, queues, 'herald');
    } finally {
      await queues.close();
      await redis.quit();
    }
    const m = await until(async () => {
      const s = await scrape(`${worker.url}/metrics`);
      return value(s, 'news_ingest_jobs_finished_total', { queue: 'articles' }) >= 2 * FEED_ITEMS ? s : null;
    }, 'the re-ingested article jobs');
    expect(value(m, 'news_ingest_jobs_finished_total', { queue: 'articles', outcome: 'unchanged' })).toBe(GOOD_PAGES);
    expect(value(m, 'news_ingest_sink_deliveries_total', { sink: SINK, outcome: 'unchanged' })).toBe(GOOD_PAGES);

    const ends = lines.filter((l) => l.event === 'job.end' && l.queue === 'articles' && l.trigger === 'manual');
    expect(ends.filter((l) => l.outcome === 'unchanged')).toHaveLength(GOOD_PAGES);
    const failed = ends.find((l) => l.outcome === 'failed');
    expect(failed).toMatchObject({ trigger: 'manual', reason: 'not-found' });
    expect(String(failed?.url)).toContain(MISSING_PAGE);
    // Scheduled jobs say so too.
    expect(lines.find((l) => l.event === 'job.end' && l.queue === 'feeds' && l.feedId === 'gone')).toMatchObject({ trigger: 'scheduled', reason: 'not-found', outcome: 'failed' });
  });
});
