/**
 * Service behaviour: job schedulers follow the config, and SIGTERM stops the worker
 * cleanly (exit 0) while it is running in service mode.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues, syncSchedulers } from '../../src/queue/queues.js';
import { dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(p);
});

describe('job schedulers', () => {
  it('upserts one scheduler per feed and removes the ones of feeds gone from the config', async () => {
    const prefix = uniquePrefix('sched');
    prefixes.push(prefix);
    const feeds = [
      { id: 'alpha', url: 'https://alpha.example/rss', intervalMinutes: 15 },
      { id: 'beta', url: 'https://beta.example/rss', intervalMinutes: 5 },
    ];
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, feeds });
    const redis = createRedis(REDIS_URL);
    const queues = openQueues(cfg, redis);
    try {
      await syncSchedulers(queues.feeds, cfg.feeds);
      await syncSchedulers(queues.feeds, cfg.feeds); // idempotent
      const first = await queues.feeds.getJobSchedulers(0, -1);
      expect(first.map((s) => [s.key, s.every]).sort()).toEqual([
        ['alpha', 900_000],
        ['beta', 300_000],
      ]);
      const cfg2 = testConfig({ redis: { url: REDIS_URL, prefix }, feeds: [feeds[0]] });
      const res = await syncSchedulers(queues.feeds, cfg2.feeds);
      expect(res.removed).toEqual(['beta']);
      expect((await queues.feeds.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual(['alpha']);
    } finally {
      await queues.close();
      await redis.quit();
    }
  });
});

describe('service mode', () => {
  it('stops on SIGTERM: no new jobs, connections closed, exit 0', async () => {
    const prefix = uniquePrefix('svc');
    prefixes.push(prefix);
    const dir = tempDir('svc');
    const cfgFile = join(dir, 'c.yaml');
    writeFileSync(cfgFile, `redis: { url: "${REDIS_URL}", prefix: ${prefix} }\nfeeds: []\nsinks: [{ type: jsonl, path: "${join(dir, 'a.jsonl')}" }]\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start', '--allow-empty', '--config', cfgFile], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (out.includes('"event":"schedulers.sync"')) {
          clearInterval(t);
          resolve();
        }
      }, 50);
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    const events = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).event);
    expect(events).toEqual(expect.arrayContaining(['worker.start', 'signal', 'worker.stopping', 'worker.stopped']));
  });
});
