/**
 * Issue 17, "Several hosts": the service as it runs on several machines. Two worker "hosts",
 * each the real CLI in service mode inside its own network namespace (veth pair, own /30),
 * reach Redis (a redis-server of this test), PostgreSQL (through a TCP relay) and the article
 * site over the namespaces' addresses, never loopback. PostgreSQL is the sink all hosts
 * share; each host has its own JSONL file. Checks: both hosts take work; host 1 cut off
 * mid-run (its link down) loses nothing: the jobs it held are taken over by host 2 (their
 * pages fetched again, from host 2's address) and every article ends in PostgreSQL once;
 * politeness (per-host concurrency) holds across the two hosts.
 * Skipped, with the reason, where network namespaces cannot be made (not root, no iproute2).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createProducerRedis, whenReady } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { join, jsonlCounts, logEvents, PG_URL, pgCounts, REPO_ROOT, startArticleSite, waitFor, writeWorkerConfig, type ArticleSite } from '../helpers/crash-fixture.js';
import { createNetnsLab, netnsUnavailable, type NetnsLab } from '../helpers/netns.js';

const ARTICLES = Number(process.env.HOSTS_TEST_ARTICLES ?? 400);
/** http.perHost.concurrency of both hosts (each runs 6 article jobs at once). */
const PER_HOST = 4;
/** How long the site takes to answer an article page, ms. */
const PAGE_DELAY_MS = 150;

/**
 * The most article requests the site had in flight at once, as far as it can tell: request j
 * is surely still in flight when request i arrives if it arrived less than PAGE_DELAY_MS
 * before (its answer leaves PAGE_DELAY_MS after it arrived, or later). A lower bound of the
 * true figure, so a value above perHost.concurrency is a real breach.
 */
function maxInFlight(at: number[]): number {
  const t = [...at].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= PAGE_DELAY_MS) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
const tag = `${process.pid}_${Date.now().toString(36)}`;
const prefix = `test-hosts-${tag}`;
const table = `t_hosts_${tag}`;
const unavailable = netnsUnavailable();
if (unavailable) console.warn(`several-hosts test skipped: ${unavailable}`);

interface HostProcess {
  child: ChildProcess;
  exited: Promise<number | string>;
  logFile: string;
}

/** `ip netns exec <ns> node --import tsx src/cli.ts start --config <file>` (ip execs node: the pid is the worker's). */
function startHostWorker(ns: string, configFile: string, logFile: string): HostProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', CI: '1' };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'LOG_LEVEL', 'NEWS_INGEST_CONFIG']) delete env[k];
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', 'src/cli.ts', 'start', '--config', configFile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  return { child, logFile, exited: new Promise((r) => child.on('exit', (code, sig) => r(code ?? sig ?? -1))) };
}

