/**
 * How an article job's end reaches the seen-set (src/queue/article-end.ts): the job run with its
 * seen-set write, and the write that marks a failed job's items so a later poll brings them back
 * (retried while the worker runs). Split out of src/queue/worker.ts unchanged.
 */
import type { Job } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { reasonOf } from '../errors.js';
import { processArticleJob } from '../../jobs/ingest-article.js';
import type { WorkerContext } from './context.js';
import { ARTICLES_QUEUE, type ArticleJobData } from './names.js';
import { handedOffError } from './article-batch.js';
import { decideRetry } from '../retry/policy.js';
import { seenAfterFailure, seenAfterSuccess } from './article-end.js';

/**
 * Runs an article job and writes its end back to the seen-set (src/queue/article-end.ts), so a
 * failure a later try could fix never hides the article from the next polls. A seen-set write
 * that fails (Redis away) is logged and does not change the job's outcome.
 */
export async function runArticleJob(job: Job<ArticleJobData>, ctx: WorkerContext, token?: string) {
  const { redis, config, log } = ctx;
  const warn = (err: unknown) => log.warn({ event: 'seen.write', jobId: job.id, outcome: 'failed', reason: (err as Error).message }, 'seen-set not updated');
  try {
    // the item failed in an ingest-articles job: attempt 1 ends as it did there (src/queue/article-batch.ts)
    const handedOff = handedOffError(job.data, job.attemptsMade);
    if (handedOff) throw handedOff;
    const res = await processArticleJob(job, ctx, token);
    await seenAfterSuccess(redis, config, job.data).catch(warn);
    return res;
  } catch (err) {
    if ((err as Error).name !== 'DelayedError') {
      const next = decideRetry(err, { attemptsMade: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, baseMs: config.worker.backoffMs });
      if (next.action === 'fail') await seenAfterFailure(redis, config, job.data, next.reason).catch(warn);
    }
    throw err;
  }
}

/**
 * Returns `markItemsFailed(job, items, reason)`: marks failed articles in the seen-set so a later
 * poll enqueues them again. Redis at maxmemory (noeviction) refuses this write as it refused the
 * job's own: it is tried again (5 s, doubling to 60 s) while this worker runs (until `closing`
 * aborts), with one `seen.write` error line naming the job to retry by hand should the worker
 * stop first, and an `outcome: written` line once it got through. Never throws.
 */
export function seenFailureWriter(connection: Redis, config: Config, log: Logger, closing: AbortSignal): (job: Job, items: ArticleJobData[], reason: string) => void {
  return (job, items, reason) => {
    let wait = 5000;
    let told = false;
    const line = { event: 'seen.write', jobId: job.id, queue: ARTICLES_QUEUE, items: items.length };
    const attempt = (): Promise<void> =>
      Promise.all(items.map((d) => seenAfterFailure(connection, config, d, reason))).then(
        () => {
          if (told) log.info({ ...line, outcome: 'written' }, `seen-set updated: the items of failed job ${job.id} come back with a later poll`);
        },
        (e: Error) => {
          if (!told) {
            told = true;
            log.error(
              { ...line, outcome: 'failed', reason: reasonOf(e), err: e.message },
              `seen-set not updated: the ${items.length} item(s) of failed job ${job.id} come back with a later poll only once this write succeeds (retried while this worker runs; if it stops first: news-ingest jobs retry articles/${job.id})`,
            );
          }
          if (closing.aborted) return;
          setTimeout(() => void attempt(), wait).unref();
          wait = Math.min(wait * 2, 60_000);
        },
      );
    void attempt();
  };
}
