/** The worker watchdog recreates a worker that stopped taking jobs while jobs wait. */
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import { WatchedWorker } from '../../src/queue/watchdog.js';
import { captureLogger, dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('watchdog');
afterAll(() => dropPrefix(prefix));

describe('worker watchdog', () => {
  it('replaces a worker that takes no jobs while jobs are waiting, and the job then runs', async () => {
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
    const activity = { lastAt: Date.now(), active: 0 };
    const w = new WatchedWorker(make, queue, activity, log, { checkEveryMs: 3_600_000 });
    try {
      await queue.add('x', {}, { jobId: 'job-1' });
      expect(await w.checkNow(60_000)).toBe(false); // not idle long enough yet
      expect(await w.checkNow(0)).toBe(true);
      expect(made).toBe(2);
      await new Promise<void>((resolve) => w.worker.once('completed', () => resolve()));
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
});
