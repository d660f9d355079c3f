/**
 * A webhook receiver that hangs (accepts the connection, never answers) during a real run of
 * the worker CLI (`start --once`, a child process) with JSONL and PostgreSQL sinks beside it:
 * - the healthy sinks get every record while the webhook still hangs;
 * - `status --json` (another child process) shows the webhook's backlog, by sink name;
 * - when the receiver recovers, every record reaches it (each Idempotency-Key applied once),
 *   nothing is lost, and the run ends with empty delivery queues.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { verifySignature } from '../../src/sinks/webhook.js';
import { jsonlCounts, join, killProcess, PG_URL, pgCounts, REDIS_URL, REPO_ROOT, startArticleSite, startWorker, summaryOf, waitFor, WEBHOOK_SECRET, type ArticleSite, type WorkerProcess } from '../helpers/crash-fixture.js';
import { dropPrefix } from '../helpers/worker.js';

const ARTICLES = 60;
const tag = `${process.pid}_${Date.now().toString(36)}`;
const prefix = `test-slow-sink-${tag}`;
const table = `t_slow_sink_${tag}`;

/** A receiver that holds every request open while `hanging`, then answers 200 (applying each key once). */
async function hangingReceiver() {
  const held: ServerResponse[] = [];
  const applied = new Map<string, number>();
  const rx = { url: '', hanging: true, calls: 0, held, applied, badSignatures: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      rx.calls++;
      if (rx.hanging) return void held.push(res);
      const body = Buffer.concat(chunks);
      if (!verifySignature(body, req.headers['x-signature'] as string | undefined, WEBHOOK_SECRET)) rx.badSignatures++;
      const key = String(req.headers['idempotency-key']);
      applied.set(key, (applied.get(key) ?? 0) + 1);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  rx.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return rx;
}

describe('a hanging webhook does not slow the other sinks, and loses nothing', () => {
  let site: ArticleSite;
  let dir: string;
  let db: pg.Client;
  let worker: WorkerProcess | undefined;
  let rx: Awaited<ReturnType<typeof hangingReceiver>>;

  beforeAll(async () => {
    site = await startArticleSite({ articles: ARTICLES, feeds: 2, delayMs: 10 });
    rx = await hangingReceiver();
    dir = mkdtempSync(join(tmpdir(), 'slow-sink-'));
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  });

  afterAll(async () => {
    if (worker) await killProcess(worker);
    await rx?.close();
    await site?.close();
    await db?.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations; DROP TABLE IF EXISTS ${table}_revisions`);
    await db?.end();
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('healthy sinks get every record while the webhook hangs; the webhook gets them all when it recovers', async () => {
    const cfgFile = join(dir, 'config.yaml');
    const jsonl = join(dir, 'articles.jsonl');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: site.feeds.map((url, k) => ({ id: `slow-feed-${k}`, url })),
        sinks: [
          { type: 'jsonl', path: jsonl, only: 'all' },
          { type: 'postgres', url: PG_URL, table, only: 'all', name: 'warehouse' },
          { type: 'webhook', url: rx.url, secret: WEBHOOK_SECRET, only: 'all', name: 'partner-hook', timeoutMs: 1500, retries: 30, backoffMs: 200 },
        ],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleConcurrency: 4, inlineDeliveryMs: 1000, deliveryConcurrency: 2, shutdownTimeoutMs: 5000, statsIntervalMs: 1000 },
        logLevel: 'info',
      }),
    );
    worker = startWorker(cfgFile, join(dir, 'worker.log'));
    await waitFor('every record in JSONL and PostgreSQL', async () => jsonlCounts(jsonl).ids === ARTICLES && (await pgCounts(db, table)).ids === ARTICLES, 90_000);
    const appliedWhileHanging = rx.applied.size;
    const callsWhileHanging = rx.calls;

    // `status` in its own process: the webhook's backlog, by its name.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'status', '--json', '--config', cfgFile], { cwd: REPO_ROOT, env: { ...process.env, NEWS_INGEST_CONFIG: '', REDIS_URL: '', DATABASE_URL: '' } });
    const status = JSON.parse(stdout) as { sinks: { sink: string; pending: number; failed: number }[] };
    const bySink = Object.fromEntries(status.sinks.map((s) => [s.sink, s]));
    expect(Object.keys(bySink)).toEqual(['jsonl', 'warehouse', 'partner-hook']);
    expect(bySink['partner-hook'].pending).toBeGreaterThan(0);
    // (JSONL and PostgreSQL may have a few too on a busy machine: an inline write slower than 1 s is queued as well.)

    // The receiver recovers: answers what comes next (held requests are dropped, as a crashed receiver would).
    rx.hanging = false;
    for (const res of rx.held.splice(0)) res.destroy();
    const code = await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
    const log = readFileSync(worker.logFile, 'utf8');
    if (code !== 0) console.log(log.slice(-3000));
    expect(code).toBe(0);
    const deferred = log.split('\n').filter((l) => l.includes('"event":"sink.deferred"') && l.includes('"sink":"partner-hook"'));
    console.log(
        `slow-sink: ${ARTICLES} articles; while the webhook hung: JSONL ${ARTICLES}, PostgreSQL ${ARTICLES}, webhook applied ${appliedWhileHanging} ` +
          `(${callsWhileHanging} calls held), backlog ${bySink['partner-hook'].pending}; ${deferred.length} inline attempts handed off; ` +
          `after recovery: ${rx.applied.size} keys applied, ${rx.calls} calls in all; ${summaryOf(worker.logFile)}`,
    );
    expect(appliedWhileHanging).toBe(0);
    // Inline attempts were given up on, named by sink, and the rest went straight to the queue.
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((l) => l.includes('"reason":"timeout"'))).toBe(true);
    expect(deferred.length).toBeLessThan(ARTICLES);
    // Nothing lost: every record reached the webhook, each key applied once (a repeat would be a retried success).
    const ids = new Set((await db.query(`SELECT record_version, id FROM ${table}`)).rows.map((r) => `${r.id}.${r.record_version}`));
    expect(new Set(rx.applied.keys())).toEqual(ids);
    expect(rx.badSignatures).toBe(0);
    expect(await pgCounts(db, table)).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
    expect(jsonlCounts(jsonl)).toMatchObject({ lines: ARTICLES, ids: ARTICLES, torn: 0 });
    const summary = JSON.parse(log.split('\n').find((l) => l.includes('"event":"run.summary"'))!) as { deliveriesPending: object; deliveries: { completed: number; failed: number } };
    expect(summary.deliveriesPending).toEqual({});
    expect(summary.deliveries.failed).toBe(0);
    expect(summary.deliveries.completed).toBeGreaterThanOrEqual(ARTICLES);
  }, 240_000);
});
