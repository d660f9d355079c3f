/**
 * Backfill: enqueue article jobs for the pages a site published in a window, from its
 * sitemaps (robots.txt `Sitemap:` lines, nested sitemap indexes, Google News sitemaps,
 * plain sitemaps, text sitemaps, gzipped or not) or from a URL list. Entry: `runBackfill`.
 *
 * - Dates: a page's date is its `news:publication_date`, else its `lastmod`. A page without
 *   either is skipped (`undated`) unless `includeUndated`; a URL-list line without a date is
 *   taken (the list is the user's own selection), one whose date cannot be read is skipped
 *   and counted (`badDate`).
 * - Pruning: a child sitemap whose `lastmod` is before the window is not read (nothing in it
 *   can have changed since), unless `prune` is false.
 * - Skips what is known: the seen-set (the same keys the feed jobs use) and robots.txt.
 * - Resumable: the frontier of sitemaps, the offset into the current one and the counters are
 *   in Redis (src/state/backfill.ts), checkpointed after every batch; a batch is enqueued
 *   (deterministic job ids), then marked seen, then checkpointed, so a crash at any point
 *   re-enqueues at most the one batch, which the job ids and the seen-set absorb.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import readline from 'node:readline';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import { IngestError, reasonOf, UsageError } from '../errors.js';
import { robotsVerdict } from '../http/robots.js';
import { backoffDelayMs } from '../retry/policy.js';
import type { Logger } from '../log.js';
import { canonicalizeUrl, recordIdOf } from '../normalize/url.js';
import { articleJobId, type ArticleJobData } from '../queue/names.js';
import type { Queues } from '../queue/queues.js';
import { readSeen, writeSeen } from '../state/seen.js';
import { redisRobotsCache } from '../state/robots-cache.js';
import { readSitemap, type SitemapEntry } from '../sitemaps/parse.js';
import {
  backfillRunId, checkpointBackfill, createBackfill, EMPTY_COUNTERS, finishSitemap, frontierHead, getBackfill, pushSitemaps, setBackfillStatus,
  type BackfillCounters, type BackfillSpec, type BackfillState,
} from '../state/backfill.js';
import { downloadSitemap, sitemapsOfSite, type SourceDeps } from './sources.js';
import { proxyOfFeed } from '../http/proxy.js';

/** Entries handled per batch (one MGET, one addBulk, one checkpoint). */
export const BACKFILL_BATCH = 500;
/** Attempts per sitemap for transient failures (network, 5xx, 429, timeout). */
export const SITEMAP_ATTEMPTS = 3;

/** What `runBackfill` needs. */
export interface BackfillDeps extends SourceDeps {
  log: Logger;
  queues: Pick<Queues, 'articles'>;
  /** Called after every batch and sitemap, and every `downloadTickMs` while a sitemap downloads. */
  onProgress?: (p: BackfillProgress) => void;
  /** Period of the progress reports during a sitemap's download, ms (default DOWNLOAD_TICK_MS). */
  downloadTickMs?: number;
  /** First retry delay for a failing sitemap, ms (default worker.backoffMs). */
  retryBaseMs?: number;
}

/** A progress report: the stored counters plus this process's rate and an estimate of the time left. */
export interface BackfillProgress {
  runId: string;
  counters: BackfillCounters;
  /** Sitemaps still to read (the frontier), or null for a URL list. */
  pending: number | null;
  /** Entries handled per second by this process since it started or resumed. */
  rate: number;
  /** Estimated time left, ms, or null when unknown yet. */
  etaMs: number | null;
  /** The sitemap being downloaded and its bytes so far (a report made during the download). */
  downloading?: { url: string; bytes: number };
}

/**
 * Progress period while a sitemap downloads, ms. A download may take up to SITEMAP_TIMEOUT_MS
 * (5 min: a 50 MB sitemap on a slow link, or a server that drips); without these reports a
 * run was silent that long (no `backfill.progress`, no terminal line: review14's trial).
 */
export const DOWNLOAD_TICK_MS = 2000;

/** The outcome of a run (or of the part run by this process). */
export interface BackfillResult {
  runId: string;
  /** `done`, `interrupted` (signal), or `already-done` (nothing to do: a finished run). */
  outcome: 'done' | 'interrupted' | 'already-done';
  resumed: boolean;
  counters: BackfillCounters;
}

/**
 * Parses a `--since` / `--until` value: `YYYY-MM-DD` (a whole UTC day) or an ISO 8601 time.
 * @param end true for `--until`: a day counts up to its end
 * @returns epoch ms (`--until`: the first instant after the window)
 * @throws UsageError naming the option when the text is not such a date
 */
