/**
 * Maps pipeline errors to BullMQ's job lifecycle (STYLE.md habit 2):
 * - transient IngestError (network, timeout, 5xx, 429, sink-failed): rethrown, BullMQ
 *   retries it after `backoffStrategy`'s delay;
 * - permanent IngestError (404, not-a-feed, too-large, ...): `UnrecoverableError`, failed at once;
 * - anything else (a bug): retried like a transient error, so a fix can land before the
 *   attempts run out, and logged as `internal-error`.
 * The failed job's `failedReason` starts with `[<reason code>]`.
 */
import { UnrecoverableError } from 'bullmq';
import { IngestError } from '../errors.js';

/** First backoff delay when the config does not say (ms). */
const DEFAULT_BASE_MS = 5000;
/** Longest backoff between two attempts (ms). */
export const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Delay before retry number `attemptsMade` (1-based): exponential (base * 2^(n-1)) with
 * "full jitter" in the upper half (AWS Architecture Blog, "Exponential Backoff and Jitter"),
 * capped at MAX_BACKOFF_MS; a server's Retry-After (IngestError.retryAfterMs) wins when longer.
 */
export function retryDelayMs(attemptsMade: number, err: unknown, baseMs = DEFAULT_BASE_MS, random = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const hinted = err instanceof IngestError && err.retryAfterMs ? Math.min(err.retryAfterMs, MAX_BACKOFF_MS) : 0;
  return Math.max(jittered, hinted);
}

/** The error to throw from a processor for this failure (see module comment). */
export function toJobError(err: unknown): Error {
  if (err instanceof IngestError) {
    const msg = `[${err.code}] ${err.message}`;
    if (!err.retryable) return new UnrecoverableError(msg);
    const e = new Error(msg, { cause: err });
    (e as Error & { retryAfterMs?: number }).retryAfterMs = err.retryAfterMs;
    return e;
  }
  if (err instanceof Error) {
    if (err.name === 'UnrecoverableError' || err.name === 'DelayedError') return err;
    return new Error(`[internal-error] ${err.message}`, { cause: err });
  }
  return new Error(`[internal-error] ${String(err)}`);
}

/** The reason code at the start of a failedReason, or null. */
export function reasonOfFailed(failedReason: string | undefined): string | null {
  const m = failedReason ? /^\[([a-z0-9-]+)\]/.exec(failedReason) : null;
  return m ? m[1] : null;
}
