/**
 * A delivery job does not wait for ever on a sink whose write never settles (a file operation
 * hung in the kernel, a driver without a timeout): the attempt fails as `sink-failed` after
 * worker.deliveryTimeoutMs and BullMQ retries it with the sink's backoff, so `--once` ends.
 */
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { processDeliveryJob } from '../../jobs/deliver-record.js';
import { IngestError } from '../../src/errors.js';
import type { DeliveryJobData } from '../../src/queue/deliveries.js';
import type { Sink } from '../../src/sinks/types.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

const job = (n: number) => ({ data: { sink: 'stuck', record: makeRecord({ n }), articleJobId: null, feedId: null, url: `https://news.example.am/news/${n}`, reason: 'scheduled', handedOff: 'timeout' } }) as unknown as Job<DeliveryJobData>;

describe('delivery job timeout', () => {
  it('fails the attempt as sink-failed when the write never settles, and passes a write that does', async () => {
    let calls = 0;
    const stuck: Sink = { name: 'stuck', type: 'jsonl', only: 'all', write: () => (calls++, new Promise(() => {})), close: async () => {} };
    const err = await processDeliveryJob(job(1), stuck, 50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('sink-failed');
    expect((err as Error).message).toMatch(/stuck record .*did not settle in 50 ms \(worker\.deliveryTimeoutMs\)/);
    expect(calls).toBe(1);

    const quick: Sink = { name: 'quick', type: 'jsonl', only: 'all', write: async () => 'written', close: async () => {} };
    expect(await processDeliveryJob(job(2), quick, 50)).toMatchObject({ outcome: 'written', sink: 'quick' });
  });
});
