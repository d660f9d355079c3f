/**
 * A frozen Redis (SIGSTOP: its connections stay open, nothing answers, no error comes) is
 * reported by the heartbeat as `heartbeat.stalled` once, and its return (SIGCONT) as
 * `heartbeat.recovered` with how long it went unanswered; the entry is written again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { liveWorkers, startHeartbeat } from '../../src/ops/heartbeat.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { until } from '../helpers/ops-site.js';
import { captureLogger } from '../helpers/worker.js';

let redis: PrivateRedis;
beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('heartbeat and a frozen Redis', () => {
  it('logs heartbeat.stalled once while Redis is stopped with SIGSTOP, and heartbeat.recovered after SIGCONT', async () => {
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const { log, lines } = captureLogger('info');
    const hb = startHeartbeat(conn, 'freeze', log, { everyMs: 200, ttlS: 30 });
    let continued = false;
    try {
      await until(async () => (await liveWorkers(redis.client, 'freeze')).some((w) => w.id === hb.id), 'first beat written');
      redis.signal('SIGSTOP');
      await until(async () => lines.some((l) => l.event === 'heartbeat.stalled') || null, 'heartbeat.stalled logged');
      await new Promise((r) => setTimeout(r, 800)); // four more periods: still one line
      const stalled = lines.filter((l) => l.event === 'heartbeat.stalled');
      expect(stalled).toHaveLength(1);
      expect(stalled[0]).toMatchObject({ reason: 'redis-unavailable', level: 40 });
      expect(stalled[0].waitingMs).toBeGreaterThanOrEqual(200);
      expect(lines.some((l) => l.event === 'heartbeat.recovered')).toBe(false);

      redis.signal('SIGCONT');
      continued = true;
      const back = await until(async () => lines.find((l) => l.event === 'heartbeat.recovered') ?? null, 'heartbeat.recovered logged');
      expect(back.unansweredMs).toBeGreaterThanOrEqual(1000);
      expect(lines.filter((l) => l.event === 'heartbeat.recovered')).toHaveLength(1);
    } finally {
      if (!continued) redis.signal('SIGCONT');
      await hb.stop();
      conn.disconnect();
    }
  });

  it('logs heartbeat.stalled, not heartbeat.failed, when the connection times commands out sooner than a period (the worker\'s producer connection)', async () => {
    // The worker beats every 10 s on a connection with a 5 s commandTimeout: the same ratio here.
    const conn = new Redis(redis.url, { maxRetriesPerRequest: 2, commandTimeout: 100 });
    const { log, lines } = captureLogger('info');
    const hb = startHeartbeat(conn, 'freeze-timeout', log, { everyMs: 400, ttlS: 30 });
    let continued = false;
    try {
      await until(async () => (await liveWorkers(redis.client, 'freeze-timeout')).some((w) => w.id === hb.id), 'first beat written');
      redis.signal('SIGSTOP');
      await until(async () => lines.some((l) => l.event === 'heartbeat.stalled' || l.event === 'heartbeat.failed') || null, 'the freeze logged');
      await new Promise((r) => setTimeout(r, 1200)); // three more periods: still one line
      expect(lines.filter((l) => l.event === 'heartbeat.failed')).toHaveLength(0);
      const stalled = lines.filter((l) => l.event === 'heartbeat.stalled');
      expect(stalled).toHaveLength(1);
      expect(stalled[0]).toMatchObject({ reason: 'redis-unavailable', level: 40 });
      expect(stalled[0].waitingMs).toBeGreaterThanOrEqual(100);

      redis.signal('SIGCONT');
      continued = true;
      const back = await until(async () => lines.find((l) => l.event === 'heartbeat.recovered') ?? null, 'heartbeat.recovered logged');
      expect(back.unansweredMs).toBeGreaterThanOrEqual(1000);
      expect(lines.filter((l) => l.event === 'heartbeat.recovered')).toHaveLength(1);
    } finally {
      if (!continued) redis.signal('SIGCONT');
      await hb.stop();
      conn.disconnect();
    }
  });
});
