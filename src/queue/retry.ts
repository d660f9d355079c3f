/**
 * Maps pipeline errors to BullMQ's job lifecycle (STYLE.md habit 2):
 * - transient IngestError (network, timeout, 5xx, 429, sink-failed): rethrown, BullMQ
 *   retries it after `backoffStrategy`'s delay;
 * - permanent IngestError (404, not-a-feed, too-large, ...): `UnrecoverableError`, failed at once;
 * - anything else (a bug): retried like a transient error, so a fix can land before the
 *   attempts run out, and logged as `internal-error`.
 * The failed job's `failedReason` starts with `[<reason code>]`.
 */
import { DelayedError, UnrecoverableError } from 'bullmq';
import { IngestError } from '../errors.js';

/** The error to throw from a processor for this failure (see module comment). */
export function toJobError(err: unknown): Error {
  if (err instanceof IngestError) {
    const msg = `[${err.code}] ${err.message}`;
    if (!err.retryable) return new UnrecoverableError(msg);
    // The cause carries retryAfterMs to the worker's backoffStrategy.
    return new Error(msg, { cause: err });
  }
  if (err instanceof Error) {
    if (err instanceof UnrecoverableError || err instanceof DelayedError) return err;
    return new Error(`[internal-error] ${err.message}`, { cause: err });
  }
  return new Error(`[internal-error] ${String(err)}`);
}

/** The reason code at the start of a failedReason, or null. */
export function reasonOfFailed(failedReason: string | undefined): string | null {
  const m = failedReason ? /^\[([a-z0-9-]+)\]/.exec(failedReason) : null;
  return m ? m[1] : null;
}
