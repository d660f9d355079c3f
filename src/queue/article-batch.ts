/**
 * `ingest-articles` jobs: several new items of one feed poll in one BullMQ job
 * (`worker.articleBatch` > 1; issue 17). BullMQ's own scripts cost ~37 Redis commands per job
 * (add, lock, events stream, metrics, move to completed, fetch the next job) whatever the job
 * carries, so a job per article costs more Redis work than the article's own state.
 *
 * The batch is only the items' first attempt, run one after another through the same article
 * path as an `ingest-article` job (jobs/ingest-article.ts). An item that does not succeed at
 * once continues alone, as the regular `ingest-article` job it would have had (same job id,
 * same data), so retries, backoff, failure, `status`, `jobs` and `reingest failed` see every
 * failed article as today:
 * - host busy (politeness) longer than BATCH_HOST_WAIT_MS in all: its job is added delayed by
 *   the gate's wait (no attempt spent); shorter waits are waited in place;
 * - failed with an IngestError: its job is added with `handedOff` set, and that job's attempt 1
 *   ends with the same error without fetching again (src/queue/worker.ts), then the retry
 *   policy decides (retry with backoff, or fail);
 * - any other error (a bug, Redis away): its job is added and runs the item again.
 * The hand-offs are added in one `addBulk` at the end; when that fails (Redis away) the batch
 * job fails and is retried whole: items already written are written again, which the sinks
 * absorb (they upsert by record id). A batch job whose worker dies is run again whole by
 * BullMQ's stalled-job check, the same way (at least once per item).
 *
 * Shutdown: once the worker is stopping (`stopping` aborted: SIGTERM, the end of `--once`), the
 * batch starts no further item and waits in place no longer: the items left are handed to
 * their own `ingest-article` jobs as they are (`released`, no attempt spent), added while the
 * connection is still open, so a stop waits for the item in hand only, not for the rest of a
 * batch of up to 50 pages (`worker.shutdownTimeoutMs` bounds that wait; a batch still running
 * then went on fetching and writing after its worker had been closed).
 *
 * Dedup: a batch first claims its items (`claimItems`), so an item two feeds listed at once is
 * run by one batch, as BullMQ's job id made one `ingest-article` job of it.
 */
import { DelayedError, type Job } from 'bullmq';
import { IngestError, reasonOf } from '../errors.js';
import { decideRetry, toJobError } from '../retry/policy.js';
import { processArticleJob, type ArticleJobLike, type ArticleJobResult } from '../../jobs/ingest-article.js';
import { seenAfterSuccess } from './article-end.js';
import type { Logger } from '../log.js';
import type { WorkerContext } from './context.js';
import { ARTICLE_JOB, ARTICLES_QUEUE, type ArticleBatchData, type ArticleJobData } from './names.js';
import type { Activity, JobEndEvent, QueueCounts } from './processor.js';

/**
 * Longest an item of a batch waits in place for its host's politeness slot, ms, over all its
 * tries (default http.perHost.minDelayMs is 1 s: a poll's items of one host follow one another
 * at that pace inside their batch). Past it the item is handed to its own job, delayed by the
 * gate's wait, and the batch's slot goes to other work.
 */
export const BATCH_HOST_WAIT_MS = 5000;

/** How one item of a batch ended. Times are epoch ms. */
export interface BatchItemEnd {
  jobId: string;
  data: ArticleJobData;
  startedAt: number;
  finishedAt: number;
  /**
   * `done`: the item's result is final; `handed-off`: its own job continues it; `delayed`: host
   * busy, its own job waits; `duplicate`: another job has it (two feeds listed it at once);
   * `released`: not started because the worker is stopping, its own job runs it.
   */
  outcome: 'done' | 'handed-off' | 'delayed' | 'duplicate' | 'released';
  result?: ArticleJobResult;
  /** The failure's reason code (`host-busy` for `delayed`). */
  reason?: string;
  /** The failure's message. */
  error?: string;
}