export function parseWindowDate(text: string, option: string, end: boolean): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(day ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text)) throw new UsageError(`${option}: "${text}" is not a date (YYYY-MM-DD or ISO 8601 expected)`);
  return day && end ? ms + 86_400_000 : ms + (end ? 1 : 0);
}

/** True when `ms` is in [since, until). */
function inWindow(ms: number, spec: BackfillSpec): boolean {
  return ms >= Date.parse(spec.since) && (spec.until === null || ms < Date.parse(spec.until));
}

class Runner {
  private readonly prefix: string;
  private readonly t0 = Date.now();
  private handledHere = 0;
  private sitemapsHere = 0;
  private readonly feedRef: ArticleJobData['feed'];

  constructor(private readonly runId: string, private readonly spec: BackfillSpec, private readonly deps: BackfillDeps) {
    this.prefix = deps.config.redis.prefix;
    const f = spec.feedId ? deps.config.feeds.find((x) => x.id === spec.feedId) : undefined;
    this.feedRef = f ? { id: f.id, url: f.url, title: f.title ?? null } : null;
  }

  get redis(): Redis {
    return this.deps.redis;
  }

  /**
   * Reports progress (`onProgress`) from the stored counters.
   * @param downloading the sitemap being downloaded, and `live` false once it is done: a report
   *   whose Redis read ended after the download is dropped, not shown after the sitemap's own
   */
  async progress(extraFraction?: number, downloading?: BackfillProgress['downloading'], live?: () => boolean): Promise<void> {
    if (!this.deps.onProgress) return;
    const s = (await getBackfill(this.redis, this.prefix, this.runId)) as BackfillState;
    if (live && !live()) return;
    const secs = (Date.now() - this.t0) / 1000;
    const rate = secs > 0 ? this.handledHere / secs : 0;
    let etaMs: number | null = null;
    if (this.spec.source.kind === 'urls' && extraFraction !== undefined && extraFraction > 0) etaMs = ((Date.now() - this.t0) * (1 - extraFraction)) / extraFraction;
    else if (this.spec.source.kind !== 'urls' && this.sitemapsHere > 0) etaMs = ((Date.now() - this.t0) / this.sitemapsHere) * s.pending;
    this.deps.onProgress({ runId: this.runId, counters: s.counters, pending: this.spec.source.kind === 'urls' ? null : s.pending, rate, etaMs, ...(downloading ? { downloading } : {}) });
  }

  /** Handles one batch of page entries; `taken` decides undated entries. */
  async handle(entries: SitemapEntry[], offset: number, takeUndated: boolean): Promise<void> {
    const d: BackfillCounters = { ...EMPTY_COUNTERS, entries: entries.length };
    const picked = new Map<string, { entry: SitemapEntry; url: string; canonicalUrl: string }>();
    for (const e of entries) {
      const date = e.publishedAt ?? e.lastmod;
      if (date !== null && Number.isNaN(date)) {
        d.badDate++;
        continue;
      }
      if (date === null && !(takeUndated || this.spec.includeUndated)) {
        d.undated++;
        continue;
      }
      if (date !== null && !inWindow(date, this.spec)) {
        d.outOfWindow++;
        continue;
      }
      let canonicalUrl: string;
      try {
        canonicalUrl = canonicalizeUrl(e.loc);
      } catch {
        d.badUrl++;
        continue;
      }
      d.inWindow++;
      picked.set(recordIdOf(canonicalUrl), { entry: e, url: new URL(e.loc).href, canonicalUrl });
    }
    let ids = [...picked.keys()];
    if (ids.length && this.deps.config.http.respectRobots) {
      const { config } = this.deps;
      const rdeps = { cache: redisRobotsCache(this.redis, this.prefix), http: config.http, userAgent: this.deps.userAgent, fetch: this.deps.fetch, fetchOptions: { proxy: this.deps.proxy } };
      const verdicts = await Promise.all(ids.map((id) => robotsVerdict(picked.get(id)!.url, rdeps).catch(() => null)));
      // Only rules that disallow are final; an unreachable robots.txt is the article job's to retry.
      ids = ids.filter((_, i) => !(verdicts[i] && !verdicts[i]!.allowed && verdicts[i]!.basis === 'rules'));
      d.skippedRobots = picked.size - ids.length;
    }
    if (ids.length) {
      const seen = await readSeen(this.redis, this.prefix, ids);
      const fresh = ids.filter((_, i) => seen[i] === null);
      d.skippedSeen = ids.length - fresh.length;
      if (fresh.length) {
        await this.deps.queues.articles.addBulk(
          fresh.map((id) => {
            const { entry, url, canonicalUrl } = picked.get(id)!;
            const date = entry.publishedAt ?? entry.lastmod;
            const item = { guid: null, link: url, canonicalUrl, title: entry.title, publishedAt: date === null ? null : new Date(date).toISOString(), summary: null, authors: [], enclosures: [] };
            const data: ArticleJobData = { url, canonicalUrl, feedId: this.spec.feedId, feed: this.feedRef, item, reason: 'backfill' };
            return { name: 'ingest-article', data, opts: { jobId: articleJobId(id) } };
          }),
        );
        const ttl = Math.round(this.deps.config.worker.seenTtlDays * 86_400);
        // "Seen, version unknown": a feed that lists the page later records its version without a fetch.
        await writeSeen(this.redis, this.prefix, fresh.map((recordId) => ({ recordId, entry: { versions: {}, failedRuns: 0, retryAt: 0 } })), ttl, true);
        d.queued = fresh.length;
      }
    }
    await checkpointBackfill(this.redis, this.prefix, this.runId, d, offset);
    this.handledHere += entries.length;
  }

