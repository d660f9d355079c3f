/**
 * /readyz follows Redis: 200 while it answers, 503 naming Redis while it is stopped, 200 again
 * once it is back (a private redis-server with an append-only file, stopped and started on
 * the same port while the worker runs). /healthz stays 200: the process and its workers live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SiteServer } from '../helpers/site-server.js';
import { startOpsSite, startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { captureLogger, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

let redis: PrivateRedis;
let site: SiteServer;
let worker: RunningWorker;
let logged: Record<string, unknown>[];

beforeAll(async () => {
  redis = await startPrivateRedis({ persist: true });
  site = await startOpsSite();
  const cfg = testConfig({
    redis: { url: redis.url, prefix: uniquePrefix('readyz') },
    feeds: [{ id: 'herald', url: `${site.baseUrl}/feed.xml`, intervalMinutes: 60 }],
    sinks: [{ type: 'jsonl', path: join(tempDir('readyz'), 'a.jsonl'), only: 'all' }],
    http: { perHost: { concurrency: 4, minDelayMs: 0 }, respectRobots: false },
    worker: { shutdownTimeoutMs: 2000, statsIntervalMs: 300 },
  });
  const capture = captureLogger('info');
  logged = capture.lines;
  worker = await startOpsWorker(cfg, capture.log);
});

afterAll(async () => {
  await redis?.start().catch(() => {});
  await worker?.stop();
  await site?.close();
  await redis?.stop();
});

const get = async (path: string) => {
  const r = await fetch(`${worker.url}${path}`);
  return { status: r.status, body: (await r.json()) as { problems: { check: string; name?: string; code: string; reason: string }[] } };
};

describe('/readyz and Redis', () => {
  it('is 200, then 503 naming redis while Redis is stopped, then 200 once it is back', async () => {
    await until(async () => (await get('/readyz')).status === 200, '/readyz 200 at start');

    await redis.stop();
    const down = await until(async () => {
      const r = await get('/readyz');
      return r.status === 503 ? r : null;
    }, '/readyz 503 with Redis stopped');
    expect(down.body.problems.map((p) => [p.check, p.code])).toEqual([['redis', 'redis-unavailable']]);
    expect(down.body.problems[0].reason).toMatch(/^not connected to Redis \(connection (connecting|reconnecting|close|end|wait)\)/);
    expect((await get('/healthz')).status).toBe(200);

    // the queue.stats line cannot be written while Redis is away: one line says so, once
    await until(async () => logged.some((l) => l.event === 'queue.stats-skipped') || null, 'queue.stats-skipped logged');
    await new Promise((r) => setTimeout(r, 1000));
    const skipped = logged.filter((l) => l.event === 'queue.stats-skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].reason).toBe('redis-unavailable');

    await redis.start();
    const up = await until(async () => {
      const r = await get('/readyz');
      return r.status === 200 ? r : null;
    }, '/readyz 200 with Redis back', 30_000);
    expect(up.body.problems).toEqual([]);
    const resumed = await until(async () => logged.slice(logged.indexOf(skipped[0])).find((l) => l.event === 'queue.stats') ?? null, 'queue.stats again with Redis back');
    expect(resumed.level).toBe(30);
  });
});
