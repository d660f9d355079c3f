/**
 * Redis connections. BullMQ needs `maxRetriesPerRequest: null` on worker connections
 * (BullMQ docs, "Connections"); commands issued while Redis is away then wait for the
 * reconnect instead of failing, which is what lets a running worker ride out a Redis
 * restart. ioredis reconnects on its own with `retryStrategy`.
 */
import { Redis } from 'ioredis';
import { redactUrl } from '../log.js';

/** Redis could not be reached at start. The message names the URL and how to start Redis. */
export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    const why = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause);
    super(
      `Redis at ${redactUrl(url)} is not answering (${why}). Start it (e.g. \`redis-server --daemonize yes\`, ` +
        'or `docker compose up -d redis`), or point REDIS_URL / redis.url in the config at a running Redis.',
    );
    this.name = 'RedisUnavailableError';
  }
}

/**
 * A connection for BullMQ workers, queues and our own keys: retries forever with a
 * backoff capped at 5 s (ms = min(200 * attempt, 5000)).
 */
export function createRedis(url: string, name = 'news-ingest'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    retryStrategy: (times) => Math.min(200 * times, 5000),
  });
}

/**
 * Checks that Redis answers PING within `timeoutMs` (default 3000 ms), with a connection
 * that does not retry, so a missing Redis fails fast at start.
 * @throws RedisUnavailableError
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new RedisUnavailableError(url, err);
  } finally {
    probe.disconnect();
  }
}
