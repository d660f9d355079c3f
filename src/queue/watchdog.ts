/**
 * A BullMQ worker with a watchdog. Workers can stop taking jobs after a Redis reconnect or
 * failover (BullMQ issues, DESIGN.md "Known pitfalls"): every `checkEveryMs` the watchdog
 * compares this process's job activity with the queue's waiting count. A worker is stuck only
 * when jobs have been waiting for a sustained time: every check over at least `idleLimitMs`
 * saw waiting jobs, this worker had no active job, and it took none since the first of those
 * checks. A single sample never decides (a feed job enqueueing articles at the moment of a check
 * is no sign of a stuck worker). Then it logs `worker.stuck`, starts a new worker from the same
 * factory and closes the old one gracefully: a worker with active jobs is never force-closed
 * (its completions would never reach Redis and the jobs would run again).
 */
import type { Queue, Worker } from 'bullmq';
import type { Logger } from '../log.js';
import type { Activity } from './processor.js';

/** Default check period (ms). */
export const WATCHDOG_CHECK_MS = 15_000;
/** Idle time with waiting jobs after which the worker is recreated (ms). */
export const WATCHDOG_IDLE_LIMIT_MS = 60_000;

/** How long an identical `worker.error` message is kept to one line (ms). */
export const WORKER_ERROR_REPEAT_MS = 60_000;

/**
 * Collapses a repeated error message into one log line per `windowMs`: while Redis is down
 * each BullMQ worker emits the same `connect ECONNREFUSED` several times a second.
 * `next(message, now)` returns null when the line is to be dropped, else the number of
 * identical messages dropped since the last line (0 for a new message).
 */
export function repeatFilter(windowMs = WORKER_ERROR_REPEAT_MS): (message: string, now?: number) => number | null {
  let last: string | null = null;
  let loggedAt = 0;
  let dropped = 0;
  return (message, now = Date.now()) => {
    if (message === last && now - loggedAt < windowMs) {
      dropped++;
      return null;
    }
    const repeated = message === last ? dropped : 0;
    last = message;
    loggedAt = now;
    dropped = 0;
    return repeated;
  };
}

export class WatchedWorker {
  worker: Worker;
  private timer: NodeJS.Timeout;
  private restarting = false;
  /** When checks began to see waiting jobs with this worker idle (epoch ms), or null. */
  private waitingSince: number | null = null;

  constructor(
    private readonly make: () => Worker,
    private readonly queue: Queue,
    private readonly activity: Activity,
    private readonly log: Logger,
    opts: { checkEveryMs?: number; idleLimitMs?: number } = {},
  ) {
    this.worker = this.start();
    const idleLimit = opts.idleLimitMs ?? WATCHDOG_IDLE_LIMIT_MS;
    this.timer = setInterval(() => void this.check(idleLimit), opts.checkEveryMs ?? WATCHDOG_CHECK_MS);
    this.timer.unref();
  }

  private start(): Worker {
    const w = this.make();
    const filter = repeatFilter();
    w.on('error', (err) => {
      const repeated = filter(err.message);
      if (repeated === null) return;
      this.log.warn({ event: 'worker.error', queue: this.queue.name, reason: 'redis-unavailable', error: err.message, ...(repeated ? { repeated } : {}) }, 'worker error');
    });
    return w;
  }

  /** One watchdog check; exported behaviour for tests through `checkNow`. */
  private async check(idleLimitMs: number): Promise<boolean> {
    if (this.restarting) return false;
    const startedAt = Date.now();
    if (this.activity.active > 0) return this.clear(); // busy: never stuck, never closed
    let waiting = 0;
    try {
      waiting = (await this.queue.getJobCounts('waiting')).waiting ?? 0;
    } catch {
      return this.clear(); // Redis away: nothing to judge yet
    }
    if (waiting === 0 || this.worker.isPaused()) return this.clear();
    // A job started or ended since the first sighting (or while this check ran): not stuck.
    if (this.waitingSince === null || this.activity.lastAt >= this.waitingSince || this.activity.active > 0) {
      this.waitingSince = startedAt;
      return false;
    }
    const durationMs = Date.now() - this.waitingSince;
    if (durationMs < idleLimitMs) return false;
    this.restarting = true;
    this.log.warn({ event: 'worker.stuck', queue: this.queue.name, waiting, durationMs }, 'jobs waiting for a sustained time but none taken: recreating the worker');
    const old = this.worker;
    this.activity.lastAt = Date.now();
    this.waitingSince = null;
    this.worker = this.start();
    // Graceful: should the old worker hold a job after all, it finishes it and reports it.
    void old.close().catch(() => {});
    this.restarting = false;
    return true;
  }

  private clear(): false {
    this.waitingSince = null;
    return false;
  }

  /**
   * Runs a check at once with the given idle limit (tests). A first sighting of waiting jobs
   * never recreates: it takes two checks at least `idleLimitMs` apart with no job taken.
   * @returns true when the worker was recreated
   */
  checkNow(idleLimitMs: number): Promise<boolean> {
    return this.check(idleLimitMs);
  }

  stopWatching(): void {
    clearInterval(this.timer);
  }
}
