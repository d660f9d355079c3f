/**
 * `news-ingest backfill --since DATE [--until DATE] (--site URL | --sitemap URL | --urls FILE)
 * [--feed ID] [--include-undated] [--no-prune] [--restart]` and `backfill list`.
 * Progress (done, queued, rate, time left) is a live line on a terminal, a `backfill.progress`
 * log event every 10 s otherwise. Ctrl-C stops after the current batch; the same command
 * resumes (state in Redis, src/state/backfill.ts).
 */
import type { Command } from 'commander';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import { userAgentOf } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { isRedisUnavailable, RedisUnavailableError, UsageError } from '../errors.js';
import { checkHttpUrlArg, checkInputFile } from '../cli/input.js';
import { utf8FileProblem } from '../config/utf8.js';
import { createLogger } from '../log.js';
import type { Queues } from '../queue/queues.js';
import type { BackfillCounters, BackfillSpec } from '../state/backfill.js';
import type { BackfillProgress, BackfillResult } from './index.js';

/** What the command needs from the CLI. */
export interface BackfillCliDeps {
  config(cmd: Command): Config;
  withQueues<T>(cfg: Config, fn: (q: Queues, redis: Redis) => Promise<T>): Promise<T>;
}

type Opts = { since?: string; until?: string; site?: string; sitemap?: string; urls?: string; feed?: string; includeUndated?: boolean; prune?: boolean; restart?: boolean };

/** Formats a duration, ms, as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** One progress line: `done 12,500 entries (sitemaps 12 done, 38 left) · queued 1,204 · 2,310/s · ~16s left`. */
export function progressLine(p: BackfillProgress): string {
  const c = p.counters;
  const n = (x: number) => x.toLocaleString('en-US');
  const maps = p.pending === null ? '' : ` (sitemaps ${n(c.sitemapsDone + c.sitemapsFailed)} done, ${n(p.pending)} left)`;
  const eta = p.etaMs === null ? '' : ` · ~${formatDuration(p.etaMs)} left`;
  const dl = p.downloading ? ` · downloading ${p.downloading.url} (${n(p.downloading.bytes)} bytes so far)` : '';
  return `done ${n(c.entries)} entries${maps} · queued ${n(c.queued)} · seen ${n(c.skippedSeen)} · ${n(Math.round(p.rate))}/s${eta}${dl}`;
}

/** The closing summary of a run. */
export function summaryText(r: BackfillResult): string {
  const c: BackfillCounters = r.counters;
  const head = r.outcome === 'already-done' ? `backfill ${r.runId}: already done (use --restart to run it again)` : `backfill ${r.runId}: ${r.outcome}${r.resumed ? ' (resumed)' : ''}`;
  return (
    `${head}\n  entries ${c.entries}: ${c.inWindow} in the window, ${c.outOfWindow} outside, ${c.undated} undated, ${c.badUrl} bad URLs${c.badDate ? `, ${c.badDate} unreadable dates (YYYY-MM-DD or ISO 8601 expected)` : ''}\n` +
    `  queued ${c.queued} article jobs; skipped ${c.skippedSeen} already seen, ${c.skippedRobots} disallowed by robots.txt\n` +
    `  sitemaps ${c.sitemapsDone} read, ${c.sitemapsFailed} failed, ${c.sitemapsPruned} pruned (lastmod before the window)` +
    (r.outcome === 'interrupted' ? '\n  interrupted: run the same command again to resume' : '')
  );
}

