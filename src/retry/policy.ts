/**
 * The one retry policy: every queue (feeds, articles, and any per-sink delivery queue) and
 * every sink asks this module whether a failure is retried, after how long, or failed for good.
 * Nothing else in the code base decides a retry, computes a backoff or parses Retry-After.
 *
 * Two horizons, one rule family:
 * - within a job: `decideRetry(err, {attemptsMade, attempts, baseMs})` → retry after
 *   `backoffDelayMs` (exponential, equal jitter, Retry-After as a floor, capped at
 *   MAX_RETRY_DELAY_MS), or fail (`permanent` when the reason code is not transient, or the
 *   attempts are spent). A processor throws `toJobError(err)`; BullMQ's `backoffStrategy` is
 *   `jobBackoffStrategy(baseMs)`.
 * - across polls: a feed that keeps failing, and an article whose job ended failed for a cause
 *   a later try could fix (`isWorthAnotherRun`), wait `pollBackoffMs(failedRuns, intervalMs)`
 *   before the next regular poll may run or enqueue them again (2, 4, 8... intervals, capped at
 *   MAX_POLL_BACKOFF_MS). Never "stop for good": feed readers' most common complaint is a
 *   feed silently dropped after a few errors.
 *
 * Reason codes and which are transient: src/errors.ts (REASONS).
 */
import { DelayedError, UnrecoverableError } from 'bullmq';
import { IngestError, isTransient, type OtherReason, REASONS, reasonOf, type ReasonCode } from '../errors.js';

/** Longest wait between two attempts of one job, ms (1 hour): a job never sleeps for days on one hint. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Ceiling of the across-poll backoff and of a cache-hint deferral, ms (24 h, Miniflux's default maximum polling interval). */
export const MAX_POLL_BACKOFF_MS = 24 * 3600_000;
/** The `failedReason` BullMQ gives a job it failed itself after `maxStalledCount` stalls (moveStalledJobsToWait). */
export const BULLMQ_STALLED_MESSAGE = 'job stalled more than allowable limit';

/**
 * Retry-After (RFC 9110 §10.2.3) in ms: delay-seconds (a non-negative integer) or an
 * HTTP-date (a date in the past gives 0). The only parser of the header in the code base.
 * @param value the header value (a Node header may be an array: the first is used), or null
 * @param now the current time, epoch ms (for HTTP-date values)
 * @returns ms, or null when absent or unreadable
 */
export function parseRetryAfter(value: string | readonly string[] | null | undefined, now = Date.now()): number | null {
  const v = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/**
 * True when another attempt may succeed: an IngestError's own `retryable` flag (transient
 * reason codes, src/errors.ts); BullMQ's UnrecoverableError is final; any other error (a bug,
 * a Redis hiccup) counts as transient so the bounded attempts decide.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof IngestError) return err.retryable;
  if (err instanceof Error && err.name === 'UnrecoverableError') return false;
  return true;
}

/**
 * The delay before retry number `attempt` (1 = the first retry), ms.
 * Exponential: baseMs * 2^(attempt-1), with "equal jitter" (half fixed, half random; AWS
 * Architecture Blog, "Exponential Backoff and Jitter", 2015) so workers that failed together
 * do not retry together; capped at `maxMs`. A server-given `retryAfterMs` on the error
 * (an IngestError, or its `cause`) is a floor, capped at `maxMs` too.
 * @param attempt 1-based retry number (BullMQ's `attemptsMade` in a backoff strategy)
 * @param baseMs first delay, ms (config worker.backoffMs, or a sink's backoffMs)
 * @param err the failure (for its retryAfterMs), optional
 * @param random source of [0, 1) numbers (tests pass a fixed one)
 * @param maxMs ceiling, ms (default MAX_RETRY_DELAY_MS)
 */
export function backoffDelayMs(attempt: number, baseMs: number, err?: unknown, random: () => number = Math.random, maxMs = MAX_RETRY_DELAY_MS): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 40));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const hint = retryAfterOf(err);
  return Math.max(jittered, hint === null ? 0 : Math.min(hint, maxMs));
}

/** The server's Retry-After carried by an error (itself or its `cause`), ms, or null. */
export function retryAfterOf(err: unknown): number | null {
  for (let e = err, depth = 0; e && depth < 3; e = (e as Error).cause, depth++) {
    if (e instanceof IngestError && typeof e.retryAfterMs === 'number') return e.retryAfterMs;
  }
  return null;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: ReasonCode | OtherReason }
  | { action: 'fail'; reason: ReasonCode | OtherReason; permanent: boolean };

