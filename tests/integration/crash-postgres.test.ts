/**
 * Fault test 2: PostgreSQL cut for a while during a run (a loopback TCP proxy between the
 * worker and PostgreSQL is cut and restored; the machine's PostgreSQL keeps running): every
 * record arrives, none twice, and the JSONL sink keeps receiving records during the cut.
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
const CUT_MS = 4000;
describe('crash test 2: PostgreSQL cut during a run', () => {
  const run = crashRun('crash-pg', { articles: ARTICLES, feeds: 3, delayMs: 60 });
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = run.own(await startTcpProxy({ port: Number(new URL(PG_URL).port || 5432) }));
  });

  it('delivers every record once after PostgreSQL comes back', async () => {
    const { site, dir, db, prefix, table } = run;
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    const viaProxy = new URL(PG_URL);
    viaProxy.port = String(proxy.port);
    writeWorkerConfig(cfgFile, { site, redisUrl: REDIS_URL, prefix, pgUrl: viaProxy.toString(), table, jsonl });

    const worker = startWorker(cfgFile, join(dir, 'worker.log'));
    run.workers.push(worker);
    await waitFor('60 rows in PostgreSQL', async () => (await pgCounts(db, table)).rows >= 60, 150_000);
    proxy.cut();
    // A write already sent when the link was cut may still commit on the server: count after it settles.
    await new Promise((r) => setTimeout(r, 1000));
    const atCut = { pg: (await pgCounts(db, table)).rows, jsonl: jsonlCounts(jsonl).lines };
    await new Promise((r) => setTimeout(r, CUT_MS - 1000));
    // the JSONL sink goes on during the cut: wait for a line written after it (before: whatever
    // CUT_MS gave, and a worker slowed by a loaded machine could write none in 3 s)
    await waitFor('a JSONL line written during the cut', () => jsonlCounts(jsonl).lines > atCut.jsonl, 60_000);
    const beforeRestore = { pg: (await pgCounts(db, table)).rows, jsonl: jsonlCounts(jsonl).lines };
    proxy.restore();

    const code = await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
    const log = readFileSync(worker.logFile, 'utf8');
    if (code !== 0) console.log(`worker did not finish (${code}): pg ${JSON.stringify(await pgCounts(db, table))}, articles ${JSON.stringify(await queueCounts(prefix, 'articles'))}, feeds ${JSON.stringify(await queueCounts(prefix, 'feeds'))}\n${log.slice(-4000)}`);
    if (code !== 0) copyFileSync(worker.logFile, join(tmpdir(), 'crash-postgres-failed.log')); // kept for a post-mortem
    expect(code).toBe(0);
    const sinkFailures = log.split('\n').filter((l) => l.includes('"event":"sink.deferred"') && l.includes('"sink":"postgres"')).length;

    const pgEnd = await pgCounts(db, table);
    const jsonlEnd = jsonlCounts(jsonl);
    const articles = await queueCounts(prefix, 'articles');
    console.log(
      `crash-postgres: ${site.canonicalUrls.size} distinct canonical URLs, ${site.pagesServed} pages served; cut ${CUT_MS} ms: ` +
        `pg rows ${atCut.pg} -> ${beforeRestore.pg}, jsonl lines ${atCut.jsonl} -> ${beforeRestore.jsonl} during the cut; ` +
        `${sinkFailures} failed postgres deliveries retried; end: pg ${pgEnd.rows} rows / ${pgEnd.ids} ids / max version ${pgEnd.maxVersion}, ` +
        `jsonl ${jsonlEnd.lines} lines / ${jsonlEnd.ids} ids / ${jsonlEnd.torn} torn, queue ${JSON.stringify(articles)}; ${summaryOf(worker.logFile)}`,
    );
    // During the cut PostgreSQL got nothing and the JSONL sink kept going.
    expect(beforeRestore.pg).toBe(atCut.pg);
    expect(beforeRestore.jsonl).toBeGreaterThan(atCut.jsonl);
    // The first failed inline writes are handed to the sink's delivery queue (then the rest go there directly).
    expect(sinkFailures).toBeGreaterThan(0);
    // At the end: everything, once.
    expect(pgEnd).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
    const urls = (await db.query(`SELECT canonical_url FROM ${table}`)).rows.map((r) => r.canonical_url as string);
    expect(new Set(urls)).toEqual(site.canonicalUrls);
    expect(jsonlEnd).toMatchObject({ lines: ARTICLES, ids: ARTICLES, torn: 0 });
    expect(articles.failed).toBe(0);
    // A retry re-delivers from the job data, without fetching the page again.
    expect(site.pagesServed).toBe(ARTICLES);
  }, 360_000); // over the sum of its waits (150 s to the kill, the second run), on a machine at load 20
});
