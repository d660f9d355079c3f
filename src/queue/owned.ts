/**
 * What the composition root (`runWorker`) has opened, closed in reverse order whatever
 * happens: a failure half-way through start-up (scheduler sync, a worker that cannot be
 * built, a port in use) closes everything opened before it, so no connection, pool or
 * thread is left to keep the process alive.
 */
import type { Logger } from '../log.js';

/** A stack of named close functions. */
export class Owned {
  private readonly stack: { name: string; close: () => Promise<unknown> | unknown; timeoutMs?: number }[] = [];
  private closed = false;

  /**
   * @param log where failed and timed-out closes are logged
   * @param closeTimeoutMs how long one close may take before the next one goes ahead, ms: a
   *   close that never settles (a sink's file operation hung in the kernel, as on a path
   *   under /proc) must not keep a stopping worker alive for good
   */
  constructor(
    private readonly log?: Logger,
    private readonly closeTimeoutMs = 10_000,
  ) {}

  /**
   * Registers `value` (already opened) with its close function; returns `value`.
   * @param closeTimeoutMs this close's own bound, ms, when it has one of its own that is longer
   *   than the owner's (the BullMQ workers wait `worker.shutdownTimeoutMs` for their active jobs,
   *   default 20 s, and then force: the owner's 10 s cut that wait short, docs/review.md
   *   "Round 18 (fresh18)"); default the owner's `closeTimeoutMs`
   */
  add<T>(name: string, value: T, close: (v: T) => Promise<unknown> | unknown, closeTimeoutMs?: number): T {
    if (this.closed) throw new Error(`cannot own ${name}: already closed`);
    this.stack.push({ name, close: () => close(value), timeoutMs: closeTimeoutMs });
    return value;
  }

  /** Names of what is open, oldest first (tests). */
  get names(): string[] {
    return this.stack.map((e) => e.name);
  }

  /**
   * Closes everything, newest first; a failing close is logged (`resource.close-failed`), one
   * that takes longer than its timeout (its own from `add`, else `closeTimeoutMs`) is logged (`resource.close-timeout`, reason
   * `timeout`) and left behind, and the others still close. Idempotent.
   */
  async closeAll(): Promise<void> {
    this.closed = true;
    while (this.stack.length) {
      const e = this.stack.pop()!;
      const timeoutMs = e.timeoutMs ?? this.closeTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), timeoutMs);
        timer.unref();
      });
      try {
        const r = await Promise.race([Promise.resolve().then(() => e.close()), late]);
        if (r === 'late') this.log?.warn({ event: 'resource.close-timeout', reason: 'timeout', resource: e.name, durationMs: timeoutMs }, `closing ${e.name} did not finish in time; going on without it`);
      } catch (err) {
        this.log?.warn({ event: 'resource.close-failed', resource: e.name, err: (err as Error).message }, `closing ${e.name} failed`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
