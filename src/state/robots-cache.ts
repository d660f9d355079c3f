/**
 * The robots.txt cache in Redis, per origin (`<prefix>:robots:<origin>`), shared by every
 * worker process. The robots stage (src/http/robots.ts) decides what to cache and for how long;
 * this module only stores and reads the values.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster

/** Where the robots stage keeps what it learned about an origin (a JSON string with a TTL). */
export interface RobotsCache {
  /** The cached value for an origin (`https://host:port`), or null. */
  get(origin: string): Promise<string | null>;
  /** Stores a value for `ttlMs` milliseconds. */
  set(origin: string, value: string, ttlMs: number): Promise<void>;
}

/** Redis key of an origin's cached robots.txt. */
export function robotsKey(prefix: string, origin: string): string {
  return `${prefix}:robots:${origin}`;
}

/** The Redis-backed cache under `prefix`. */
export function redisRobotsCache(redis: Redis, prefix: string): RobotsCache {
  return {
    get: (origin) => redis.get(robotsKey(prefix, origin)),
    set: async (origin, value, ttlMs) => {
      await redis.set(robotsKey(prefix, origin), value, 'PX', ttlMs);
    },
  };
}
