/**
 * An article whose job ended failed is not hidden by the seen-set when a later try could fix
 * it: each failed run pushes the next poll's re-enqueue back 0, 1, 3, 7... feed intervals
 * (the retry policy's pollBackoffMs); a permanent reason keeps it seen. Real Redis (unique prefix).
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../src/normalize/url.js';
import { seenAfterFailure, seenAfterSuccess } from '../../src/queue/article-end.js';
import type { ArticleJobData } from '../../src/queue/names.js';
import { readSeen, seenVerdict } from '../../src/state/seen.js';
import { dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('seen-failures');
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await dropPrefix(prefix);
  redis.disconnect();
});

const config = testConfig({ redis: { url: REDIS_URL, prefix }, feeds: [{ id: 'wire', url: 'https://news.example/rss', intervalMinutes: 10 }] });
const job = (url: string, failedRuns?: number): ArticleJobData => ({
  url,
  canonicalUrl: url,
  feedId: 'wire',
  feed: null,
  item: null,
  reason: 'scheduled',
  itemVersion: 'v1',
  failedRuns,
});
const MIN = 60_000;

describe('seen-set after failed article jobs', () => {
  it('brings a transient or stalled failure back with a growing backoff across polls, then clears it on success', async () => {
    const url = 'https://news.example/a/1';
    const id = recordIdOf(url);
    const t = Date.parse('2026-12-01T10:00:00Z');
    const waits: number[] = [];
    for (const [k, reason] of (['stalled', 'network-error', 'http-5xx', 'internal-error'] as const).entries()) {
      expect(await seenAfterFailure(redis, config, job(url, k), reason, t)).toBe(k + 1);
      const [e] = await readSeen(redis, prefix, [id]);
      waits.push((e!.retryAt - t) / MIN);
      expect(seenVerdict(e, 'v1', 'wire', e!.retryAt - 1)).toBe('seen');
      expect(seenVerdict(e, 'v1', 'wire', e!.retryAt)).toBe('retry');
    }
    expect(waits).toEqual([0, 10, 30, 70]); // 0, then 1, 3, 7 intervals of 10 minutes
    await seenAfterSuccess(redis, config, job(url, 4));
    const [done] = await readSeen(redis, prefix, [id]);
    expect(done).toEqual({ versions: { wire: 'v1' }, failedRuns: 0, retryAt: 0 });
    expect(seenVerdict(done, 'v1', 'wire', Date.now())).toBe('seen');
  });

  it('a permanent failure keeps the article seen', async () => {
    const url = 'https://news.example/a/2';
    expect(await seenAfterFailure(redis, config, job(url), 'not-found')).toBeNull();
    expect(await readSeen(redis, prefix, [recordIdOf(url)])).toEqual([null]);
    // After earlier transient failures, a permanent one ends the re-polls.
    await seenAfterFailure(redis, config, job(url), 'timeout');
    expect(await seenAfterFailure(redis, config, job(url, 1), 'not-html')).toBeNull();
    const [e] = await readSeen(redis, prefix, [recordIdOf(url)]);
    expect(e).toEqual({ versions: { wire: 'v1' }, failedRuns: 0, retryAt: 0 });
  });

  it('manual re-ingests write nothing', async () => {
    const url = 'https://news.example/a/3';
    expect(await seenAfterFailure(redis, config, { ...job(url), reason: 'manual' }, 'timeout')).toBeNull();
    expect(await readSeen(redis, prefix, [recordIdOf(url)])).toEqual([null]);
  });
});
