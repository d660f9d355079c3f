/**
 * `fetch-feed` job: fetch one feed (conditional GET), parse it, and enqueue one
 * `ingest-article` job per new item (or, with `worker.articleBatch` > 1, `ingest-articles` jobs
 * of up to that many new items: src/queue/article-batch.ts). A feed job never fetches articles
 * (DESIGN.md).
 *
 * Order of writes, so a crash loses nothing: enqueue (deterministic job ids, so a repeat is
 * a no-op while the job exists) THEN mark the items seen. A crash in between re-enqueues on
 * the next poll, which the idempotent sinks absorb.
 */
import { proxyOfFeed } from '../src/http/proxy.js';
import type { Job } from 'bullmq';
import { IngestError, reasonOf } from '../src/errors.js';
import { decideRetry, MAX_RETRY_DELAY_MS } from '../src/retry/policy.js';
import { readFeed } from '../src/feeds/index.js';
import { readSitemapFeed } from '../src/sitemaps/feed.js';
import { schedulePoll } from '../src/schedule/index.js';
import { isTextOnlyItem, itemRecordId } from '../src/feeds/identity.js';
import { resolveTextOnlyIds } from '../src/state/item-alias.js';
import { clearFeedMoved, getFeedState, isFeedDue, isSilent, isUnhealthy, pollUrlOf, saveFeedAttemptError, saveFeedFailure, saveFeedMoved, saveFeedSuccess, usableValidators } from '../src/state/feed-state.js';
import { itemVersion, legacyItemVersion, readSeen, seenVerdict, withVersion, writeSeen } from '../src/state/seen.js';
import { ARTICLE_BATCH_JOB, articleBatchJobId, articleJobId, manualJobId, type ArticleBatchData, type ArticleJobData, type FeedJobData } from '../src/queue/names.js';
import type { WorkerContext } from '../src/queue/context.js';
import type { FetchOptions, FetchResult } from '../src/http/fetch.js';
import { HOP_WAIT_MAX_MS, waitHostSlot } from '../src/state/politeness.js';

/**
 * Items enqueued per `addBulk` call (bounded batches keep memory flat on huge feeds), each chunk
 * its own seen-set read and write. Small enough that a chunk's synchronous part (BullMQ building
 * the jobs' scripts and JSON, our verdicts) is a short task of the event loop: 500 items (63 jobs
 * of 8) took 46 ms in one `addBulk` call, 64 items 3–12 ms (a private Redis, load 55; issue 17
 * round 9, docs/pipeline-cost.md). A multiple of the default `worker.articleBatch` (8), so batches stay full.
 */
export const ENQUEUE_BATCH = 64;

/**
 * After a failed article is enqueued again, how long later polls leave it alone, ms (1 hour,
 * the retry policy's longest delay between attempts): its job's end rewrites the entry; should
 * the job vanish, the article comes back after this.
 */
export const RERUN_GUARD_MS = MAX_RETRY_DELAY_MS;

/** What a feed job returns (stored as the job's return value, and logged). */
export interface FeedJobResult {
  outcome: 'ok' | 'not-modified' | 'backoff';
  items: number;
  newItems: number;
  skippedItems: number;
}

/**
 * Longest in-process wait of a feed poll for its host's politeness slot, ms: the feed host's
 * article jobs take the same slots (a poll is one request per interval, they are many); past it
 * the attempt fails with `host-busy` and is retried with the job's backoff.
 */
export const FEED_HOST_WAIT_MS = 30_000;

/**
 * Fetches a feed under its host's politeness slot (src/state/politeness.ts), like an article
 * page: waits for the slot in process at most FEED_HOST_WAIT_MS, marks it started when the
 * response headers are in, releases it after; a redirect to another host waits for that host's
 * slot (src/http/hops.ts). Before round 9 (docs/review.md) feed polls took no slot and reached a
 * host at once, right beside its article fetches.
 * @param perHost the feed's `perHost` override (else http.perHost)
 * @param signal aborts the wait (shutdown): the attempt then fails with `host-busy`, retried
 * @param options the fetch options, given the slot's `onResponseStart` and `hopSlot`
 * @throws IngestError `host-busy` (with `retryAfterMs`) when the host stays busy; the fetch's errors
 */
