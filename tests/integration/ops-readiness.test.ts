/**
 * Readiness names the sink that is not open, and a worker's heartbeat disappears from
 * `status` once its TTL runs out when the process stops beating (as a killed one does).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { liveWorkers, startHeartbeat } from '../../src/ops/heartbeat.js';
import { healthProblems, readinessProblems } from '../../src/ops/readiness.js';
import { JsonlSink } from '../../src/sinks/index.js';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('readiness');
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await dropPrefix(prefix);
  await redis.quit();
});

describe('health', () => {
  it('names a BullMQ worker that is not running with worker-stopped, and says shutting-down while stopping', async () => {
    const running = new Worker('h-running', async () => {}, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
    const idle = new Worker('h-idle', async () => {}, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, autorun: false });
    try {
      await running.waitUntilReady();
      const workers = [{ queue: 'h-running', worker: running }, { queue: 'h-idle', worker: idle }];
      expect(healthProblems(workers, false)).toEqual([{ check: 'worker', name: 'h-idle', code: 'worker-stopped', reason: 'worker not running' }]);
      expect(healthProblems(workers, true).map((p) => p.code)).toEqual(['shutting-down']);
      await running.close();
      expect(healthProblems(workers, false).map((p) => p.name)).toEqual(['h-running', 'h-idle']);
    } finally {
      await running.close();
      await idle.close();
    }
  });
});

describe('readiness', () => {
  it('names a sink that cannot be reached, and the feed whose scheduler is missing', async () => {
    const feeds = new Queue('feeds', { connection: redis, prefix });
    const jsonl = new JsonlSink(join(tempDir('readiness'), 'a.jsonl'), 'all');
    // Nothing listens on port 1: the pool cannot connect.
    const pg = new PostgresSink({ url: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 500 }, 'warehouse');
    try {
      await feeds.upsertJobScheduler('here', { every: 60_000 }, { name: 'fetch-feed', data: {} });
      const problems = await readinessProblems({ redis, feedsQueue: feeds, feedIds: ['here', 'missing'], sinks: [jsonl, pg] });
      expect(problems.map((p) => [p.check, p.name, p.code])).toEqual([
        ['scheduler', 'missing', 'scheduler-missing'],
        ['sink', 'warehouse', 'sink-failed'],
      ]);
      expect(problems[1].reason).toMatch(/ECONNREFUSED|connect/);
      expect(await readinessProblems({ redis, feedsQueue: feeds, feedIds: ['here'], sinks: [jsonl] })).toEqual([]);
    } finally {
      await pg.close();
      await jsonl.close();
      await feeds.close();
    }
  });
});

describe('worker heartbeat', () => {
  it('lists a beating worker, and drops it once its TTL runs out without a beat', async () => {
    const { log } = captureLogger('silent');
    const hb = startHeartbeat(redis, prefix, log, { everyMs: 60_000, ttlS: 1 });
    await hb.beat();
    expect((await liveWorkers(redis, prefix)).map((w) => w.id)).toEqual([hb.id]);
    // No more beats (the next is a minute away), as with a process killed with SIGKILL.
    await new Promise((r) => setTimeout(r, 1300));
    expect(await liveWorkers(redis, prefix)).toEqual([]);
    expect(await redis.exists(`${prefix}:worker:${hb.id}`)).toBe(0);
    await hb.stop();
  });

  it('shows a process of this host killed with SIGKILL as exited before its TTL runs out', { timeout: 120_000 }, async () => {
    // A real process that beats once (TTL 30 s), then is killed without a clean stop.
    const code = `import { Redis } from 'ioredis'; import { startHeartbeat } from './src/ops/heartbeat.ts'; import pino from 'pino';
      const r = new Redis(${JSON.stringify(REDIS_URL)}); const hb = startHeartbeat(r, ${JSON.stringify(prefix)}, pino({ level: 'silent' }), { everyMs: 60_000 });
      await hb.beat(); process.stdout.write(hb.id + '\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const id = chunk.toString().trim();
    const before = (await liveWorkers(redis, prefix)).find((w) => w.id === id);
    expect(before).toMatchObject({ pid: child.pid, exited: false });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const after = (await liveWorkers(redis, prefix)).find((w) => w.id === id);
    expect(after).toMatchObject({ pid: child.pid, exited: true }); // still listed (TTL 30 s), known to be gone
  });
});
