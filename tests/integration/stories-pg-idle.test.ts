/**
 * Fault test (review round 8): PostgreSQL ends the idle connections of the ops listener's
 * /stories page (a server stop or restart: `pg_ctl stop -m fast` sends every backend FATAL
 * 57P01 "terminating connection due to administrator command"). The page's pool had no 'error'
 * listener, so the error of an idle connection crashed the worker (exit 1, a stack trace in
 * place of a JSON line); found by stopping a private PostgreSQL within 10 s of a /stories
 * request. Here the same FATAL comes from `pg_terminate_backend` on this worker's own
 * connections only (the shared server keeps running). The worker must keep running and
 * writing, and /stories must answer again. Real worker CLI in service mode (a child process),
 * the local Redis (unique prefix) and PostgreSQL (unique table), a loopback article site.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { join, killProcess, logEvents, PG_URL, pgCounts, REDIS_URL, startArticleSite, startWorker, waitFor, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';
import { dropPrefix, uniquePrefix } from '../helpers/worker.js';

const ARTICLES = 30;
const tag = `${process.pid}_${Date.now().toString(36)}`;
const table = `t_stories_idle_${tag}`;

/** Local TCP ports of `pid`'s connections to PostgreSQL's port (from `ss`). */
function pgClientPorts(pid: number, pgPort: number): number[] {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `dport = :${pgPort}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`pid=${pid},`))
    .map((l) => Number(/:(\d+)\s+\S+:\d+\s/.exec(l)?.[1]))
    .filter((p) => p > 0);
}

describe('the /stories page when PostgreSQL ends its idle connections', () => {
  let site: ArticleSite;
  let dir: string;
  let db: pg.Client;
  let worker: WorkerProcess | undefined;
  const prefix = uniquePrefix('stories-idle');

  beforeAll(async () => {
    site = await startArticleSite({ articles: ARTICLES, feeds: 1, delayMs: 200 });
    dir = mkdtempSync(join(tmpdir(), 'stories-idle-'));
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  });
  afterAll(async () => {
    if (worker) await killProcess(worker);
    await site?.close();
    await dropPrefix(prefix);
    await db?.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations; DROP TABLE IF EXISTS ${table}_revisions`);
    await db?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the worker running and writing; /stories answers again', { timeout: 120_000 }, async () => {
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: [{ id: 'f', url: site.feeds[0], intervalMinutes: 0.1, maxIntervalMinutes: 0.1 }],
        sinks: [{ type: 'postgres', url: PG_URL, table }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 2, minDelayMs: 0 } },
        worker: { articleBatch: 1, articleConcurrency: 2, extractThreads: 0, statsIntervalMs: 60_000 },
        ops: { listen: '127.0.0.1:0' },
        logLevel: 'info',
      }),
    );
    worker = startWorker(cfgFile, join(dir, 'worker.log'), 'service');
    await waitFor('the ops listener', () => logEvents(worker!.logFile, 'ops.listening').length > 0, 60_000);
    const url = `${logEvents(worker.logFile, 'ops.listening')[0]!.url as string}/stories`;
    await waitFor('the first rows', async () => (await pgCounts(db, table)).rows >= 3, 60_000);
    const before = new Set(pgClientPorts(worker.child.pid!, Number(new URL(PG_URL).port || 5432)));
    const first = await fetch(url);
    await first.text();
    expect(first.status).toBe(200);
    // the page's connections: this worker's connections that were not there before the request
    const pagePorts = pgClientPorts(worker.child.pid!, Number(new URL(PG_URL).port || 5432)).filter((p) => !before.has(p));
    expect(pagePorts.length).toBeGreaterThan(0);
    const ended = await db.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND application_name = 'news-ingest-search'`, [pagePorts]);
    expect(ended.rows.length).toBe(pagePorts.length);
    await waitFor(`${ARTICLES} rows`, async () => (await pgCounts(db, table)).rows >= ARTICLES || worker!.child.exitCode !== null, 90_000);
    expect(worker.child.exitCode).toBe(null);
    const again = await fetch(url);
    await again.text();
    expect(again.status).toBe(200);
    expect((await pgCounts(db, table)).ids).toBe(ARTICLES);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});
