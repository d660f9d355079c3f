/**
 * Redis can lose its data under a running worker: a restart of a Redis that keeps nothing on
 * disk, a failover to an empty replica, a FLUSHALL, eviction. The job schedulers go with it and
 * a worker that only synced them at start idles for good. `RedisGuard` keeps every worker
 * honest about it:
 * - at start, on every reconnect and every `worker.reconcileIntervalMs` it reads
 *   `maxmemory-policy`: `allkeys-*` refuses to start (RedisEvictionError, exit 3) unless
 *   `redis.allowEviction`, and is an error event when it appears while running (a `CONFIG SET`,
 *   a failover to a replica configured otherwise, without a reconnect: round 9 faults);
 *   `volatile-*` warns once (`redis.eviction` events);
 * - a marker key (`<prefix>:instance`) is written at start; on every reconnect and every
 *   `worker.reconcileIntervalMs` the guard checks it. Gone means Redis lost its data: one
 *   worker (a short lock) rebuilds the seen-set from the sinks (so delivered pages are not
 *   fetched again), upserts the job schedulers (so polling resumes at once), writes the marker
 *   back and logs one `redis.reset` event with what it found missing; the reset is kept in
 *   `<prefix>:redis-resets` for `status`;
 * - with the marker present it still upserts any configured job scheduler that is missing.
 */
import { describeTarget, type RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { isRedisUnavailable, RedisEvictionError } from '../errors.js';
import type { Sink } from '../sinks/types.js';
import { feedStateKey } from '../state/feed-state.js';
import { rebuildSeenFromSinks, type SeenRebuild } from '../state/seen.js';
import type { NoticeWriter } from '../state/notices.js';
import { syncSchedulers, type Queues } from './queues.js';

/** How an eviction policy treats our keys: `none` (noeviction), `volatile` (only keys with a TTL), `allkeys` (any key), or `unknown` (CONFIG refused). */
export type EvictionVerdict = 'none' | 'volatile' | 'allkeys' | 'unknown';

/** Classifies a `maxmemory-policy` value (Redis docs, "Key eviction"). */
export function evictionVerdictOf(policy: string | null): EvictionVerdict {
  if (!policy) return 'unknown';
  if (policy === 'noeviction') return 'none';
  if (policy.startsWith('allkeys-')) return 'allkeys';
  if (policy.startsWith('volatile-')) return 'volatile';
  return 'unknown';
}

/**
 * Redis's `maxmemory-policy`, or null when CONFIG GET is refused (a managed Redis renames or
 * forbids CONFIG) or fails.
 * @param opts.throwWhenAway rethrow the error when Redis is unreachable (isRedisUnavailable)
 *   instead of answering null: a running worker must not take an outage for a refused CONFIG
 */
export async function readEvictionPolicy(redis: Redis, opts: { throwWhenAway?: boolean } = {}): Promise<string | null> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return res?.[1] ?? null;
  } catch (err) {
    if (opts.throwWhenAway && isRedisUnavailable(err)) throw err;
    return null;
  }
}

/** Redis key of the marker written at start. */
export function markerKey(prefix: string): string {
  return `${prefix}:instance`;
}
/** Redis key of the list of recent resets (newest first, JSON, at most 10). */
export function resetsKey(prefix: string): string {
  return `${prefix}:redis-resets`;
}
const RESET_LOCK_MS = 120_000;

/** One detected loss of Redis data, as logged (`redis.reset`) and shown by `status`. */
export interface RedisReset {
  at: string;
  /** What triggered the check: `start`, `reconnect` or `interval`. */
  trigger: string;
  /** What was gone: the marker, the job schedulers of these feeds, the state of these feeds. */
  missing: { marker: boolean; schedulers: string[]; feedState: string[] };
  /** Records read back from the sinks, and seen-set keys written from them. */
  rebuiltSeen: SeenRebuild;
  durationMs: number;
}

/** Reads the most recent reset, or null (for `status`). */
export async function lastRedisReset(redis: Redis, prefix: string): Promise<RedisReset | null> {
  const v = await redis.lindex(resetsKey(prefix), 0);
  return v ? (JSON.parse(v) as RedisReset) : null;
}

/** See the module comment. */
export class RedisGuard {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private lastPolicy: string | null | undefined;
  private warnedVolatile = false;
  private pendingReconnect = false;