/** Inputs of `decideRetry`. */
export interface RetryContext {
  /** Attempts made INCLUDING the one that just failed (1 after the first failure). */
  attemptsMade: number;
  /** Attempts allowed in all (config worker.attempts, a sink's retries + 1). */
  attempts: number;
  /** First backoff delay, ms. */
  baseMs: number;
  /** Ceiling of one delay, ms (default MAX_RETRY_DELAY_MS). */
  maxDelayMs?: number;
  random?: () => number;
}

/**
 * Retry, delay or fail for one failed attempt (see the module comment). A permanent reason
 * fails at once (`permanent: true`); a transient one is retried after `backoffDelayMs` until
 * the attempts are spent, then fails with `permanent: false` (a later poll may try again:
 * `isWorthAnotherRun`).
 */
export function decideRetry(err: unknown, c: RetryContext): RetryDecision {
  const reason = reasonOf(err);
  if (!isRetryable(err)) return { action: 'fail', reason, permanent: true };
  if (c.attemptsMade >= c.attempts) return { action: 'fail', reason, permanent: false };
  return { action: 'retry', reason, delayMs: backoffDelayMs(c.attemptsMade, c.baseMs, err, c.random, c.maxDelayMs) };
}

/**
 * The error a BullMQ processor throws for this failure:
 * - transient IngestError: rethrown as an Error `[code] message` with the IngestError as its
 *   `cause` (the backoff strategy reads retryAfterMs from it);
 * - permanent IngestError: `UnrecoverableError`, failed at once;
 * - a Redis connection error: `[redis-unavailable] ...`, retried like a transient error;
 * - anything else (a bug): `[internal-error] ...`, retried like a transient error.
 * BullMQ's lifecycle errors (DelayedError, UnrecoverableError) pass through.
 * The failed job's `failedReason` starts with `[<reason code>]` (read back by `reasonOfFailed`).
 */
export function toJobError(err: unknown): Error {
  if (err instanceof IngestError) {
    const msg = `[${err.code}] ${err.message}`;
    if (!err.retryable) return new UnrecoverableError(msg);
    return new Error(msg, { cause: err });
  }
  if (err instanceof Error) {
    if (err instanceof UnrecoverableError || err instanceof DelayedError) return err;
    return new Error(`[${reasonOf(err)}] ${err.message}`, { cause: err });
  }
  return new Error(`[internal-error] ${String(err)}`);
}

/** BullMQ's `settings.backoffStrategy` for our jobs (`backoff: {type: 'custom'}`): `backoffDelayMs` with the error's Retry-After. */
export function jobBackoffStrategy(baseMs: number): (attemptsMade: number, type?: string, err?: Error) => number {
  return (attemptsMade, _type, err) => backoffDelayMs(attemptsMade, baseMs, err);
}

/**
 * The reason code of a failed job from its `failedReason`: the `[code]` prefix `toJobError`
 * writes, `stalled` for BullMQ's own "job stalled more than allowable limit", else null.
 */
export function reasonOfFailed(failedReason: string | undefined | null): string | null {
  if (!failedReason) return null;
  if (failedReason.startsWith(BULLMQ_STALLED_MESSAGE)) return 'stalled';
  const m = /^\[([a-z0-9-]+)\]/.exec(failedReason);
  return m ? m[1] : null;
}

/**
 * True when a job that ended failed with this reason code deserves another run on a later
 * poll: transient codes (network, 5xx, ...), `stalled` (its worker died or froze) and
 * `internal-error` (a bug a deploy may fix). Permanent codes (404, not-html, ...) do not.
 */
export function isWorthAnotherRun(reason: string | null): boolean {
  // A proxy refusal (407) is the config's fault, not the page's: a run after the fix may pass.
  // A wrong Content-Length is the server's, the same on each try of a job, but a fixed server
  // serves the article whole (docs/review.md round 10, faults12).
  if (reason === null || reason === 'internal-error' || reason === 'redis-unavailable' || reason === 'proxy-refused' || reason === 'bad-content-length') return true;
  return Object.hasOwn(REASONS, reason) ? isTransient(reason as ReasonCode) : true;
}

/**
 * How long after a failed run the next regular poll waits, ms (feeds that keep failing,
 * and articles whose job ended failed): 0 after the first failure (the regular cadence is the
 * retry), then (2^(n-1) - 1) intervals, so with a poll every interval the gap between runs
 * becomes 2, 4, 8... intervals; capped at MAX_POLL_BACKOFF_MS.
 * @param failedRuns failed runs in a row, including the one just recorded (>= 0)
 * @param intervalMs the poll cadence, ms
 */
export function pollBackoffMs(failedRuns: number, intervalMs: number): number {
  if (failedRuns <= 1) return 0;
  const exp = Math.min(failedRuns - 1, 30);
  return Math.min(MAX_POLL_BACKOFF_MS, intervalMs * (2 ** exp - 1));
}
