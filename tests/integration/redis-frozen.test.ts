/**
 * Fault test (review round 8): Redis frozen (SIGSTOP: its connections stay open and nothing
 * answers) for longer than the producer command timeout (5 s) and the job lock (3 s here),
 * while `ingest-articles` batches run. Every article must still be written (once in the JSONL
 * view; a page may be fetched again: at-least-once), and the failures of the frozen time must
 * carry the reason `redis-unavailable`: ioredis's `Command timed out` was `internal-error`
 * ("a bug") in `batch.end`, `item.handed-off` and the failed jobs' reasons. Real worker CLI in
 * service mode (a child process), a private redis-server, a loopback article site.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { join, jsonlCounts, killProcess, startArticleSite, startWorker, waitFor, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';

const ARTICLES = 48;

describe('Redis frozen (SIGSTOP) longer than the command timeout and the job lock', () => {
  let site: ArticleSite;
  let dir: string;
  let redis: PrivateRedis;
  let worker: WorkerProcess | undefined;
  let frozen = false;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = await startArticleSite({ articles: ARTICLES, feeds: 2, delayMs: 400 });
    dir = mkdtempSync(join(tmpdir(), 'redis-frozen-'));
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    if (frozen) redis.signal('SIGCONT');
    await site?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every article after SIGCONT, and names the frozen time redis-unavailable', { timeout: 150_000 }, async () => {
    const jsonl = join(dir, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: redis.url, prefix: 'frozen' },
        feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url, intervalMinutes: 0.1, maxIntervalMinutes: 0.1 })),
        sinks: [{ type: 'jsonl', path: jsonl }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleBatch: 8, attempts: 8, backoffMs: 300, lockDurationMs: 3000, stalledIntervalMs: 1000, extractThreads: 0, statsIntervalMs: 2000 },
        logLevel: 'info',
      }),
    );
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');
    await waitFor('the first records', () => jsonlCounts(jsonl).ids >= 8, 60_000);
    redis.signal('SIGSTOP');
    frozen = true;
    await new Promise((r) => setTimeout(r, 12_000));
    redis.signal('SIGCONT');
    frozen = false;
    await waitFor(`${ARTICLES} records`, () => jsonlCounts(jsonl).ids >= ARTICLES, 90_000).catch(() => {});
    const counts = jsonlCounts(jsonl);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(counts.ids).toBe(ARTICLES);
    expect(counts.torn).toBe(0);
    const lines = readFileSync(worker.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const timedOut = lines.filter((e) => /Command timed out/.test(String(e.err ?? e.error ?? '')));
    // the freeze did reach the jobs (a batch or its items ran into the timeout) ...
    expect(timedOut.length).toBeGreaterThan(0);
    // ... and each such line names Redis, not a bug
    expect([...new Set(timedOut.map((e) => `${e.event} ${e.reason}`))].filter((s) => !s.endsWith(' redis-unavailable'))).toEqual([]);
  });
});
