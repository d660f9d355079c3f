/**
 * Redis connections, one factory per role (BullMQ docs "Connections"; bullmq#1744, the
 * case in ../shared/corpus/cases/bullmq-maxretries-null):
 * - consumers (Workers) get `maxRetriesPerRequest: null`: their commands wait for the
 *   reconnect instead of failing, so a running worker rides out a Redis restart;
 * - producers (Queues that add jobs, the seen-set, feed state, the CLI) get a small finite
 *   `maxRetriesPerRequest`, so an enqueue during an outage rejects within seconds instead of
 *   hanging a poll or a CLI call forever.
 * The two roles never share a client. ioredis reconnects on its own with `retryStrategy`.
 *
 * Redis Cluster (`redis.cluster`): the same factories return an ioredis `Cluster` built as
 * BullMQ's docs ("Redis Cluster") say, `new Cluster(nodes, { redisOptions })`, with the
 * per-role options in `redisOptions` (BullMQ reads `maxRetriesPerRequest` there). Every key
 * carries the prefix's `{hash tag}` (required by the config check), so scripts, MULTI and
 * pipelines stay in one slot; a failover is followed by the client (MOVED, slot refresh).
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { REDIS_SILENT, RedisDatabaseError, RedisUnavailableError } from '../errors.js';
import { assertDatabaseSelectable, DatabaseCheckedRedis } from './database.js';

export { RedisUnavailableError };

/** A client of either shape: one Redis, or a Redis Cluster (same commands, scripts, pipelines). */
export type RedisClient = Redis | Cluster;

/** Where Redis is: `redis.url`, or the seed nodes of `redis.cluster` (config). */
export interface RedisTarget {
  url: string;
  cluster?: readonly string[];
}

/** A short, password-free name of the target for messages: the URL, or `cluster host:port,...`. */
export function describeTarget(target: string | RedisTarget): string {
  if (typeof target === 'string') return target;
  return target.cluster?.length ? `cluster ${target.cluster.map((n) => n.replace(/^rediss?:\/\/(?:[^@/]*@)?/, '')).join(',')}` : target.url;
}

/**
 * Seed nodes and the options they share (user, password, TLS), from `redis://[user:pass@]host:port` URLs.
 * @throws Error naming the node when a URL cannot be parsed
 */
export function clusterNodesOf(urls: readonly string[]): { nodes: { host: string; port: number }[]; auth: RedisOptions } {
  const auth: RedisOptions = {};
  const nodes = urls.map((raw) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`redis.cluster: "${raw}" is not a URL (redis://host:port expected)`);
    }
    if (u.username) auth.username = decodeURIComponent(u.username);
    if (u.password) auth.password = decodeURIComponent(u.password);
    if (u.protocol === 'rediss:') auth.tls = {};
    return { host: u.hostname, port: Number(u.port || 6379) };
  });
  return { nodes, auth };
}

/** A Cluster with `redisOptions` for every node connection and `clusterOptions` on top. */
function createCluster(urls: readonly string[], redisOptions: RedisOptions, clusterOptions: ClusterOptions = {}): Cluster {
  const { nodes, auth } = clusterNodesOf(urls);
  return new Cluster(nodes, {
    redisOptions: { ...auth, ...redisOptions },
    clusterRetryStrategy: retryStrategy,
    enableReadyCheck: true,
    // Failover: keep retrying MOVED/CLUSTERDOWN/TRYAGAIN for about the time a replica takes to be promoted.
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 300,
    ...clusterOptions,
  });
}

/** Reconnect delay: min(200 ms * attempt, 2 s). */
const retryStrategy = (times: number) => Math.min(200 * times, 2000);

/** A consumer connection (BullMQ Workers): commands wait for the reconnect, however long. */
export function createRedis(url: string, name?: string): Redis;
export function createRedis(target: string | RedisTarget, name?: string): RedisClient;
export function createRedis(target: string | RedisTarget, name = 'news-ingest-worker'): RedisClient {
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, retryStrategy };
  if (typeof target !== 'string' && target.cluster?.length) return createCluster(target.cluster, options);
  const url = typeof target === 'string' ? target : target.url;
  // never in another database than the URL's, reconnects and BullMQ's duplicates included (src/queue/database.ts)
  return new DatabaseCheckedRedis(url, url, options);
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
export function createProducerRedis(url: string, name?: string): Redis;
export function createProducerRedis(target: string | RedisTarget, name?: string): RedisClient;
export function createProducerRedis(target: string | RedisTarget, name = 'news-ingest'): RedisClient {
  const options: RedisOptions = {
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
  };
  if (typeof target !== 'string' && target.cluster?.length) {
    // No offline queue at the cluster level either (ioredis's commandTimeout bounds only commands
    // sent to a node, not those held while the cluster is down): a producer fails fast in a
    // failover too, and the job that called it is retried (attempts, backoff).
    return createCluster(target.cluster, options, { enableOfflineQueue: false, maxRedirections: 32 });
  }
  const url = typeof target === 'string' ? target : target.url;
  return new DatabaseCheckedRedis(url, url, options);
}

