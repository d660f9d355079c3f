/**
 * `start --once` when a feed answers 429 with a long Retry-After (found in the review14 trial,
 * docs/review.md "Round 13 (review14)"): the run waited for each retry however far ahead it was
 * due (`Retry-After: 86400`, an HTTP-date two days on; capped at one hour per retry by the retry
 * policy), silent, so a cron job hung for hours (4 with the default 5 attempts).
 * Now a feed or article retry due past the run's horizon (ONCE_RETRY_HORIZON_MS, 5 min) is
 * left in Redis: `run.retries-left` names it with its URL, due time and reason, the summary
 * counts it, exit 4. A retry inside the horizon (the 503 feed's own backoff) is still waited
 * for. A second run does not poll the waiting feeds again. Real worker CLI (a child process), the local Redis under a unique prefix, a loopback
 * server written for the test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli-process.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

describe('start --once with a Retry-After past the run', () => {
  let server: http.Server;
  let origin = '';
  let dir: string;
  const prefix = uniquePrefix('once-retry-after');
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const p = req.url ?? '/';
      hits.set(p, (hits.get(p) ?? 0) + 1);
      if (p === '/day.xml') return void res.writeHead(429, { 'retry-after': '86400', 'content-type': 'text/plain' }).end('later');
      if (p === '/date.xml') return void res.writeHead(429, { 'retry-after': new Date(Date.now() + 2 * 86_400_000).toUTCString(), 'content-type': 'text/plain' }).end('later');
      // a 503 once, then an empty feed: a retry inside the horizon, waited for
      if (p === '/flaky.xml' && hits.get(p) === 1) return void res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }).end('busy');
      if (p === '/flaky.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>http://x/</link></channel></rss>');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'once-retry-after-'));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the far retries in Redis with run.retries-left and exit 4, after waiting for the near one', { timeout: 150_000 }, async () => {
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: [
          { id: 'day', url: `${origin}/day.xml` },
          { id: 'date', url: `${origin}/date.xml` },
          { id: 'flaky', url: `${origin}/flaky.xml` },
        ],
        sinks: [{ type: 'jsonl', path: join(dir, 'articles.jsonl') }],
        http: { allowPrivateNetworks: true, perHost: { concurrency: 4, minDelayMs: 0 } },
        worker: { attempts: 3, backoffMs: 500, extractThreads: 0 },
        logLevel: 'info',
      }),
    );
    // on main the run waits a day: killed after 100 s, code null
    const run = await runCli(['-c', cfgFile, 'start', '--once'], { LOG_LEVEL: 'info' }, 100_000);
    expect(run.code).toBe(4);
    expect(hits.get('/flaky.xml')).toBe(2); // the near retry was waited for
    const left = run.events.find((e) => e.event === 'run.retries-left') as { count: number; reason: string; jobs: { queue: string; url: string; dueAt: string; reason: string }[] } | undefined;
    expect(left).toBeDefined();
    expect(left!.count).toBe(2);
    expect(left!.reason).toBe('rate-limited');
    expect(left!.jobs.map((j) => j.url).sort()).toEqual([`${origin}/date.xml`, `${origin}/day.xml`]);
    for (const j of left!.jobs) {
      expect(j.queue).toBe('feeds');
      expect(j.reason).toBe('rate-limited');
      // due far past the run: the server's day, capped at one hour per retry (MAX_RETRY_DELAY_MS)
      expect(Date.parse(j.dueAt) - Date.now()).toBeGreaterThan(30 * 60_000);
    }
    const summary = run.events.find((e) => e.event === 'run.summary') as { retriesPending: number; exitCode: number; interrupted: boolean };
    expect(summary.retriesPending).toBe(2);
    expect(summary.exitCode).toBe(4);
    expect(summary.interrupted).toBe(false);

    // A second run (the next cron tick) does not poll those two feeds again (the server asked to
    // wait) and adds no job beside the ones left: before, each run added one more delayed job
    const [day, date] = [hits.get('/day.xml'), hits.get('/date.xml')];
    const again = await runCli(['-c', cfgFile, 'start', '--once'], { LOG_LEVEL: 'info' }, 100_000);
    expect(again.code).toBe(4);
    expect([hits.get('/day.xml'), hits.get('/date.xml')]).toEqual([day, date]);
    expect(hits.get('/flaky.xml')).toBe(3);
    const waiting = again.events.find((e) => e.event === 'run.feeds-waiting') as { feedIds: string[] };
    expect([...waiting.feedIds].sort()).toEqual(['date', 'day']);
    expect((again.events.find((e) => e.event === 'run.retries-left') as { count: number }).count).toBe(2);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.zcard(`${prefix}:feeds:delayed`)).toBe(2);
    } finally {
      redis.disconnect();
    }
  });
});