  constructor(
    private readonly deps: {
      redis: Redis;
      config: Config;
      log: Logger;
      queues: Queues;
      sinks: readonly Sink[];
      schedulers: boolean;
      /**
       * Called when a loss is found while running (not at start), after the seen-set was rebuilt
       * and before the marker is written back: `start --once` polls its feeds again there, since
       * its feed and article jobs were in the lost data. A throw fails the pass (logged, retried
       * at the next check: the marker is still missing).
       */
      onReset?: () => Promise<void>;
      /** Where a start's incomplete seen-set rebuild (`seen.rebuild-incomplete`) is counted for `status`; none: only logged. */
      notices?: NoticeWriter;
    },
  ) {}

  /**
   * Start-time checks: the eviction policy (throws RedisEvictionError on `allkeys-*` unless
   * allowed), then the marker (missing with records in the sinks: a loss while no worker ran,
   * handled like one seen at run time).
   */
  async start(): Promise<void> {
    await this.checkEviction('start', true);
    await this.checkMarker('start');
  }

  /** Checks every `intervalMs` (and on `onReconnect`) until `stop`. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.reconcile('interval'), intervalMs);
    this.timer.unref();
  }

  /** Call when a connection is ready again after an error. */
  onReconnect(): void {
    void this.reconcile('reconnect');
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * One reconcile pass (serialized; errors are logged, never thrown: Redis may be away again).
   * A reconnect during a pass (which may be failing on the dead connection) runs another pass
   * right after it.
   */
  reconcile(trigger: 'reconnect' | 'interval'): Promise<void> {
    if (this.running) {
      if (trigger === 'reconnect') this.pendingReconnect = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        await this.checkEviction(trigger, false);
        await this.checkMarker(trigger);
      } catch (err) {
        this.deps.log.warn({ event: 'redis.reconcile', outcome: 'failed', reason: 'redis-unavailable', error: (err as Error).message }, 'reconcile with Redis failed; next try at the next reconnect or interval');
      } finally {
        this.running = null;
        if (this.pendingReconnect) {
          this.pendingReconnect = false;
          void this.reconcile('reconnect');
        }
      }
    })();
    return this.running;
  }

  private async checkEviction(trigger: string, atStart: boolean): Promise<void> {
    const { redis, config, log } = this.deps;
    // Redis away (not a refused CONFIG): nothing learned, the reconcile pass fails and is logged
    const policy = await readEvictionPolicy(redis, { throwWhenAway: trigger === 'interval' });
    const verdict = evictionVerdictOf(policy);
    const changed = policy !== this.lastPolicy;
    this.lastPolicy = policy;
    if (verdict === 'allkeys') {
      // on the interval only a change is logged (one CONFIG GET a reconcile, not a line a minute)
      if (!config.redis.allowEviction && (trigger !== 'interval' || changed)) {
        log.error({ event: 'redis.eviction', trigger, policy, outcome: atStart ? 'refused' : 'at-risk', reason: 'eviction-allkeys' }, 'Redis may evict any key: set maxmemory-policy noeviction');
        if (atStart) throw new RedisEvictionError(describeTarget(config.redis), policy!);
      } else if (config.redis.allowEviction && changed) {
        log.warn({ event: 'redis.eviction', trigger, policy, outcome: 'allowed', reason: 'eviction-allkeys' }, 'Redis may evict any key (allowed by redis.allowEviction)');
      }
    } else if (verdict === 'volatile' && !this.warnedVolatile) {
      this.warnedVolatile = true;
      log.warn({ event: 'redis.eviction', trigger, policy, outcome: 'warned', reason: 'eviction-volatile' }, 'Redis may evict keys with a TTL (the seen-set, robots and politeness state) under memory pressure');
    } else if (verdict === 'unknown' && changed) {
      log.warn({ event: 'redis.eviction', trigger, policy, outcome: 'unknown', reason: 'eviction-unknown' }, 'cannot read maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
    }
  }

  private async checkMarker(trigger: string): Promise<void> {
    const { redis, config, log, queues } = this.deps;
    const prefix = config.redis.prefix;
    const t0 = Date.now();
    if ((await redis.exists(markerKey(prefix))) === 1) {
      if (this.deps.schedulers && trigger !== 'start') await this.upsertMissingSchedulers(trigger);
      return;
    }
    // One worker rebuilds; the others find the marker back at their next check. A worker
    // starting meanwhile waits for it, so its first polls never run before the seen-set is back.
    const lock = await redis.set(`${prefix}:reset-lock`, String(process.pid), 'PX', RESET_LOCK_MS, 'NX');
    if (lock !== 'OK') {
      if (trigger === 'start') await this.waitForMarker(RESET_LOCK_MS);
      return;
    }
    try {
      const missingSchedulers = this.deps.schedulers ? await this.missingSchedulerIds() : [];
      const feedState: string[] = [];
      for (const f of config.feeds) if ((await redis.exists(feedStateKey(prefix, f.id))) === 0) feedState.push(f.id);
      const rebuiltSeen = await rebuildSeenFromSinks(redis, prefix, this.deps.sinks, Math.round(config.worker.seenTtlDays * 86_400));
      // At start the worker syncs every job scheduler right after this check (runWorker).
      if (this.deps.schedulers && missingSchedulers.length && trigger !== 'start') await syncSchedulers(queues.feeds, config.feeds, log);
      if (trigger !== 'start' && this.deps.onReset) await this.deps.onReset();
      await redis.set(markerKey(prefix), JSON.stringify({ createdAt: new Date().toISOString(), pid: process.pid }));
      // A first start on an empty Redis with empty sinks is no loss: nothing to report.
      // At a start with nothing found in the sinks a fresh prefix and a loss look alike: when some
      // sink could not be read, say so without calling it a loss (a new user's first start with
      // PostgreSQL away is not a data loss).
      if (trigger === 'start' && rebuiltSeen.records === 0) {
        if (rebuiltSeen.failedSinks) {
          // its own reason: no record failed to be written (`sink-failed` said so before round 20)
          const detail = rebuiltSeen.failedSinks.map((s) => `${s}: ${rebuiltSeen.sinkErrors?.[s] ?? '?'}`).join('; ');
          log.warn({ event: 'seen.rebuild-incomplete', trigger, failedSinks: rebuiltSeen.failedSinks, sinkErrors: rebuiltSeen.sinkErrors, reason: 'sink-read-failed' }, `no seen-set marker in Redis and some sinks could not be read (${detail}): pages they hold may be fetched again`);
          this.deps.notices?.note('seen.rebuild-incomplete', 'sink-read-failed', detail);
        }
        return;
      }
      const reset: RedisReset = { at: new Date(t0).toISOString(), trigger, missing: { marker: true, schedulers: missingSchedulers, feedState }, rebuiltSeen, durationMs: Date.now() - t0 };
      await redis.multi().lpush(resetsKey(prefix), JSON.stringify(reset)).ltrim(resetsKey(prefix), 0, 9).exec();
      log.warn({ event: 'redis.reset', ...reset, reason: 'redis-data-lost' }, `${trigger === 'start' ? `Redis holds no state for prefix ${prefix} while the sinks hold records (Redis lost its data, or this prefix is new to these sinks)` : 'Redis lost its data'}: seen-set rebuilt from the sinks, job schedulers restored${rebuiltSeen.incomplete ? `; ${rebuiltSeen.incomplete} records some sink lacks will be fetched again` : ''}`);
      // Deliveries pending in the lost Redis to a sink that cannot be read back are gone, and
      // cannot be counted: say so, naming the sinks (`status` shows the reset with them).
      if (rebuiltSeen.unreadableSinks) log.warn({ event: 'sink.deliveries-unknown', trigger, sinks: rebuiltSeen.unreadableSinks, reason: 'redis-data-lost' }, `deliveries pending in Redis when it lost its data are gone for sinks that cannot be read back (${rebuiltSeen.unreadableSinks.join(', ')}); records written since the last delivery they acknowledged may be missing there`);
    } finally {
      await redis.del(`${prefix}:reset-lock`).catch(() => {});
    }
  }

  /** Waits until the marker exists (another worker finished its rebuild) or `timeoutMs` has passed. */
  private async waitForMarker(timeoutMs: number): Promise<void> {
    const key = markerKey(this.deps.config.redis.prefix);
    const end = Date.now() + timeoutMs;
    while (Date.now() < end && (await this.deps.redis.exists(key)) === 0) await new Promise((r) => setTimeout(r, 200));
  }

  private async missingSchedulerIds(): Promise<string[]> {
    const existing = await this.deps.queues.feeds.getJobSchedulers(0, -1);
    const have = new Set(existing.map((s) => s.key ?? (s as { id?: string }).id));
    return this.deps.config.feeds.filter((f) => !have.has(f.id)).map((f) => f.id);
  }

  private async upsertMissingSchedulers(trigger: string): Promise<void> {
    const missing = await this.missingSchedulerIds();
    if (!missing.length) return;
    this.deps.log.warn({ event: 'schedulers.missing', trigger, feedIds: missing, reason: 'scheduler-missing' }, 'job schedulers missing; upserting them');
    await syncSchedulers(this.deps.queues.feeds, this.deps.config.feeds, this.deps.log);
  }
}
