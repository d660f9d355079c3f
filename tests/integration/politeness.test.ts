import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireHostSlot, hostKeys } from '../../src/state/politeness.js';

const prefix = `test-politeness-${process.pid}`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379');
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

type Slot = Awaited<ReturnType<typeof acquireHostSlot>>;
function granted(s: Slot): Extract<Slot, { ok: true }> {
  if (!s.ok) throw new Error(`expected a slot, got waitMs ${s.waitMs}`);
  return s;
}
function refused(s: Slot): number {
  if (s.ok) throw new Error('expected the host to be busy');
  return s.waitMs;
}

describe('acquireHostSlot', () => {
  it('caps requests in flight per host and frees a slot on release', async () => {
    const perHost = { concurrency: 2, minDelayMs: 0 };
    const a = granted(await acquireHostSlot(redis, prefix, 'cap.test', perHost));
    await a.started();
    const b = granted(await acquireHostSlot(redis, prefix, 'cap.test', perHost));
    await b.started();
    expect(refused(await acquireHostSlot(redis, prefix, 'cap.test', perHost))).toBeGreaterThanOrEqual(50);
    // Another host has its own budget.
    expect((await acquireHostSlot(redis, prefix, 'other.test', perHost)).ok).toBe(true);
    await a.release();
    await a.release(); // idempotent
    expect(await redis.zcard(hostKeys(prefix, 'cap.test').slots)).toBe(1);
    expect((await acquireHostSlot(redis, prefix, 'cap.test', perHost)).ok).toBe(true);
  });

  it('with minDelayMs 0 only the concurrency cap holds: grants do not wait for each other', async () => {
    const perHost = { concurrency: 3, minDelayMs: 0 };
    const grants = [];
    for (let i = 0; i < 3; i++) grants.push(granted(await acquireHostSlot(redis, prefix, 'nodelay.test', perHost)));
    expect(refused(await acquireHostSlot(redis, prefix, 'nodelay.test', perHost))).toBeGreaterThan(0);
    await grants[0].release();
    expect((await acquireHostSlot(redis, prefix, 'nodelay.test', perHost)).ok).toBe(true);
  });

  it('a grant not yet started holds back the next one until it is marked', async () => {
    const perHost = { concurrency: 5, minDelayMs: 1 };
    const a = granted(await acquireHostSlot(redis, prefix, 'pending.test', perHost));
    expect(refused(await acquireHostSlot(redis, prefix, 'pending.test', perHost))).toBeGreaterThan(0);
    await a.started();
    await new Promise((r) => setTimeout(r, 10)); // past the 1 ms gap
    expect((await acquireHostSlot(redis, prefix, 'pending.test', perHost)).ok).toBe(true);
  });

  it('spaces request starts by minDelayMs and says how long to wait', async () => {
    const perHost = { concurrency: 10, minDelayMs: 5000 };
    const g = granted(await acquireHostSlot(redis, prefix, 'delay.test', perHost));
    const t0 = Date.now();
    await g.started();
    const wait = refused(await acquireHostSlot(redis, prefix, 'DELAY.test', perHost, { random: () => 0 }));
    // the wait is the gap less the time gone since the start (before: > 4000, which a machine
    // that stalled a second between the two calls failed); 2 ms for rounding of both clocks
    const elapsed = Date.now() - t0;
    expect(wait).toBeGreaterThanOrEqual(5000 - elapsed - 2);
    expect(wait).toBeLessThanOrEqual(5000);
  });

  it('a release without a start counts as the start', async () => {
    const perHost = { concurrency: 10, minDelayMs: 5000 };
    const g = granted(await acquireHostSlot(redis, prefix, 'norelease.test', perHost));
    const t0 = Date.now();
    await g.release();
    const wait = refused(await acquireHostSlot(redis, prefix, 'norelease.test', perHost, { random: () => 0 }));
    expect(wait).toBeGreaterThanOrEqual(5000 - (Date.now() - t0) - 2);
  });

  it('a slot that is never released (a killed worker) expires with its lease', async () => {
    const perHost = { concurrency: 1, minDelayMs: 0 };
    granted(await acquireHostSlot(redis, prefix, 'crash.test', perHost, { leaseMs: 300 }));
    // The wait handed back is bounded by the lease's remaining time.
    expect(refused(await acquireHostSlot(redis, prefix, 'crash.test', perHost, { leaseMs: 300, random: () => 0 }))).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    expect((await acquireHostSlot(redis, prefix, 'crash.test', perHost)).ok).toBe(true);
  });

  it('the keys expire on their own', async () => {
    await acquireHostSlot(redis, prefix, 'ttl.test', { concurrency: 1, minDelayMs: 1000 }, { leaseMs: 2000 });
    const k = hostKeys(prefix, 'ttl.test');
    for (const key of [k.slots, k.last, k.pending]) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
