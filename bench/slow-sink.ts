/**
 * `npm run bench:slow-sink [-- --articles 1500 --rounds 3]`: how fast records reach the healthy
 * sinks (JSONL and PostgreSQL) when a webhook sink hangs (its receiver accepts connections and
 * never answers), against the same run with the webhook removed (issue 11, "a slow sink must
 * not slow the others"; goal: at least 0.90x).
 *
 * Each run is the real CLI, `node --import tsx src/cli.ts start --once`, in a child process,
 * under a fresh Redis prefix and PostgreSQL table, over a loopback site of N small article
 * pages (two RSS feeds). The clock starts at the spawn and stops when both JSONL and PostgreSQL
 * hold all N records (polled every 25 ms); the child is then stopped (with the webhook hanging,
 * `--once` would go on waiting for its retries). Rounds alternate the variants; medians are
 * printed. Defaults of the config are kept (inlineDeliveryMs, webhook timeoutMs, retries), except
 * politeness (no per-host delay: one loopback host) and robots (off).
 *
 * Besides the rate it prints the CPU time per record of the worker process and of Redis, which
 * a shared machine disturbs far less than wall time.
 *
 * Options: --articles N (1500), --rounds R (3), --concurrency C (article jobs, 4),
 * --variants list (without,hanging; also: healthy = a webhook answering 200 at once),
 * --shared-redis (use REDIS_URL or 127.0.0.1:6379 instead of a private redis-server on a free
 * port). Needs redis-server on PATH and PostgreSQL (TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stringify } from 'yaml';
import { deleteKeysWithPrefix } from '../src/queue/connection.js';
import { redisCpuMs, startOwnRedis } from './lib/redis-stats.js';
import { fmt, percentile } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1500' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
    variants: { type: 'string', default: 'without,hanging' },
    'shared-redis': { type: 'boolean', default: false },
  },
});
const N = Number(args.articles);
const ROUNDS = Number(args.rounds);
const C = Number(args.concurrency);
const VARIANTS = String(args.variants).split(',') as Variant[];
type Variant = 'without' | 'hanging' | 'healthy';
const REPO = resolve(import.meta.dirname, '..');
let REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Two RSS feeds over N article pages, each page a few sentences of our own. */
async function startSite(n: number): Promise<{ base: string; server: Server }> {
  let base = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const feed = /^\/feed-(\d)\.xml$/.exec(path);
    const art = /^\/a\/(\d+)\.html$/.exec(path);
    if (feed) {
      const k = Number(feed[1]);
      const items: string[] = [];
      for (let i = k; i < n; i += 2) items.push(`<item><title>Round ${i}</title><link>${base}/a/${i}.html</link><guid>${base}/a/${i}.html</guid></item>`);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench ${k}</title><link>${base}/</link>${items.join('')}</channel></rss>`);
    }
    if (art && Number(art[1]) < n) {
      const i = art[1];
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<!doctype html><html lang="en"><head><title>Border talks, round ${i}</title><link rel="canonical" href="${base}/a/${i}.html"></head>
<body><article><h1>Border talks, round ${i}</h1><p>Delegations of Armenia and Azerbaijan met for round ${i} of the talks on the peace treaty and the delimitation of the border.</p>
<p>Foreign Minister Ararat Mirzoyan said the commissions had agreed on the next section; Jeyhun Bayramov spoke of progress.</p></article></body></html>`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, server };
}

