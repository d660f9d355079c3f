/**
 * The operator's commands against a real run: `status` (live workers, next poll, failed jobs
 * with time and attempts), `jobs list|show|retry|remove`, `feed reset`, `config check`, and
 * `reingest` warning when no worker is alive. The worker runs in this process over the
 * loopback site; the CLI runs as a child process, as an operator would run it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeedState } from '../../src/state/feed-state.js';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import type { SiteServer } from '../helpers/site-server.js';
import { FEED_ITEMS, MISSING_PAGE, startOpsSite, until } from '../helpers/ops-site.js';
import { REDIS_URL, captureLogger, dropPrefix, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const prefix = uniquePrefix('cli-admin');
const dir = tempDir('cli-admin');
const cfgFile = join(dir, 'c.yaml');
let site: SiteServer;
let redis: Redis;
const ac = new AbortController();
let done: Promise<RunSummary>;

async function cli(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args, '--config', cfgFile], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', CI: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
  return { code, out, err };
}

beforeAll(async () => {
  site = await startOpsSite();
  const raw = {
    redis: { url: REDIS_URL, prefix },
    feeds: [
      { id: 'herald', url: `${site.baseUrl}/feed.xml`, intervalMinutes: 60 },
      { id: 'gone', url: `${site.baseUrl}/gone.xml`, intervalMinutes: 60 },
    ],
    sinks: [
      { type: 'jsonl', path: join(dir, 'a.jsonl'), only: 'all' },
      { type: 'webhook', url: 'https://hooks.example/in', secret: 'hook-secret-value', only: 'relevant' },
    ],
    http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    worker: { attempts: 1, articleBatch: 1 }, // counts article jobs: one per article
    ops: { listen: '127.0.0.1:9464', token: 'ops-token-that-is-long-enough' },
  };
  writeFileSync(cfgFile, JSON.stringify(raw));
  // The worker runs without the webhook (no public host in tests); the CLI reads the full file.
  const cfg = testConfig({ ...raw, sinks: raw.sinks.slice(0, 1), ops: undefined });
  redis = new Redis(REDIS_URL);
  done = runWorker({ config: cfg, log: captureLogger('silent').log, stopSignal: ac.signal });
  await until(async () => {
    const n = await redis.zcard(`${prefix}:articles:completed`);
    const f = await redis.zcard(`${prefix}:articles:failed`);
    return n + f === FEED_ITEMS;
  }, 'the run over the site');
});

afterAll(async () => {
  ac.abort();
  await done;
  await site?.close();
  await redis?.quit();
  await dropPrefix(prefix);
});

describe('status', () => {
  it('shows the live worker, each feed’s next poll, and failed jobs with their time and attempts', { timeout: 120_000 }, async () => {
    // The heartbeat writes the last job within a second of it (JOB_BEAT_DELAY_MS), not at once:
    // a run that ends inside that second is read after it.
    await until(async () => Boolean(JSON.parse((await cli('status', '--json')).out).workers?.[0]?.lastJob), 'the heartbeat to carry the last job');
    const r = await cli('status', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.workers).toHaveLength(1);
    expect(s.workers[0]).toMatchObject({ host: hostname(), pid: process.pid });
    expect(Date.parse(s.workers[0].startedAt)).toBeLessThanOrEqual(Date.now());
    expect(s.workers[0].lastJob).toMatch(/^(feeds|articles)\/\S+ \w+/);
    const herald = s.feeds.find((f: { id: string }) => f.id === 'herald');
    // The scheduler fired at start; its next tick is one interval later.
    expect(Date.parse(herald.nextPollAt) - Date.parse(herald.lastFetchAt)).toBeGreaterThan(55 * 60_000);
    expect(herald.nextPollAt).toBe(herald.nextTickAt);
    const gone = s.feeds.find((f: { id: string }) => f.id === 'gone');
    expect(gone).toMatchObject({ consecutiveFailures: 1, lastStatus: 'not-found' });
    const failedArticle = s.failed.find((j: { queue: string }) => j.queue === 'articles');
    expect(failedArticle).toMatchObject({ reason: 'not-found', attempts: 1 });
    expect(failedArticle.url).toContain(MISSING_PAGE);
    expect(Math.abs(Date.parse(failedArticle.finishedAt) - Date.now())).toBeLessThan(120_000);

    const text = await cli('status');
    expect(text.out).toContain(`workers: 1 alive\n  ${hostname()} pid ${process.pid}`);
    expect(text.out).toMatch(/not-found {2}after 1 attempt {2}http/);
  });
});

describe('jobs', () => {
  it('lists failed jobs by queue and reason, shows one, retries it, removes by filter', { timeout: 120_000 }, async () => {
    const list = await cli('jobs', 'list', '--queue', 'articles', '--reason', 'not-found', '--json');
    expect(list.code).toBe(0);
    const rows = list.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'failed', reason: 'not-found', trigger: 'scheduled', attempts: 1 });
    expect(rows[0].ref).toMatch(/^articles\/a-[0-9a-f]+$/);

    const none = await cli('jobs', 'list', '--queue', 'articles', '--reason', 'timeout');
    expect(none.out.trim()).toBe('no jobs match');

    const show = JSON.parse((await cli('jobs', 'show', rows[0].ref)).out);
    expect(show).toMatchObject({ ref: rows[0].ref, state: 'failed', maxAttempts: 1, attempts: 1 });
    expect(show.failedReason).toMatch(/^\[not-found\] HTTP 404/);

    const retry = await cli('jobs', 'retry', rows[0].ref);
    expect(retry.out.trim()).toBe(`retried 1 job: ${rows[0].ref}`);
    // The worker takes it again; it fails again (the page is still gone), after 1 attempt of the new run.
    // `retry` moved it out of the failed set at once; back in it means the worker ran it again.
    await until(async () => (await redis.zcard(`${prefix}:articles:failed`)) === 1, 'the retried job to fail again');
    expect(JSON.parse((await cli('jobs', 'show', rows[0].ref)).out)).toMatchObject({ state: 'failed', reason: 'not-found' });
    expect((await cli('jobs', 'retry', 'articles/no-such-job')).code).toBe(2);
    expect((await cli('jobs', 'list', '--state', 'sleeping')).err).toContain('unknown state "sleeping"');

    const removed = await cli('jobs', 'remove', '--queue', 'feeds', '--state', 'failed');
    expect(removed.out).toMatch(/^removed 1 job: feeds\//);
    expect((await cli('jobs', 'list', '--queue', 'feeds')).out.trim()).toBe('no jobs match');
  });
});

describe('feed reset and config check', () => {
  it('feed reset clears a feed’s backoff and failure count', { timeout: 120_000 }, async () => {
    expect((await getFeedState(redis, prefix, 'gone')).consecutiveFailures).toBe(1);
    const r = await cli('feed', 'reset', 'gone');
    expect(r.code).toBe(0);
    expect(r.out).toContain('feed gone: backoff and error count cleared (was 1 failure');
    const s = await getFeedState(redis, prefix, 'gone');
    expect(s).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastStatus: 'not-found' });
    expect((await cli('feed', 'reset', 'nope')).err).toContain('unknown feed id "nope"');
  });

  it('config check prints the effective config with secrets masked', { timeout: 120_000 }, async () => {
    const r = await cli('config', 'check');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.sinks[1]).toMatchObject({ type: 'webhook', secret: '***', timeoutMs: 10000 });
    expect(c.ops).toEqual({ listen: '127.0.0.1:9464', token: '***', dashboardActions: false });
    expect(c.worker.attempts).toBe(1);
    expect(r.out).not.toContain('hook-secret-value');
    expect(r.out).not.toContain('ops-token-that-is-long-enough');
  });
});

describe('reingest', () => {
  it('warns when no worker is alive to take the job', { timeout: 120_000 }, async () => {
    const alive = await cli('reingest', 'feed', 'herald');
    expect(alive.code).toBe(0);
    expect(alive.err).not.toContain('no worker');
    ac.abort();
    await done;
    const r = await cli('reingest', 'feed', 'herald');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^enqueued feeds\//);
    expect(r.err).toContain(`no worker is running under the prefix "${prefix}"`);
    expect(JSON.parse((await cli('status', '--json')).out).workers).toEqual([]);
  });
});