/** A TCP relay on `host`: PostgreSQL (loopback only here) reached over the namespaces' addresses. */
async function startRelay(host: string, target: { host: string; port: number }): Promise<{ server: Server; port: number }> {
  const server = createServer((sock) => {
    const up = connect(target.port, target.host);
    sock.pipe(up).pipe(sock);
    const end = () => {
      sock.destroy();
      up.destroy();
    };
    sock.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return { server, port: (server.address() as { port: number }).port };
}

describe.skipIf(unavailable !== null)('several hosts (network namespaces)', () => {
  let lab: NetnsLab;
  let site: ArticleSite;
  let dir: string;
  let db: pg.Client;
  let redisServer: ChildProcess | undefined;
  let relay: { server: Server; port: number } | undefined;
  const hosts: HostProcess[] = [];

  beforeAll(async () => {
    lab = createNetnsLab(2);
    dir = mkdtempSync(join(tmpdir(), 'several-hosts-'));
    site = await startArticleSite({ articles: ARTICLES, feeds: 4, delayMs: PAGE_DELAY_MS, host: lab.serviceAddress });
    const pgTarget = new URL(PG_URL);
    relay = await startRelay(lab.serviceAddress, { host: pgTarget.hostname, port: Number(pgTarget.port || 5432) });
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    for (const h of hosts) if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGKILL');
    await Promise.all(hosts.map((h) => h.exited));
    redisServer?.kill('SIGKILL');
    relay?.server.close();
    await site?.close();
    await db?.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations`);
    await db?.end();
    lab?.teardown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shares the work, and a host cut off loses nothing: its jobs are taken over', async () => {
    // Redis of this test, bound to the service address only (not loopback).
    const redisPort = await new Promise<number>((r) => {
      const s = createServer().listen(0, lab.serviceAddress, () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    // Off loopback, Redis's protected mode wants a password, as a deployment on several hosts does.
    const password = `pw${tag}`;
    redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', lab.serviceAddress, '--requirepass', password, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const redisUrl = `redis://:${password}@${lab.serviceAddress}:${redisPort}`;
    const cfgRoot = parseConfig({ redis: { url: redisUrl, prefix } }, 'test', {});
    await waitFor('redis-server on the service address', () => spawnSync('redis-cli', ['-h', lab.serviceAddress, '-p', String(redisPort), '-a', password, '--no-auth-warning', 'PING']).stdout?.toString().trim() === 'PONG', 15_000, 100);
    const redis = await whenReady(createProducerRedis(redisUrl, 'hosts-test'), redisUrl, 10_000);
    const queues = openQueues(cfgRoot, redis);
    const pgUrl = `postgres://postgres@${lab.serviceAddress}:${relay!.port}/test`;
    const jsonl = lab.hosts.map((_, i) => join(dir, `host-${i + 1}.jsonl`));
    try {
      for (const [i, h] of lab.hosts.entries()) {
        const cfg = join(dir, `host-${i + 1}.yaml`);
        writeWorkerConfig(cfg, { site, redisUrl, prefix, pgUrl, table, jsonl: jsonl[i]!, intervalMinutes: 0.5 });
        // Politeness across hosts: at most PER_HOST requests to the site in flight, whichever host sends them.
        const raw = parse(readFileSync(cfg, 'utf8')) as { http: { perHost: Record<string, number> } };
        raw.http.perHost = { concurrency: PER_HOST, minDelayMs: 0 };
        writeFileSync(cfg, stringify(raw));
        hosts.push(startHostWorker(h.ns, cfg, join(dir, `host-${i + 1}.log`)));
      }
      const [h1, h2] = lab.hosts as [(typeof lab.hosts)[0], (typeof lab.hosts)[0]];
      const servedTo = (addr: string, since = 0) => site.served.filter((s) => s.from?.endsWith(addr) && s.at >= since);

      await waitFor('a third of the articles in PostgreSQL', async () => (await pgCounts(db, table)).rows >= ARTICLES / 3, 180_000, 200);
      const beforeCut = { h1: servedTo(h1.address).length, h2: servedTo(h2.address).length };
      lab.setLink(h1, false); // host 1 cut off: no Redis, no PostgreSQL, no site
      const cutAt = Date.now();
      const atCut = await pgCounts(db, table);
      expect(atCut.rows).toBeLessThan(ARTICLES); // really in the middle

      await waitFor(`${ARTICLES} rows and an idle article queue`, async () => {
        if ((await pgCounts(db, table)).rows < ARTICLES) return false;
        const c = await queues.articles.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(c).every((n) => n === 0);
      }, 240_000, 500);
      const doneMs = Date.now() - cutAt;

      // Pages host 1 asked for but did not deliver before the cut, fetched again by host 2.
      const h1Urls = new Set(servedTo(h1.address).map((s) => s.url));
      const takenOver = new Set(servedTo(h2.address, cutAt).filter((s) => h1Urls.has(s.url)).map((s) => s.url));
      const afterCutH1 = servedTo(h1.address, cutAt + 1000).length;

      lab.setLink(h1, true);
      for (const h of hosts) h.child.kill('SIGTERM');
      const timeout = new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000));
      const codes = await Promise.all(hosts.map((h) => Promise.race([h.exited, timeout])));
      const pgEnd = await pgCounts(db, table);
      const urls = new Set((await db.query(`SELECT canonical_url FROM ${table}`)).rows.map((r) => r.canonical_url as string));
      const j = jsonl.map((f) => jsonlCounts(f));
      const union = new Set([...j[0]!.urls, ...j[1]!.urls]);
      const counts = await queues.articles.getJobCounts('completed', 'failed');
      const redisErrors = hosts.map((h) => logEvents(h.logFile, 'redis.error').length);
      const inFlight = maxInFlight(site.served.map((x) => x.at));
      console.log(
        `several-hosts: ${ARTICLES} articles, hosts ${h1.address} and ${h2.address} (namespaces), services on ${lab.serviceAddress}; ` +
          `pages before the cut: host1 ${beforeCut.h1}, host2 ${beforeCut.h2}; host1 cut off at ${atCut.rows} rows; ` +
          `host2 finished ${(doneMs / 1000).toFixed(1)} s later, taking over ${takenOver.size} articles host1 had fetched; host1 fetches after the cut: ${afterCutH1}; ` +
          `pg ${pgEnd.rows} rows / ${pgEnd.ids} ids; jsonl host1 ${j[0]!.lines} lines, host2 ${j[1]!.lines} lines (torn ${j[0]!.torn + j[1]!.torn}); ` +
          `most pages in flight ${inFlight} (perHost.concurrency ${PER_HOST}); jobs ${JSON.stringify(counts)}; redis.error events ${redisErrors.join(' + ')}; exit ${codes.join(', ')}`,
      );
      expect(beforeCut.h1).toBeGreaterThan(0); // the work was shared
      expect(beforeCut.h2).toBeGreaterThan(0);
      expect(afterCutH1).toBe(0); // the cut is real
      expect(inFlight).toBeLessThanOrEqual(PER_HOST); // politeness held across hosts
      expect(inFlight).toBeGreaterThan(1); // and the hosts did fetch in parallel
      expect(takenOver.size).toBeGreaterThan(0); // host 1's jobs taken over
      for (const u of takenOver) expect(urls.has(u.replace(/\?.*$/, ''))).toBe(true);
      expect(pgEnd).toEqual({ rows: ARTICLES, ids: ARTICLES, urls: ARTICLES, maxVersion: 1 });
      expect(urls).toEqual(site.canonicalUrls);
      for (const c of j) expect(c.torn).toBe(0);
      expect(j[1]!.lines).toBe(j[1]!.ids);
      expect(union).toEqual(site.canonicalUrls);
      expect(counts.failed).toBe(0);
      expect(codes[1]).toBe(0);
    } finally {
      await queues.close();
      redis.disconnect();
    }
  }, 600_000);
});