/** A webhook receiver: `hang` holds every request open; otherwise 200 at once. */
async function startReceiver(hang: boolean): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    calls++;
    req.resume();
    req.on('end', () => (hang ? held.push(res) : res.writeHead(200).end()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    calls: () => calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function jsonlLines(file: string): number {
  if (!existsSync(file)) return 0;
  const b = readFileSync(file);
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

interface RunResult {
  variant: Variant;
  seconds: number;
  /** Records per second to the healthy sinks, spawn to the last record in both. */
  rate: number;
  webhookCalls: number;
  /** CPU time of the worker process (user + system) until the last record, ms per record. */
  workerCpuMs: number;
  /** CPU time of Redis over the run, ms per record (meaningful with the benchmark's own Redis). */
  redisCpuMs: number;
}

/** user + system CPU time of a live process, ms (Linux /proc; NaN elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

async function run(variant: Variant, site: string, db: pg.Client, round: number): Promise<RunResult> {
  const tag = `${process.pid}_${round}_${variant}_${Date.now().toString(36)}`;
  const prefix = `bench-slow-sink-${tag}`;
  const table = `bench_slow_sink_${tag}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-slow-sink-'));
  const jsonl = join(dir, 'articles.jsonl');
  const rx = variant === 'without' ? null : await startReceiver(variant === 'hanging');
  const cfgFile = join(dir, 'config.yaml');
  writeFileSync(
    cfgFile,
    stringify({
      redis: { url: REDIS_URL, prefix },
      feeds: [0, 1].map((k) => ({ id: `bench-${k}`, url: `${site}/feed-${k}.xml` })),
      sinks: [
        { type: 'jsonl', path: jsonl, only: 'all' },
        { type: 'postgres', url: PG_URL, table, only: 'all' },
        ...(rx ? [{ type: 'webhook', url: rx.url, only: 'all' }] : []),
      ],
      http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 64, minDelayMs: 0 } },
      worker: { articleConcurrency: C },
      logLevel: 'warn',
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'NEWS_INGEST_CONFIG']) delete env[k];
  const stats = new Redis(REDIS_URL);
  const redis0 = await redisCpuMs(stats);
  let workerCpu = NaN;
  let redisCpu = NaN;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--once', '--config', cfgFile], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  let seconds = NaN;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}) before all ${N} records arrived`);
      if (jsonlLines(jsonl) < N) continue;
      const exists = (await db.query('SELECT to_regclass($1) AS t', [table])).rows[0].t;
      if (!exists || (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n < N) continue;
      seconds = (performance.now() - t0) / 1000;
      workerCpu = processCpuMs(child.pid!);
      redisCpu = (await redisCpuMs(stats)) - redis0;
      break;
    }
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 25_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    const calls = rx?.calls() ?? 0;
    await rx?.close();
    await db.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations`);
    await deleteKeysWithPrefix(stats, prefix);
    stats.disconnect();
    rmSync(dir, { recursive: true, force: true });
    const r: RunResult = { variant, seconds, rate: N / seconds, webhookCalls: calls, workerCpuMs: workerCpu / N, redisCpuMs: redisCpu / N };
    if (Number.isFinite(seconds)) {
      console.log(
        `  round ${round} ${variant.padEnd(8)} ${fmt(seconds, 2)} s, ${fmt(r.rate)} records/s to JSONL+PostgreSQL; CPU per record: worker ${fmt(r.workerCpuMs, 2)} ms, Redis ${fmt(r.redisCpuMs, 2)} ms; webhook calls ${calls}`,
      );
    }
    results.push(r);
  }
  return results[results.length - 1];
}

const results: RunResult[] = [];

async function main(): Promise<void> {
  console.log(`bench:slow-sink: ${N} articles, ${ROUNDS} rounds of ${VARIANTS.join(' / ')}, articleConcurrency ${C}; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const own = args['shared-redis'] ? null : await startOwnRedis();
  if (own) REDIS_URL = own.url;
  console.log(`Redis: ${own ? `own redis-server at ${own.url}` : REDIS_URL}`);
  const { base, server } = await startSite(N);
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate the order so that a busier stretch of a shared machine does not favour one variant.
      const order = round % 2 ? VARIANTS : [...VARIANTS].reverse();
      for (const v of order) await run(v, base, db, round);
    }
  } finally {
    await db.end();
    server.closeAllConnections();
    server.close();
    await own?.stop();
  }
  const median = (v: Variant, k: 'rate' | 'workerCpuMs' | 'redisCpuMs' = 'rate') => percentile(results.filter((r) => r.variant === v).map((r) => r[k]), 50);
  console.log('\nmedians: records/s to the healthy sinks (JSONL + PostgreSQL), spawn to last record; CPU ms per record (worker, Redis):');
  for (const v of VARIANTS) console.log(`  ${v.padEnd(8)} ${fmt(median(v))} records/s; CPU ${fmt(median(v, 'workerCpuMs'), 2)} + ${fmt(median(v, 'redisCpuMs'), 2)} ms per record`);
  if (VARIANTS.includes('without') && VARIANTS.includes('hanging')) {
    console.log(`hanging / without = ${fmt(median('hanging') / median('without'), 2)}x (goal >= 0.90x)`);
  }
  console.log(`\nreproduce: npm run bench:slow-sink -- --articles ${N} --rounds ${ROUNDS} --concurrency ${C} --variants ${VARIANTS.join(',')}${args['shared-redis'] ? ' --shared-redis' : ''}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
