/**
 * `start --once` while Redis loses its data (a restart without persistence): the run's feed and
 * article jobs were in Redis. The worker notices (the marker, src/queue/reconcile.ts), rebuilds
 * the seen-set from the sinks, polls every feed again (`run.repoll`) and ends with every article
 * in the sink; its summary counts the loss. Before, the run ended "done" at once, exit 0, with
 * most articles never fetched. A real child process against a private redis-server.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { jsonlCounts, join, logEvents, startArticleSite, startWorker, waitFor } from '../helpers/crash-fixture.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { tempDir, uniquePrefix } from '../helpers/worker.js';

const ARTICLES = 20;

describe('start --once when Redis loses its data mid-run', () => {
  let redis: PrivateRedis | undefined;
  afterAll(async () => {
    await redis?.stop();
  });

  it('polls the feeds again and ends with every article in the sink; the summary counts the loss', async () => {
    redis = await startPrivateRedis();
    const site = await startArticleSite({ articles: ARTICLES, feeds: 1, delayMs: 300 });
    const dir = tempDir('once-loss');
    const jsonl = join(dir, 'records.jsonl');
    const cfgFile = join(dir, 'cfg.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: redis.url, prefix: uniquePrefix('once-loss') },
        feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url })),
        sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 1, minDelayMs: 0 } },
        worker: { articleConcurrency: 2, backoffMs: 300 },
        logLevel: 'info',
      }),
    );
    try {
      const logFile = join(dir, 'run.log');
      const w = startWorker(cfgFile, logFile);
      await waitFor('3 records written', () => jsonlCounts(jsonl).ids >= 3, 120_000, 50);
      await redis.restart(); // SIGKILL and back empty
      const code = await w.exited;
      const end = jsonlCounts(jsonl);
      const summary = logEvents(logFile, 'run.summary')[0] as { redisResets?: number; msg?: string } | undefined;
      console.log(`once-loss: exit ${code}, ${end.ids} of ${ARTICLES} records, ${logEvents(logFile, 'redis.reset').length} redis.reset, ${logEvents(logFile, 'run.repoll').length} run.repoll; ${summary?.msg}`);
      expect(code).toBe(0);
      expect(logEvents(logFile, 'redis.reset').length).toBe(1);
      expect(logEvents(logFile, 'run.repoll')).toEqual([expect.objectContaining({ reason: 'redis-data-lost', feeds: 1 })]);
      expect(end.ids).toBe(ARTICLES);
      expect(end.torn).toBe(0);
      expect(summary?.redisResets).toBe(1);
      expect(summary?.msg).toContain('Redis lost its data once (every feed polled again)');
    } finally {
      await site.close();
    }
  }, 300_000);

  it('gives up when Redis stays away longer than worker.onceRedisWaitMs: exit 3, run.redis-gone and worker.failed with reason redis-unavailable (it waited for ever)', async () => {
    const gone = await startPrivateRedis();
    const site = await startArticleSite({ articles: ARTICLES, feeds: 1, delayMs: 300 });
    const dir = tempDir('once-gone');
    const jsonl = join(dir, 'records.jsonl');
    const cfgFile = join(dir, 'cfg.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: gone.url, prefix: uniquePrefix('once-gone') },
        feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url })),
        sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 1, minDelayMs: 0 } },
        worker: { articleConcurrency: 2, backoffMs: 300, onceRedisWaitMs: 4000 },
        logLevel: 'info',
      }),
    );
    try {
      const logFile = join(dir, 'run.log');
      const w = startWorker(cfgFile, logFile);
      await waitFor('2 records written', () => jsonlCounts(jsonl).ids >= 2, 120_000, 50);
      await gone.stop(); // and never back
      const code = await Promise.race([w.exited, new Promise((r) => setTimeout(() => r('still running after 90 s'), 90_000))]);
      if (code === 'still running after 90 s') w.child.kill('SIGKILL');
      expect(code).toBe(3);
      expect(logEvents(logFile, 'run.redis-gone')).toEqual([expect.objectContaining({ reason: 'redis-unavailable', onceRedisWaitMs: 4000 })]);
      expect((logEvents(logFile, 'run.redis-gone')[0] as { awayMs: number }).awayMs).toBeGreaterThanOrEqual(4000);
      expect(logEvents(logFile, 'worker.failed')).toEqual([expect.objectContaining({ reason: 'redis-unavailable', errorClass: 'RedisUnavailableError' })]);
    } finally {
      await site.close();
      await gone.stop();
    }
  }, 300_000);
});
