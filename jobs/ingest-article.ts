/**
 * `ingest-article` job: fetch the page, decode, extract, normalize, tag, and write the
 * record to every sink. Idempotent: the sinks upsert by record id, so a re-run (stalled
 * job, retry, re-ingest) leaves one record.
 *
 * Delivery: each sink gets one short attempt; a sink that fails it (for a cause a retry can
 * fix), does not answer in time, or has a backlog gets the record through its own delivery
 * queue (src/queue/deliveries.ts), and the job completes. Only when that hand-off itself
 * cannot be enqueued (Redis away) are the record and those sinks' names saved in the job data
 * and the job retried; the retry writes only those sinks, without fetching again.
 */
import { DelayedError, type Job } from 'bullmq';
import { IngestError, reasonOf } from '../src/errors.js';
import { deliver, type Sink, type SinkWriteOutcome } from '../src/sinks/index.js';
import { sinkAccepts } from '../src/sinks/types.js';
import { sinkError } from '../src/sinks/failure.js';
import { ampCanonicalOf } from '../src/pipeline/amp.js';
import { proxyOfFeed } from '../src/http/proxy.js';
import { isWallReason, recordPageWall } from '../src/pipeline/wall-stats.js';
import type { FetchOptions, FetchResult } from '../src/http/fetch.js';
import { HOP_WAIT_MAX_MS, MIN_BUSY_WAIT_MS, waitHostSlot } from '../src/state/politeness.js';
import type { ArticleRecord } from '../src/types.js';
import type { ArticleJobData } from '../src/queue/names.js';
import type { WorkerContext } from '../src/queue/context.js';
import { carrierOf, groupRecord } from '../src/stories/index.js';
// The feed-item path itself (tagging) runs where the topics are: ctx.feedItemRecord (the extraction thread by default).
import { hasFullText } from '../src/pipeline/feed-text.js';


/**
 * What the article path uses of its BullMQ job: an `ingest-article` job, or one item of an
 * `ingest-articles` job (src/queue/article-batch.ts), whose `updateData` and `moveToDelayed`
 * act on the item alone.
 */
export type ArticleJobLike = Pick<Job<ArticleJobData>, 'id' | 'data' | 'updateData' | 'moveToDelayed'>;

/** What an article job returns (stored as the job's return value, and logged). */
export interface ArticleJobResult {
  /**
   * `written` when a sink took a new version; else `queued` when a sink's delivery queue has
   * it; else `unchanged` when every sink already held this version; `filtered` when no sink
   * takes the record.
   */
  outcome: 'written' | 'queued' | 'unchanged' | 'filtered';
  recordId: string;
  relevant: boolean;
  /** Sinks that took the record (written, or already holding this version), by name. */
  delivered: string[];
  /** Of `delivered`, the sinks that already held this version and wrote nothing. */
  unchanged: string[];
  /** Sinks whose delivery queue got the record (src/queue/deliveries.ts). */
  queued: string[];
  /** Sinks whose `only` filter does not take the record. */
  skipped: string[];
}

/**
 * Runs one article job.
 * @throws IngestError; DelayedError when the host is busy (the job waits, no attempt spent)
 */
