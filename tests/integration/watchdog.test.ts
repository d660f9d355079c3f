/**
 * The worker watchdog recreates a worker that stopped taking jobs while jobs wait for a
 * sustained time, and never one that is healthy: not when a feed job enqueues articles at the
 * moment of a check, and never a worker with active jobs.
 */
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import type { Activity } from '../../src/queue/processor.js';
import { WatchedWorker } from '../../src/queue/watchdog.js';
import { captureLogger, dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('watchdog');
afterAll(() => dropPrefix(prefix));

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('worker watchdog', () => {
  it('replaces a worker that takes no jobs while jobs keep waiting, and the job then runs', async () => {
    const connection = createRedis(REDIS_URL);
    const queue = new Queue('wd', { connection, prefix });
    const done: string[] = [];
    let made = 0;
    const make = () => {
      made++;
      // The first worker never runs (autorun false): it stands for a worker stuck after a reconnect.
      return new Worker('wd', async (job) => void done.push(String(job.id)), { connection, prefix, autorun: made > 1 });
    };
    const { log, lines } = captureLogger('warn');
    const activity: Activity = { lastAt: Date.now() - HOUR, active: 0 };
    const w = new WatchedWorker(make, queue, activity, log, { checkEveryMs: HOUR });
    try {
      await queue.add('x', {}, { jobId: 'job-1' });
      expect(await w.checkNow(0)).toBe(false); // a first sighting never decides
      await sleep(120);
      expect(await w.checkNow(60_000)).toBe(false); // waiting, but not for long enough yet
      expect(await w.checkNow(100)).toBe(true); // waiting over 100 ms, nothing taken
      expect(made).toBe(2);
      // the new worker may finish the job before checkNow returns: wait for what it did, not for
      // its 'completed' event (a listener attached after the event waits until the test's timeout)
      for (const end = Date.now() + 20_000; !done.length && Date.now() < end; ) await sleep(20);
      expect(done).toEqual(['job-1']);
      expect(lines.find((l) => l.event === 'worker.stuck')).toMatchObject({ queue: 'wd', waiting: 1 });
      expect(await w.checkNow(0)).toBe(false); // nothing waiting now
    } finally {
      w.stopWatching();
      await w.worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('leaves a healthy idle worker alone when a feed job enqueues articles at the moment of the check', async () => {
    const connection = createRedis(REDIS_URL);
    const queue = new Queue('wd-race', { connection, prefix });
    const activity: Activity = { lastAt: Date.now() - HOUR, active: 0 }; // idle for an hour
    const done: string[] = [];
    let made = 0;
    const make = () => {
      made++;
      // A healthy worker that reports its activity the way `instrument` does.
      return new Worker(
        'wd-race',
        async (job) => {
          activity.active++;
          activity.lastAt = Date.now();
          await sleep(50);
          done.push(String(job.id));
          activity.active--;
          activity.lastAt = Date.now();
        },
        { connection, prefix, concurrency: 1 },
      );
    };
    const { log, lines } = captureLogger('warn');
    const w = new WatchedWorker(make, queue, activity, log, { checkEveryMs: HOUR });
    try {
      await w.worker.waitUntilReady();
      // The feed job's enqueue and the watchdog's check at the same instant, the worker idle
      // for far longer than the limit (the old watchdog recreated it here).
      // far above the time a healthy worker needs to take a waiting job, also on a loaded machine
      // (500 ms before: a process stalled that long would see its healthy worker as stuck); the
      // hour of idleness is still far over it, which is what the old watchdog misread
      const LIMIT = 10_000;
      const [, first] = await Promise.all([queue.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: 'a', data: {}, opts: { jobId: `race-${i}` } }))), w.checkNow(LIMIT)]);
      expect(first).toBe(false);
      // Checks while the worker works through them: active jobs, or jobs taken since the sighting.
      const verdicts: boolean[] = [];
      while (done.length < 5) {
        verdicts.push(await w.checkNow(LIMIT));
        await sleep(10);
      }
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.every((v) => v === false)).toBe(true);
      expect(made).toBe(1);
      expect(lines.filter((l) => l.event === 'worker.stuck')).toEqual([]);
    } finally {
      w.stopWatching();
      await w.worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('never recreates a worker with active jobs', async () => {
    const connection = createRedis(REDIS_URL);
    const queue = new Queue('wd-busy', { connection, prefix });
    let made = 0;
    const make = () => {
      made++;
      return new Worker('wd-busy', async () => {}, { connection, prefix, autorun: false });
    };
    const { log } = captureLogger('warn');
    const activity: Activity = { lastAt: Date.now() - HOUR, active: 1 }; // one job running for an hour
    const w = new WatchedWorker(make, queue, activity, log, { checkEveryMs: HOUR });
    try {
      await queue.add('x', {}, { jobId: 'busy-1' });
      for (let i = 0; i < 3; i++) {
        expect(await w.checkNow(0)).toBe(false);
        await sleep(20);
      }
      expect(made).toBe(1);
    } finally {
      w.stopWatching();
      await w.worker.close();
      await queue.close();
      await connection.quit();
    }
  });
});
