/**
 * Redis goes away while a worker runs (BullMQ's `maxRetriesPerRequest: null` rule for worker
 * connections, src/queue/connection.ts). With
 * our connection factory (consumers wait, producers fail fast, never one client for both),
 * an enqueue during the outage rejects within 10 s, the worker resumes after the outage and
 * processes the job enqueued afterwards. Redis is cut through a loopback TCP proxy; the
 * machine's own Redis is never stopped.
 */
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducerRedis, createRedis, whenReady } from '../../src/queue/connection.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { dropPrefix, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('outage');
afterAll(() => dropPrefix(prefix));

/** What must hold: a worker connection retries forever (BullMQ refuses to start otherwise), the worker runs, exactly the job enqueued after the outage is processed. */
const expected = { workerConnection: { maxRetriesPerRequest: null }, workerStarts: true, jobsProcessedAfterOutage: 1 };

describe('Redis outage', () => {
  it('rejects an enqueue during the outage within 10 s and resumes the worker afterwards', async () => {
    const proxy = await startTcpProxy({ port: 6379 });
    const url = `redis://127.0.0.1:${proxy.port}`;
    const producer = createProducerRedis(url);
    const consumer = createRedis(url);
    for (const c of [producer, consumer]) c.on('error', () => {});
    expect(consumer.options.maxRetriesPerRequest).toBe(expected.workerConnection.maxRetriesPerRequest);
    const queue = new Queue('feed-poll', { connection: producer, prefix });
    queue.on('error', () => {});
    const processed: string[] = [];
    const worker = new Worker('feed-poll', async (job) => void processed.push(String(job.id)), { connection: consumer, prefix });
    worker.on('error', () => {});
    try {
      await worker.waitUntilReady();
      expect(worker.isRunning()).toBe(expected.workerStarts);

      proxy.cut();
      const t0 = Date.now();
      const during = await queue.add('poll', {}, { jobId: 'during' }).then(
        () => 'accepted',
        (err: Error) => `rejected: ${err.message}`,
      );
      const elapsed = Date.now() - t0;
      expect(during).toMatch(/^rejected/);
      expect(elapsed).toBeLessThan(10_000); // the case's bound: a producer must not hang

      proxy.restore();
      await whenReady(producer, url, 10_000);
      const done = new Promise<void>((resolve) => worker.once('completed', () => resolve()));
      await queue.add('poll', {}, { jobId: 'after' });
      await done;
      expect(processed).toEqual(['after']);
      expect(processed).toHaveLength(expected.jobsProcessedAfterOutage);
    } finally {
      await worker.close(true);
      await queue.close();
      producer.disconnect();
      consumer.disconnect();
      await proxy.close();
    }
  }, 120_000);
});
