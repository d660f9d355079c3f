/**
 * Review round 8, second pass (docs/review.md): `start --once` when an `ingest-articles` batch
 * fails for good. Its articles are not written in this run (they come back with a later poll),
 * and the run summary, which counts articles, said "1 failed" for a batch of 8. The batch is
 * made to fail as in batch-failed.test.ts: the claim key of one of its items holds a list
 * (WRONGTYPE on every attempt). Real worker CLI (a child process), the local Redis under a
 * unique prefix, a loopback article site.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { recordIdOf } from '../../src/normalize/url.js';
import { articleJobId } from '../../src/queue/names.js';
import { join, jsonlCounts, logEvents, REDIS_URL, startArticleSite, startWorker, type ArticleSite } from '../helpers/crash-fixture.js';
import { dropPrefix, uniquePrefix } from '../helpers/worker.js';

describe('start --once with a batch that fails for good', () => {
  let site: ArticleSite;
  let dir: string;
  let redis: Redis;
  const prefix = uniquePrefix('once-batch-failed');

  beforeAll(async () => {
    site = await startArticleSite({ articles: 16, feeds: 1 });
    dir = mkdtempSync(join(tmpdir(), 'once-batch-failed-'));
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await site?.close();
    await dropPrefix(prefix);
    redis?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the articles the batch leaves as failed (before: 1 for the whole batch)', { timeout: 120_000 }, async () => {
    const jsonl = join(dir, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: [{ id: 'f', url: site.feeds[0] }],
        sinks: [{ type: 'jsonl', path: jsonl }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleBatch: 8, attempts: 2, backoffMs: 100, extractThreads: 0 },
        logLevel: 'info',
      }),
    );
    // the feed lists /a/0 … /a/15: /a/0 is in the first batch of 8
    await redis.rpush(`${prefix}:articles:claim:${articleJobId(recordIdOf(`${site.baseUrl}/a/0.html`))}`, 'not a claim');
    const w = startWorker(cfgFile, join(dir, 'worker.log'));
    expect(await w.exited).toBe(4); // a completed run with failed articles (review round 9: was 0)
    const written = jsonlCounts(jsonl).ids;
    const summary = logEvents(w.logFile, 'run.summary')[0] as { articles: { completed: number; failed: number } };
    const failedBatches = logEvents(w.logFile, 'batch.end').filter((e) => e.outcome === 'failed');
    expect(failedBatches.map((e) => e.items)).toEqual([8]);
    expect(written).toBe(8);
    expect(summary.articles.completed).toBe(8);
    // every article of the run is written or counted failed
    expect(summary.articles.failed).toBe(8);
  });
});
