/**
 * `start --once` leaves far-off delivery retries for a later run and says, per sink, when the
 * next is due and the latest time the last can run (deliveryRetryWindows): read from a real
 * BullMQ delayed set, with one delivery that has failed once through a real worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { deliveryRetryWindows, type DeliveryJobData } from '../../src/queue/deliveries.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('retry-window');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
afterAll(async () => {
  await dropPrefix(prefix);
  await redis.quit();
});

const data = (url: string) => ({ sink: 'hook', url, articleJobId: null, feedId: null, reason: 'scheduled', handedOff: 'timeout', record: {} }) as unknown as DeliveryJobData;

describe('delivery retry windows', () => {
  it('gives the next due retry and the end of the last one, from the delayed set and each job\'s attempts', async () => {
    const base = 10_000;
    const q = new Queue<DeliveryJobData>('deliver-hook', { connection: redis, prefix });
    const empty = new Queue<DeliveryJobData>('deliver-quiet', { connection: redis, prefix });
    try {
      const t0 = Date.now();
      // never tried yet, due in 2 minutes, 4 attempts: 3 retries after it (base, 2 base, 4 base at most)
      await q.add('deliver', data('https://a.example/1'), { delay: 120_000, attempts: 4 });
      // tried once by a real worker, failed, retried after 60 s: 2 tries left after the due one
      await q.add('deliver', data('https://a.example/2'), { attempts: 4, backoff: { type: 'fixed', delay: 60_000 } });
      const failedOnce = new Promise<void>((resolve) => {
        const w = new Worker<DeliveryJobData>('deliver-hook', async () => { throw new Error('receiver down'); }, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
        w.on('failed', () => void w.close().then(resolve));
      });
      await failedOnce;
      const t1 = Date.now();

      const w = await deliveryRetryWindows({ hook: q, quiet: empty }, redis, [{ name: 'hook', backoffMs: base }, { name: 'quiet', backoffMs: base }]);
      expect(Object.keys(w)).toEqual(['hook']);
      expect(w.hook.delayed).toBe(2);
      const next = Date.parse(w.hook.nextRetryAt!);
      expect(next).toBeGreaterThanOrEqual(t0 + 60_000);
      expect(next).toBeLessThanOrEqual(t1 + 60_000);
      // the later end: the first job, due at t0+120 s, then base + 2 base + 4 base
      const end = Date.parse(w.hook.retriesEndBy!);
      expect(end).toBeGreaterThanOrEqual(t0 + 120_000 + 7 * base);
      expect(end).toBeLessThanOrEqual(t1 + 120_000 + 7 * base);
    } finally {
      await q.obliterate({ force: true });
      await q.close();
      await empty.close();
    }
  });
});

describe('delivery retry windows: the reason of the newest failure', () => {
  it('names sink-misconfigured, so `start --once` can say which sink needs its config fixed', async () => {
    const q = new Queue<DeliveryJobData>('deliver-pg', { connection: redis, prefix });
    try {
      await q.add('deliver', data('https://a.example/3'), { attempts: 4, backoff: { type: 'fixed', delay: 60_000 } });
      const failedOnce = new Promise<void>((resolve) => {
        const w = new Worker<DeliveryJobData>('deliver-pg', async () => { throw new Error('[sink-misconfigured] pg migration articles: SQLSTATE 3D000 database "x" does not exist'); }, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
        w.on('failed', () => void w.close().then(resolve));
      });
      await failedOnce;
      const w = await deliveryRetryWindows({ pg: q }, redis, [{ name: 'pg', backoffMs: 10_000 }]);
      expect(w.pg.lastReason).toBe('sink-misconfigured');
    } finally {
      await q.obliterate({ force: true });
      await q.close();
    }
  });
});
