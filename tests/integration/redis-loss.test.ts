/**
 * Redis loses its data under a running worker (issue 11): a FLUSHALL, then a restart of a
 * Redis that keeps nothing on disk, each in the middle of a run. The worker (real CLI, service
 * mode, a child process) must notice (one `redis.reset` event), restore its job schedulers so
 * polling resumes, enqueue again what the feeds still list, lose no article, and not fetch
 * again the pages already in the sinks (its seen-set is rebuilt from JSONL and PostgreSQL).
 * Against a private redis-server, real PostgreSQL, a loopback article site.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_REASONS } from '../../src/errors.js';
import { runWorker } from '../../src/queue/worker.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { captureLogger, dropPrefix, REDIS_URL as SHARED_REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';
import {
  join,
  jsonlCounts,
  killProcess,
  logEvents,
  PG_URL,
  pgCounts,
  startArticleSite,
  startWorker,
  waitFor,
  writeWorkerConfig,
  type ArticleSite,
  type WorkerProcess,
} from '../helpers/crash-fixture.js';

const tag = `${process.pid}_${Date.now().toString(36)}`;
const table = `t_redis_loss_${tag}`;
const FIRST = 60;
const SECOND = 120;

describe('Redis loses its data', () => {
  let redis: PrivateRedis;
  let site: ArticleSite;
  let db: pg.Client;
  let dir: string;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = await startArticleSite({ articles: FIRST, feeds: 2, delayMs: 150 });
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'redis-loss-'));
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    await site?.close();
    await redis?.stop();
    await db?.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations; DROP TABLE IF EXISTS ${table}_revisions`);
    await db?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Canonical URLs in PostgreSQL now. */
  const delivered = async () => new Set((await db.query(`SELECT canonical_url FROM ${table}`)).rows.map((r) => r.canonical_url as string));

  /**
   * Breaks Redis in the middle of a run and measures: seconds until the next feed poll,
   * pages fetched again that were already in the sinks, and the articles in the end.
   */
  async function lose(how: 'flushall' | 'restart', target: number) {
    await waitFor(`${target - 40} rows`, async () => (await pgCounts(db, table)).rows >= target - 40, 120_000);
    const before = await delivered();
    const t0 = Date.now();
    if (how === 'flushall') await redis.client.flushall();
    else await redis.restart();
    // Polling resumes: the first feed request after the worker noticed the loss (a poll that
    // was running at the moment of the loss does not count).
    const resetCount = logEvents(worker!.logFile, 'redis.reset').length;
    await waitFor('redis.reset', () => logEvents(worker!.logFile, 'redis.reset').length > resetCount, 60_000);
    const reset = logEvents(worker!.logFile, 'redis.reset')[resetCount]!;
    const noticedAt = Date.parse(reset.at as string) + (reset.durationMs as number);
    await waitFor('polling to resume', () => site.feedFetches.some((t) => t >= noticedAt), 60_000);
    const noticedSeconds = (noticedAt - t0) / 1000;
    const resumeSeconds = (site.feedFetches.find((t) => t >= noticedAt)! - t0) / 1000;
    await waitFor(`${target} rows`, async () => (await pgCounts(db, table)).rows >= target, 120_000);
    // A few more polls: nothing already delivered may come back.
    const polls = site.feedFetches.length;
    await waitFor('three more polls', () => site.feedFetches.length >= polls + 6, 30_000);
    const refetched = site.served.filter((s) => s.at > t0 && before.has(s.url)).length;
    return { inSinksAtLoss: before.size, noticedSeconds, resumeSeconds, refetched };
  }

  it('notices, resumes polling, loses no article and fetches no delivered page again', async () => {
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    writeWorkerConfig(cfgFile, {
      site,
      redisUrl: redis.url,
      prefix: 'loss',
      pgUrl: PG_URL,
      table,
      jsonl,
      intervalMinutes: 0.05, // a poll every 3 s
      worker: { articleConcurrency: 3, reconcileIntervalMs: 1000 },
    });
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');

    let flush: Awaited<ReturnType<typeof lose>>;
    let restart: Awaited<ReturnType<typeof lose>>;
    try {
      flush = await lose('flushall', FIRST);
      site.setArticles(SECOND); // the feeds list 60 more articles
      restart = await lose('restart', SECOND);
    } finally {
      copyFileSync(worker.logFile, join(tmpdir(), 'redis-loss-last.log')); // kept for a post-mortem, also when a loss fails
    }
    const resets = logEvents(worker.logFile, 'redis.reset');
    console.log(
      `redis-loss: FLUSHALL with ${flush.inSinksAtLoss}/${FIRST} articles in the sinks: noticed after ${flush.noticedSeconds.toFixed(1)} s, polling resumed after ${flush.resumeSeconds.toFixed(1)} s, ` +
        `${flush.refetched} delivered pages fetched again; restart (empty) with ${restart.inSinksAtLoss}/${SECOND}: noticed after ${restart.noticedSeconds.toFixed(1)} s, polling resumed after ` +
        `${restart.resumeSeconds.toFixed(1)} s, ${restart.refetched} fetched again; pages served ${site.pagesServed} for ${site.canonicalUrls.size} articles; ` +
        `redis.reset events: ${JSON.stringify(resets.map((r) => ({ trigger: r.trigger, missing: r.missing, rebuiltSeen: r.rebuiltSeen })))}`,
    );
    // Each loss noticed once, with what was missing.
    expect(resets).toHaveLength(2);
    for (const r of resets) expect(r).toMatchObject({ missing: { marker: true, schedulers: ['crash-feed-0', 'crash-feed-1'] } });
    // No article lost: every article the feeds list ends in both sinks, once.
    expect(await delivered()).toEqual(site.canonicalUrls);
    expect(await pgCounts(db, table)).toMatchObject({ rows: SECOND, ids: SECOND, maxVersion: 1 });
    const j = jsonlCounts(jsonl);
    expect(j.urls).toEqual(site.canonicalUrls);
    expect(j.torn).toBe(0);
    // Pages already delivered were not fetched again.
    expect(flush.refetched).toBe(0);
    expect(restart.refetched).toBe(0);
    expect(flush.inSinksAtLoss).toBeLessThan(FIRST); // really in the middle of the run
    expect(restart.inSinksAtLoss).toBeLessThan(SECOND);
    // Every `reason` the worker logged, Redis errors included, is a registered reason code
    // (the Redis error text goes in `error`), and the outage itself was logged with one.
    const logged = readFileSync(worker.logFile, 'utf8').split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    const reasons = new Set(logged.flatMap((e) => (typeof e.reason === 'string' ? [e.reason] : [])));
    expect([...reasons].filter((r) => !(r in ALL_REASONS))).toEqual([]);
    expect(reasons).toContain('redis-unavailable');

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 400_000);
});

