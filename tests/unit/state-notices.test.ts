/**
 * NoticeWriter (src/state/notices.ts) keeps counts whose write failed (the event is often Redis
 * being away) and writes them with the next write or its retry: late, not lost. A stand-in for
 * the Redis client records the transactions; its first `exec` fails as a refused connection does.
 */
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/queue/connection.js';
import { NoticeWriter } from '../../src/state/notices.js';

function fakeRedis(failures: number) {
  const hash = new Map<string, string>();
  let left = failures;
  const redis = {
    multi() {
      const ops: (() => void)[] = [];
      const m = {
        hincrby(_k: string, f: string, n: number) {
          ops.push(() => hash.set(f, String(Number(hash.get(f) ?? 0) + n)));
          return m;
        },
        hset(_k: string, f: string, v: string) {
          ops.push(() => hash.set(f, v));
          return m;
        },
        async exec() {
          if (left-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          for (const op of ops) op();
          return ops.map(() => [null, 1]);
        },
      };
      return m;
    },
  };
  return { redis: redis as unknown as RedisClient, hash };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('NoticeWriter', () => {
  it('writes the counts a failed write kept, with the next one', async () => {
    const { redis, hash } = fakeRedis(1);
    const w = new NoticeWriter(redis, 'p', 60_000);
    w.note('metrics.read-failed', 'redis-unavailable', 'feeds: connect ECONNREFUSED');
    await tick();
    expect(hash.size).toBe(0);
    w.note('metrics.read-failed', 'redis-unavailable', 'articles: connect ECONNREFUSED');
    await tick();
    expect(hash.get('metrics.read-failed')).toBe('2');
    expect(JSON.parse(hash.get('metrics.read-failed last')!)).toMatchObject({ reason: 'redis-unavailable', detail: 'articles: connect ECONNREFUSED' });
    w.close();
  });

  it('retries on its own after retryMs, and cuts details to DETAIL_MAX (600) characters', async () => {
    const { redis, hash } = fakeRedis(1);
    const w = new NoticeWriter(redis, 'p', 50);
    w.note('stories.bad-query', 'bad-query', 'q: '.padEnd(900, 'x'));
    await tick();
    expect(hash.size).toBe(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(hash.get('stories.bad-query')).toBe('1');
    expect(JSON.parse(hash.get('stories.bad-query last')!).detail).toHaveLength(600);
    w.close();
  });
});
