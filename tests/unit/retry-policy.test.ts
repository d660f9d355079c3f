import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { IngestError, isRedisUnavailable, reasonOf } from '../../src/errors.js';
import { REDIS_URL, uniquePrefix } from '../helpers/worker.js';
import {
  BULLMQ_STALLED_MESSAGE,
  decideRetry,
  isWorthAnotherRun,
  jobBackoffStrategy,
  parseRetryAfter,
  pollBackoffMs,
  reasonOfFailed,
  toJobError,
} from '../../src/retry/policy.js';

const fixed = () => 0;

describe('decideRetry: one answer for every queue and sink', () => {
  it('retries a transient reason until the attempts are spent, then fails as not permanent', () => {
    const err = new IngestError('http-5xx', '503');
    expect(decideRetry(err, { attemptsMade: 1, attempts: 3, baseMs: 1000, random: fixed })).toEqual({ action: 'retry', reason: 'http-5xx', delayMs: 500 });
    expect(decideRetry(err, { attemptsMade: 2, attempts: 3, baseMs: 1000, random: fixed })).toEqual({ action: 'retry', reason: 'http-5xx', delayMs: 1000 });
    expect(decideRetry(err, { attemptsMade: 3, attempts: 3, baseMs: 1000, random: fixed })).toEqual({ action: 'fail', reason: 'http-5xx', permanent: false });
  });
  it('fails a permanent reason at once', () => {
    expect(decideRetry(new IngestError('not-found', '404'), { attemptsMade: 1, attempts: 5, baseMs: 1000 })).toEqual({ action: 'fail', reason: 'not-found', permanent: true });
    expect(decideRetry(new UnrecoverableError('x'), { attemptsMade: 1, attempts: 5, baseMs: 1000 })).toMatchObject({ action: 'fail', permanent: true });
  });
  it('a bug is retried like a transient failure, as internal-error', () => {
    expect(decideRetry(new TypeError('bug'), { attemptsMade: 1, attempts: 2, baseMs: 10, random: fixed })).toEqual({ action: 'retry', reason: 'internal-error', delayMs: 5 });
  });
  it('Retry-After is a floor, capped by the ceiling', () => {
    const err = new IngestError('rate-limited', '429', { retryAfterMs: 30_000 });
    expect(decideRetry(err, { attemptsMade: 1, attempts: 5, baseMs: 100, random: fixed })).toMatchObject({ delayMs: 30_000 });
    expect(decideRetry(err, { attemptsMade: 1, attempts: 5, baseMs: 100, maxDelayMs: 10_000, random: fixed })).toMatchObject({ delayMs: 10_000 });
  });
  it("BullMQ's backoff strategy reads Retry-After through the job error's cause", () => {
    const jobErr = toJobError(new IngestError('rate-limited', '429', { retryAfterMs: 7000 }));
    expect(jobErr.message).toBe('[rate-limited] 429');
    expect(jobBackoffStrategy(100)(1, 'custom', jobErr)).toBeGreaterThanOrEqual(7000);
  });
});

describe('toJobError and reasonOfFailed round trip', () => {
  it('keeps the reason code at the start of failedReason', () => {
    expect(toJobError(new IngestError('not-found', 'gone'))).toBeInstanceOf(UnrecoverableError);
    expect(reasonOfFailed(toJobError(new IngestError('not-found', 'gone')).message)).toBe('not-found');
    expect(reasonOfFailed(toJobError(new RangeError('oops')).message)).toBe('internal-error');
  });
  it("BullMQ's own stall failure reads as `stalled`", () => {
    expect(reasonOfFailed(BULLMQ_STALLED_MESSAGE)).toBe('stalled');
    expect(reasonOfFailed('something else')).toBeNull();
    expect(reasonOfFailed(undefined)).toBeNull();
  });
});

describe('Redis connection errors are redis-unavailable, not a bug', () => {
  it('classifies the errors a real ioredis client throws', async () => {
    // A client that is not connected, with the offline queue off (as the worker's producer client).
    const offline = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const connErr = await offline.get('x').catch((e: unknown) => e);
    offline.disconnect();
    expect(reasonOf(connErr)).toBe('redis-unavailable');
    expect(reasonOfFailed(toJobError(connErr).message)).toBe('redis-unavailable');
    expect(decideRetry(connErr, { attemptsMade: 1, attempts: 3, baseMs: 10, random: fixed })).toMatchObject({ action: 'retry', reason: 'redis-unavailable' });
    expect(isWorthAnotherRun('redis-unavailable')).toBe(true);
    // A reply error of a working Redis (WRONGTYPE) is a bug of ours.
    const live = new Redis(REDIS_URL, { lazyConnect: true });
    const key = `${uniquePrefix('retry-policy')}:wrongtype`;
    await live.set(key, 'a string');
    const typeErr = await live.lpush(key, 'x').catch((e: unknown) => e);
    await live.del(key);
    live.disconnect();
    expect((typeErr as Error).message).toMatch(/^WRONGTYPE/);
    expect(reasonOf(typeErr)).toBe('internal-error');
    expect(isRedisUnavailable(new Error('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isRedisUnavailable(new Error('READONLY You can\'t write against a read only replica.'))).toBe(true);
  });
});

describe('across polls', () => {
  it('a failed article comes back when a later try could fix it', () => {
    expect(['stalled', 'network-error', 'timeout', 'http-5xx', 'sink-failed', 'internal-error', null].map(isWorthAnotherRun)).toEqual([true, true, true, true, true, true, true]);
    expect(['not-found', 'not-html', 'robots-disallowed', 'sink-rejected', 'empty-article'].map(isWorthAnotherRun)).toEqual([false, false, false, false, false]);
  });
  it('backs off 2, 4, 8... intervals up to a day', () => {
    expect([0, 1, 2, 3, 4].map((n) => pollBackoffMs(n, 60_000) / 60_000)).toEqual([0, 0, 1, 3, 7]);
    expect(pollBackoffMs(100, 3600_000)).toBe(24 * 3600_000);
  });
});

describe('parseRetryAfter: the one parser', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  it('reads seconds and HTTP-dates, first of an array', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['5', '9'], now)).toBe(5000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
