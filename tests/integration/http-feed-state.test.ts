import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedBackoffMs, getFeedState, isUnhealthy, MAX_FEED_BACKOFF_MS, saveFeedFailure, saveFeedSuccess } from '../../src/state/feed-state.js';

const prefix = `test-feed-state-${process.pid}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379');
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('per-feed health in Redis', () => {
  it('a failing feed is backed off, becomes unhealthy, and recovers on one success', async () => {
    const t0 = new Date('2026-11-29T10:00:00Z');
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) counts.push(await saveFeedFailure(redis, prefix, 'f1', { reason: 'http-5xx', message: 'HTTP 503', at: t0, intervalMinutes: 15 }));
    expect(counts).toEqual([1, 2, 3, 4]);
    let st = await getFeedState(redis, prefix, 'f1');
    expect(st).toMatchObject({ consecutiveFailures: 4, lastStatus: 'http-5xx', lastError: 'HTTP 503' });
    expect(Date.parse(st.nextAttemptAt!) - t0.getTime()).toBe(feedBackoffMs(4, 15));
    expect(isUnhealthy(st)).toBe(true);

    await saveFeedSuccess(redis, prefix, 'f1', { etag: '"e"', lastModified: null, notModified: false, newItems: 2, at: t0 });
    st = await getFeedState(redis, prefix, 'f1');
    expect(st).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastStatus: 'ok', lastError: null, etag: '"e"' });
    expect(isUnhealthy(st)).toBe(false);
  });

  it('Retry-After wins over a shorter backoff; a cache hint defers the next fetch, capped', async () => {
    const t0 = new Date('2026-11-29T10:00:00Z');
    await saveFeedFailure(redis, prefix, 'f2', { reason: 'rate-limited', message: '429', at: t0, intervalMinutes: 15, retryAfterMs: 3_600_000 });
    expect((await getFeedState(redis, prefix, 'f2')).nextAttemptAt).toBe('2026-11-29T11:00:00.000Z');
    await saveFeedSuccess(redis, prefix, 'f2', { etag: null, lastModified: null, notModified: true, newItems: 0, at: t0, cacheMaxAgeMs: 30 * 60_000 });
    expect((await getFeedState(redis, prefix, 'f2')).nextAttemptAt).toBe('2026-11-29T10:30:00.000Z');
    await saveFeedSuccess(redis, prefix, 'f2', { etag: null, lastModified: null, notModified: true, newItems: 0, at: t0, cacheMaxAgeMs: 30 * 86_400_000 });
    expect(Date.parse((await getFeedState(redis, prefix, 'f2')).nextAttemptAt!) - t0.getTime()).toBe(MAX_FEED_BACKOFF_MS);
  });

  it('without intervalMinutes (old callers) nothing is deferred', async () => {
    await saveFeedFailure(redis, prefix, 'f3', { reason: 'timeout', message: 't', at: new Date() });
    expect((await getFeedState(redis, prefix, 'f3')).nextAttemptAt).toBeNull();
  });
});
