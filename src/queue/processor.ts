/**
 * Wraps a job processor with the service's log lines and error mapping: one `job.end` line
 * per attempt (`outcome`, `reason`, `durationMs`), errors mapped by `toJobError`, and the
 * per-process counts of the run summary updated.
 */
import { DelayedError, type Job } from 'bullmq';
import { reasonOf } from '../errors.js';
import type { Logger } from '../log.js';
import { decideRetry, toJobError } from '../retry/policy.js';

/** Counts of one queue in this process. */
export interface QueueCounts {
  completed: number;
  failed: number;
  retried: number;
  /** Completed jobs by their result's `outcome` (`written`, `filtered`, `not-modified`, ...). */
  outcomes: Record<string, number>;
  /** Completed article jobs whose record is relevant to a topic. */
  relevant: number;
}

/** Fresh counts. */
export function emptyCounts(): QueueCounts {
  return { completed: 0, failed: 0, retried: 0, outcomes: {}, relevant: 0 };
}

/** Jobs started or finished in this process (the worker watchdog reads it). */
export interface Activity {
  /** Last job start or end, epoch ms. */
  lastAt: number;
  /** Jobs running now. */
  active: number;
}

/** One finished attempt, for `RunOptions.onJobEnd` (metrics, the pipeline benchmark). Times are epoch ms. */
export interface JobEndEvent {
  queue: string;
  jobId: string | undefined;
  /** When the job was added (BullMQ `job.timestamp`). */
  enqueuedAt: number;
  startedAt: number;
  finishedAt: number;
  /** The result's `outcome` (`written`, `unchanged`, `filtered`, ...), or `retry` / `failed` / `delayed`. */
  outcome: string;
  /** The failure's reason code (`host-busy` for a delay); absent on success. */
  reason?: string;
  /** The failure's message (`retry` / `failed` only). */
  error?: string;
  /** What made the job: `scheduled`, `manual` or `once`. */
  trigger?: string;
  feedId?: string;
  /** The processor's result on success (a feed job's `items`, `newItems`). */
  result?: unknown;
}

/**
 * Returns a BullMQ processor that runs `fn` with logging and error mapping; `onEnd`, when
 * given, is called once per attempt after the log line (it must not throw).
 * A `DelayedError` (host busy) passes through untouched: the job waits without spending an attempt.
 */
export function instrument<D extends { feedId?: string | null; url?: string; reason?: string; sink?: string }, R extends { outcome?: string; relevant?: boolean }>(
  queue: string,
  fn: (job: Job<D>, token?: string) => Promise<R>,
  log: Logger,
  counts: QueueCounts,
  activity: Activity,
  onEnd?: (e: JobEndEvent) => void,
): (job: Job<D>, token?: string) => Promise<R> {
  return async (job, token) => {
    const t0 = Date.now();
    activity.lastAt = t0;
    activity.active++;
    const d = job.data;
    // `trigger` is why the job exists; `reason` is kept for a failure's reason code alone.
    const base = { jobId: job.id, queue, feedId: d.feedId ?? undefined, url: d.url, sink: d.sink, attempt: job.attemptsMade + 1, trigger: d.reason };
    const ev = { queue, jobId: job.id, enqueuedAt: job.timestamp, startedAt: t0, trigger: d.reason, feedId: d.feedId ?? undefined };
    log.debug({ event: 'job.start', ...base }, 'job start');
    try {
      const result = await fn(job, token);
      counts.completed++;
      const outcome = result.outcome ?? 'ok';
      counts.outcomes[outcome] = (counts.outcomes[outcome] ?? 0) + 1;
      if (result.relevant) counts.relevant++;
      const t1 = Date.now();
      log.info({ event: 'job.end', ...base, durationMs: t1 - t0, outcome, result }, 'job done');
      onEnd?.({ ...ev, finishedAt: t1, outcome, result });
      return result;
    } catch (err) {
      if (err instanceof DelayedError) {
        log.debug({ event: 'job.delayed', ...base, durationMs: Date.now() - t0, outcome: 'delayed', reason: 'host-busy' }, 'job delayed');
        onEnd?.({ ...ev, finishedAt: Date.now(), outcome: 'delayed', reason: 'host-busy' });
        throw err;
      }
      const mapped = toJobError(err);
      const retrying = decideRetry(err, { attemptsMade: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, baseMs: 0 }).action === 'retry';
      if (retrying) counts.retried++;
      else counts.failed++;
      log[retrying ? 'warn' : 'error'](
        { event: 'job.end', ...base, durationMs: Date.now() - t0, outcome: retrying ? 'retry' : 'failed', reason: reasonOf(err), err: (err as Error).message },
        retrying ? 'job failed, will retry' : 'job failed',
      );
      onEnd?.({ ...ev, finishedAt: Date.now(), outcome: retrying ? 'retry' : 'failed', reason: reasonOf(err), error: (err as Error).message });
      throw mapped;
    } finally {
      activity.lastAt = Date.now();
      activity.active--;
    }
  };
}
