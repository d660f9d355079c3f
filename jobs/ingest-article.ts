/**
 * `ingest-article` job: fetch the page, decode, extract, normalize, tag, and write the
 * record to every sink. Idempotent: the sinks upsert by record id, so a re-run (stalled
 * job, retry, re-ingest) leaves one record.
 *
 * Partial delivery: when some sinks fail, the record and the names of the failed sinks are
 * saved in the job data and the job is retried; the retry writes only those sinks, without
 * fetching again.
 */
import { DelayedError, type Job } from 'bullmq';
import { IngestError } from '../src/errors.js';
import { deliver } from '../src/sinks/index.js';
import type { ArticleRecord } from '../src/types.js';
import type { ArticleJobData } from '../src/queue/names.js';
import type { WorkerContext } from '../src/queue/context.js';

/** What an article job returns (stored as the job's return value, and logged). */
export interface ArticleJobResult {
  /** `unchanged`: every sink that took the record already held it identical (nothing written). */
  outcome: 'written' | 'unchanged' | 'filtered';
  recordId: string;
  relevant: boolean;
  delivered: string[];
  skipped: string[];
}

/**
 * Runs one article job.
 * @throws IngestError; DelayedError when the host is busy (the job waits, no attempt spent)
 */
export async function processArticleJob(job: Job<ArticleJobData>, ctx: WorkerContext, token?: string): Promise<ArticleJobResult> {
  const data = job.data;
  let record = data.record as ArticleRecord | undefined;
  let only: Set<string> | undefined = data.pendingSinks ? new Set(data.pendingSinks) : undefined;

  if (!record || !only) {
    only = undefined;
    const host = new URL(data.url).host;
    // A feed's own settings (headers, respectRobots, perHost) apply to its article pages.
    const feedCfg = data.feedId ? ctx.config.feeds.find((f) => f.id === data.feedId) : undefined;
    if (feedCfg?.respectRobots ?? ctx.config.http.respectRobots) {
      const robots = await ctx.robots(data.url);
      // RFC 9309 §2.3.1.3-4: an unreachable robots.txt means "disallow for now" (retried); rules that disallow are final.
      if (!robots.allowed && robots.basis === 'unreachable') throw new IngestError('robots-unreachable', `robots.txt of ${host} cannot be fetched; ${data.url} waits`);
      if (!robots.allowed) throw new IngestError('robots-disallowed', `robots.txt of ${host} disallows ${data.url}`);
    }
    const slot = await ctx.hostSlot(host, feedCfg?.perHost);
    if (!slot.ok) {
      await job.moveToDelayed(Date.now() + slot.waitMs, token);
      throw new DelayedError();
    }
    const fetchedAt = new Date();
    let res;
    try {
      res = await ctx.fetch(data.url, { http: ctx.config.http, userAgent: ctx.userAgent, kind: 'html', onResponseStart: slot.started, headers: feedCfg?.headers });
    } finally {
      await slot.release();
    }
    record = await ctx.toRecord({ body: res.body, contentType: res.contentType, url: data.url, finalUrl: res.finalUrl, fetchedAt, item: data.item, feed: data.feed });
  }

  const res = await deliver(record, ctx.sinks, only);
  const relevant = record.topics.some((t) => t.relevant);
  if (res.failed.length) {
    for (const f of res.failed) {
      const reason = f.permanent ? 'sink-rejected' : 'sink-failed';
      ctx.log.warn({ event: 'sink.failed', jobId: job.id, sink: f.sink, articleId: record.id, reason, err: f.error.message }, 'sink write failed');
    }
    // Retry only the sinks a retry can help; a sink that rejected the record's data is final.
    const retryable = res.failed.filter((f) => !f.permanent);
    const names = (fs: typeof res.failed) => fs.map((f) => f.sink).join(', ');
    if (retryable.length) {
      await job.updateData({ ...data, record, pendingSinks: retryable.map((f) => f.sink) });
      throw new IngestError('sink-failed', `sinks ${names(retryable)} failed for ${record.canonicalUrl}: ${retryable[0].error.message}`);
    }
    throw new IngestError('sink-rejected', `sinks ${names(res.failed)} rejected ${record.canonicalUrl}: ${res.failed[0].error.message}`);
  }
  return {
    outcome: !res.delivered.length ? 'filtered' : res.unchanged.length === res.delivered.length ? 'unchanged' : 'written',
    recordId: record.id,
    relevant,
    delivered: res.delivered,
    skipped: res.skipped,
  };
}
