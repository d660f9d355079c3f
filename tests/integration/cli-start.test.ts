/**
 * `start` as an operator meets it: faults in environment variables name the variable, a
 * config without feeds is refused unless --allow-empty, an ops listener off loopback without
 * a token is refused, all before Redis is touched (exit 2 even with Redis unreachable); a
 * fatal start error and the --once summary are JSON log events; a start that removes job
 * schedulers says so.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, syncSchedulers } from '../../src/queue/queues.js';
import type { SiteServer } from '../helpers/site-server.js';
import { GOOD_PAGES, startOpsSite } from '../helpers/ops-site.js';
import { REDIS_URL, captureLogger, dropPrefix, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const DEAD_REDIS = 'redis://127.0.0.1:1';
/** Runs the CLI in a child process (async: the loopback site is served by this process). */
async function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', CI: '1', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
  return { code, out, err, events: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
}
const dir = tempDir('cli-start');
function configFile(name: string, yaml: string): string {
  const f = join(dir, name);
  writeFileSync(f, yaml);
  return f;
}
const ONE_FEED = 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n';

let site: SiteServer;
const prefixes: string[] = [];
beforeAll(async () => {
  site = await startOpsSite();
});
afterAll(async () => {
  await site?.close();
  for (const p of prefixes) await dropPrefix(p);
});

describe('start refuses bad input before it connects', () => {
  it('names REDIS_URL, LOG_LEVEL and DATABASE_URL, not the config file, when their values are bad', { timeout: 120_000 }, async () => {
    const f = configFile('env.yaml', `${ONE_FEED}sinks: [{ type: postgres, url: "postgres://127.0.0.1/test" }]\n`);
    const r = await cli(['start', '--config', f], { REDIS_URL: 'http://not-redis', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid config environment:');
    expect(r.err).not.toContain(f);
    expect(r.err).toContain('REDIS_URL (environment variable, for redis.url): invalid URL (redis:// expected)');
    expect(r.err).toContain('LOG_LEVEL (environment variable, for logLevel):');
    expect(r.err).toContain('DATABASE_URL (environment variable, for sinks[0].url): invalid URL (postgres:// expected)');
  });

  it('still blames the file for the file’s own faults, and the variable for its own', { timeout: 120_000 }, async () => {
    const f = configFile('both.yaml', 'feeds:\n  - { id: a, url: "nope" }\n');
    const r = await cli(['start', '--config', f], { REDIS_URL: 'http://not-redis' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid config ${f}:`);
    expect(r.err).toContain('feeds[0].url: invalid URL');
    expect(r.err).toContain('REDIS_URL (environment variable, for redis.url)');
  });

  it('refuses a config without feeds unless --allow-empty', { timeout: 120_000 }, async () => {
    const f = configFile('empty.yaml', 'feeds: []\n');
    const r = await cli(['start', '--config', f], { REDIS_URL: DEAD_REDIS });
    expect(r.code).toBe(2);
    expect(r.err).toContain('the config has no feeds');
    expect(r.err).toContain('--allow-empty');
    // With the flag it goes on, and meets the missing Redis (exit 3).
    expect((await cli(['start', '--allow-empty', '--config', f], { REDIS_URL: DEAD_REDIS })).code).toBe(3);
  });

  it('refuses an ops listener off loopback without a token, naming where to set one', { timeout: 120_000 }, async () => {
    const f = configFile('ops.yaml', ONE_FEED);
    const r = await cli(['start', '--config', f, '--ops-listen', '0.0.0.0:9464'], { REDIS_URL: DEAD_REDIS, NEWS_INGEST_OPS_TOKEN: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('needs a token: set ops.token in the config or NEWS_INGEST_OPS_TOKEN');
    const bad = await cli(['start', '--config', f, '--ops-listen', 'nine'], { REDIS_URL: DEAD_REDIS });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ops-listen: "nine" is not HOST:PORT');
  });
});

describe('start logs as JSON', () => {
  it('a fatal start error is a JSON log event as well as a stderr line', { timeout: 120_000 }, async () => {
    const f = configFile('dead.yaml', ONE_FEED);
    const r = await cli(['start', '--config', f], { REDIS_URL: DEAD_REDIS });
    expect(r.code).toBe(3);
    expect(r.events.find((e) => e.event === 'worker.failed')).toMatchObject({ level: 60, errorClass: 'RedisUnavailableError' });
    expect(r.err).toContain('Redis at redis://127.0.0.1:1 is not answering');
  });

  it('the --once summary is a run.summary event with the run’s counts', { timeout: 120_000 }, async () => {
    const prefix = uniquePrefix('cli-once');
    prefixes.push(prefix);
    const f = configFile(
      'once.yaml',
      `redis: { url: "${REDIS_URL}", prefix: ${prefix} }\nfeeds:\n  - { id: herald, url: "${site.baseUrl}/feed.xml" }\n` +
        `sinks: [{ type: jsonl, path: "${join(dir, 'once.jsonl')}", only: all }]\nhttp: { allowPrivateNetworks: true, respectRobots: false, perHost: { minDelayMs: 0 } }\nworker: { attempts: 1 }\n`,
    );
    const r = await cli(['start', '--once', '--config', f]);
    expect(r.code).toBe(4); // a completed run with a failed article (review round 9: was 0)
    const s = r.events.find((e) => e.event === 'run.summary') as { articles: { completed: number; failed: number; outcomes: Record<string, number> }; feeds: { completed: number }; msg: string };
    expect(s.feeds.completed).toBe(1);
    expect(s.articles).toMatchObject({ completed: GOOD_PAGES, failed: 1, outcomes: { written: GOOD_PAGES } });
    expect(s.msg).toMatch(/^done in [\d.]+ s: feeds 1 ok, 0 failed; articles 3 ok/);
    // Every line on stdout is JSON.
    expect(r.out.split('\n').filter((l) => l.trim() && !l.startsWith('{'))).toEqual([]);
  });
});

describe('npm run demo', () => {
  it('exits 3 with the Redis message when Redis is down (no endless reconnect errors)', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/demo.ts')], { cwd: ROOT, env: { ...process.env, REDIS_URL: DEAD_REDIS } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
    expect({ code, err }).toMatchObject({ code: 3 });
    expect(err).toContain('Redis at redis://127.0.0.1:1 is not answering');
    expect(err).not.toContain('ECONNREFUSED 127.0.0.1:1\n    at'); // no ioredis error dumps
  });
});

describe('job scheduler sync', () => {
  it('warns when a start removes the job schedulers of feeds missing from its config', { timeout: 120_000 }, async () => {
    const prefix = uniquePrefix('sched-warn');
    prefixes.push(prefix);
    const redis = new Redis(REDIS_URL);
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, feeds: [] });
    const queues = openQueues(cfg, redis);
    try {
      const two = testConfig({
        feeds: [
          { id: 'a', url: 'https://a.example/rss', intervalMinutes: 15 },
          { id: 'b', url: 'https://b.example/rss', intervalMinutes: 15 },
        ],
      }).feeds;
      const first = captureLogger('info');
      await syncSchedulers(queues.feeds, two, first.log);
      expect(first.lines.filter((l) => l.event === 'schedulers.removed')).toEqual([]);
      const second = captureLogger('info');
      await syncSchedulers(queues.feeds, two.slice(0, 1), second.log);
      expect(second.lines.find((l) => l.event === 'schedulers.removed')).toMatchObject({ level: 40, removed: ['b'], prefix });
    } finally {
      await queues.close();
      await redis.quit();
    }
  });
});