/**
 * Checks that Redis answers PING within `timeoutMs` (default 3000 ms), with a connection
 * that does not retry, so a missing Redis fails fast at start. For a cluster, the cluster
 * must answer (slots learned from a seed node, PING answered) within the same time. A
 * `redis.url` with a database index (`/N`) must be one Redis accepts (SELECT).
 * @throws RedisUnavailableError
 * @throws RedisDatabaseError when Redis refuses SELECT of the URL's database index (exit 2)
 */
export async function assertRedisReachable(target: string | RedisTarget, timeoutMs = 3000): Promise<void> {
  if (typeof target !== 'string' && target.cluster?.length) return assertClusterReachable(target.cluster, timeoutMs);
  const url = typeof target === 'string' ? target : target.url;
  // disconnectTimeout: ioredis arms a timer of that length on disconnect, cleared only by a
  // 'close' that a refused socket has already emitted: the default 2 s kept a failed CLI alive.
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false, disconnectTimeout: 20 });
  // The socket error (ECONNREFUSED, ENOTFOUND, ...) says more than "Connection is closed.".
  let socketError: unknown;
  probe.on('error', (err) => (socketError ??= err));
  // A frozen Redis (SIGSTOP, a stuck host) has its connections taken by the kernel and answers
  // nothing, not even the ready check `connect` waits for: without a bound `start` and every
  // CLI command waited for ever without a word (round 10 faults, docs/review.md).
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${REDIS_SILENT} within ${timeoutMs} ms`)), timeoutMs);
  });
  // ...and then takes the URL's database index (/N): a refused SELECT is a config fault (exit 2),
  // which ioredis alone only logs before going on in database 0 (src/queue/database.ts)
  const answer = probe.connect().then(() => probe.ping()).then(() => assertDatabaseSelectable(probe, url));
  answer.catch(() => {}); // lost the race: its rejection after the disconnect is expected
  try {
    await Promise.race([answer, silence]);
  } catch (err) {
    if (err instanceof RedisDatabaseError) throw err;
    throw new RedisUnavailableError(url, socketError ?? err);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

async function assertClusterReachable(urls: readonly string[], timeoutMs: number): Promise<void> {
  const probe = createCluster(urls, { connectTimeout: timeoutMs, maxRetriesPerRequest: 0, disconnectTimeout: 20 }, { lazyConnect: true, clusterRetryStrategy: () => null, enableOfflineQueue: false });
  let socketError: unknown;
  probe.on('error', (err) => (socketError ??= err));
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${REDIS_SILENT} within ${timeoutMs} ms`)), timeoutMs).unref());
  try {
    await Promise.race([probe.connect().then(() => probe.ping()), timer]);
  } catch (err) {
    throw new RedisUnavailableError(describeTarget({ url: '', cluster: urls }), socketError ?? err);
  } finally {
    probe.disconnect();
  }
}

/**
 * Deletes every key under `<prefix>:` (SCAN + UNLINK, 1,000 keys a step; on a cluster, on
 * every master): the demo and the tests clean up their private prefixes with it. Never call
 * it on a live prefix.
 * @returns the number of keys deleted
 */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string): Promise<number> {
  const nodes: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  let n = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      // One key per UNLINK on a cluster node: keys of other prefixes' slots may share the node.
      if (keys.length) n += redis instanceof Cluster ? (await Promise.all(keys.map((k) => node.unlink(k)))).reduce((a, b) => a + b, 0) : await node.unlink(...keys);
    } while (cursor !== '0');
  }
  return n;
}

/**
 * Resolves once a connection is ready to take commands (needed before the first direct
 * command on a producer connection, which has no offline queue).
 * @throws RedisUnavailableError when it is not ready within `timeoutMs` (default 5000 ms)
 */
export async function whenReady<R extends RedisClient>(redis: R, url: string, timeoutMs = 5000): Promise<R> {
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