export async function processArticleJob(job: ArticleJobLike, ctx: WorkerContext, token?: string): Promise<ArticleJobResult> {
  const data = job.data;
  let record = data.record as ArticleRecord | undefined;
  let only: Set<string> | undefined = data.pendingSinks ? sinksNamed(data.pendingSinks, ctx.sinks) : undefined;

  if (!record || !only) {
    only = undefined;
    // No link, or a podcast/media item: the record is the feed's text; nothing is fetched.
    record = data.textOnly && data.item
      ? await ctx.feedItemRecord({ item: data.item, feed: data.feed, url: data.url, id: data.textOnly.recordId, fetchedAt: new Date() })
      : await pageRecord(job, ctx, token);
  }

  // Copies and stories (src/stories): once per record; a retry keeps the assignment saved in the job data.
  if (ctx.stories && record.storyId === undefined) {
    try {
      record = (await groupRecord(record, ctx.stories)).record;
      // round 11: this article bridged stories; records delivered before keep their ids, readers resolve them through `mergedStories`
      if (record.mergedStories) ctx.log.info({ event: 'stories.merged', jobId: job.id, articleId: record.id, storyId: record.storyId, merged: record.mergedStories }, 'stories merged');
    } catch (err) {
      await job.updateData({ ...data, record, pendingSinks: ctx.sinks.map((s) => s.name) });
      throw new IngestError('story-failed', `grouping ${record.canonicalUrl} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  const d = await deliverRecord(record, ctx, job, only);
  const relevant = record.topics.some((t) => t.relevant);
  const written = d.delivered.filter((x) => x.outcome !== 'unchanged').map((x) => x.sink);
  const unchanged = d.delivered.filter((x) => x.outcome === 'unchanged').map((x) => x.sink);
  if (record.duplicateOf) await addCarrier(ctx, job.id, record.duplicateOf, carrierOf(record));
  return {
    outcome: written.length ? 'written' : d.queued.length ? 'queued' : unchanged.length ? 'unchanged' : 'filtered',
    recordId: record.id,
    relevant,
    delivered: d.delivered.map((x) => x.sink),
    unchanged,
    queued: d.queued,
    skipped: d.skipped,
  };
}

/** The sinks named in `names` (config names; `<type>:<index>` from jobs queued before sinks had names). */
export function sinksNamed(names: readonly string[], sinks: readonly Sink[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    if (sinks.some((s) => s.name === n)) out.add(n);
    const legacy = /^([a-z]+):(\d+)$/.exec(n);
    const s = legacy ? sinks[Number(legacy[2])] : undefined;
    if (s && s.type === legacy![1]) out.add(s.name);
  }
  return out;
}

/**
 * Writes the record to each sink that takes it in one attempt bounded by
 * `worker.inlineDeliveryMs`, and hands it off to the delivery queue of each sink that failed
 * that attempt for a cause a retry can fix, did not answer in time, or has a backlog
 * (src/queue/deliveries.ts).
 * @throws IngestError `sink-failed` when a hand-off cannot be enqueued (the job retries those
 *   sinks from the record kept in its data); `sink-rejected` when a sink refused the record for good
 */
async function deliverRecord(
  record: ArticleRecord,
  ctx: WorkerContext,
  job: ArticleJobLike,
  only: ReadonlySet<string> | undefined,
): Promise<{ delivered: { sink: string; outcome: SinkWriteOutcome }[]; queued: string[]; skipped: string[] }> {
  const data = job.data;
  const skipped: string[] = [];
  const inline: Sink[] = [];
  const handOff: { sink: string; why: string }[] = [];
  for (const s of ctx.sinks) {
    if (only && !only.has(s.name)) continue;
    if (!sinkAccepts(s.only, record)) skipped.push(s.name);
    else if (ctx.backlog.isBacklogged(s.name)) handOff.push({ sink: s.name, why: 'backlog' });
    else inline.push(s);
  }
  const failedHandOffs: string[] = [];
  const handOffOne = async ({ sink, why }: { sink: string; why: string }): Promise<void> => {
    ctx.backlog.mark(sink);
    try {
      await ctx.queues.deliveries[sink].add('deliver', { sink, record, articleJobId: job.id ?? null, feedId: data.feedId, url: data.url, reason: data.reason, handedOff: why });
    } catch (err) {
      failedHandOffs.push(sink);
      ctx.log.warn({ event: 'sink.handoff-failed', jobId: job.id, sink, articleId: record.id, reason: 'sink-failed', err: (err as Error).message }, 'delivery could not be queued');
    }
  };
  // Hand-offs to sinks already backlogged run beside the inline writes, not after them.
  const [res] = await Promise.all([deliver(record, inline, undefined, ctx.config.worker.inlineDeliveryMs), Promise.all(handOff.map(handOffOne))]);
  const rejected = res.failed.filter((f) => f.permanent);
  const late: { sink: string; why: string }[] = [];
  for (const f of res.failed) {
    if (f.permanent) continue;
    // a sink's own error without a reason code (fs, driver) is `sink-misconfigured` or
    // `sink-failed`, as its delivery job logs it (src/sinks/failure.ts)
    const why = f.timedOut ? 'timeout' : sinkError(f.sink, record.id, f.error).code;
    ctx.log.warn({ event: 'sink.deferred', jobId: job.id, sink: f.sink, articleId: record.id, reason: why, err: f.error.message }, 'sink did not take the record at once; handed to its delivery queue');
    late.push({ sink: f.sink, why });
  }
  await Promise.all(late.map(handOffOne));
  handOff.push(...late);
  for (const f of rejected) {
    ctx.log.warn({ event: 'sink.failed', jobId: job.id, sink: f.sink, articleId: record.id, reason: 'sink-rejected', err: f.error.message }, 'sink rejected the record');
  }
  if (failedHandOffs.length) {
    await job.updateData({ ...data, record, pendingSinks: failedHandOffs });
    throw new IngestError('sink-failed', `deliveries to ${failedHandOffs.join(', ')} could not be queued for ${record.canonicalUrl}`);
  }
  if (rejected.length) {
    throw new IngestError('sink-rejected', `sinks ${rejected.map((f) => f.sink).join(', ')} rejected ${record.canonicalUrl}: ${rejected[0].error.message}`);
  }
  return { delivered: res.delivered, queued: handOff.map((h) => h.sink), skipped: [...skipped, ...res.skipped] };
}

/**
 * Fetches the article page and turns it into a record (robots.txt, politeness, the AMP
 * canonical page, walls: a wall in front of the page falls back to the feed item's full text,
 * and is counted per host for `status`).
 * @throws IngestError; DelayedError when the host is busy
 */
async function pageRecord(job: ArticleJobLike, ctx: WorkerContext, token?: string): Promise<ArticleRecord> {
  const data = job.data;
  const host = new URL(data.url).host;
  const prefix = ctx.config.redis.prefix;
  // A feed's own settings (headers, proxy, respectRobots, perHost) apply to its article pages.
  const feedCfg = data.feedId ? ctx.config.feeds.find((f) => f.id === data.feedId) : undefined;
  const proxy = proxyOfFeed(feedCfg);
  // host busy before the page request (robots.txt's own slot, an AMP canonical page's, a redirect
  // target's): the job waits its turn, as when the first host is busy; no attempt spent
  const delayWhenBusy = async (err: unknown): Promise<never> => {
    if (err instanceof IngestError && err.code === 'host-busy') {
      await job.moveToDelayed(Date.now() + (err.retryAfterMs ?? MIN_BUSY_WAIT_MS), token);
      throw new DelayedError();
    }
    throw err;
  };
  if (feedCfg?.respectRobots ?? ctx.config.http.respectRobots) {
    // a robots.txt not yet cached is fetched under the host's politeness slot (the feed's perHost)
    const robots = await ctx.robots(data.url, { proxy, perHost: feedCfg?.perHost }).catch(delayWhenBusy);
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
  // A redirect to another host waits for that host's slot (its own rules: http.perHost), in
  // process for at most HOP_WAIT_MAX_MS or half the fetch's time left, else `host-busy` below.
  const hopSlot: FetchOptions['hopSlot'] = (h, o) => waitHostSlot(() => ctx.hostSlot(h), h, { maxWaitMs: Math.min(HOP_WAIT_MAX_MS, o.remainingMs / 2), signal: o.signal });
  try {
    res = await ctx.fetch(data.url, { http: ctx.config.http, userAgent: ctx.userAgent, kind: 'html', onResponseStart: slot.started, hopSlot, headers: feedCfg?.headers, proxy });
    // An AMP page: its canonical page is the article (no ad placeholders, the whole text), and
    // two links to one story then give the same text whichever job ends last.
    const canonical = ampCanonicalOf(res.body, res.finalUrl, res.head);
    // Not needed past here: the decoded head would otherwise live as long as the job.
    res.head = undefined;
    if (canonical) {
      // The canonical page is one more request, usually to the same host: it takes that host's
      // politeness slot like the first (docs/review.md round 9 faults; it used to follow at once).
      // The AMP page's slot is left first, so a host with concurrency 1 can grant it.
      await slot.release();
      const cHost = new URL(canonical).host;
      const cSlot = await waitHostSlot(() => ctx.hostSlot(cHost, cHost === host ? feedCfg?.perHost : undefined), cHost, { maxWaitMs: HOP_WAIT_MAX_MS, what: 'AMP canonical host' });
      try {
        const page = await ctx.fetch(canonical, { http: ctx.config.http, userAgent: ctx.userAgent, kind: 'html', headers: feedCfg?.headers, proxy, onResponseStart: cSlot.started, hopSlot }).catch((err: unknown) => {
          if (err instanceof IngestError && err.code === 'host-busy') throw err;
          ctx.log.info({ event: 'amp.canonical-failed', jobId: job.id, url: canonical, reason: reasonOf(err) }, 'AMP canonical page not fetched; keeping the AMP page');
          return null;
        });
        if (page) res = page;
      } finally {
        await cSlot.release();
      }
    }
  } catch (err) {
    // The redirect target's or the canonical page's host stayed busy: the job waits its turn.
    if (err instanceof IngestError && err.code === 'host-busy') await delayWhenBusy(err);
    if (!(err instanceof IngestError && isWallReason(err.code))) throw err;
    await recordPageWall(ctx.redis, prefix, host, err.code);
    // A wall in front of the page (a redirect to a consent host, a bot wall): the feed's full text, if it has one.
    if (!data.item || !hasFullText(data.item)) throw err;
    await recordPageWall(ctx.redis, prefix, host, 'text-from-feed');
    return ctx.feedItemRecord({ item: data.item, feed: data.feed, url: data.url, fetchedAt });
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
      ctx.log.warn({ event: 'story.carrier-failed', jobId, sink: s.name, articleId: originalId, url: entry.url, reason: sinkError(s.name, originalId, err).code, err: (err as Error).message }, 'carriedBy update failed');
    }
  }
}
