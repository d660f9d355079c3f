/**
 * Retry policy for fetch failures: which errors are worth another try, and how long to
 * wait before it.
 */
import { IngestError } from '../errors.js';

/** Longest wait between two attempts, ms (1 hour): a job never sleeps for days on one hint. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * The delay before retry number `attempt` (1 = the first retry), ms.
 * Exponential: baseMs * 2^(attempt-1), with "equal jitter" (half fixed, half random; AWS
 * Architecture Blog, "Exponential Backoff and Jitter", 2015) so workers that failed together
 * do not retry together; capped at MAX_RETRY_DELAY_MS. When `err` is an IngestError with a
 * server-given `retryAfterMs` (Retry-After, RFC 9110 §10.2.3) the delay is never shorter
 * than that hint (also capped at MAX_RETRY_DELAY_MS).
 * @param attempt 1-based retry number (BullMQ's `attemptsMade` in a backoff strategy)
 * @param baseMs first delay, ms (config worker.backoffMs)
 * @param random source of [0, 1) numbers (tests pass a fixed one)
 */
export function backoffDelayMs(attempt: number, baseMs: number, err?: unknown, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** (n - 1));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const hint = err instanceof IngestError && typeof err.retryAfterMs === 'number' ? Math.min(err.retryAfterMs, MAX_RETRY_DELAY_MS) : 0;
  return Math.max(jittered, hint);
}

/**
 * True when another attempt may succeed: an IngestError's own `retryable` flag (transient
 * reason codes, src/errors.ts); any other error (a bug, a Redis hiccup) counts as transient
 * so the job's bounded attempts decide.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof IngestError) return err.retryable;
  if (err instanceof Error && err.name === 'UnrecoverableError') return false;
  return true;
}