  /** Reads the sitemap at the head of the frontier from `offset` on. */
  async sitemap(url: string, offset: number): Promise<'done' | 'interrupted'> {
    const doc = await this.download(url);
    let index = 0;
    let batch: SitemapEntry[] = [];
    let children: string[] = [];
    let kind = 'unknown';
    const since = Date.parse(this.spec.since);
    let pruned = 0;
    try {
      for await (const e of readSitemap(doc.open(), (k) => (kind = k))) {
        if (e.kind === 'sitemap') {
          if (this.spec.prune && e.lastmod !== null && e.lastmod < since) pruned++;
          else {
            try {
              children.push(new URL(e.loc, doc.finalUrl).href);
            } catch {
              this.deps.log.warn({ event: 'backfill.sitemap.bad-loc', url, loc: e.loc.slice(0, 200) }, 'child sitemap is not a URL');
            }
          }
          if (children.length >= BACKFILL_BATCH) children = (await pushSitemaps(this.redis, this.prefix, this.runId, children), []);
          continue;
        }
        index++;
        if (index <= offset) continue;
        batch.push(e);
        if (batch.length >= BACKFILL_BATCH) {
          await this.handle(batch, index, false);
          batch = [];
          await this.progress();
          if (this.deps.signal?.aborted) return 'interrupted';
        }
      }
      if (kind === 'unknown') throw new IngestError('not-a-sitemap', `${url} is not a sitemap (no <urlset> or <sitemapindex> root, not a text list)`);
      if (batch.length) await this.handle(batch, index, false);
      await pushSitemaps(this.redis, this.prefix, this.runId, children);
      if (pruned) await checkpointBackfill(this.redis, this.prefix, this.runId, { sitemapsPruned: pruned }, index);
      this.deps.log.info({ event: 'backfill.sitemap', runId: this.runId, url, kind, entries: index, bytes: doc.bytes }, 'sitemap read');
      return 'done';
    } finally {
      await doc.dispose();
    }
  }

  /** One download of a sitemap, reporting its bytes every `downloadTickMs` while it lasts. */
  async downloadReported(url: string) {
    let bytes = 0;
    let live = true;
    const tick = this.deps.onProgress
      ? setInterval(() => {
          // a report that fails (Redis away) waits for the next tick; the download goes on
          this.progress(undefined, { url, bytes }, () => live).catch(() => undefined);
        }, this.deps.downloadTickMs ?? DOWNLOAD_TICK_MS)
      : null;
    try {
      return await downloadSitemap(url, { ...this.deps, onBytes: (n) => (bytes = n) });
    } finally {
      live = false;
      if (tick) clearInterval(tick);
    }
  }

