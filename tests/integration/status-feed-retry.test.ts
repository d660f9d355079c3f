/**
 * `status` for a feed whose poll failed and is being retried (round 17, fresh17; left by fresh16):
 * after `npm start` without network every feed showed `network-error (retrying)` with failures 0
 * and next attempt `-`, while a retry job waited in the delayed set. The retry is now read from
 * that job: its attempt number and due time. The poll is failed by a real BullMQ worker with the
 * project's backoff strategy (first delay 10 min, so the retry is still delayed when status
 * reads it), its attempt error written by the function the feed job uses; the feed also has a job
 * scheduler (whose next tick is a delayed job too, and must not count as a retry).
 */
import { join } from 'node:path';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { FEEDS_QUEUE } from '../../src/queue/names.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { jobBackoffStrategy, toJobError } from '../../src/retry/policy.js';
import { saveFeedAttemptError } from '../../src/state/feed-state.js';
import { dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

describe('status: a feed poll being retried', () => {
  const prefix = uniquePrefix('feed-retry');
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('shows the retry job\'s attempt and due time, not failures 0 and next attempt -', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: ['down', 'fine'].map((id) => ({ id, url: `http://127.0.0.1:9/${id}.xml`, intervalMinutes: 15 })),
      sinks: [{ type: 'jsonl', path: join(tempDir('feed-retry'), 'a.jsonl') }],
    });
    const queues = openQueues(cfg, redis);
    const baseMs = 600_000;
    const failedAt: number[] = [];
    const worker = new Worker(
      FEEDS_QUEUE,
      async (job: Job<{ feedId: string }>) => {
        const err = new IngestError('network-error', 'connect ECONNREFUSED 127.0.0.1:9');
        failedAt.push(Date.now());
        await saveFeedAttemptError(redis, prefix, job.data.feedId, { reason: 'network-error', message: err.message, at: new Date() });
        throw toJobError(err);
      },
      { connection: redis, prefix, autorun: false, settings: { backoffStrategy: jobBackoffStrategy(baseMs) } },
    );
    try {
      // the job scheduler's next tick: a delayed job of the same feed, no attempt made
      await queues.feeds.upsertJobScheduler('down', { every: 15 * 60_000, startDate: Date.now() + 3_600_000 }, { name: 'fetch-feed', data: { feedId: 'down', reason: 'scheduled' } as never });
      await queues.feeds.add('fetch-feed', { feedId: 'down', reason: 'scheduled' } as never, { jobId: 'poll-down-1' });
      const failed = new Promise<void>((r) => worker.once('failed', () => r()));
      void worker.run();
      await failed;
      await worker.close();
      expect(await queues.feeds.getJobState('poll-down-1')).toBe('delayed');

      const report = await collectStatus(cfg, redis, queues);
      const down = report.feeds.find((f) => f.id === 'down')!;
      expect(down.lastStatus).toBe('network-error (retrying)');
      expect(down.retry).toMatchObject({ attempt: 2, attempts: cfg.worker.attempts, jobId: 'poll-down-1' });
      // the first retry waits backoffDelayMs(1, baseMs): half to all of baseMs after the failure
      const due = Date.parse(down.retry!.at);
      expect(due).toBeGreaterThanOrEqual(failedAt[0]! + baseMs / 2);
      expect(due).toBeLessThanOrEqual(Date.now() + baseMs);
      expect(report.feeds.find((f) => f.id === 'fine')!.retry).toBeNull();

      const line = formatStatus(report).split('\n').find((l) => l.startsWith('down '))!;
      // the status column fits it: two spaces before the failures column
      expect(line).toContain(`network-error (retry 2/${cfg.worker.attempts})  0 `);
      expect(line).toContain(down.retry!.at);
    } finally {
      await worker.close();
      await queues.close();
    }
  });
});