/** What an `ingest-articles` job returns (its return value, logged). */
export interface ArticleBatchResult {
  outcome: 'batch';
  items: number;
  done: number;
  /** Items continued by their own job (failed: `handedOff` set, or host busy: delayed). */
  handedOff: number;
  delayed: number;
  /** Items another job holds (two feeds listed them at once), skipped. */
  duplicates: number;
  /** Items not started because the worker was stopping, left to their own jobs (counted in `handedOff` too). */
  released: number;
  relevant: boolean;
}

/**
 * One item of an `ingest-articles` job: the article path and the seen-set write of a success
 * (a failed write is logged); a failure is thrown to `processArticleBatch`, which hands the item
 * to its own job (whose end writes the seen-set).
 */
export async function runArticleItem(item: ArticleJobLike, ctx: WorkerContext): Promise<ArticleJobResult> {
  const res = await processArticleJob(item, ctx);
  await seenAfterSuccess(ctx.redis, ctx.config, item.data).catch((err: Error) =>
    ctx.log.warn({ event: 'seen.write', jobId: item.id, outcome: 'failed', reason: err.message }, 'seen-set not updated'),
  );
  return res;
}

/**
 * Runs an `ingest-articles` job (see the module comment).
 * @param runItem the article path for one item (processArticleJob and its seen-set write)
 * @param onItem called once per item as it ends (logs, counts, metrics); must not throw
 * @param stopping aborted when the worker stops: no further item is started (see the module comment)
 * @throws the Redis client's error when an item cannot be claimed or the hand-offs cannot be
 *   added (Redis away): the batch is retried whole
 */
export async function processArticleBatch(
  job: Pick<Job<ArticleBatchData>, 'data' | 'id'>,
  ctx: Pick<WorkerContext, 'queues'> & Partial<Pick<WorkerContext, 'redis' | 'log'>>,
  runItem: (item: ArticleJobLike) => Promise<ArticleJobResult>,
  onItem: (end: BatchItemEnd) => void,
  stopping?: AbortSignal,
): Promise<ArticleBatchResult> {
  const handOffs: { name: string; data: ArticleJobData; opts: { jobId: string; delay?: number } }[] = [];
  let released = 0;
  let done = 0;
  let delayed = 0;
  let duplicates = 0;
  let relevant = false;
  const claimed = ctx.redis ? await claimItems(ctx.redis, job.data.items.map((i) => ctx.queues.articles.toKey(`claim:${i.jobId}`)), String(job.id)) : null;
  for (const [k, item] of job.data.items.entries()) {
    let data = item.data;
    let delayUntil = 0;
    const like: ArticleJobLike = {
      id: item.jobId,
      get data() {
        return data;
      },
      updateData: async (d: ArticleJobData) => {
        data = d;
      },
      moveToDelayed: async (timestamp: number) => {
        delayUntil = timestamp;
      },
    };
    const startedAt = Date.now();
    if (claimed && !claimed[k]) {
      duplicates++;
      onItem({ jobId: item.jobId, data, startedAt, finishedAt: Date.now(), outcome: 'duplicate' });
      continue;
    }
    const end = (e: Pick<BatchItemEnd, 'outcome' | 'result' | 'reason' | 'error'>) => onItem({ jobId: item.jobId, data, startedAt, finishedAt: Date.now(), ...e });
    if (stopping?.aborted) {
      released++;
      handOffs.push({ name: ARTICLE_JOB, data, opts: { jobId: item.jobId } });
      end({ outcome: 'released' });
      continue;
    }
    for (let waited = 0; ; ) {
      delayUntil = 0;
      try {
        const result = await runItem(like);
        done++;
        if (result.relevant) relevant = true;
        end({ outcome: 'done', result });
      } catch (err) {
        if (err instanceof DelayedError) {
          // host busy: the items of one poll mostly share a host, so a short wait here is the
          // politeness gate's own pace (minDelayMs); a long one frees the slot
          const wait = Math.max(0, delayUntil - Date.now());
          if (delayUntil > 0 && waited + wait <= BATCH_HOST_WAIT_MS && !stopping?.aborted) {
            waited += wait;
            await new Promise((r) => setTimeout(r, wait));
            continue;
          }
          delayed++;
          handOffs.push({ name: ARTICLE_JOB, data, opts: { jobId: item.jobId, delay: wait } });
          end({ outcome: 'delayed', reason: 'host-busy' });
        } else {
          const handedOff = err instanceof IngestError ? { code: err.code, message: err.message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) } : undefined;
          handOffs.push({ name: ARTICLE_JOB, data: handedOff ? { ...data, handedOff } : data, opts: { jobId: item.jobId } });
          end({ outcome: 'handed-off', reason: reasonOf(err), error: (err as Error).message });
        }
      }
      break;
    }
  }
  if (handOffs.length) await ctx.queues.articles.addBulk(handOffs);
  // `status` progress reads BullMQ's completed-jobs counter, which counts this job once: make
  // it count the articles it completed (its per-minute points are deltas of the same counter)
  if (done !== 1 && ctx.redis) {
    await ctx.redis.hincrby(ctx.queues.articles.toKey('metrics:completed'), 'count', done - 1).catch((err: Error) =>
      ctx.log?.warn({ event: 'batch.metrics', reason: 'redis-unavailable', err: err.message }, 'progress counter not updated'),
    );
  }
  return { outcome: 'batch', items: job.data.items.length, done, handedOff: handOffs.length, delayed, duplicates, released, relevant };
}

