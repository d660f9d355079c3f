/**
 * The robots.txt cache in Redis, per origin (`<prefix>:robots:<origin>`), shared by every
 * worker process. The robots stage (src/http/robots.ts) decides what to cache and for how long;
 * this module only stores and reads the values.
 *
 * Each process also keeps what it read or wrote for at most LOCAL_TTL_MS (and never past the
 * Redis entry's own expiry when it wrote it), so an article job does not send a GET per page
 * (issue 17: Redis commands per article). A robots.txt that changes reaches a process at most
 * LOCAL_TTL_MS later than through Redis alone; RFC 9309 §2.4 lets a crawler keep it 24 hours.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster

/** Where the robots stage keeps what it learned about an origin (a JSON string with a TTL). */
export interface RobotsCache {
  /** The cached value for an origin (`https://host:port`), or null. */
  get(origin: string): Promise<string | null>;
  /** Stores a value for `ttlMs` milliseconds. */
  set(origin: string, value: string, ttlMs: number): Promise<void>;
}

/** Longest a process reuses a value without asking Redis again, ms. */
export const LOCAL_TTL_MS = 60_000;
/** Origins kept in process memory (oldest dropped first). */
export const LOCAL_MAX_ORIGINS = 1000;

/** Redis key of an origin's cached robots.txt. */
export function robotsKey(prefix: string, origin: string): string {
  return `${prefix}:robots:${origin}`;
}

/**
 * The Redis-backed cache under `prefix`, with the per-process copy described above.
 * @param now the clock, epoch ms (tests)
 */
export function redisRobotsCache(redis: Redis, prefix: string, now: () => number = Date.now): RobotsCache {
  const local = new Map<string, { value: string; until: number }>();
  const keep = (origin: string, value: string, ttlMs: number) => {
    local.delete(origin);
    local.set(origin, { value, until: now() + Math.min(LOCAL_TTL_MS, ttlMs) });
    if (local.size > LOCAL_MAX_ORIGINS) local.delete(local.keys().next().value as string);
  };
  return {
    get: async (origin) => {
      const hit = local.get(origin);
      if (hit && hit.until > now()) return hit.value;
      local.delete(origin);
      const value = await redis.get(robotsKey(prefix, origin));
      if (value !== null) keep(origin, value, LOCAL_TTL_MS);
      return value;
    },
    set: async (origin, value, ttlMs) => {
      await redis.set(robotsKey(prefix, origin), value, 'PX', ttlMs);
      keep(origin, value, ttlMs);
    },
  };
}