async function politeFetch(
  ctx: WorkerContext,
  url: string,
  perHost: { concurrency?: number; minDelayMs?: number } | undefined,
  signal: AbortSignal | undefined,
  options: (gate: Pick<FetchOptions, 'onResponseStart' | 'hopSlot'>) => FetchOptions,
): Promise<FetchResult> {
  const host = new URL(url).host;
  let slot;
  try {
    slot = await waitHostSlot(() => ctx.hostSlot(host, perHost), host, { maxWaitMs: FEED_HOST_WAIT_MS, signal, what: 'feed host' });
  } catch (err) {
    if (signal?.aborted) throw new IngestError('host-busy', `feed host ${host}: the worker stopped while the poll waited for a politeness slot`);
    throw err;
  }
  try {
    const hopSlot: FetchOptions['hopSlot'] = (h, o) => waitHostSlot(() => ctx.hostSlot(h), h, { maxWaitMs: Math.min(HOP_WAIT_MAX_MS, o.remainingMs / 2), signal: o.signal });
    return await ctx.fetch(url, options({ onResponseStart: slot.started, hopSlot }));
  } finally {
    await slot.release().catch(() => {});
  }
}

/**
 * Runs one feed job.
 * @param signal aborted when the worker stops (ends a wait for the host's politeness slot)
 * @throws IngestError (mapped to retry or UnrecoverableError by the worker)
 */