describe('Redis lost its data while no worker ran', () => {
  it('the next start rebuilds the seen-set from the sinks: no delivered page is fetched again', async () => {
    const site = await startArticleSite({ articles: 12, feeds: 2 });
    const prefix = uniquePrefix('loss-start');
    const dir = tempDir('loss-start');
    const config = testConfig({
      redis: { url: SHARED_REDIS_URL, prefix },
      feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url })),
      sinks: [{ type: 'jsonl', path: join(dir, 'articles.jsonl'), only: 'all' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    try {
      const first = await runWorker({ config, log: captureLogger('warn').log, once: true });
      expect(first.articles).toMatchObject({ completed: 12, failed: 0 });
      const served = site.pagesServed;
      expect(served).toBe(12);

      await dropPrefix(prefix); // every key of this worker gone, as after an empty restart
      const capture = captureLogger('info');
      const second = await runWorker({ config, log: capture.log, once: true });
      expect(site.pagesServed - served).toBe(0);
      expect(second.articles.completed).toBe(0);
      expect(capture.lines.filter((l) => l.event === 'redis.reset')).toEqual([
        expect.objectContaining({ trigger: 'start', missing: expect.objectContaining({ marker: true }), rebuiltSeen: { records: 12, keys: 12 } }),
      ]);
    } finally {
      await site.close();
      await dropPrefix(prefix);
    }
  }, 180_000); // a worker start and its polls: 60 s ran out at load 25

  it('a first start with a sink that cannot be read is no data loss: seen.rebuild-incomplete, no redis.reset', async () => {
    const prefix = uniquePrefix('first-start');
    const dir = tempDir('first-start');
    const config = testConfig({
      redis: { url: SHARED_REDIS_URL, prefix },
      // No feeds: only the start's check of Redis and the sinks runs (nothing to deliver).
      feeds: [],
      // Port 1 on loopback: nothing listens there, so the PostgreSQL sink cannot be read.
      sinks: [{ type: 'jsonl', path: join(dir, 'articles.jsonl'), only: 'all' }, { type: 'postgres', url: 'postgres://u:p@127.0.0.1:1/test', table: 't_never' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    const capture = captureLogger('info');
    try {
      await runWorker({ config, log: capture.log, once: true }).catch(() => undefined);
      expect(capture.lines.filter((l) => l.event === 'redis.reset')).toEqual([]);
      const incomplete = capture.lines.filter((l) => l.event === 'seen.rebuild-incomplete');
      expect(incomplete).toEqual([expect.objectContaining({ trigger: 'start', reason: 'sink-read-failed', failedSinks: [expect.stringMatching(/^postgres/)] })]);
    } finally {
      await dropPrefix(prefix);
    }
  }, 180_000); // a worker start and its polls: 60 s ran out at load 25
});
