/**
 * BacklogTracker (src/queue/deliveries.ts) against a real delivery queue: which sinks get
 * their records through their queue instead of an inline attempt.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/queues.js';
import { BacklogTracker, collectBacklog, deliveryBackoffMs, pendingDeliveriesSoon } from '../../src/queue/deliveries.js';
import { IngestError } from '../../src/errors.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('backlog');
afterAll(() => dropPrefix(prefix));

describe('delivery backlog', () => {
  it('sees other processes\' hand-offs, clears when the queue empties, and a stale read never clears a fresh hand-off', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, sinks: [{ type: 'jsonl', path: '/tmp/unused.jsonl' }, { type: 'webhook', url: 'http://127.0.0.1:9/h', name: 'hook' }] });
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
