/**
 * Redis connections, one factory per role (BullMQ docs "Connections"; bullmq#1744, the
 * case in ../shared/corpus/cases/bullmq-maxretries-null):
 * - consumers (Workers) get `maxRetriesPerRequest: null`: their commands wait for the
 *   reconnect instead of failing, so a running worker rides out a Redis restart;
 * - producers (Queues that add jobs, the seen-set, feed state, the CLI) get a small finite
 *   `maxRetriesPerRequest`, so an enqueue during an outage rejects within seconds instead of
 *   hanging a poll or a CLI call forever.
 * The two roles never share a client. ioredis reconnects on its own with `retryStrategy`.
 */
import { Redis } from 'ioredis';
import { RedisUnavailableError } from '../errors.js';

export { RedisUnavailableError };

/** Reconnect delay: min(200 ms * attempt, 2 s). */
const retryStrategy = (times: number) => Math.min(200 * times, 2000);

/** A consumer connection (BullMQ Workers): commands wait for the reconnect, however long. */
export function createRedis(url: string, name = 'news-ingest-worker'): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, retryStrategy });
}

/**
 * Reconnect attempts a producer command waits through before it rejects: with
 * `retryStrategy` that is about 200+400+600 ms plus the connect attempts (each at most
 * PRODUCER_CONNECT_TIMEOUT_MS), well under the 10 s that bullmq#1744's case allows.
 */
export const PRODUCER_MAX_RETRIES = 2;
export const PRODUCER_CONNECT_TIMEOUT_MS = 2500;
/**
 * A producer command with no reply after this long rejects (ioredis `commandTimeout`). It
 * covers outages where TCP still connects but Redis never answers (a proxy or load balancer
 * in front of a dead Redis), which `maxRetriesPerRequest` alone does not catch. Producers send
 * no blocking commands, so 5 s is far above any healthy reply.
 */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5000;

/** A producer connection (Queues, our own keys, the CLI): fails fast while Redis is away. */
export function createProducerRedis(url: string, name = 'news-ingest'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: PRODUCER_MAX_RETRIES,
    connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
    commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS,
    // No offline queue: a command given while Redis is away rejects now, and is never sent
    // later behind the caller's back (a timed-out enqueue must not land after the outage).
    enableOfflineQueue: false,
    // Commands in flight when the connection drops are rejected, not re-sent on reconnect.
    autoResendUnfulfilledCommands: false,
    enableReadyCheck: true,
    connectionName: name,
    retryStrategy,
  });
}

/**
 * Checks that Redis answers PING within `timeoutMs` (default 3000 ms), with a connection
 * that does not retry, so a missing Redis fails fast at start.
 * @throws RedisUnavailableError
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  // disconnectTimeout: ioredis arms a timer of that length on disconnect, cleared only by a
  // 'close' that a refused socket has already emitted: the default 2 s kept a failed CLI alive.
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false, disconnectTimeout: 20 });
  // The socket error (ECONNREFUSED, ENOTFOUND, ...) says more than "Connection is closed.".
  let socketError: unknown;
  probe.on('error', (err) => (socketError ??= err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new RedisUnavailableError(url, socketError ?? err);
  } finally {
    probe.disconnect();
  }
}

/**
 * Deletes every key under `<prefix>:` (SCAN + UNLINK, 1,000 keys a step): the demo and
 * the tests clean up their private prefixes with it. Never call it on a live prefix.
 * @returns the number of keys deleted
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await redis.unlink(...keys);
  } while (cursor !== '0');
  return n;
}

/**
 * Resolves once a connection is ready to take commands (needed before the first direct
 * command on a producer connection, which has no offline queue).
 * @throws RedisUnavailableError when it is not ready within `timeoutMs` (default 5000 ms)
 */
export async function whenReady(redis: Redis, url: string, timeoutMs = 5000): Promise<Redis> {
  if (redis.status === 'ready') return redis;
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new RedisUnavailableError(url, new Error(`not ready after ${timeoutMs} ms`)));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(t);
      resolve();
    };
    redis.once('ready', onReady);
  });
  return redis;
}
