/**
 * Fault test 1: `kill -9` of a worker process in the middle of a run over 300 articles,
 * then a new worker process: every article ends in PostgreSQL exactly once, no JSONL line is
 * torn, and a webhook receiver failing the first two calls of every record applies each
 * record once (by Idempotency-Key), every call signed. Real worker CLI (child process),
 * real Redis and PostgreSQL on loopback.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { crashRun } from '../helpers/crash-run.js';
import {
  jsonlCounts,
  join,
  PG_URL,
  pgCounts,
  queueCounts,
  REDIS_URL,
  startWebhookReceiver,
  startWorker,
  summaryOf,
  waitFor,
  writeWorkerConfig,
  type WebhookReceiver,
} from '../helpers/crash-fixture.js';

const ARTICLES = 300;
describe('crash test 1: kill -9 in the middle of a run', () => {
  const run = crashRun('crash-kill', { articles: ARTICLES, feeds: 3, delayMs: 60 });
  let rx: WebhookReceiver;
  const workers = run.workers;

  beforeAll(async () => {
    rx = run.own(await startWebhookReceiver(2));
  });

  it('ends with every article in PostgreSQL once and no torn JSONL line', async () => {
    const { site, dir, db, prefix, table } = run;
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    writeWorkerConfig(cfgFile, { site, redisUrl: REDIS_URL, prefix, pgUrl: PG_URL, table, jsonl, webhookUrl: rx.url });

    // Run 1: killed once a third of the articles are in PostgreSQL.
    const first = startWorker(cfgFile, join(dir, 'worker-1.log'));
    workers.push(first);
    await waitFor('100 rows in PostgreSQL', async () => (await pgCounts(db, table)).rows >= 100, 150_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = { pg: await pgCounts(db, table), jsonl: jsonlCounts(jsonl), articles: await queueCounts(prefix, 'articles') };
    expect(atKill.pg.rows).toBeLessThan(ARTICLES); // really in the middle

    // Run 2: a new process finishes the run (stalled jobs of run 1 are re-run).
    const second = startWorker(cfgFile, join(dir, 'worker-2.log'));
    workers.push(second);
    const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('timeout'), 150_000))]);
    const log2 = readFileSync(second.logFile, 'utf8');
    if (code !== 0) console.log(`worker did not finish (${code}): pg ${JSON.stringify(await pgCounts(db, table))}, articles ${JSON.stringify(await queueCounts(prefix, 'articles'))}\n${log2.slice(-4000)}`);
    if (code !== 0) copyFileSync(second.logFile, join(tmpdir(), 'crash-kill-failed.log')); // kept for a post-mortem
    expect(code).toBe(0);

    const pgEnd = await pgCounts(db, table);
    const jsonlEnd = jsonlCounts(jsonl);
    const articles = await queueCounts(prefix, 'articles');
    console.log(
      `crash-kill: ${site.canonicalUrls.size} distinct canonical URLs, ${site.pagesServed} pages served; ` +
        `at kill: pg ${atKill.pg.rows} rows, jsonl ${atKill.jsonl.lines} lines (${atKill.jsonl.torn} torn), queue ${JSON.stringify(atKill.articles)}; ` +
        `end: pg ${pgEnd.rows} rows / ${pgEnd.ids} ids / max version ${pgEnd.maxVersion}, jsonl ${jsonlEnd.lines} lines / ${jsonlEnd.ids} ids / ${jsonlEnd.torn} torn, ` +
        `queue ${JSON.stringify(articles)}; webhook: ${rx.calls.length} calls, ${rx.calls.filter((c) => c.valid).length} valid signatures, ` +
        `${rx.applied.size} keys applied, ${[...rx.applied.values()].reduce((a, v) => a + v.repeats, 0)} repeats recognized; run 2: ${summaryOf(second.logFile)}`,
    );
    // Webhook: every record applied once by its key, every call signed.
    expect(rx.calls.every((c) => c.valid)).toBe(true);
    expect(rx.applied.size).toBe(ARTICLES);
    expect(new Set([...rx.applied.values()].map((v) => v.canonicalUrl))).toEqual(site.canonicalUrls);
    expect(site.canonicalUrls.size).toBe(ARTICLES);
    expect(pgEnd).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
    const urls = (await db.query(`SELECT canonical_url FROM ${table}`)).rows.map((r) => r.canonical_url as string);
    expect(new Set(urls)).toEqual(site.canonicalUrls);
    expect(jsonlEnd.torn).toBe(0);
    expect(jsonlEnd.ids).toBe(ARTICLES);
    expect(jsonlEnd.lines).toBe(ARTICLES); // compacted at close: one line per record
    expect(jsonlEnd.urls).toEqual(site.canonicalUrls);
    expect(articles.failed).toBe(0);
  }, 360_000); // over the sum of its waits (150 s to the kill, the second run), on a machine at load 20
});
