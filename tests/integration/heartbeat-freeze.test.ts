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

type Line = Record<string, unknown>;

/**
 * Beats on `conn` every `everyMs`, freezes the private Redis (SIGSTOP) once the first beat is
 * written, waits `settleMs` after the first freeze line, calls `whileFrozen` with the log lines,
 * resumes it (SIGCONT) and returns the `heartbeat.recovered` line and every line.
 */
async function freezeAndResume(conn: Redis, prefix: string, everyMs: number, settleMs: number, whileFrozen: (lines: Line[]) => void): Promise<{ back: Line; lines: Line[] }> {
  const { log, lines } = captureLogger('info');
  const hb = startHeartbeat(conn, prefix, log, { everyMs, ttlS: 30 });
  let continued = false;
  try {
    await until(async () => (await liveWorkers(redis.client, prefix)).some((w) => w.id === hb.id), 'first beat written');
    redis.signal('SIGSTOP');
    await until(async () => lines.some((l) => l.event === 'heartbeat.stalled' || l.event === 'heartbeat.failed') || null, 'the freeze logged');
    await new Promise((r) => setTimeout(r, settleMs));
    whileFrozen(lines);
    redis.signal('SIGCONT');
    continued = true;
    const back = await until(async () => lines.find((l) => l.event === 'heartbeat.recovered') ?? null, 'heartbeat.recovered logged');
    return { back, lines };
  } finally {
    if (!continued) redis.signal('SIGCONT');
    await hb.stop();
    conn.disconnect();
  }
}

describe('heartbeat and a frozen Redis', () => {
  it('logs heartbeat.stalled once while Redis is stopped with SIGSTOP, and heartbeat.recovered after SIGCONT', async () => {
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    // four more periods after the first line: still one line
    const { back, lines } = await freezeAndResume(conn, 'freeze', 200, 800, (lines) => {
      const stalled = lines.filter((l) => l.event === 'heartbeat.stalled');
      expect(stalled).toHaveLength(1);
      expect(stalled[0]).toMatchObject({ reason: 'redis-unavailable', level: 40 });
      expect(stalled[0].waitingMs).toBeGreaterThanOrEqual(200);
      expect(lines.some((l) => l.event === 'heartbeat.recovered')).toBe(false);
    });
    expect(back.unansweredMs).toBeGreaterThanOrEqual(1000);
    expect(lines.filter((l) => l.event === 'heartbeat.recovered')).toHaveLength(1);
  });

  it('logs heartbeat.stalled, not heartbeat.failed, when the connection times commands out sooner than a period (the worker\'s producer connection)', async () => {
    // The worker beats every 10 s on a connection with a 5 s commandTimeout: the same ratio here.
    const conn = new Redis(redis.url, { maxRetriesPerRequest: 2, commandTimeout: 100 });
    // three more periods after the first line: still one line
    const { back, lines } = await freezeAndResume(conn, 'freeze-timeout', 400, 1200, (lines) => {
      expect(lines.filter((l) => l.event === 'heartbeat.failed')).toHaveLength(0);
      const stalled = lines.filter((l) => l.event === 'heartbeat.stalled');
      expect(stalled).toHaveLength(1);
      expect(stalled[0]).toMatchObject({ reason: 'redis-unavailable', level: 40 });
      expect(stalled[0].waitingMs).toBeGreaterThanOrEqual(100);
    });
    expect(back.unansweredMs).toBeGreaterThanOrEqual(1000);
    expect(lines.filter((l) => l.event === 'heartbeat.recovered')).toHaveLength(1);
  });
});
