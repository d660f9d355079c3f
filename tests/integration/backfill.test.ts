/**
 * Backfill against a generated loopback site (tests/helpers/sitemap-site.ts): 50,000 pages
 * over three years in 50 sitemaps behind a nested index, robots.txt `Sitemap:` and
 * `Disallow:`, news sitemaps whose lastmod lies, gzip, three date styles, undated entries.
 * 1. A window queues exactly the site's pages of that window (compared job id by job id with
 *    the generator's own list), prunes sitemaps older than the window, and a second run queues
 *    nothing (the seen-set).
 * 2. A backfill child process killed (SIGKILL) mid-run, resumed by the same command, then a
 *    real worker: every page of the window fetched exactly once, no other page fetched.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill, parseWindowDate } from '../../src/backfill/index.js';
import { canonicalizeUrl, recordIdOf } from '../../src/normalize/url.js';
import { articleJobId, type ArticleJobData } from '../../src/queue/names.js';
import { openQueues } from '../../src/queue/queues.js';
import { getBackfill, backfillRunId, type BackfillSpec } from '../../src/state/backfill.js';
import { captureLogger, dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';
import { REPO_ROOT, waitFor } from '../helpers/crash-fixture.js';
import { expectedPaths, startSitemapSite, type SitemapSite } from '../helpers/sitemap-site.js';

const jobIdOf = (site: SitemapSite, path: string) => articleJobId(recordIdOf(canonicalizeUrl(`${site.origin}${path}`)));

async function waitingIds(redis: Redis, prefix: string): Promise<string[]> {
  return redis.lrange(`${prefix}:articles:wait`, 0, -1);
}

describe('backfill over a 50,000-page loopback site', () => {
  let site: SitemapSite;
  let redis: Redis;
  const prefixes: string[] = [];
  let dir: string;

  beforeAll(async () => {
    site = await startSitemapSite();
    redis = new Redis(REDIS_URL);
    dir = mkdtempSync(join(tmpdir(), 'backfill-'));
  });
  afterAll(async () => {
    await site?.close();
    redis?.disconnect();
    for (const p of prefixes) await dropPrefix(p);
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues exactly the pages of the window, prunes older sitemaps, and queues nothing on a second run', async () => {
    const prefix = uniquePrefix('backfill-window');
    prefixes.push(prefix);
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, http: { perHost: { concurrency: 4, minDelayMs: 0 } } });
    const queues = openQueues(cfg, redis);
    const { log, lines } = captureLogger('info');
    const since = parseWindowDate('2024-03-10', '--since', false);
    const until = parseWindowDate('2024-05-20', '--until', true);
    const spec: BackfillSpec = { source: { kind: 'site', value: `${site.origin}/` }, since: new Date(since).toISOString(), until: new Date(until).toISOString(), feedId: null, includeUndated: false, prune: true };
    site.hits.clear();
    try {
      const r = await runBackfill(spec, { config: cfg, redis, queues, log, userAgent: 'news-ingest-test' });
      const expected = expectedPaths(site, since, until);
      const queued = await waitingIds(redis, prefix);
      console.log(`window 2024-03-10..2024-05-20: ${expected.length} pages expected, ${queued.length} queued; counters ${JSON.stringify(r.counters)}`);
      expect(r.outcome).toBe('done');
      expect(new Set(queued)).toEqual(new Set(expected.map((p) => jobIdOf(site, p))));
      expect(queued).toHaveLength(expected.length);
      expect(r.counters.queued).toBe(expected.length);
      // Pages of the window under /private/ were skipped for robots.txt, not queued.
      const privateInWindow = site.pages.filter((p) => p.private && p.date !== null && p.date >= since && p.date < until).length;
      expect(privateInWindow).toBeGreaterThan(0);
      expect(r.counters.skippedRobots).toBe(privateInWindow);
      // Pruning: sitemaps whose newest entry is before the window were never fetched.
      const fetchedSitemaps = [...site.hits.keys()].filter((p) => p.startsWith('/sitemaps/part-'));
      expect(r.counters.sitemapsPruned).toBeGreaterThan(10);
      expect(fetchedSitemaps.length + r.counters.sitemapsPruned).toBe(50);
      expect(r.counters.sitemapsDone).toBe(fetchedSitemaps.length + 2); // + the root and the nested index
      expect(r.counters.sitemapsFailed).toBe(0);
      // The job carries the sitemap's date as the item's date (news:publication_date, not the later lastmod).
      const job = await queues.articles.getJob(queued[0]);
      const page = site.pages.find((p) => jobIdOf(site, p.path) === queued[0])!;
      expect((job!.data as ArticleJobData).item!.publishedAt).toBe(new Date(page.date!).toISOString());
      expect(job!.data.reason).toBe('backfill');
      expect(lines.some((l) => l.event === 'backfill.end')).toBe(true);

      // Same window again with --restart semantics (new run state): everything is already seen.
      const again = await runBackfill({ ...spec, prune: false }, { config: cfg, redis, queues, log, userAgent: 'news-ingest-test' });
      expect(again.counters.queued).toBe(0);
      expect(again.counters.skippedSeen).toBe(expected.length);
      expect(again.counters.sitemapsPruned).toBe(0);
      // The finished run is not read again.
      const third = await runBackfill(spec, { config: cfg, redis, queues, log, userAgent: 'news-ingest-test' });
      expect(third.outcome).toBe('already-done');
    } finally {
      await queues.close();
    }
  });

  it('resumes a run killed mid-way: no page fetched twice, none missed', async () => {
    const prefix = uniquePrefix('backfill-crash');
    prefixes.push(prefix);
    const cfgFile = join(dir, 'crash.yaml');
    const jsonl = join(dir, 'crash.jsonl');
    // Politeness on for the sitemaps (60 ms between requests to the host), so the run lasts long enough to be killed in the middle.
    const config = (minDelayMs: number) =>
      stringify({
        redis: { url: REDIS_URL, prefix },
        sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
        http: { allowPrivateNetworks: true, perHost: { concurrency: 8, minDelayMs } },
        worker: { articleConcurrency: 8, backoffMs: 200, statsIntervalMs: 60_000 },
        logLevel: 'info',
      });
    writeFileSync(cfgFile, config(60));
    const workerCfg = join(dir, 'crash-worker.yaml');
    writeFileSync(workerCfg, config(0));
    const args = ['--import', 'tsx', 'src/cli.ts', 'backfill', '--config', cfgFile, '--sitemap', `${site.origin}/sitemap_index.xml`, '--since', '2023-07-01', '--until', '2023-07-31', '--no-prune'];
    const run = (extra: string[] = []) => {
      const child = spawn(process.execPath, [...args, ...extra], { cwd: REPO_ROOT, env: { ...process.env, REDIS_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      // 'close', not 'exit': the output's last lines may still be in the pipe at 'exit'
      const exited = new Promise<number | string>((r) => child.on('close', (code, sig) => r(code ?? sig ?? -1)));
      return { child, exited, output: () => out };
    };
    site.hits.clear();
    const since = parseWindowDate('2023-07-01', '--since', false);
    const until = parseWindowDate('2023-07-31', '--until', true);
    const expected = expectedPaths(site, since, until);
    const runId = backfillRunId({ source: { kind: 'sitemap', value: `${site.origin}/sitemap_index.xml` }, since: new Date(since).toISOString(), until: new Date(until).toISOString(), feedId: null, includeUndated: false, prune: false });

    const first = run();
    await waitFor('the first backfill to queue some pages', async () => ((await getBackfill(redis, prefix, runId))?.counters.queued ?? 0) > 0, 60_000, 5);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = (await getBackfill(redis, prefix, runId))!;
    console.log(`killed with ${atKill.counters.queued} of ${expected.length} queued, ${atKill.pending} sitemaps left, offset ${atKill.offset}`);
    expect(atKill.status).toBe('running');
    expect(atKill.counters.queued).toBeLessThan(expected.length);
    expect(atKill.pending).toBeGreaterThan(0);

    const second = run();
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('(resumed)');
    const done = (await getBackfill(redis, prefix, runId))!;
    expect(done.status).toBe('done');
    // Counters are checkpointed with the offset, so a batch redone after the kill counts once:
    // as queued, or (when the kill fell between its enqueue and its checkpoint) as already seen.
    expect(done.counters.queued + done.counters.skippedSeen).toBe(expected.length);
    expect(done.counters.inWindow - done.counters.skippedRobots).toBe(expected.length);
    expect(new Set(await waitingIds(redis, prefix))).toEqual(new Set(expected.map((p) => jobIdOf(site, p))));

    // A real worker fetches the queued pages.
    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--once', '--allow-empty', '--config', workerCfg], { cwd: REPO_ROOT, env: { ...process.env, REDIS_URL: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const wexit = await new Promise<number | null>((r) => worker.on('exit', (c) => r(c)));
    expect(wexit).toBe(0);
    const pageHits = [...site.hits.entries()].filter(([p]) => p.startsWith('/news/') || p.startsWith('/private/'));
    const twice = pageHits.filter(([, n]) => n > 1);
    console.log(`worker fetched ${pageHits.length} pages (${expected.length} expected), ${twice.length} more than once`);
    expect(twice).toEqual([]);
    expect(new Set(pageHits.map(([p]) => p))).toEqual(new Set(expected));
    const records = readFileSync(jsonl, 'utf8').trim().split('\n').length;
    expect(records).toBe(expected.length);
  }, 480_000); // two backfills of a 50,000-page site and a worker: 240 s ran out at load 25
});