  async download(url: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.downloadReported(url);
      } catch (err) {
        const retry = err instanceof IngestError && err.retryable && attempt < SITEMAP_ATTEMPTS && !this.deps.signal?.aborted;
        if (!retry) throw err;
        this.deps.log.warn({ event: 'backfill.sitemap.retry', runId: this.runId, url, attempt, reason: reasonOf(err) }, 'sitemap fetch failed; retrying');
        await new Promise((r) => setTimeout(r, backoffDelayMs(attempt, this.deps.retryBaseMs ?? this.deps.config.worker.backoffMs, err)));
      }
    }
  }

  async sitemaps(startOffset: number): Promise<'done' | 'interrupted'> {
    let offset = startOffset;
    for (;;) {
      if (this.deps.signal?.aborted) return 'interrupted';
      const url = await frontierHead(this.redis, this.prefix, this.runId);
      if (url === null) return 'done';
      try {
        if ((await this.sitemap(url, offset)) === 'interrupted') return 'interrupted';
        await finishSitemap(this.redis, this.prefix, this.runId, 'done');
      } catch (err) {
        if (this.deps.signal?.aborted) return 'interrupted';
        const reason = reasonOf(err);
        if (reason === 'redis-unavailable') {
          // The run's own store failed, not the sitemap: marking it failed (which succeeds once
          // Redis answers again) dropped its entries from every resume (review15: Redis paused
          // 20 s, 400 entries of one sitemap lost, "1 failed"). The run stops; the same command resumes it here.
          this.deps.log.warn({ event: 'backfill.stopped', runId: this.runId, url, reason, err: (err as Error).message }, 'Redis did not answer: backfill stopped at this sitemap; the same command resumes it');
          throw err;
        }
        this.deps.log.warn({ event: 'backfill.sitemap.failed', runId: this.runId, url, reason, err: (err as Error).message }, 'sitemap skipped');
        await finishSitemap(this.redis, this.prefix, this.runId, 'failed');
      }
      this.sitemapsHere++;
      offset = 0;
      await this.progress();
    }
  }

  async urlList(file: string, offset: number): Promise<'done' | 'interrupted'> {
    const size = (await stat(file)).size || 1;
    const stream = createReadStream(file);
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    let n = 0;
    let batch: SitemapEntry[] = [];
    try {
      for await (const raw of lines) {
        n++;
        if (n <= offset) continue;
        const line = raw.trim();
        if (line && !line.startsWith('#')) {
          const [loc, date] = line.split(/\s+/, 2);
          const at = date ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date) : NaN;
          // a date given but unreadable stays NaN (`handle` counts it as badDate): taken as
          // undated, the page was queued whatever the window
          batch.push({ kind: 'url', loc, lastmod: date ? at : null, publishedAt: null, title: null });
        }
        if (batch.length >= BACKFILL_BATCH) {
          await this.handle(batch, n, true);
          batch = [];
          await this.progress(stream.bytesRead / size);
          if (this.deps.signal?.aborted) return 'interrupted';
        }
      }
      await this.handle(batch, n, true);
      return 'done';
    } finally {
      lines.close();
      stream.destroy();
    }
  }
}

/**
 * Runs (or resumes) a backfill. The same spec resumes the same run; a finished run returns
 * `already-done` without reading anything.
 * @throws IngestError when the site's robots.txt cannot be read (`--site`); Redis errors; the
 *   URL list's fs error (ENOENT)
 */
export async function runBackfill(spec: BackfillSpec, deps: BackfillDeps): Promise<BackfillResult> {
  // `--feed`: that feed's proxy for robots.txt and sitemaps too, as for its article pages.
  if (spec.feedId && deps.proxy === undefined) deps = { ...deps, proxy: proxyOfFeed(deps.config.feeds.find((f) => f.id === spec.feedId)) };
  const prefix = deps.config.redis.prefix;
  const runId = backfillRunId(spec);
  let state = await getBackfill(deps.redis, prefix, runId);
  if (state?.status === 'done') return { runId, outcome: 'already-done', resumed: true, counters: state.counters };
  const resumed = state !== null;
  if (!state) {
    const roots = spec.source.kind === 'site' ? await sitemapsOfSite(spec.source.value, deps) : spec.source.kind === 'sitemap' ? [spec.source.value] : [];
    await createBackfill(deps.redis, prefix, runId, spec, roots);
    state = (await getBackfill(deps.redis, prefix, runId)) as BackfillState;
  } else {
    await setBackfillStatus(deps.redis, prefix, runId, 'running');
  }
  deps.log.info({ event: 'backfill.start', runId, resumed, source: spec.source, since: spec.since, until: spec.until, feedId: spec.feedId, offset: state.offset, pending: state.pending }, resumed ? 'backfill resumed' : 'backfill started');
  const runner = new Runner(runId, spec, deps);
  const outcome = spec.source.kind === 'urls' ? await runner.urlList(spec.source.value, state.offset) : await runner.sitemaps(state.offset);
  await setBackfillStatus(deps.redis, prefix, runId, outcome);
  const end = (await getBackfill(deps.redis, prefix, runId)) as BackfillState;
  deps.log.info({ event: 'backfill.end', runId, outcome, ...end.counters }, `backfill ${outcome}`);
  return { runId, outcome, resumed, counters: end.counters };
}
