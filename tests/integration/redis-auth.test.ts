/**
 * A Redis that answers but refuses the credentials of the URL (WRONGPASS, or NOAUTH when the
 * URL has none) is not "not answering": the start-up check says to fix the password, not to
 * start Redis, and masks the password it was given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertRedisReachable } from '../../src/queue/connection.js';
import { RedisUnavailableError } from '../../src/errors.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';

let redis: PrivateRedis;
beforeAll(async () => {
  redis = await startPrivateRedis();
  await redis.client.config('SET', 'requirepass', 'right-pw');
});
afterAll(async () => {
  await redis?.stop();
});

const failure = (url: string) => assertRedisReachable(url).then(() => null, (e: unknown) => e);

describe('Redis refusing the credentials', () => {
  it('names a wrong password as such, masked, without telling to start Redis', async () => {
    const err = await failure(`redis://:wrong-pw@127.0.0.1:${redis.port}`);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/WRONGPASS/);
    expect(msg).toMatch(/refused the credentials/);
    expect(msg).not.toMatch(/Start it/);
    expect(msg).not.toContain('wrong-pw');
    expect(msg).toContain(`redis://:***@127.0.0.1:${redis.port}`);
  });

  it('names a missing password (NOAUTH) the same way', async () => {
    const msg = ((await failure(`redis://127.0.0.1:${redis.port}`)) as Error).message;
    expect(msg).toMatch(/NOAUTH/);
    expect(msg).toMatch(/refused the credentials/);
    expect(msg).not.toMatch(/Start it/);
  });

  it('still tells to start Redis when nothing listens', async () => {
    const msg = ((await failure('redis://:x@127.0.0.1:1')) as Error).message;
    expect(msg).toMatch(/ECONNREFUSED/);
    expect(msg).toMatch(/Start it/);
  });
});
