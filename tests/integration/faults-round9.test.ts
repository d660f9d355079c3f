/**
 * Round 9 faults (docs/review.md): the real worker (`news-ingest start --once`, a child process)
 * against a private redis-server and loopback sites that misbehave.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { tempDir } from '../helpers/worker.js';
import { runCli, startCli } from '../helpers/cli-process.js';
import { jsonlCounts, killProcess, logEvents, startArticleSite, startWorker, waitFor, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** A config file for these feeds, a JSONL sink in `dir`, loopback allowed; `extra` YAML lines, `worker` more worker keys (`, key: value`). */
function configFile(dir: string, prefix: string, feeds: { id: string; url: string }[], extra = '', worker = ''): string {
  const cfg = join(dir, 'cfg.yaml');
  writeFileSync(
    cfg,
    [
      'feeds:',
      ...feeds.map((f) => `  - { id: ${f.id}, url: "${f.url}" }`),
      `sinks: [ { type: jsonl, path: "${join(dir, 'articles.jsonl')}" } ]`,
      'http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 2, minDelayMs: 0 } }',
      `worker: { extractThreads: 0, attempts: 2, backoffMs: 200${worker} }`,
      `redis: { prefix: ${prefix} }`,
      extra,
      '',
    ].join('\n'),
  );
  return cfg;
}

describe('a cache in front of a feed answering 304 to every request, unconditional ones too', () => {
  let redis: PrivateRedis;
  let site: { server: Server; origin: string };
  /** The conditional headers of each request the feed got. */
  const asked: { inm: string | null; ims: string | null }[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = await listen((req, res) => {
      asked.push({ inm: (req.headers['if-none-match'] as string | undefined) ?? null, ims: (req.headers['if-modified-since'] as string | undefined) ?? null });
      res.writeHead(304).end();
    });
  });
  afterAll(async () => {
    await new Promise((r) => site?.server.close(r));
    await redis?.stop();
  });

  it('the poll fails with `unasked-not-modified` (logged, in `status`), not "not modified" for ever (before: a success with no items)', async () => {
    const dir = tempDir('faults9-304');
    const cfg = configFile(dir, 'f9-304', [{ id: 'cached', url: `${site.origin}/feed.xml` }]);
    const env = { REDIS_URL: redis.url, LOG_LEVEL: 'info' };
    const run = await runCli(['-c', cfg, 'start', '--once'], env);
    // a run with a failed job exits 4 (ONCE_INCOMPLETE_EXIT in src/cli.ts), not 0 (docs/review.md round 9, new user)
    expect(run.code, run.err).toBe(4);
    // the worker had no validator to send: every request was unconditional
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.inm === null && a.ims === null)).toBe(true);
    const ends = run.events.filter((e) => e.event === 'job.end' && e.queue === 'feeds');
    expect(ends.map((e) => [e.outcome, e.reason])).toEqual([['failed', 'unasked-not-modified']]);
    const status = await runCli(['-c', cfg, 'status', '--json'], env);
    expect(status.code, status.err).toBe(0);
    const report = JSON.parse(status.out) as { feeds: { id: string; lastStatus: string; consecutiveFailures: number }[]; failed: { queue: string; reason: string }[] };
    const feed = report.feeds.find((f) => f.id === 'cached');
    expect(feed?.lastStatus).toBe('unasked-not-modified');
    expect(Number(feed?.consecutiveFailures)).toBe(1);
    expect(report.failed.map((f) => [f.queue, f.reason])).toContainEqual(['feeds', 'unasked-not-modified']);
  }, 120_000);
});

describe('Redis switched to an allkeys eviction policy while the service runs (CONFIG SET, no reconnect)', () => {
  let redis: PrivateRedis;
  let site: { server: Server; origin: string };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>${site.origin}/</link></channel></rss>`);
    });
  });
  afterAll(async () => {
    await new Promise((r) => site?.server.close(r));
    await redis?.stop();
  });

  it('is a `redis.eviction` error event at the next reconcile (before: nothing until a reconnect), and `status` shows the policy', async () => {
    const dir = tempDir('faults9-evict');
    const cfg = configFile(dir, 'f9-evict', [{ id: 'quiet', url: `${site.origin}/feed.xml` }], '', ', reconcileIntervalMs: 500');
    const env = { REDIS_URL: redis.url, LOG_LEVEL: 'info' };
    const svc = startCli(['-c', cfg, 'start'], env);
    try {
      await svc.waitFor('the first feed poll', (e) => e.event === 'job.end' && e.queue === 'feeds');
      expect(svc.events.filter((e) => e.event === 'redis.eviction')).toEqual([]);
      await redis.client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const ev = await svc.waitFor('a redis.eviction event', (e) => e.event === 'redis.eviction', 30_000);
      expect(ev).toMatchObject({ trigger: 'interval', policy: 'allkeys-lru', outcome: 'at-risk', reason: 'eviction-allkeys' });
      // one line for the change, not one a reconcile
      await new Promise((r) => setTimeout(r, 2000));
      expect(svc.events.filter((e) => e.event === 'redis.eviction')).toHaveLength(1);
      const status = await runCli(['-c', cfg, 'status', '--json'], env);
      expect((JSON.parse(status.out) as { redis: { eviction: string } }).redis.eviction).toBe('allkeys');
    } finally {
      expect(await svc.stop()).toBe(0);
    }
  }, 120_000);
});

describe("the JSONL sink's folder removed while the service runs", () => {
  let site: ArticleSite;
  let redis: PrivateRedis;
  let worker: WorkerProcess | undefined;
  const dir = tempDir('faults9-folder');

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = await startArticleSite({ articles: 8, feeds: 1, overlap: 0 });
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    await site?.close();
    await redis?.stop();
  });

  it('is made again at the next write, with a `sink.folder-recreated` event; the articles of later polls are written (before: ENOENT for every delivery until someone made it)', async () => {
    const folder = join(dir, 'data');
    const jsonl = join(folder, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: redis.url, prefix: 'f9-folder' },
        feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url, intervalMinutes: 0.05, minIntervalMinutes: 0.05, maxIntervalMinutes: 0.05 })),
        sinks: [{ type: 'jsonl', path: jsonl }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
        worker: { attempts: 3, backoffMs: 200, extractThreads: 0, inlineDeliveryMs: 5000 },
        logLevel: 'info',
      }),
    );
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');
    await waitFor('the first 8 records', () => existsSync(jsonl) && jsonlCounts(jsonl).ids >= 8, 90_000);
    rmSync(folder, { recursive: true, force: true });
    site.setArticles(16);
    await waitFor('8 records in a new file', () => existsSync(jsonl) && jsonlCounts(jsonl).ids >= 8, 90_000).catch(() => {});
    const counts = existsSync(jsonl) ? jsonlCounts(jsonl) : { ids: 0, torn: 0 };
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    // the 8 articles that came after the removal, once each (the first 8 went with the folder)
    expect(counts.ids).toBe(8);
    expect(counts.torn).toBe(0);
    expect(logEvents(worker.logFile, 'sink.folder-recreated').map((e) => e.sink)).toEqual(['jsonl']);
    const sinkFailures = logEvents(worker.logFile, 'job.end').filter((e) => e.reason === 'sink-failed');
    expect(sinkFailures).toEqual([]);
  }, 200_000);
});
