/**
 * Delivery queues: one BullMQ queue per sink, `deliver-<sink name>`, so that each sink is
 * delivered on its own, with its own retries and backoff.
 *
 * An article job writes its record to each sink in one short attempt
 * (`worker.inlineDeliveryMs`). A sink that fails that attempt, does not answer in time, or
 * already has a backlog gets the record through its queue instead (a "hand-off": one job
 * carrying the record), and the article job completes. A hanging sink therefore holds an
 * article job's slot for one short attempt at most, and only until this process knows the
 * sink has a backlog; the healthy sinks go on at full speed. The sink's own workers
 * (`worker.deliveryConcurrency` per process) drain its queue, retrying `retries` times with
 * `deliveryBackoffMs`; when the queue is empty again, article jobs write inline again.
 *
 * Redis keys: BullMQ's, under `<prefix>:deliver-<sink>`.
 */
import { Queue, type QueueOptions } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import type { Config, SinkConfig } from '../config/schema.js';
import { backoffDelayMs, jobBackoffStrategy, reasonOfFailed } from '../retry/policy.js';
import type { ArticleRecord } from '../types.js';
import type { JobReason } from './names.js';

/** The queue of one sink's deliveries. */
export function deliveryQueueName(sinkName: string): string {
  return `deliver-${sinkName}`;
}

/** Data of a `deliver` job: one record for one sink. */
export interface DeliveryJobData {
  /** Sink name (config `name`). */
  sink: string;
  record: ArticleRecord;
  /** For logs: the article job that handed the record off, its feed, URL and trigger. */
  articleJobId: string | null;
  feedId: string | null;
  url: string;
  reason: JobReason;
  /** Why it was handed off: the inline attempt's reason code, or `backlog`. */
  handedOff: string;
}

/** What a delivery job returns (kept as its return value, and logged). */
export interface DeliveryJobResult {
  outcome: 'written' | 'unchanged';
  recordId: string;
  sink: string;
}

/**
 * The delay before delivery retry number `attempt` (1 = first retry), ms: the service's one
 * retry policy (src/retry/policy.ts: exponential from the sink's `backoffMs`, equal jitter,
 * Retry-After as a floor, capped at 1 hour).
 */
export function deliveryBackoffMs(attempt: number, sink: Pick<SinkConfig, 'backoffMs'>, err?: unknown): number {
  return backoffDelayMs(attempt, sink.backoffMs, err);
}

/** BullMQ `backoffStrategy` of a sink's delivery queue (`jobBackoffStrategy` with the sink's `backoffMs`). */
export function deliveryBackoffStrategy(sink: Pick<SinkConfig, 'backoffMs'>): (attemptsMade: number, type?: string, err?: Error) => number {
  return jobBackoffStrategy(sink.backoffMs);
}

/** Opens one delivery queue per configured sink, by sink name, with the options `optionsOf(sink)` gives. */
export function openDeliveryQueues(cfg: Config, optionsOf: (sink: SinkConfig) => QueueOptions): Record<string, Queue<DeliveryJobData>> {
  const out: Record<string, Queue<DeliveryJobData>> = {};
  for (const s of cfg.sinks) {
    const q = new Queue<DeliveryJobData>(deliveryQueueName(s.name), optionsOf(s));
    q.on('error', () => {});
    out[s.name] = q;
  }
  return out;
}

/** One sink's delivery backlog: jobs waiting, running or waiting for a retry, and failed for good. */
export interface SinkBacklog {
  sink: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** waiting + active + delayed: records not yet in the sink. */
  pending: number;
}

/** The backlog of every delivery queue (one Redis round trip per sink). */
export async function collectBacklog(deliveries: Record<string, Queue<DeliveryJobData>>): Promise<SinkBacklog[]> {
  return Promise.all(
    Object.entries(deliveries).map(async ([sink, q]) => {
      const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      const waiting = (c.waiting ?? 0) + (c.prioritized ?? 0);
      return { sink, waiting, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, pending: waiting + (c.active ?? 0) + (c.delayed ?? 0) };
    }),
  );
}

/** How often a process re-reads whether a sink's queue is empty, ms. */
export const BACKLOG_REFRESH_MS = 1000;

/**
 * Which sinks have a backlog, as this process knows it: set at once by its own hand-offs,
 * and re-read from the queues at most every BACKLOG_REFRESH_MS (in the background: asking
 * never waits for Redis), so that other processes' hand-offs count and an emptied queue lets
 * article jobs write inline again.
 */
export class BacklogTracker {
  private readonly state = new Map<string, { backlogged: boolean; checkedAt: number; markedAt: number; checking: boolean }>();

  constructor(
    private readonly deliveries: Record<string, Queue<DeliveryJobData>>,
    private readonly now: () => number = Date.now,
  ) {
    for (const name of Object.keys(deliveries)) this.state.set(name, { backlogged: false, checkedAt: 0, markedAt: 0, checking: false });
  }

  /** True when records for this sink should go through its queue (it has a backlog). */
  isBacklogged(sink: string): boolean {
    const s = this.state.get(sink);
    if (!s) return false;
    if (this.now() - s.checkedAt >= BACKLOG_REFRESH_MS) void this.refresh(sink);
    return s.backlogged;
  }

  /** Records a hand-off made by this process. */
  mark(sink: string): void {
    const s = this.state.get(sink);
    if (!s) return;
    s.backlogged = true;
    s.markedAt = this.now();
  }

