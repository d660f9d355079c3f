/**
 * `worker.articleBatch` (issue 17): a poll's new items in `ingest-articles` jobs, each item
 * through the article path, and every item that does not succeed at once continued by its own
 * regular `ingest-article` job, as without batches: a 404 ends as a failed job with its reason
 * and its regular id, fetched once; a 500 is retried alone and written; the others are written
 * once. Then a kill -9 in the middle of a batched run: every article ends in PostgreSQL and
 * JSONL once (at least once per item, idempotent sinks). Real worker (in process, then as a
 * child process for the kill), real Redis and PostgreSQL on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { showJob } from '../../src/cli/jobs.js';
import type { Queues } from '../../src/queue/queues.js';
import { handedOffError, processArticleBatch } from '../../src/queue/article-batch.js';
import { ARTICLE_BATCH_JOB, ARTICLE_JOB, ARTICLES_QUEUE, articleJobId } from '../../src/queue/names.js';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { recordIdOf, canonicalizeUrl } from '../../src/normalize/url.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';
import { jsonlCounts, killProcess, PG_URL, pgCounts, queueCounts, startArticleSite, startWorker, summaryOf, waitFor, writeWorkerConfig, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';

const PARA = 'Armenian and Azerbaijani negotiators met again on the border commission and agreed a schedule for the next round of talks. ';
const page = (title: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${PARA.repeat(4)}</p></article></body></html>`;

describe('ingest-articles jobs (worker.articleBatch)', () => {
  const prefix = uniquePrefix('article-batch');
  const out = join(tempDir('article-batch'), 'articles.jsonl');
  const requests = new Map<string, number>();
  let server: Server;
  let base = '';
  const OK = ['one', 'two', 'three', 'four', 'five'];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      requests.set(path, (requests.get(path) ?? 0) + 1);
      if (path === '/feed.xml') {
        const items = [...OK.map((n) => `/news/${n}.html`), '/news/gone.html', '/news/flaky.html'];
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${base}/</link>${items.map((p, i) => `<item><title>Item ${i}</title><link>${base}${p}</link><guid>${base}${p}</guid></item>`).join('')}</channel></rss>`);
      }
      // the first request of flaky.html fails with a 500, the next ones succeed
      if (path === '/news/flaky.html' && requests.get(path) === 1) return void res.writeHead(500).end();
      const m = /^\/news\/(one|two|three|four|five|flaky)\.html$/.exec(path);
      if (!m) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`Talks report ${m[1]}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await dropPrefix(prefix);
  });

  it('writes the good items once, retries a 500 alone, fails a 404 under its own job id without fetching it twice', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'batch-feed', url: `${base}/feed.xml` }],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
      worker: { articleBatch: 4, attempts: 3, extractThreads: 0 },
    });
    const { log, lines } = captureLogger('info');
    const summary = await runWorker({ config: cfg, log, once: true });

    // 7 items: one job of 4 and one of 3
    const batches = lines.filter((l) => l.event === 'batch.end');
    expect(batches.map((b) => (b.result as { items: number }).items).sort()).toEqual([3, 4]);
    expect(summary.articles).toMatchObject({ completed: 6, failed: 1, retried: 1 });

    const records = readJsonlRecords(out);
    expect(records.map((r) => r.title).sort()).toEqual([...OK, 'flaky'].map((n) => `Talks report ${n}`).sort());
    expect(new Set(records.map((r) => r.id)).size).toBe(6);

    // the 404: fetched once (its own job's attempt 1 ended with the batch's error), failed for good
    expect(requests.get('/news/gone.html')).toBe(1);
    expect(requests.get('/news/flaky.html')).toBe(2);
    for (const n of OK) expect(requests.get(`/news/${n}.html`)).toBe(1);
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const q = new Queue(ARTICLES_QUEUE, { connection: conn, prefix });
    try {
      const failed = await q.getFailed(0, 10);
      expect(failed).toHaveLength(1);
      const goneId = articleJobId(recordIdOf(canonicalizeUrl(`${base}/news/gone.html`)));
      expect({ id: failed[0].id, name: failed[0].name, attempts: failed[0].attemptsMade }).toEqual({ id: goneId, name: ARTICLE_JOB, attempts: 1 });
      expect(failed[0].failedReason).toMatch(/^\[not-found\]/);
      // status progress counts articles, not jobs (a batch bumps BullMQ's counter by its items done)
      expect(Number((await q.getMetrics('completed')).meta.count)).toBe(6);
      const done = await q.getCompleted(0, 20);
      expect(done.filter((j) => j.name === ARTICLE_BATCH_JOB)).toHaveLength(2);
      expect(done.filter((j) => j.name === ARTICLE_JOB).map((j) => (j.data as { url: string }).url)).toEqual([`${base}/news/flaky.html`]);
      // `jobs show` of an article written inside a batch names the batch job that took it
      const oneId = articleJobId(recordIdOf(canonicalizeUrl(`${base}/news/one.html`)));
      const batchOfOne = done.find((j) => j.name === ARTICLE_BATCH_JOB && JSON.stringify(j.data).includes('/news/one.html'))!;
      const queues = { articles: q, feeds: q, deliveries: {}, close: async () => {} } as unknown as Queues;
      await expect(showJob(queues, `articles/${oneId}`, conn)).rejects.toThrow(`taken by the batch job articles/${batchOfOne.id}`);
      await expect(showJob(queues, 'articles/a-nothing-here', conn)).rejects.toThrow(/^no job articles\/a-nothing-here \(finished jobs/);
    } finally {
      await q.close();
      conn.disconnect();
    }
    // each item done in a batch has its own job.end line under its own job id; a handed-off
    // item's attempt 1 is logged by its own job
    expect(lines.filter((l) => l.event === 'job.end' && l.batchJobId).map((l) => l.outcome)).toEqual(['written', 'written', 'written', 'written', 'written']);
    expect(lines.filter((l) => l.event === 'item.handed-off').map((l) => l.reason).sort()).toEqual(['http-5xx', 'not-found']);
    const goneEnds = lines.filter((l) => l.event === 'job.end' && String(l.url).endsWith('/gone.html'));
    expect(goneEnds.map((l) => [l.outcome, l.reason, l.attempt])).toEqual([['failed', 'not-found', 1]]);
  }, 120_000);

  it('keeps the per-host gate inside a batch: items of one host wait in place, minDelayMs apart', async () => {
    const p2 = uniquePrefix('article-batch-polite');
    const out2 = join(tempDir('article-batch-polite'), 'articles.jsonl');
    const arrivals: number[] = [];
    const srv = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${b2}/</link>${[1, 2, 3, 4].map((i) => `<item><title>P ${i}</title><link>${b2}/p/${i}.html</link></item>`).join('')}</channel></rss>`);
      }
      arrivals.push(Date.now());
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`Polite ${path}`));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const b2 = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const cfg = testConfig({
        redis: { url: REDIS_URL, prefix: p2 },
        feeds: [{ id: 'polite-feed', url: `${b2}/feed.xml` }],
        sinks: [{ type: 'jsonl', path: out2, only: 'all' }],
        http: { respectRobots: false, perHost: { concurrency: 1, minDelayMs: 400 } },
        worker: { articleBatch: 4, extractThreads: 0 },
      });
      const { log, lines } = captureLogger('debug');
      const summary = await runWorker({ config: cfg, log, once: true });
      expect(summary.articles).toMatchObject({ completed: 4, failed: 0 });
      expect(readJsonlRecords(out2)).toHaveLength(4);
      expect(arrivals).toHaveLength(4);
      const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
      console.log(`article-batch politeness: page arrivals ${gaps.join(', ')} ms apart (minDelayMs 400)`);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(400);
      // waited in place: no item handed to a delayed job of its own
      expect(lines.filter((l) => l.event === 'job.delayed')).toEqual([]);
      expect(lines.filter((l) => l.event === 'batch.end')).toHaveLength(1);
    } finally {
      await new Promise((r) => srv.close(r));
      await dropPrefix(p2);
    }
  }, 120_000);

  it('runs an item listed by two batches once (two feeds at once), and again in its own batch after a crash', async () => {
    const p3 = uniquePrefix('article-batch-claim');
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const articles = new Queue(ARTICLES_QUEUE, { connection: conn, prefix: p3 });
    try {
      const item = (n: string) => ({ jobId: `a-${n}`, data: { url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, feedId: 'f', feed: null, item: null, reason: 'scheduled' as const } });
      const ran: string[] = [];
      const ends: string[] = [];
      const run = (id: string, items: ReturnType<typeof item>[]) =>
        processArticleBatch(
          { id, data: { items, feedId: 'f', reason: 'scheduled' } },
          { queues: { articles } as never, redis: conn },
          async (it) => {
            ran.push(`${id}:${it.id}`);
            return { outcome: 'written', recordId: String(it.id), relevant: false, delivered: [], unchanged: [], queued: [], skipped: [] };
          },
          (e) => ends.push(`${e.jobId}:${e.outcome}`),
        );
      const first = await run('b-1', [item('x'), item('y')]);
      const second = await run('b-2', [item('y'), item('z')]); // another feed's batch listing y too
      const again = await run('b-1', [item('x'), item('y')]); // b-1 run again after its worker died
      expect(ran).toEqual(['b-1:a-x', 'b-1:a-y', 'b-2:a-z', 'b-1:a-x', 'b-1:a-y']);
      expect(ends).toContain('a-y:duplicate');
      expect([first.done, second.done, again.done]).toEqual([2, 1, 2]);
    } finally {
      await articles.close();
      conn.disconnect();
      await dropPrefix(p3);
    }
  });

  it("replays a handed-off failure only on its job's first attempt", () => {
    const data = { url: 'x', canonicalUrl: 'x', feedId: 'f', feed: null, item: null, reason: 'scheduled' as const, handedOff: { code: 'http-5xx', message: 'HTTP 503', retryAfterMs: 2000 } };
    const err = handedOffError(data, 0);
    expect(err).toBeInstanceOf(IngestError);
    expect({ code: err!.code, retryable: err!.retryable, retryAfterMs: err!.retryAfterMs, message: err!.message }).toEqual({ code: 'http-5xx', retryable: true, retryAfterMs: 2000, message: 'HTTP 503' });
    expect(handedOffError(data, 1)).toBeNull();
    expect(handedOffError({ ...data, handedOff: undefined }, 0)).toBeNull();
  });
});

describe('ingest-articles jobs: kill -9 in the middle of a run', () => {
  const ARTICLES = 160;
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  const prefix = `test-batch-kill-${tag}`;
  const table = `t_batch_kill_${tag}`;
  let site: ArticleSite;
  let dir: string;
  let db: pg.Client;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    site = await startArticleSite({ articles: ARTICLES, feeds: 3, delayMs: 60 });
    dir = mkdtempSync(join(tmpdir(), 'batch-kill-'));
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  });

  afterAll(async () => {
    for (const w of workers) await killProcess(w);
    await site?.close();
    await db?.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations; DROP TABLE IF EXISTS ${table}_revisions`);
    await db?.end();
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends with every article in PostgreSQL and JSONL once', async () => {
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    writeWorkerConfig(cfgFile, { site, redisUrl: REDIS_URL, prefix, pgUrl: PG_URL, table, jsonl, worker: { articleBatch: 8 } });
    const first = startWorker(cfgFile, join(dir, 'worker-1.log'));
    workers.push(first);
    await waitFor('40 rows in PostgreSQL', async () => (await pgCounts(db, table)).rows >= 40, 150_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = await pgCounts(db, table);
    expect(atKill.rows).toBeLessThan(ARTICLES);
    // items ended inside ingest-articles jobs before the kill (their job.end lines name the batch)
    const batchLines = readFileSync(first.logFile, 'utf8').split('\n').filter((l) => l.includes('"batchJobId"')).length;

    const second = startWorker(cfgFile, join(dir, 'worker-2.log'));
    workers.push(second);
    const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
    if (code !== 0) copyFileSync(second.logFile, join(tmpdir(), 'batch-kill-failed.log'));
    expect(code).toBe(0);
    const pgEnd = await pgCounts(db, table);
    const jsonlEnd = jsonlCounts(jsonl);
    const articles = await queueCounts(prefix, 'articles');
    console.log(`article-batch kill: at kill ${atKill.rows} rows (${batchLines} items ended in batches in run 1); end: pg ${JSON.stringify(pgEnd)}, jsonl ${jsonlEnd.lines} lines / ${jsonlEnd.ids} ids; queue ${JSON.stringify(articles)}; run 2: ${summaryOf(second.logFile)}`);
    expect(batchLines).toBeGreaterThan(0);
    expect(pgEnd).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
    expect(jsonlEnd.torn).toBe(0);
    expect(jsonlEnd.ids).toBe(ARTICLES);
    expect(jsonlEnd.urls).toEqual(site.canonicalUrls);
    expect(articles.failed).toBe(0);
  }, 360_000); // over the sum of its waits (150 s to the kill, the second run), on a machine at load 20
});