/** How long an item's claim is kept, seconds (1 hour: a duplicate batch waiting longer only costs a fetch again). */
export const CLAIM_TTL_S = 3600;

/**
 * Claims a batch's items (`<prefix>:articles:claim:<item job id>` = the batch's id, SET NX, one
 * pipeline). With a job per article, BullMQ refuses a second job with the same id; items in
 * batches have no job of their own, so two feeds listing one link in the same minute (both
 * read the seen-set before either wrote it) would put it in two batches. One command per item;
 * a second (GET) only where the key exists: the batch itself running again after a crash keeps
 * its claims. On a Redis Cluster the keys share the prefix's `{hash-tag}` slot, as the seen-set's pipelines do.
 * @returns per item, true when this batch runs it
 */
async function claimItems(redis: NonNullable<WorkerContext['redis']>, keys: readonly string[], batchId: string): Promise<boolean[]> {
  const set = redis.pipeline();
  for (const key of keys) set.set(key, batchId, 'EX', CLAIM_TTL_S, 'NX');
  const res = (await set.exec()) ?? [];
  const out = keys.map((_, i) => {
    const [err, v] = res[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    return v === 'OK';
  });
  const held = keys.map((k, i) => (out[i] ? null : k)).filter((k): k is string => k !== null);
  if (held.length) {
    const get = redis.pipeline();
    for (const k of held) get.get(k);
    const owners = ((await get.exec()) ?? []).map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    let j = 0;
    for (let i = 0; i < keys.length; i++) if (!out[i]) out[i] = owners[j++] === batchId;
  }
  return out;
}

/**
 * The error an `ingest-article` job's first attempt ends with when its item failed in a batch
 * (`data.handedOff`), else null.
 */
export function handedOffError(data: ArticleJobData, attemptsMade: number): IngestError | null {
  const h = data.handedOff;
  if (!h || attemptsMade > 0) return null;
  return new IngestError(h.code as IngestError['code'], h.message, h.retryAfterMs !== undefined ? { retryAfterMs: h.retryAfterMs } : {});
}

/**
 * `processArticleBatch` with the service's log lines and counts, as `instrument`
 * (src/queue/processor.ts) gives a job: per item, a `job.end` line under the item's own job id
 * (`outcome` the result's, or `handed-off` / `delayed` with the reason), the run summary's
 * counts and `onEnd` for items done or delayed (a handed-off item is counted by its own job);
 * per batch, a `batch.end` line.
 */
export function instrumentBatch(
  run: (job: Job<ArticleBatchData>, onItem: (end: BatchItemEnd) => void) => Promise<ArticleBatchResult>,
  log: Logger,
  counts: QueueCounts,
  activity: Activity,
  onEnd?: (e: JobEndEvent) => void,
): (job: Job<ArticleBatchData>) => Promise<ArticleBatchResult> {
  // Per batch job still being tried: the items an attempt already accounted for (done, handed
  // off, delayed, released or taken by another job, each counted or continued elsewhere), so a
  // batch failed for good counts as failed the articles it leaves, not 1 (review round 8, second pass).
  const accounted = new Map<string, Set<string>>();
  return async (job) => {
    const t0 = Date.now();
    activity.lastAt = t0;
    activity.active++;
    const trigger = job.data.reason;
    const seen = accounted.get(job.id ?? '') ?? new Set<string>();
    accounted.set(job.id ?? '', seen);
    const onItem = (e: BatchItemEnd) => {
      activity.lastAt = e.finishedAt;
      seen.add(e.jobId);
      const base = { jobId: e.jobId, batchJobId: job.id, queue: ARTICLES_QUEUE, feedId: e.data.feedId ?? undefined, url: e.data.url, attempt: 1, trigger, durationMs: e.finishedAt - e.startedAt };
      const ev = { queue: ARTICLES_QUEUE, jobId: e.jobId, enqueuedAt: job.timestamp, startedAt: e.startedAt, finishedAt: e.finishedAt, trigger, feedId: e.data.feedId ?? undefined };
      if (e.outcome === 'done' && e.result) {
        counts.completed++;
        counts.outcomes[e.result.outcome] = (counts.outcomes[e.result.outcome] ?? 0) + 1;
        if (e.result.relevant) counts.relevant++;
        log.info({ event: 'job.end', ...base, outcome: e.result.outcome, result: e.result }, 'job done');
        onEnd?.({ ...ev, outcome: e.result.outcome, result: e.result });
      } else if (e.outcome === 'delayed') {
        log.debug({ event: 'job.delayed', ...base, outcome: 'delayed', reason: 'host-busy' }, 'job delayed');
        onEnd?.({ ...ev, outcome: 'delayed', reason: 'host-busy' });
      } else if (e.outcome === 'released') {
        log.info({ event: 'item.released', ...base, outcome: 'released' }, 'worker stopping: item left to its own job');
      } else if (e.outcome === 'duplicate') {
        log.info({ event: 'item.duplicate', ...base, outcome: 'skipped' }, 'item taken by another job (two feeds listed it at once)');
      } else {
        // its own job's attempt 1 ends with this failure and logs the job.end line
        log.info({ event: 'item.handed-off', ...base, outcome: 'handed-off', reason: e.reason, err: e.error }, 'item failed in its batch; its own job continues it');
      }
    };
    try {
      const res = await run(job, onItem);
      accounted.delete(job.id ?? '');
      log.info({ event: 'batch.end', jobId: job.id, queue: ARTICLES_QUEUE, feedId: job.data.feedId ?? undefined, trigger, durationMs: Date.now() - t0, outcome: 'batch', result: res }, 'batch done');
      return res;
    } catch (err) {
      // only the claims and the hand-offs' addBulk throw here (a Redis error): the batch is retried
      // whole; after its last attempt its items come back with a later poll (src/queue/worker.ts)
      const last = decideRetry(err, { attemptsMade: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, baseMs: 0 }).action === 'fail';
      const line = { event: 'batch.end', jobId: job.id, queue: ARTICLES_QUEUE, feedId: job.data.feedId ?? undefined, trigger, attempt: job.attemptsMade + 1, durationMs: Date.now() - t0, reason: reasonOf(err), err: (err as Error).message };
      if (last) log.error({ ...line, outcome: 'failed', items: job.data.items.length }, 'batch failed after its last attempt; its items come back with a later poll of the feed');
      else log.warn({ ...line, outcome: 'retry' }, 'batch failed, will retry');
      // the run summary counts articles: the batch's items that no attempt accounted for
      if (last) {
        counts.failed += Math.max(1, job.data.items.length - seen.size);
        accounted.delete(job.id ?? '');
      } else counts.retried++;
      onEnd?.({ queue: ARTICLES_QUEUE, jobId: job.id, enqueuedAt: job.timestamp, startedAt: t0, finishedAt: Date.now(), trigger, feedId: job.data.feedId ?? undefined, outcome: last ? 'failed' : 'retry', reason: line.reason, error: line.err });
      throw toJobError(err);
    } finally {
      activity.lastAt = Date.now();
      activity.active--;
    }
  };
}
