/**
 * The newest delivery attempts of a sink, shared by every worker process of a prefix, so
 * readiness (`/readyz`, a sink's `probe()`) says the same in each: before round 17 the webhook
 * sink's probe answered from its own process's attempts only, and a worker that had delivered
 * nothing yet was ready while the others' deliveries all failed (docs/review.md "Round 16
 * (fresh16)", left). One hash per sink, `<prefix>:sink-attempts:<sink name>`:
 * - `failedAt` (epoch ms) and `failure` (`[<reason>] <message>`): the newest attempt that failed
 *   for every record (written at each such failure);
 * - `okAt` (epoch ms): a recent attempt that succeeded. To spare Redis a write per delivered
 *   record, a success is written at once when this process knows of a failure not yet cleared
 *   (its own, or one its last read saw), else at most every OK_WRITE_EVERY_MS (the latest success
 *   of the period written at its end). So a success in a process that did not know of another's
 *   failure clears it within OK_WRITE_EVERY_MS.
 * The sink is failing while `failedAt` > `okAt`. Writes never fail or hold a delivery: they run in
 * the background and their errors are dropped (Redis away: readiness says so on its own).
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster

/** Longest time a success is kept from Redis when no failure is known, ms (10 s: a readiness probe's usual period). */
export const OK_WRITE_EVERY_MS = 10_000;

/** The newest failure of a sink that fails every record, as shared. */
export interface SharedFailure {
  at: Date;
  /** `[<reason>] <message>`. */
  failure: string;
}

/** Redis key of a sink's shared attempts. */
export function sinkAttemptsKey(prefix: string, sinkName: string): string {
  return `${prefix}:sink-attempts:${sinkName}`;
}

/** See the module comment. */
export class SinkAttempts {
  private readonly key: string;
  /** This process knows of a failure that no success written since has cleared. */
  private failureKnown = false;
  private lastOkWriteAt = 0;
  private pendingOkAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    prefix: string,
    sinkName: string,
  ) {
    this.key = sinkAttemptsKey(prefix, sinkName);
  }

  /** Records an attempt that failed for every record (in the background). */
  failed(at: Date, failure: string): void {
    this.failureKnown = true;
    this.queue(() => this.redis.hset(this.key, { failedAt: at.getTime(), failure: failure.slice(0, 500) }));
  }

  /** Records a successful attempt: at once while a failure is known, else throttled (see the module comment). */
  succeeded(at: Date): void {
    this.pendingOkAt = Math.max(this.pendingOkAt ?? 0, at.getTime());
    const wait = this.failureKnown ? 0 : this.lastOkWriteAt + OK_WRITE_EVERY_MS - Date.now();
    if (wait <= 0) return this.writeOk();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.writeOk();
    }, wait).unref();
  }

  /**
   * The sink's newest failure when it is newer than its newest success (of any process), else
   * null. `local`, this process's own newest failure (not cleared by a success of its own since),
   * counts too: a Redis that lost its data (a restart without persistence) forgets the shared one.
   * @throws the Redis error when it cannot be read
   */
  async newestFailure(local: SharedFailure | null = null): Promise<SharedFailure | null> {
    const h = await this.redis.hgetall(this.key);
    const okAt = Number(h.okAt ?? 0);
    const shared = Number(h.failedAt ?? 0) > 0 ? { at: new Date(Number(h.failedAt)), failure: h.failure ?? '' } : null;
    const newest = local && (!shared || local.at.getTime() > shared.at.getTime()) ? local : shared;
    if (!newest || !(newest.at.getTime() > okAt)) return null;
    if (newest === shared) this.failureKnown = true;
    return newest;
  }

  /** Resolves when the writes asked so far have settled (tests, close). Writes a held success first. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writeOk();
    }
    await this.writing;
  }

  private writeOk(): void {
    const at = this.pendingOkAt;
    if (at === null) return;
    this.pendingOkAt = null;
    this.lastOkWriteAt = Date.now();
    this.failureKnown = false;
    this.queue(() => this.redis.hset(this.key, 'okAt', at));
  }

  /** Runs writes one after another, in the order asked, errors dropped. */
  private queue(write: () => Promise<unknown>): void {
    this.writing = this.writing.then(write).catch(() => {});
  }
}
