/**
 * A worker stopped while its Redis is down, with no job running, closes its BullMQ workers at
 * once (round 17, fresh17; left by fresh16). On main the graceful close waited for each worker's
 * main loop, whose next-job command waited for Redis; a forced close asked afterwards only
 * returned the same pending promise, so the stop went on only when the owner's 10 s close timeout
 * gave up (`resource.close-timeout` for `workers`). The real worker (runWorker) on a private
 * redis-server, its feed on a closed port; the server stopped, then the worker.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsWorker, until } from '../helpers/ops-site.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { captureLogger, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('stopping a worker while Redis is down', () => {
  it('closes its idle workers without waiting for Redis', async () => {
    const cfg = testConfig({
      redis: { url: redis.url, prefix: uniquePrefix('stop-away') },
      feeds: [{ id: 'closed', url: 'http://127.0.0.1:9/feed.xml', intervalMinutes: 60 }],
      sinks: [{ type: 'jsonl', path: join(tempDir('stop-away'), 'a.jsonl'), only: 'all' }],
      http: { allowPrivateNetworks: true },
      worker: { shutdownTimeoutMs: 30_000, attempts: 1 },
    });
    const { log, lines } = captureLogger('info');
    const worker = await startOpsWorker(cfg, log);
    // the feed's first poll has ended (refused connection): nothing runs any more
    await until(async () => lines.some((l) => l.event === 'job.end' && l.feedId === 'closed') || null, 'the first poll ended');
    await redis.stop();
    await until(async () => lines.some((l) => l.event === 'worker.error' && l.reason === 'redis-unavailable') || null, 'the workers saw Redis go');
    await worker.stop();

    const events = lines.map((l) => l.event);
    expect(events).toContain('worker.closed-redis-away');
    expect(lines.find((l) => l.event === 'worker.closed-redis-away')).toMatchObject({ reason: 'redis-unavailable' });
    expect(lines.filter((l) => l.event === 'resource.close-timeout').map((l) => l.resource)).toEqual([]);
    expect(events).not.toContain('worker.forced-close');
  });
});
