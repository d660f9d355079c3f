/**
 * What the composition root (`runWorker`) has opened, closed in reverse order whatever
 * happens: a failure half-way through start-up (scheduler sync, a worker that cannot be
 * built, a port in use) closes everything opened before it, so no connection, pool or
 * thread is left to keep the process alive.
 */
import type { Logger } from '../log.js';

/** A stack of named close functions. */
export class Owned {
  private readonly stack: { name: string; close: () => Promise<unknown> | unknown }[] = [];
  private closed = false;

  constructor(private readonly log?: Logger) {}

  /** Registers `value` (already opened) with its close function; returns `value`. */
  add<T>(name: string, value: T, close: (v: T) => Promise<unknown> | unknown): T {
    if (this.closed) throw new Error(`cannot own ${name}: already closed`);
    this.stack.push({ name, close: () => close(value) });
    return value;
  }

  /** Names of what is open, oldest first (tests). */
  get names(): string[] {
    return this.stack.map((e) => e.name);
  }

  /**
   * Closes everything, newest first; a failing close is logged (`resource.close-failed`) and
   * the others still close. Idempotent.
   */
  async closeAll(): Promise<void> {
    this.closed = true;
    while (this.stack.length) {
      const e = this.stack.pop()!;
      try {
        await e.close();
      } catch (err) {
        this.log?.warn({ event: 'resource.close-failed', resource: e.name, err: (err as Error).message }, `closing ${e.name} failed`);
      }
    }
  }
}
