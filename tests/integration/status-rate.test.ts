/**
 * `status`'s per-minute rate and drain time follow the clock, not the last point BullMQ pushed
 * (round 16, fresh16; src/queue/progress-rate.ts). BullMQ's own script (moveToFinished with
 * metrics, as the workers run it) finishes the jobs on a private redis-server; the clock the
 * script and `status` read is set by the test (only `Date` is faked), so each case is at a
 * known second of its minute.
 * On main: 0 per minute (and no drain time) just after a minute boundary while work went on,
 * since BullMQ adds a minute's point only when a job ends in a later minute; and the old rate
 * 25 minutes after the last job ended.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Worker, type Queue } from 'bullmq';
import { createRedis } from '../../src/queue/connection.js';
import { METRICS, openQueues, type Queues } from '../../src/queue/queues.js';
import { collectStatus } from '../../src/queue/status.js';
import type { Config } from '../../src/config/schema.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

/** A whole minute, epoch ms: 2026-12-07 12:00:00 UTC. */
const T = Date.UTC(2026, 11, 7, 12, 0, 0);
const S = 1000;
const MIN = 60 * S;

let redis: PrivateRedis;
let conn: ReturnType<typeof createRedis>;
let cfg: Config;
let queues: Queues;
const workers: Worker[] = [];

beforeAll(async () => {
  redis = await startPrivateRedis();
  conn = createRedis(redis.url, 'test-status-rate');
  cfg = testConfig({
    redis: { url: redis.url, prefix: uniquePrefix('rate') },
    feeds: [{ id: 'herald', url: 'http://127.0.0.1:9/feed.xml' }],
    sinks: [{ type: 'jsonl', path: join(tempDir('rate'), 'a.jsonl'), only: 'all' }],
  });
  queues = openQueues(cfg, conn);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  for (const w of workers) await w.close();
  await queues?.close();
  conn?.disconnect();
  await redis?.stop();
});

/** Finishes `n` jobs of `q` at `at` (epoch ms) through BullMQ's moveToFinished, metrics on as the service's workers have them. */
async function finish(q: Queue, n: number, at: number): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  const w = new Worker(q.name, null, { connection: conn, prefix: cfg.redis.prefix, autorun: false, metrics: METRICS });
  workers.push(w);
  for (let i = 0; i < n; i++) {
    await q.add('job', { url: `http://127.0.0.1/${at}/${i}` });
    const job = await w.getNextJob('tok');
    await job!.moveToCompleted('ok', 'tok', false);
  }
  vi.useRealTimers();
}

async function progressAt(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  const r = await collectStatus(cfg, conn, queues);
  vi.useRealTimers();
  return r.progress;
}

describe('status per-minute rate', () => {
  it('counts the jobs of a worker that began in the last minute, right after the minute boundary', async () => {
    // 12 articles between 12:00:40 and 12:00:51; status read at 12:01:05, before any job ends in 12:01
    for (let i = 0; i < 12; i++) await finish(queues.articles, 1, T + 40 * S + i * S);
    for (let i = 0; i < 30; i++) await queues.articles.add('ingest-article', { url: `http://127.0.0.1/wait/${i}` } as never);
    const p = (await progressAt(T + MIN + 5 * S)).articles;
    // 12 jobs since 12:00:00 (the first one's minute), over 65 s
    expect(p.completedPerMinute).toBe(Math.round((12 / (65 / 60)) * 10) / 10);
    expect(p.etaMinutes).toBe(Math.ceil(30 / (12 / (65 / 60))));
  });

  it('is the steady rate while work goes on, and 0 once no job has ended for longer than the window', async () => {
    // the feeds queue: 10 polls in each of six minutes, 12:00 to 12:05, at :10 to :19
    for (let m = 0; m < 6; m++) for (let i = 0; i < 10; i++) await finish(queues.feeds, 1, T + m * MIN + 10 * S + i * S);
    // at 12:05:30: 60 polls since 12:00:00, over 5.5 minutes
    expect((await progressAt(T + 5 * MIN + 30 * S)).feeds.completedPerMinute).toBe(Math.round((60 / 5.5) * 10) / 10);
    // at 12:06:02 (no poll yet in 12:06): 12:01 to 12:05 and the 2 s of 12:06
    expect((await progressAt(T + 6 * MIN + 2 * S)).feeds.completedPerMinute).toBe(Math.round((50 / (5 + 2 / 60)) * 10) / 10);
    // 25 minutes after the last poll: nothing in the window
    const idle = (await progressAt(T + 30 * MIN)).feeds;
    expect(idle.completedPerMinute).toBe(0);
    expect(idle.completedTotal).toBe(60);
  });
});