export async function processFeedJob(job: Job<FeedJobData>, ctx: WorkerContext, signal?: AbortSignal): Promise<FeedJobResult> {
  const { config, redis, log } = ctx;
  const prefix = config.redis.prefix;
  const data = job.data;
  const feedCfg = config.feeds.find((f) => f.id === data.feedId);
  const configUrl = feedCfg?.url ?? data.url;
  const manual = data.reason === 'manual' || data.force === true;
  const isSitemapFeed = feedCfg?.type === 'sitemap' || feedCfg?.type === 'news-sitemap';
  const state = await getFeedState(redis, prefix, data.feedId);
  // A feed moved with 301/308 is polled at its new URL (feed state; the config is not rewritten).
  const url = pollUrlOf(state, configUrl);
  const now = new Date();

  const intervalMinutes = feedCfg?.intervalMinutes ?? 15;
  // A backed-off feed (failures, Retry-After, Cache-Control) skips scheduler ticks until it is due.
  if (data.reason === 'scheduled' && !isFeedDue(state, now, intervalMinutes)) {
    return { outcome: 'backoff', items: 0, newItems: 0, skippedItems: 0 };
  }

  try {
    // Validators that look frozen or bogus are not sent back, and one fetch a day is unconditional.
    const validators = manual ? { etag: null, lastModified: null, unconditional: true, dropped: [] } : usableValidators(state, now);
    if (validators.dropped.length && (state.etag || state.lastModified)) log.info({ event: 'feed.validators-dropped', feedId: data.feedId, url, dropped: validators.dropped }, 'conditional GET skipped');
    const res = await politeFetch(ctx, url, feedCfg?.perHost, signal, (gate) => ({
      http: config.http,
      userAgent: ctx.userAgent,
      kind: isSitemapFeed ? 'text' : 'feed',
      headers: feedCfg?.headers,
      proxy: proxyOfFeed(feedCfg),
      etag: validators.etag,
      lastModified: validators.lastModified,
      ...gate,
    }));
    if (res.movedTo && res.movedTo !== state.movedTo) {
      await saveFeedMoved(redis, prefix, data.feedId, { from: configUrl, to: res.movedTo, at: now });
      log.warn({ event: 'feed.moved', feedId: data.feedId, url, feedUrl: configUrl, movedTo: res.movedTo }, 'feed moved permanently; polling the new URL (update the config)');
    }
    const silentAfterHours = feedCfg?.silentAfterHours ?? 72;
    const checkSilent = async (newItems: number) => {
      const silent = newItems === 0 && isSilent({ lastNewItemAt: state.lastNewItemAt, trackedSince: state.trackedSince ?? now.toISOString() }, now, silentAfterHours);
      if (silent && !state.silentSince) log.warn({ event: 'feed.silent', feedId: data.feedId, url, lastNewItemAt: state.lastNewItemAt, silentAfterHours }, 'feed brought nothing new for too long');
      return silent;
    };
    if (res.notModified) {
      const silent = await checkSilent(0);
      const next = await schedulePoll(ctx, feedCfg, data.feedId, { body: null, cacheMaxAgeMs: res.cacheMaxAgeMs, newItems: 0, now });
      await saveFeedSuccess(redis, prefix, data.feedId, { etag: state.etag, lastModified: state.lastModified, notModified: true, newItems: 0, at: now, cacheMaxAgeMs: next, silent });
      return { outcome: 'not-modified', items: 0, newItems: 0, skippedItems: 0 };
    }
    const parsed = isSitemapFeed
      ? await readSitemapFeed(res.body, { url: res.finalUrl, fetchedAt: now, maxAgeDays: feedCfg?.maxAgeDays, maxBytes: config.http.maxBytes })
      : await readFeed(res.body, res.contentType, { url: res.finalUrl, timezone: feedCfg?.timezone, fetchedAt: now });
    for (const s of parsed.skipped) log.warn({ event: 'item.skipped', feedId: data.feedId, url, reason: s.reason, guid: s.guid, title: s.title }, 'feed item skipped');

    const feedRef = { id: data.feedId, url: configUrl, title: feedCfg?.title ?? parsed.feed.title };
    let newItems = 0;
    const ttl = Math.round(config.worker.seenTtlDays * 86_400);
    const nowMs = now.getTime();
    // One item per record id (feeds repeat links under other GUIDs). Items without a link and
    // podcast/media items are stored from the feed's text under a stable id (src/feeds/identity.ts).
    // A text-only item with a guid keeps the record of its content when the feed rotates guids (src/state/item-alias.ts).
    const ids = parsed.items.map((it) => itemRecordId(it, configUrl, parsed.feed.link));
    const rotating = parsed.items.flatMap((item, i) => (item.guid && isTextOnlyItem(item, parsed.feed.link) ? [{ i, item, guidId: ids[i]!, feedUrl: configUrl }] : []));
    (await resolveTextOnlyIds(redis, prefix, rotating, ttl)).forEach((id, k) => (ids[rotating[k]!.i] = id));
    const unique = [...new Map(parsed.items.map((it, i) => [ids[i]!, it])).entries()];
    for (let i = 0; i < unique.length; i += ENQUEUE_BATCH) {
      const batch = unique.slice(i, i + ENQUEUE_BATCH).map(([id, item]) => ({ id, item, version: itemVersion(item) }));
      const entries = manual ? batch.map(() => null) : await readSeen(redis, prefix, batch.map((b) => b.id));
      const verdicts = batch.map((b, k) => ({ ...b, entry: entries[k], verdict: seenVerdict(entries[k], b.version, data.feedId, nowMs, legacyItemVersion(b.item)) }));
      const fresh = verdicts.filter((v) => v.verdict === 'new' || v.verdict === 'changed' || v.verdict === 'retry');
      // Pre-filter: skip pages whose title and summary name neither party nor the process (still marked seen).
      // (tagged where the topics are loaded: the extraction thread by default, ctx.prefilter)
      const wanted = feedCfg?.prefilter && !manual && fresh.length ? await keepAfterPrefilter(fresh, ctx, data.feedId) : fresh;
      if (wanted.length) {
        const jobs = wanted.map(({ id, item, version, entry, verdict }) => {
            const failedRuns = manual ? 0 : (entry?.failedRuns ?? 0);
            // A new article keeps the plain id, so two feeds bringing it at once make one job.
            const jobId = manual ? manualJobId('a', id) : verdict === 'new' ? articleJobId(id) : articleJobId(id, version, failedRuns);
            return {
              name: 'ingest-article',
              data: {
                url: item.link ?? configUrl,
                canonicalUrl: item.canonicalUrl ?? configUrl,
                feedId: data.feedId,
                feed: feedRef,
                item,
                reason: data.reason,
                force: manual || undefined,
                itemVersion: version,
                failedRuns: failedRuns || undefined,
                ...(isTextOnlyItem(item, parsed.feed.link) ? { textOnly: { recordId: id } } : {}),
              } satisfies ArticleJobData,
              opts: { jobId },
            };
          });
        await ctx.queues.articles.addBulk(batched(jobs, wanted.map((v) => !manual && (v.verdict === 'new' || v.verdict === 'changed')), config.worker.articleBatch, data));
        for (const v of wanted) if (v.verdict !== 'new') log.info({ event: 'item.requeued', feedId: data.feedId, url: v.item.link, reason: v.verdict === 'changed' ? 'item-changed' : v.entry?.failedRuns ? 'failed-before' : v.verdict, failedRuns: v.entry?.failedRuns ?? 0 }, 'item enqueued again');
      }
      // Written after the enqueue, so a crash in between re-enqueues (the sinks absorb it).
      // A failed entry keeps its count until its new job ends (the job writes it back); its
      // retry time moves past that job's likely life, so later polls do not enqueue it again.
      const writes = verdicts.filter((v) => v.verdict !== 'seen');
      await writeSeen(
        redis,
        prefix,
        writes.map((v) => ({
          recordId: v.id,
          entry: v.verdict === 'retry' ? { ...v.entry!, retryAt: nowMs + RERUN_GUARD_MS } : withVersion(v.entry, data.feedId, v.version, v.verdict !== 'adopt'),
        })),
        ttl,
      );
      // New items and new versions; an article enqueued again after a failure is not news.
      newItems += fresh.filter((v) => v.verdict !== 'retry').length;
    }
    const next = await schedulePoll(ctx, feedCfg, data.feedId, { body: res.body, cacheMaxAgeMs: res.cacheMaxAgeMs, newItems, now });
    const silent = await checkSilent(newItems);
    await saveFeedSuccess(redis, prefix, data.feedId, { etag: res.etag, lastModified: res.lastModified, notModified: false, newItems, at: now, cacheMaxAgeMs: next, unconditional: validators.unconditional, silent });
    if (isUnhealthy(state)) log.info({ event: 'feed.recovered', feedId: data.feedId, url, consecutiveFailures: state.consecutiveFailures }, 'feed works again');
    return { outcome: 'ok', items: parsed.items.length, newItems, skippedItems: parsed.skipped.length };
  } catch (err) {
    // Health counts failed runs, not attempts: recorded when the job gives up (permanent
    // error or last attempt), so the backoff does not climb by the number of retries.
    // (Unknown errors are retried like transient ones: src/retry/policy.ts.)
    // The URL a feed moved to is gone (404/410): the configured URL is polled again next time.
    if (url !== configUrl && err instanceof IngestError && err.code === 'not-found') {
      await clearFeedMoved(redis, prefix, data.feedId);
      log.warn({ event: 'feed.moved', feedId: data.feedId, url, feedUrl: configUrl, movedTo: null }, 'the URL the feed moved to is gone; polling the configured URL again');
    }
    const next = decideRetry(err, { attemptsMade: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, baseMs: config.worker.backoffMs });
    if (next.action === 'fail') {
      const reason = next.reason;
      const retryAfterMs = err instanceof IngestError ? err.retryAfterMs : undefined;
      const failures = await saveFeedFailure(redis, prefix, data.feedId, { reason, message: (err as Error).message, at: now, intervalMinutes, retryAfterMs });
      if (isUnhealthy({ consecutiveFailures: failures })) {
        log.warn({ event: 'feed.unhealthy', feedId: data.feedId, url, reason, consecutiveFailures: failures }, 'feed keeps failing; backing off');
      }
    } else {
      // `status` shows the error while the job is still being retried.
      await saveFeedAttemptError(redis, prefix, data.feedId, { reason: reasonOf(err), message: (err as Error).message, at: now });
    }
    throw err;
  }
}