function specOf(o: Opts, cfg: Config, parse: (t: string, opt: string, end: boolean) => number): BackfillSpec {
  const sources = [o.site && { kind: 'site' as const, value: o.site }, o.sitemap && { kind: 'sitemap' as const, value: o.sitemap }, o.urls && { kind: 'urls' as const, value: o.urls }].filter(Boolean);
  if (sources.length !== 1) throw new UsageError('backfill needs exactly one of --site URL, --sitemap URL, --urls FILE');
  if (o.site !== undefined) checkHttpUrlArg('--site', o.site);
  if (o.sitemap !== undefined) checkHttpUrlArg('--sitemap', o.sitemap);
  if (!o.since) throw new UsageError('backfill needs --since DATE');
  const since = parse(o.since, '--since', false);
  const until = o.until ? parse(o.until, '--until', true) : null;
  if (until !== null && until <= since) throw new UsageError(`--until ${o.until} is not after --since ${o.since}`);
  if (o.feed && !cfg.feeds.some((f) => f.id === o.feed)) throw new UsageError(`--feed: unknown feed id "${o.feed}" (configured: ${cfg.feeds.map((f) => f.id).join(', ') || 'none'})`);
  const source = sources[0] as BackfillSpec['source'];
  if (source.kind !== 'urls' && !/^https?:\/\//i.test(source.value)) throw new UsageError(`--${source.kind}: not an http(s) URL: ${source.value}`);
  // checked before a run is recorded: a run that could never read its list stayed `running`
  if (source.kind === 'urls') {
    checkInputFile(source.value, '--urls');
    // read as UTF-8 line by line: a UTF-16 list (Notepad's "Unicode", Windows PowerShell's `>`)
    // came out as "1 bad URL, 2 unreadable dates", nothing queued, exit 0; a windows-1251 IRI
    // as a URL with U+FFFD in it (docs/review.md "Round 13 (review14)")
    const problem = utf8FileProblem(source.value);
    if (problem) throw new UsageError(`--urls: ${source.value}: ${problem}`);
  }
  return { source, since: new Date(since).toISOString(), until: until === null ? null : new Date(until).toISOString(), feedId: o.feed ?? null, includeUndated: Boolean(o.includeUndated), prune: o.prune !== false };
}

/** Adds `backfill` (and `backfill list`) to the program. */
export function registerBackfillCommand(program: Command, deps: BackfillCliDeps): void {
  const bf = program
    .command('backfill')
    .description('enqueue article jobs for the pages a site published in a window (sitemaps, news sitemaps, URL lists); resumable')
    .option('--since <date>', 'first day of the window (YYYY-MM-DD, UTC, or ISO 8601)')
    .option('--until <date>', 'last day of the window, included (default: no end)')
    .option('--site <url>', "read the sitemaps the site's robots.txt lists (else /sitemap.xml)")
    .option('--sitemap <url>', 'read this sitemap or sitemap index (gzipped or not)')
    .option('--urls <file>', 'read URLs from a file, one per line, optionally followed by a date')
    .option('--feed <id>', 'the configured feed the articles belong to')
    .option('--include-undated', 'also take sitemap entries without lastmod or publication date')
    .option('--no-prune', 'read child sitemaps even when their lastmod is before the window')
    .option('--restart', 'forget the stored state of this run and start again')
    .action(async (o: Opts, cmd: Command) => {
      const cfg = deps.config(cmd);
      const { parseWindowDate, runBackfill } = await import('./index.js');
      const spec = specOf(o, cfg, parseWindowDate);
      const log = createLogger(cfg.logLevel, { pretty: false, destination: process.stderr });
      const ac = new AbortController();
      const onSignal = () => {
        if (ac.signal.aborted) process.exit(130);
        ac.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const tty = process.stderr.isTTY;
      let lastLog = 0;
      const onProgress = (p: BackfillProgress) => {
        if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
        else if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log.info({ event: 'backfill.progress', runId: p.runId, ...p.counters, pending: p.pending, rate: Math.round(p.rate), etaMs: p.etaMs === null ? null : Math.round(p.etaMs), ...(p.downloading ? { downloading: p.downloading.url, downloadedBytes: p.downloading.bytes } : {}) }, progressLine(p));
        }
      };
      try {
        const result = await deps.withQueues(cfg, async (q, redis) => {
          if (o.restart) {
            const { backfillRunId, deleteBackfill } = await import('../state/backfill.js');
            await deleteBackfill(redis, cfg.redis.prefix, backfillRunId(spec));
          }
          return runBackfill(spec, { config: cfg, redis, queues: q, log, userAgent: userAgentOf(cfg), signal: ac.signal, onProgress });
        });
        if (tty) process.stderr.write('\n');
        process.stdout.write(`${summaryText(result)}\n`);
        if (result.outcome === 'interrupted') process.exitCode = 130;
        else if (result.counters.sitemapsFailed > 0) process.exitCode = 1;
      } catch (err) {
        // Redis gone mid-run (a command timed out, the connection closed): exit 3 as for a Redis
        // down at the start, saying that the run is kept (not "Command timed out", exit 1).
        if (err instanceof RedisUnavailableError || !isRedisUnavailable(err)) throw err;
        if (tty) process.stderr.write('\n');
        process.stderr.write('backfill stopped: Redis stopped answering during the run; what was done is kept, and the same command resumes it\n');
        throw new RedisUnavailableError(cfg.redis.url, err);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
  bf.command('list')
    .description('the backfill runs stored in Redis, newest first, with their counters')
    .option('--json', 'print JSON lines')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const cfg = deps.config(cmd);
      const { listBackfills } = await import('../state/backfill.js');
      const runs = await deps.withQueues(cfg, (_q, redis) => listBackfills(redis, cfg.redis.prefix));
      if (o.json) process.stdout.write(runs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      else
        process.stdout.write(
          runs.length
            ? `${runs.map((r) => `${r.runId}  ${r.status.padEnd(11)}  ${r.spec.source.kind} ${r.spec.source.value}  ${r.spec.since.slice(0, 10)}..${r.spec.until?.slice(0, 10) ?? ''}  queued ${r.counters.queued}  entries ${r.counters.entries}  sitemaps left ${r.pending}  updated ${r.updatedAt}`).join('\n')}\n`
            : 'no backfill runs\n',
        );
    });
}