  /** Re-reads one sink's queue now; a read started before the last `mark` does not clear it. */
  async refresh(sink: string): Promise<void> {
    const s = this.state.get(sink);
    const q = this.deliveries[sink];
    if (!s || !q || s.checking) return;
    s.checking = true;
    const started = this.now();
    s.checkedAt = started;
    try {
      const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
      const pending = Object.values(c).reduce((a, b) => a + b, 0);
      if (pending > 0) s.backlogged = true;
      else if (s.markedAt < started) s.backlogged = false;
    } catch {
      // Redis away: keep what we knew; hand-offs fail on their own and the job retries.
    } finally {
      s.checking = false;
    }
  }
}

/**
 * Number of deliveries still to do soon: waiting, active, and delayed retries due within
 * `horizonMs` whose own backoff step (the job's `delay`, set by BullMQ when it was delayed) is
 * within it too. `start --once` waits for these; a retry further out, or one a sink that kept
 * failing was given a longer step for, is left in the queue for the next run (and shown by
 * `status`). Without the second test a sink failing for good (a full disk: ENOSPC) held a run
 * for up to an hour: its deliveries' jittered retries fell due one after another, so one was
 * almost always due within the horizon (round 16, fresh16). One ZRANGEBYSCORE per sink, one
 * HGET per delivery due soon.
 */
export async function pendingDeliveriesSoon(deliveries: Record<string, Queue<DeliveryJobData>>, redis: Redis, horizonMs: number, now = Date.now()): Promise<number> {
  let n = 0;
  for (const q of Object.values(deliveries)) {
    const c = await q.getJobCounts('waiting', 'prioritized', 'active');
    n += Object.values(c).reduce((a, b) => a + b, 0);
    // BullMQ scores a delayed job by (timestamp * 0x1000 + counter) (commands/includes/getDelayedScore.lua).
    const soon = await redis.zrangebyscore(q.keys.delayed, '-inf', `(${(now + horizonMs) * 0x1000}`);
    const steps = await Promise.all(soon.map((id) => redis.hget(q.toKey(id), 'delay')));
    n += steps.filter((d) => (Number(d) || 0) <= horizonMs).length;
  }
  return n;
}

/** When a sink's delivery retries are due: the next one, and the latest time the last can run. */
export interface RetryWindow {
  /** Delayed (retry) deliveries of this sink. */
  delayed: number;
  /** When the earliest of them is due, ISO 8601 UTC; null when none is delayed. */
  nextRetryAt: string | null;
  /**
   * The latest time a delayed delivery of this sink can still be retried if every try fails,
   * ISO 8601 UTC: its due time plus the longest backoff of each try it has left (the jitter's
   * upper end, src/retry/policy.ts, capped at one hour each); null when none is delayed. A
   * server's Retry-After may push it later. Looked at over the `cap` soonest delayed jobs.
   */
  retriesEndBy: string | null;
  /** The reason code of the newest failed attempt among them (`sink-failed`, `sink-misconfigured`, ...); null when none is known. */
  lastReason: string | null;
}

/**
 * The retry window of each sink with delayed deliveries (what `start --once` leaves for later).
 * Reads the delayed set's scores (BullMQ: due time × 0x1000 + counter) and each job's
 * `attemptsMade` and `opts.attempts`.
 * @param cap delayed jobs read per sink (default 1000; the window is a lower bound past it)
 * @throws Redis errors
 */
export async function deliveryRetryWindows(deliveries: Record<string, Queue<DeliveryJobData>>, redis: Redis, sinks: readonly Pick<SinkConfig, 'name' | 'backoffMs'>[], cap = 1000): Promise<Record<string, RetryWindow>> {
  const out: Record<string, RetryWindow> = {};
  for (const sink of sinks) {
    const q = deliveries[sink.name];
    if (!q) continue;
    const delayed = await q.getJobCountByTypes('delayed');
    if (!delayed) continue;
    // BullMQ scores a delayed job by (due time * 0x1000 + counter) (commands/includes/getDelayedScore.lua)
    const scored = await redis.zrange(q.keys.delayed, 0, cap - 1, 'WITHSCORES');
    let next = Infinity;
    let end = 0;
    let lastReason: string | null = null;
    let lastAt = -1;
    for (let i = 0; i < scored.length; i += 2) {
      const job = await q.getJob(scored[i]);
      if (!job) continue; // taken meanwhile
      const due = Math.floor(Number(scored[i + 1]) / 0x1000);
      next = Math.min(next, due);
      const attempts = job.opts.attempts ?? 1;
      // tries left after the one due: attemptsMade tries have failed, one is scheduled
      let last = due;
      // the longest delay of each retry left: the policy's own delay with the jitter at its upper end
      for (let k = job.attemptsMade + 1; k < attempts; k++) last += backoffDelayMs(k, sink.backoffMs, undefined, () => 1);
      end = Math.max(end, last);
      // BullMQ keeps the last attempt's error in failedReason (`[<reason>] message`, src/retry/policy.ts)
      const at = job.processedOn ?? job.timestamp;
      if (job.failedReason && at > lastAt) [lastAt, lastReason] = [at, reasonOfFailed(job.failedReason)];
    }
    out[sink.name] = { delayed, nextRetryAt: Number.isFinite(next) ? new Date(next).toISOString() : null, retriesEndBy: end ? new Date(end).toISOString() : null, lastReason };
  }
  return out;
}
