/**
 * Fault test (review round 8): an `ingest-articles` batch job that ends failed for good with a
 * cause a later try could fix. Found with Redis at `maxmemory` (noeviction): the batch's
 * hand-offs and claims were refused (OOM) on every attempt, 13 batches failed with
 * `redis-unavailable`, and their 88 articles never came back (the seen-set still said "seen";
 * only single `ingest-article` jobs were marked failed for a later poll). Here the batch is made
 * to fail on every attempt without timing games: the claim key of one of its items holds a list,
 * so its claim (SET NX, then GET) fails with WRONGTYPE; the key is removed once the batch has
 * failed. Every article must then come back with a later poll, and the batch's end must say
 * `failed` (not "will retry"). Real worker CLI in service mode (a child process), the local
 * Redis under a unique prefix, a loopback article site.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { recordIdOf } from '../../src/normalize/url.js';
import { articleJobId } from '../../src/queue/names.js';
import { join, jsonlCounts, killProcess, logEvents, REDIS_URL, startArticleSite, startWorker, waitFor, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { dropPrefix, uniquePrefix } from '../helpers/worker.js';

const ARTICLES = 16;

describe('a batch job that fails for good', () => {
  let site: ArticleSite;
  let dir: string;
  let redis: Redis;
  let worker: WorkerProcess | undefined;
  const prefix = uniquePrefix('batch-failed');

  beforeAll(async () => {
    site = await startArticleSite({ articles: ARTICLES, feeds: 1 });
    dir = mkdtempSync(join(tmpdir(), 'batch-failed-'));
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    await site?.close();
    await redis?.quit();
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings its articles back with a later poll and logs the batch as failed', { timeout: 120_000 }, async () => {
    const jsonl = join(dir, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: [{ id: 'f', url: site.feeds[0], intervalMinutes: 0.05, maxIntervalMinutes: 0.05 }], // a poll every 3 s
        sinks: [{ type: 'jsonl', path: jsonl }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleBatch: 8, attempts: 2, backoffMs: 100, extractThreads: 0, statsIntervalMs: 60_000 },
        logLevel: 'info',
      }),
    );
    // the feed lists /a/0 … /a/15: /a/0 is in the first batch of 8
    const poisoned = `${prefix}:articles:claim:${articleJobId(recordIdOf(`${site.baseUrl}/a/0.html`))}`;
    await redis.rpush(poisoned, 'not a claim');
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');
    await waitFor('the batch to fail', async () => (await redis.zcard(`${prefix}:articles:failed`)) >= 1, 60_000);
    await redis.del(poisoned);
    // the other batch is written; the failed batch's 8 articles must come back
    await waitFor(`${ARTICLES} records`, () => jsonlCounts(jsonl).ids >= ARTICLES, 45_000).catch(() => {});
    const counts = jsonlCounts(jsonl);
    const ends = logEvents(worker.logFile, 'batch.end').filter((e) => e.outcome !== 'batch');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(counts.ids).toBe(ARTICLES);
    expect(counts.torn).toBe(0);
    // attempt 1 says it will retry, attempt 2 that the batch failed (with its items and why)
    expect(ends.map((e) => [e.outcome, e.reason])).toEqual([
      ['retry', 'internal-error'],
      ['failed', 'internal-error'],
    ]);
    expect(ends[1]!.items).toBe(8);
    const requeued = logEvents(worker.logFile, 'item.requeued').filter((e) => e.reason === 'failed-before');
    expect(requeued.length).toBe(8);
  });
});

describe('batch jobs failed by Redis at maxmemory (noeviction)', () => {
  let site: ArticleSite;
  let dir: string;
  let redis: PrivateRedis;
  let worker: WorkerProcess | undefined;
  let full = false;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    // Redis is full from the first page request on: the batches' grouping, hand-offs and claims are refused
    site = await startArticleSite({
      articles: ARTICLES,
      feeds: 1,
      delayMs: 300,
      onServed: () => {
        if (full) return;
        full = true;
        void redis.client.config('SET', 'maxmemory', '1');
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'batch-oom-'));
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    await site?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks their items failed once Redis takes writes again, and the next polls bring every article', { timeout: 150_000 }, async () => {
    const jsonl = join(dir, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: redis.url, prefix: 'batch-oom' },
        feeds: [{ id: 'f', url: site.feeds[0], intervalMinutes: 0.05, maxIntervalMinutes: 0.05 }],
        sinks: [{ type: 'jsonl', path: jsonl }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleBatch: 8, attempts: 2, backoffMs: 100, extractThreads: 0, statsIntervalMs: 60_000 },
        logLevel: 'info',
      }),
    );
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');
    const seenWrites = () => logEvents(worker!.logFile, 'seen.write');
    // the batches fail for good, and the seen-set write of their failure is refused too (OOM)
    await waitFor('a refused seen-set write', () => seenWrites().some((e) => e.outcome === 'failed'), 60_000);
    const written = () => jsonlCounts(jsonl).ids;
    const atFull = written();
    await redis.client.config('SET', 'maxmemory', '0');
    await waitFor(`${ARTICLES} records`, () => written() >= ARTICLES, 60_000).catch(() => {});
    const counts = jsonlCounts(jsonl);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(atFull).toBeLessThan(ARTICLES);
    expect(counts.ids).toBe(ARTICLES);
    expect(counts.torn).toBe(0);
    const failed = seenWrites().filter((e) => e.outcome === 'failed');
    expect(failed[0]!.reason).toBe('redis-unavailable');
    expect(String(failed[0]!.err)).toMatch(/^OOM /);
    // each refused write was made again once Redis had room
    expect(seenWrites().filter((e) => e.outcome === 'written').length).toBe(failed.length);
  });
});
