/**
 * A BullMQ worker with a watchdog. Workers can stop taking jobs after a Redis reconnect or
 * failover (BullMQ issues, DESIGN.md "Known pitfalls"): every `checkEveryMs` the watchdog
 * compares this process's job activity with the queue's waiting count; when jobs have been
 * waiting while this worker ran none and took none for `idleLimitMs`, it logs `worker.stuck`, closes the
 * worker (without waiting for its active jobs, which finish or stall back to the queue) and
 * starts a new one from the same factory.
 */
import type { Queue, Worker } from 'bullmq';
import type { Logger } from '../log.js';
import type { Activity } from './processor.js';

/** Default check period (ms). */
export const WATCHDOG_CHECK_MS = 15_000;
/** Idle time with waiting jobs after which the worker is recreated (ms). */
export const WATCHDOG_IDLE_LIMIT_MS = 60_000;

export class WatchedWorker {
  worker: Worker;
  private timer: NodeJS.Timeout;
  private restarting = false;

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
    w.on('error', (err) => this.log.warn({ event: 'worker.error', queue: this.queue.name, reason: err.message }, 'worker error'));
    return w;
  }

  /** One watchdog check; exported behaviour for tests through `checkNow`. */
  private async check(idleLimitMs: number): Promise<boolean> {
    if (this.restarting) return false;
    const idleMs = Date.now() - this.activity.lastAt;
    if (idleMs < idleLimitMs || this.activity.active > 0) return false;
    let waiting = 0;
    try {
      waiting = (await this.queue.getJobCounts('waiting')).waiting ?? 0;
    } catch {
      return false; // Redis away: nothing to judge yet
    }
    if (waiting === 0 || this.worker.isPaused()) return false;
    this.restarting = true;
    this.log.warn({ event: 'worker.stuck', queue: this.queue.name, waiting, durationMs: idleMs }, 'jobs waiting but none taken: recreating the worker');
    const old = this.worker;
    this.activity.lastAt = Date.now();
    this.worker = this.start();
    void old.close(true).catch(() => {});
    this.restarting = false;
    return true;
  }

  /** Runs a check at once with the given idle limit (tests). @returns true when the worker was recreated */
  checkNow(idleLimitMs: number): Promise<boolean> {
    return this.check(idleLimitMs);
  }

  stopWatching(): void {
    clearInterval(this.timer);
  }
}
