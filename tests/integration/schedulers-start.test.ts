/**
 * A service start syncs the job schedulers once: on an empty Redis the Redis guard finds them
 * missing, and leaves the upsert to the start's own sync (one `schedulers.sync` line, not two).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { captureLogger, dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('sched-start');
afterAll(() => dropPrefix(prefix));

describe('job schedulers at a service start', () => {
  it('are synced once, on an empty Redis and again at a second start', async () => {
    // The feeds point at a closed port: their polls fail, which does not matter here.
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'desk-a', url: 'http://127.0.0.1:9/a.xml', intervalMinutes: 60 },
        { id: 'desk-b', url: 'http://127.0.0.1:9/b.xml', intervalMinutes: 60 },
      ],
    });
    for (const round of [1, 2]) {
      const capture = captureLogger('info');
      const ac = new AbortController();
      const done = runWorker({ config: cfg, log: capture.log, stopSignal: ac.signal, extractThreads: 0 });
      const t0 = Date.now();
      while (!capture.lines.some((l) => l.event === 'schedulers.sync') && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      ac.abort();
      await done;
      const syncs = capture.lines.filter((l) => l.event === 'schedulers.sync');
      expect(syncs, `start ${round}`).toEqual([expect.objectContaining({ upserted: 2, removed: [] })]);
    }
  }, 120_000);
});
