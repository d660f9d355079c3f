/**
 * A client closed between two reconnect attempts ends, and the commands waiting in its offline
 * queue settle (round 16, fresh16; src/queue/database.ts). On main (ioredis 5.x as it is) the
 * client stayed `reconnecting` for good after `disconnect()`, its queued command never settled,
 * and `quit()` queued behind it never settled either: a worker stopped while Redis was down
 * waited for our close timeouts. Real clients of the factories, a private redis-server stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/queue/connection.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { until } from '../helpers/ops-site.js';

let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  await redis?.stop();
});

/** How a promise ended, or `pending` when it has not within `ms` (main: never). */
function settled<T>(p: Promise<T>, ms = 5000): Promise<string> {
  return Promise.race([
    p.then(
      (v) => `resolved ${String(v)}`,
      (e: Error) => `rejected ${e.message}`,
    ),
    new Promise<string>((r) => setTimeout(() => r('pending'), ms).unref()),
  ]);
}

/** A consumer client (commands wait for the reconnect), connected, then its Redis stopped: resolves once it is between two attempts. */
async function reconnectingClient(): Promise<Redis> {
  await redis.start().catch(() => {});
  const c = createRedis(redis.url, 'test-close-reconnecting') as Redis;
  c.on('error', () => {});
  await c.ping();
  await redis.stop();
  await until(async () => c.status === 'reconnecting', 'client reconnecting');
  return c;
}

describe('closing a client between reconnect attempts', () => {
  it('disconnect() ends it and rejects the commands of its offline queue', async () => {
    const c = await reconnectingClient();
    const ended = new Promise<void>((r) => c.once('end', () => r()));
    // status checked in the same tick: the client is between attempts (no socket)
    expect(c.status).toBe('reconnecting');
    const get = c.get('k');
    c.disconnect();
    expect(await settled(get)).toBe('rejected Connection is closed.');
    expect(await settled(ended)).toBe('resolved undefined');
    expect(c.status).toBe('end');
  });

  it('quit() answers OK and ends it, the queued command rejected', async () => {
    const c = await reconnectingClient();
    expect(c.status).toBe('reconnecting');
    const get = c.get('k');
    const quit = c.quit();
    expect(await settled(quit)).toBe('resolved OK');
    expect(await settled(get)).toBe('rejected Connection is closed.');
    expect(c.status).toBe('end');
  });

  it('a reconnect asked for (disconnect(true)) still reconnects once Redis is back', async () => {
    const c = await reconnectingClient();
    const get = c.get('k');
    c.disconnect(true);
    await redis.start();
    expect(await settled(get, 30_000)).toBe('resolved null');
    expect(c.status).toBe('ready');
    await c.quit();
  });
});
