/**
 * The composition root owns what it opens: when start-up fails half-way (the job scheduler
 * sync hits a Redis error, the ops listener's port is taken after the workers exist),
 * `runWorker` rejects with the cause and leaves no Redis socket, extraction thread or
 * listener behind, so the process can end on its own (no forced exit needed).
 */
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ExtractPool } from '../../src/queue/extract-pool.js';
import { runWorker } from '../../src/queue/worker.js';
import { until } from '../helpers/ops-site.js';
import { REDIS_URL, captureLogger, dropPrefix, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(p);
});
afterEach(() => vi.restoreAllMocks());

/** TCP sockets and servers this process holds open. */
const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;

function config(name: string) {
  const prefix = uniquePrefix(name);
  prefixes.push(prefix);
  return testConfig({
    redis: { url: REDIS_URL, prefix },
    feeds: [{ id: 'one', url: 'http://127.0.0.1:9/feed.xml', intervalMinutes: 60 }],
    sinks: [{ type: 'jsonl', path: join(tempDir(name), 'a.jsonl') }],
    worker: { shutdownTimeoutMs: 2000 },
  });
}

describe('runWorker closes what it opened when start-up fails', () => {
  it('after a failed job scheduler sync (a Redis error)', async () => {
    const cfg = config('owned-sync');
    // A key of the wrong type where BullMQ keeps the job schedulers: every upsert fails with WRONGTYPE.
    const r = new Redis(REDIS_URL);
    await r.set(`${cfg.redis.prefix}:feeds:repeat`, 'not a sorted set');
    await r.quit();
    const close = vi.spyOn(ExtractPool.prototype, 'close');
    const before = tcpHandles();
    const { log, lines } = captureLogger('warn');
    await expect(runWorker({ config: cfg, log, extractThreads: 1, stopSignal: new AbortController().signal })).rejects.toThrow(/WRONGTYPE/);
    expect(close).toHaveBeenCalledTimes(1);
    await until(async () => tcpHandles() <= before, 'the Redis sockets to close', 5000);
    expect(lines.filter((l) => l.event === 'resource.close-failed')).toEqual([]);
  });

  it('after the workers exist, when the ops listener cannot bind its port', async () => {
    const cfg = config('owned-port');
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const close = vi.spyOn(ExtractPool.prototype, 'close');
      const before = tcpHandles();
      const { log, lines } = captureLogger('info');
      await expect(
        runWorker({ config: cfg, log, extractThreads: 1, ops: { host: '127.0.0.1', port, dashboardActions: false }, stopSignal: new AbortController().signal }),
      ).rejects.toThrow(`ops listener cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      // The workers were running (schedulers synced first), and were closed.
      expect(lines.some((l) => l.event === 'schedulers.sync')).toBe(true);
      expect(close).toHaveBeenCalledTimes(1);
      await until(async () => tcpHandles() <= before, 'the Redis sockets to close', 5000);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
