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
import { ampCanonicalOf } from '../src/pipeline/amp.js';
import { feedItemToRecord, hasFullText } from '../src/pipeline/feed-item.js';
import { isWallReason, recordPageWall } from '../src/pipeline/wall-stats.js';
import type { FetchResult } from '../src/http/fetch.js';
import type { ArticleRecord } from '../src/types.js';
import type { ArticleJobData } from '../src/queue/names.js';
import type { WorkerContext } from '../src/queue/context.js';
import { carrierOf, groupRecord } from '../src/stories/index.js';

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
    // No link, or a podcast/media item: the record is the feed's text; nothing is fetched.
    record = data.textOnly && data.item
      ? feedItemToRecord({ item: data.item, feed: data.feed, url: data.url, id: data.textOnly.recordId, fetchedAt: new Date() }, ctx.topics)
      : await pageRecord(job, ctx, token);
  }

  // Copies and stories (src/stories): once per record; a retry keeps the assignment saved in the job data.
  if (ctx.stories && record.storyId === undefined) {
    try {
      record = (await groupRecord(record, ctx.stories)).record;
    } catch (err) {
      await job.updateData({ ...data, record, pendingSinks: ctx.sinks.map((s) => s.name) });
      throw new IngestError('story-failed', `grouping ${record.canonicalUrl} failed: ${(err as Error).message}`, { cause: err });
    }
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
  if (record.duplicateOf) await addCarrier(ctx, job.id, record.duplicateOf, carrierOf(record));
  return {
    outcome: !res.delivered.length ? 'filtered' : res.unchanged.length === res.delivered.length ? 'unchanged' : 'written',
    recordId: record.id,
    relevant,
    delivered: res.delivered,
    skipped: res.skipped,
  };
}

/**
 * Fetches the article page and turns it into a record (robots.txt, politeness, the AMP
 * canonical page, walls: a wall in front of the page falls back to the feed item's full text,
 * and is counted per host for `status`).
 * @throws IngestError; DelayedError when the host is busy
 */
async function pageRecord(job: Job<ArticleJobData>, ctx: WorkerContext, token?: string): Promise<ArticleRecord> {
  const data = job.data;
  const host = new URL(data.url).host;
  const prefix = ctx.config.redis.prefix;
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
  let res: FetchResult;
  try {
    res = await ctx.fetch(data.url, { http: ctx.config.http, userAgent: ctx.userAgent, kind: 'html', onResponseStart: slot.started, headers: feedCfg?.headers });
    // An AMP page: its canonical page is the article (no ad placeholders, the whole text), and
    // two links to one story then give the same text whichever job ends last.
    const canonical = ampCanonicalOf(res.body, res.finalUrl);
    if (canonical) {
      const page = await ctx.fetch(canonical, { http: ctx.config.http, userAgent: ctx.userAgent, kind: 'html', headers: feedCfg?.headers }).catch((err: unknown) => {
        ctx.log.info({ event: 'amp.canonical-failed', jobId: job.id, url: canonical, reason: err instanceof IngestError ? err.code : 'internal-error' }, 'AMP canonical page not fetched; keeping the AMP page');
        return null;
      });
      if (page) res = page;
    }
  } catch (err) {
    if (!(err instanceof IngestError && isWallReason(err.code))) throw err;
    await recordPageWall(ctx.redis, prefix, host, err.code);
    // A wall in front of the page (a redirect to a consent host, a bot wall): the feed's full text, if it has one.
    if (!data.item || !hasFullText(data.item)) throw err;
    await recordPageWall(ctx.redis, prefix, host, 'text-from-feed');
    return feedItemToRecord({ item: data.item, feed: data.feed, url: data.url, fetchedAt }, ctx.topics);
  } finally {
    await slot.release();
  }
  try {
    const record = await ctx.toRecord({ body: res.body, contentType: res.contentType, url: data.url, finalUrl: res.finalUrl, fetchedAt, item: data.item, feed: data.feed });
    if (record.textSource === 'feed') await recordPageWall(ctx.redis, prefix, host, 'text-from-feed');
    return record;
  } catch (err) {
    if (err instanceof IngestError && isWallReason(err.code)) await recordPageWall(ctx.redis, prefix, host, err.code);
    throw err;
  }
}

/** Adds a copy's outlet to its original's `carriedBy` in the sinks that can update in place (PostgreSQL); a failure is logged, not retried. */
async function addCarrier(ctx: WorkerContext, jobId: string | undefined, originalId: string, entry: ReturnType<typeof carrierOf>): Promise<void> {
  for (const s of ctx.sinks) {
    if (!s.addCarrier) continue;
    try {
      await s.addCarrier(originalId, entry);
    } catch (err) {
      ctx.log.warn({ event: 'story.carrier-failed', jobId, sink: s.name, articleId: originalId, url: entry.url, reason: 'sink-failed', err: (err as Error).message }, 'carriedBy update failed');
    }
  }
}
