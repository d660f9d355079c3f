/**
 * `start --once` waits for a delivery retry only while the sink is in its first, short retries
 * (round 16, fresh16; src/queue/deliveries.ts pendingDeliveriesSoon). A JSONL sink on a full
 * disk (a 64 KiB tmpfs, ENOSPC) held a `start --once` for over five minutes (stopped by hand;
 * the backoff schedule would have held it about an hour): its 32 deliveries' jittered retries
 * fell due one after another, so one was almost always due within the 60 s horizon. Real
 * delivery queue on a private redis-server; the retries are real BullMQ failures with the
 * backoff steps the test gives; the horizon is read at a later "now" passed to the function.
 * On main the retry whose own step was 120 s is counted once it is due within 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { deliveryQueueName, pendingDeliveriesSoon, type DeliveryJobData } from '../../src/queue/deliveries.js';
import { ONCE_DELIVERY_HORIZON_MS } from '../../src/queue/drain.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { testConfig, uniquePrefix } from '../helpers/worker.js';

let redis: PrivateRedis;
let conn: ReturnType<typeof createRedis>;
let queues: Queues;
let worker: Worker;

beforeAll(async () => {
  redis = await startPrivateRedis();
  conn = createRedis(redis.url, 'test-once-horizon');
  const cfg = testConfig({ redis: { url: redis.url, prefix: uniquePrefix('horizon') }, sinks: [{ type: 'jsonl', path: '/tmp/unused-horizon.jsonl', name: 'disk' }] });
  queues = openQueues(cfg, conn);
  // every attempt fails as a full disk does; the backoff step is the one the job's data names
  worker = new Worker<DeliveryJobData & { step: number }>(
    deliveryQueueName('disk'),
    async () => {
      throw new Error('[sink-failed] disk record x: ENOSPC: no space left on device, write');
    },
    { connection: conn.duplicate(), prefix: cfg.redis.prefix, settings: { backoffStrategy: (_n, _t, _e, job) => (job?.data as { step: number }).step } },
  );
});

afterAll(async () => {
  await worker?.close();
  await queues?.close();
  conn?.disconnect();
  await redis?.stop();
});

/** Adds a delivery whose first attempt fails, retried after `step` ms; resolves once it is delayed. */
async function failingDelivery(n: number, step: number): Promise<void> {
  const record = makeRecord({ n });
  const failed = new Promise<void>((r) => worker.once('failed', () => r()));
  await queues.deliveries.disk.add('deliver', { sink: 'disk', record, articleJobId: null, feedId: null, url: record.url, reason: 'once', step } as never, { attempts: 21, backoff: { type: 'custom' } });
  await failed;
  expect(await queues.deliveries.disk.getJobCounts('delayed')).toMatchObject({ delayed: n });
}

describe('start --once and a sink that keeps failing', () => {
  it('waits for a retry of a short step, not for one of a long step once it falls within the horizon', async () => {
    expect(ONCE_DELIVERY_HORIZON_MS).toBe(60_000);
    await failingDelivery(1, 20_000); // an early retry: waited for
    const now = Date.now();
    expect(await pendingDeliveriesSoon(queues.deliveries, conn, ONCE_DELIVERY_HORIZON_MS, now)).toBe(1);

    await failingDelivery(2, 120_000); // a retry after several failures: left for a later run
    // at once: due in 120 s, beyond the horizon on both counts
    expect(await pendingDeliveriesSoon(queues.deliveries, conn, ONCE_DELIVERY_HORIZON_MS, now)).toBe(1);
    // 100 s later it is due within 20 s, but its own step says the sink kept failing
    const later = now + 100_000;
    expect(await pendingDeliveriesSoon(queues.deliveries, conn, ONCE_DELIVERY_HORIZON_MS, later)).toBe(1);
  });
});
