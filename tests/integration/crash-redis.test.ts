/**
 * Fault test 3: Redis cut during a run (a loopback TCP proxy between the worker and Redis is
 * cut and restored; the machine's Redis keeps running): the worker reconnects and the run
 * completes with nothing lost and nothing written twice.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { crashRun } from '../helpers/crash-run.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import {
  jsonlCounts,
  join,
  PG_URL,
  pgCounts,
  queueCounts,
  REDIS_URL,
  startWorker,
  summaryOf,
  waitFor,
  writeWorkerConfig,
} from '../helpers/crash-fixture.js';

const ARTICLES = 300;
const CUT_MS = 3000;
describe('crash test 3: Redis cut during a run', () => {
  const run = crashRun('crash-redis', { articles: ARTICLES, feeds: 3, delayMs: 60 });
  let proxy: TcpProxy;

  beforeAll(async () => {
    const r = new URL(REDIS_URL);
    proxy = run.own(await startTcpProxy({ host: r.hostname, port: Number(r.port || 6379) }));
  });

  it('reconnects and completes the run with nothing lost', async () => {
    const { site, dir, db, prefix, table } = run;
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    const viaProxy = new URL(REDIS_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    writeWorkerConfig(cfgFile, { site, redisUrl: viaProxy.toString(), prefix, pgUrl: PG_URL, table, jsonl });

    const worker = startWorker(cfgFile, join(dir, 'worker.log'));
    run.workers.push(worker);
    await waitFor('60 rows in PostgreSQL', async () => (await pgCounts(db, table)).rows >= 60, 150_000);
    proxy.cut();
    const atCut = (await pgCounts(db, table)).rows;
    await new Promise((r) => setTimeout(r, CUT_MS));
    const beforeRestore = (await pgCounts(db, table)).rows;
    const acceptedBeforeRestore = proxy.accepted;
    proxy.restore();

    const code = await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('timeout'), 150_000))]);
    const log = readFileSync(worker.logFile, 'utf8');
    if (code !== 0) console.log(`worker did not finish (${code}): pg ${JSON.stringify(await pgCounts(db, table))}, articles ${JSON.stringify(await queueCounts(prefix, 'articles'))}, feeds ${JSON.stringify(await queueCounts(prefix, 'feeds'))}\n${log.slice(-4000)}`);
    if (code !== 0) copyFileSync(worker.logFile, join(tmpdir(), 'crash-redis-failed.log')); // kept for a post-mortem
    expect(code).toBe(0);
    const redisErrors = log.split('\n').filter((l) => l.includes('"event":"redis.error"')).length;

    const pgEnd = await pgCounts(db, table);
    const jsonlEnd = jsonlCounts(jsonl);
    const articles = await queueCounts(prefix, 'articles');
    console.log(
      `crash-redis: ${site.canonicalUrls.size} distinct canonical URLs, ${site.pagesServed} pages served; cut ${CUT_MS} ms: ` +
        `pg rows ${atCut} -> ${beforeRestore} during the cut, ${redisErrors} redis.error log lines, ${proxy.accepted} Redis connections through the proxy ` +
        `(${acceptedBeforeRestore} before restore); end: pg ${pgEnd.rows} rows / ${pgEnd.ids} ids / max version ${pgEnd.maxVersion}, ` +
        `jsonl ${jsonlEnd.lines} lines / ${jsonlEnd.ids} ids / ${jsonlEnd.torn} torn, queue ${JSON.stringify(articles)}; ${summaryOf(worker.logFile)}`,
    );
    // The worker saw the cut and came back through the proxy.
    expect(redisErrors).toBeGreaterThan(0);
    expect(proxy.accepted).toBeGreaterThan(acceptedBeforeRestore);
    expect(pgEnd).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
    const urls = (await db.query(`SELECT canonical_url FROM ${table}`)).rows.map((r) => r.canonical_url as string);
    expect(new Set(urls)).toEqual(site.canonicalUrls);
    expect(jsonlEnd).toMatchObject({ lines: ARTICLES, ids: ARTICLES, torn: 0 });
    expect(articles.failed).toBe(0);
  }, 360_000); // over the sum of its waits (150 s to the kill, the second run), on a machine at load 20
});