/**
 * The article jobs of one poll as added to the queue: with `size` > 1, the items marked
 * `batchable` (new items and new versions of a regular poll) go in `ingest-articles` jobs of up
 * to `size` items (src/queue/article-batch.ts; a lone one too), the others
 * (retries after failed runs, manual re-ingests) each in its own `ingest-article` job.
 */
export function batched(
  jobs: { name: string; data: ArticleJobData; opts: { jobId: string } }[],
  batchable: readonly boolean[],
  size: number,
  feed: Pick<FeedJobData, 'feedId' | 'reason'>,
): { name: string; data: ArticleJobData | ArticleBatchData; opts: { jobId: string } }[] {
  if (size <= 1) return jobs;
  const single = jobs.filter((_, i) => !batchable[i]);
  const many = jobs.filter((_, i) => batchable[i]);
  const out: { name: string; data: ArticleJobData | ArticleBatchData; opts: { jobId: string } }[] = [...single];
  for (let i = 0; i < many.length; i += size) {
    // a lone item goes in a batch too: batches claim their items (src/queue/article-batch.ts),
    // and a plain job of the same id would not see another feed's batch holding it
    const items = many.slice(i, i + size).map((j) => ({ jobId: j.opts.jobId, data: j.data }));
    out.push({ name: ARTICLE_BATCH_JOB, data: { items, feedId: feed.feedId, reason: feed.reason }, opts: { jobId: articleBatchJobId(items.map((x) => x.jobId)) } });
  }
  return out;
}

/** Applies the feed's pre-filter to the items (one message to where the topics are); each skipped item is logged (`item.prefiltered`). */
async function keepAfterPrefilter<V extends { item: { title: string | null; summary: string | null; link: string | null } }>(fresh: V[], ctx: WorkerContext, feedId: string): Promise<V[]> {
  const verdicts = await ctx.prefilter(fresh.map(({ item }) => ({ title: item.title, summary: item.summary })), feedId);
  return fresh.filter(({ item }, i) => {
    const v = verdicts[i]!;
    if (!v.fetch) ctx.log.info({ event: 'item.prefiltered', feedId, url: item.link ?? undefined, outcome: 'skipped', prefilter: v.why }, 'item skipped by the pre-filter');
    return v.fetch;
  });
}
