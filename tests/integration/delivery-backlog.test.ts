/**
 * BacklogTracker (src/queue/deliveries.ts) against a real delivery queue: which sinks get
 * their records through their queue instead of an inline attempt.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/queues.js';
import { createServer } from 'node:net';
import { Worker } from 'bullmq';
import { BacklogTracker, collectBacklog, deliveryBackoffMs, deliveryBackoffStrategy, deliveryQueueName, pendingDeliveriesSoon, type DeliveryJobData } from '../../src/queue/deliveries.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { processDeliveryJob } from '../../jobs/deliver-record.js';
import { toJobError } from '../../src/retry/policy.js';
import { WebhookSink } from '../../src/sinks/webhook.js';
import { IngestError } from '../../src/errors.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('backlog');

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
afterAll(() => dropPrefix(prefix));

describe('delivery backlog', () => {
  it('sees other processes\' hand-offs, clears when the queue empties, and a stale read never clears a fresh hand-off', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, sinks: [{ type: 'jsonl', path: '/tmp/unused.jsonl' }, { type: 'webhook', url: 'http://127.0.0.1:59/h', name: 'hook' }] });
    const queues = openQueues(cfg, redis);
    try {
      let t = 0;
      const tracker = new BacklogTracker(queues.deliveries, () => (t += 10));
      expect(tracker.isBacklogged('hook')).toBe(false);
      // Another process handed a record off: the next read sees it.
      const record = makeRecord({ n: 1 });
      await queues.deliveries.hook.add('deliver', { sink: 'hook', record, articleJobId: null, feedId: null, url: record.url, reason: 'once', handedOff: 'timeout' }, { delay: 30_000 });
      await tracker.refresh('hook');
      expect([tracker.isBacklogged('hook'), tracker.isBacklogged('jsonl')]).toEqual([true, false]);
      expect((await collectBacklog(queues.deliveries)).map((b) => [b.sink, b.pending, b.delayed])).toEqual([['jsonl', 0, 0], ['hook', 1, 1]]);
      // `start --once` waits only for retries due soon.
      expect(await pendingDeliveriesSoon(queues.deliveries, redis, 60_000)).toBe(1);
      expect(await pendingDeliveriesSoon(queues.deliveries, redis, 10_000)).toBe(0);
      // The queue empties: inline again.
      await queues.deliveries.hook.drain(true);
      await tracker.refresh('hook');
      expect(tracker.isBacklogged('hook')).toBe(false);
      // A read that started before this process's own hand-off does not clear it.
      const stale = tracker.refresh('hook');
      tracker.mark('hook');
      await stale;
      expect(tracker.isBacklogged('hook')).toBe(true);
    } finally {
      await queues.close();
      redis.disconnect();
    }
  });

  it('status names why a sink fails: the newest failed delivery attempt, with its reason code, state and attempts', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const closed = await closedPort();
    const p2 = `${prefix}-why`;
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix: p2 }, sinks: [{ type: 'jsonl', path: '/tmp/unused.jsonl' }, { type: 'webhook', url: `http://127.0.0.1:${closed}/h`, name: 'hook', backoffMs: 60_000 }] });
    const queues = openQueues(cfg, redis);
    const sink = new WebhookSink({ url: `http://127.0.0.1:${closed}/h`, only: 'all', timeoutMs: 2000 }, 'hook');
    const w = new Worker<DeliveryJobData>(deliveryQueueName('hook'), async (job) => {
      try {
        return await processDeliveryJob(job, sink);
      } catch (err) {
        throw toJobError(err);
      }
    }, { connection: redis.duplicate(), prefix: queues.deliveries.hook.opts.prefix, settings: { backoffStrategy: deliveryBackoffStrategy({ backoffMs: 60_000 }) } });
    try {
      const record = makeRecord({ n: 2 });
      const failedOnce = new Promise<void>((r) => w.once('failed', () => r()));
      await queues.deliveries.hook.add('deliver', { sink: 'hook', record, articleJobId: null, feedId: null, url: record.url, reason: 'once', handedOff: 'failed' }, { attempts: 5, backoff: { type: 'custom' } });
      await failedOnce;
      const report = await collectStatus(cfg, redis, queues);
      const hook = report.sinks.find((b) => b.sink === 'hook')!;
      expect(hook).toMatchObject({ delayed: 1, pending: 1 });
      expect(hook.lastError).toMatchObject({ reason: 'sink-failed', state: 'retrying', attempts: 1 });
      expect(hook.lastError!.message).toContain('ECONNREFUSED');
      expect(report.sinks.find((b) => b.sink === 'jsonl')!.lastError).toBeNull();
      expect(formatStatus(report)).toMatch(/\n {2}last error \(retrying, 1 attempts, [0-9T:.-]+Z\): \[sink-failed\] hook record .*ECONNREFUSED/);
    } finally {
      await w.close();
      await queues.close();
      redis.disconnect();
      await dropPrefix(p2);
    }
  });

  it('backs off per sink: doubling from the sink\'s backoffMs, Retry-After honoured', () => {
    const sink = { backoffMs: 1000 };
    for (const n of [1, 2, 3, 4]) {
      const d = deliveryBackoffMs(n, sink, undefined);
      expect(d, `retry ${n}`).toBeGreaterThanOrEqual(500 * 2 ** (n - 1));
      expect(d, `retry ${n}`).toBeLessThanOrEqual(1000 * 2 ** (n - 1));
    }
    expect(deliveryBackoffMs(1, sink, new IngestError('sink-failed', 'x', { retryAfterMs: 7000 }))).toBeGreaterThanOrEqual(7000);
    // Capped at one hour whatever the attempt.
    expect(deliveryBackoffMs(40, sink, undefined)).toBeLessThanOrEqual(3_600_000);
  });
});
