import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { isAllowedByRobots, MAX_TTL_MS, robotsVerdict, UNREACHABLE_TTL_MS, type RobotsDeps } from '../../src/http/robots.js';
import { LOCAL_TTL_MS, redisRobotsCache, robotsKey } from '../../src/state/robots-cache.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';

const prefix = `test-robots-${process.pid}`;
let srv: FaultServer;
let redis: Redis;
let deps: RobotsDeps;
const robotsHits = () => srv.requests.filter((r) => r.path === '/robots.txt').length;

beforeAll(async () => {
  srv = await startFaultServer();
  redis = new Redis('redis://127.0.0.1:6379');
});
// a fresh cache per test: each test starts as a new process would (no copy in process memory)
beforeEach(() => {
  deps = { cache: redisRobotsCache(redis, prefix), http: HttpConfigSchema.parse({ allowPrivateNetworks: true, timeoutMs: 2000 }), userAgent: 'news-ingest/0.1.0 (+https://example.test/bot)' };
});
afterEach(async () => {
  await redis.del(robotsKey(prefix, srv.origin));
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await srv.close();
});

describe('robots.txt', () => {
  it('honours the group for our product token over *, and caches the file in Redis', async () => {
    srv.robots = { status: 200, body: 'User-agent: *\nAllow: /\n\nUser-agent: news-ingest\nDisallow: /private/\nCrawl-delay: 2\n' };
    const before = robotsHits();
    expect(await isAllowedByRobots(srv.url('/private/a.html'), deps)).toBe(false);
    expect(await robotsVerdict(srv.url('/news/a.html'), deps)).toEqual({ allowed: true, basis: 'rules', crawlDelayMs: 2000 });
    // Cached: a changed file is not fetched again before the TTL.
    srv.robots = { status: 200, body: 'User-agent: *\nDisallow: /\n' };
    expect(await isAllowedByRobots(srv.url('/news/b.html'), deps)).toBe(true);
    expect(robotsHits() - before).toBe(1);
    const ttl = await redis.pttl(robotsKey(prefix, srv.origin));
    expect(ttl).toBeGreaterThan(MAX_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(MAX_TTL_MS);
  });

  it("another crawler's rules do not apply to us", async () => {
    srv.robots = { status: 200, body: 'User-agent: GPTBot\nDisallow: /\n' };
    expect(await isAllowedByRobots(srv.url('/a.html'), deps)).toBe(true);
  });

  it.each([404, 401, 403, 410])('a %i robots.txt means allow all (RFC 9309 §2.3.1.3)', async (status) => {
    srv.robots = { status, body: 'User-agent: *\nDisallow: /\n' };
    expect(await robotsVerdict(srv.url('/a.html'), deps)).toMatchObject({ allowed: true, basis: 'unavailable' });
  });

  it.each([500, 503, 429])('a %i robots.txt means disallow for now, cached briefly (RFC 9309 §2.3.1.4)', async (status) => {
    srv.robots = { status, body: '' };
    expect(await robotsVerdict(srv.url('/a.html'), deps)).toMatchObject({ allowed: false, basis: 'unreachable' });
    const ttl = await redis.pttl(robotsKey(prefix, srv.origin));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(UNREACHABLE_TTL_MS);
  });

  it('an unreachable host means disallow for now', async () => {
    const closed = await startFaultServer();
    const origin = closed.origin;
    await closed.close();
    expect(await robotsVerdict(`${origin}/a.html`, deps)).toMatchObject({ allowed: false, basis: 'unreachable' });
    await redis.del(robotsKey(prefix, origin));
  });

  it('a blocked address is an error, not a verdict', async () => {
    await expect(robotsVerdict(srv.url('/a.html'), { ...deps, http: { ...deps.http, allowPrivateNetworks: false } })).rejects.toMatchObject({ code: 'blocked-address' });
  });

  it('respectRobots: false allows without fetching', async () => {
    const before = robotsHits();
    expect(await robotsVerdict(srv.url('/a.html'), { ...deps, http: { ...deps.http, respectRobots: false } })).toMatchObject({ allowed: true, basis: 'off' });
    expect(robotsHits()).toBe(before);
  });

  it('a process reuses what it read from Redis for at most LOCAL_TTL_MS, then reads Redis again', async () => {
    let now = 1_000_000;
    const cache = redisRobotsCache(redis, prefix, () => now);
    const origin = 'http://cache-test.invalid';
    await redis.set(robotsKey(prefix, origin), 'first', 'PX', 60_000);
    expect(await cache.get(origin)).toBe('first');
    await redis.set(robotsKey(prefix, origin), 'second', 'PX', 60_000);
    now += LOCAL_TTL_MS - 1;
    expect(await cache.get(origin)).toBe('first'); // no GET sent
    now += 2;
    expect(await cache.get(origin)).toBe('second');
    // a value it writes is kept no longer than its own TTL
    await cache.set(origin, 'short', 1000);
    await redis.set(robotsKey(prefix, origin), 'other', 'PX', 60_000);
    now += 999;
    expect(await cache.get(origin)).toBe('short');
    now += 2;
    expect(await cache.get(origin)).toBe('other');
    await redis.del(robotsKey(prefix, origin));
  });

  it('with a politeness gate (round 9 faults): a busy host is not cached, a granted slot is marked and released, and a copy cached meanwhile is not fetched again', async () => {
    srv.robots = { status: 200, body: 'User-agent: *\nDisallow: /private/\n' };
    const before = robotsHits();
    const { IngestError } = await import('../../src/errors.js');
    const busy = await robotsVerdict(srv.url('/news/a.html'), { ...deps, hostSlot: async (h) => Promise.reject(new IngestError('host-busy', `${h} busy`, { retryAfterMs: 300 })) }).catch((e: unknown) => e);
    expect((busy as InstanceType<typeof IngestError>).code).toBe('host-busy');
    expect(robotsHits() - before).toBe(0);
    expect(await redis.get(robotsKey(prefix, srv.origin))).toBeNull(); // not cached as unreachable
    const calls: string[] = [];
    const gate = async (h: string) => {
      calls.push(`slot ${h}`);
      return { started: async () => void calls.push('started'), release: async () => void calls.push('release') };
    };
    expect(await robotsVerdict(srv.url('/private/x.html'), { ...deps, hostSlot: gate })).toMatchObject({ allowed: false, basis: 'rules' });
    expect(calls).toEqual([`slot ${new URL(srv.origin).host}`, 'started', 'release']);
    expect(robotsHits() - before).toBe(1);
    // another job's copy lands in Redis while this one waits for the slot: read, not fetched again
    await redis.del(robotsKey(prefix, srv.origin));
    const fresh = { ...deps, cache: redisRobotsCache(redis, prefix) };
    const late = async (h: string) => {
      await redis.set(robotsKey(prefix, srv.origin), JSON.stringify({ kind: 'unavailable' }), 'PX', 60_000);
      return gate(h);
    };
    expect(await robotsVerdict(srv.url('/private/y.html'), { ...fresh, hostSlot: late })).toMatchObject({ allowed: true, basis: 'unavailable' });
    expect(robotsHits() - before).toBe(1);
  });
});
