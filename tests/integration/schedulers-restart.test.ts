/**
 * ../shared/corpus/cases/bullmq-repeat-restart: the worker registers one schedule per feed at
 * every boot; it is restarted several times, once with a changed interval, and once killed
 * (SIGKILL) while a poll job runs. Afterwards: one scheduler per feed with the current
 * interval, one pending poll per feed, no legacy repeat keys.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducerRedis, whenReady } from '../../src/queue/connection.js';
import { openQueues, syncSchedulers } from '../../src/queue/queues.js';
import { SHARED_DIR } from '../helpers/site-server.js';
import { dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

interface Scenario {
  feeds: { id: string; url: string; everyMs: number }[];
  steps: { op: string; configChange?: { feed: string; everyMs: number }; feed?: string }[];
}
const caseDir = join(SHARED_DIR ?? '', 'corpus/cases/bullmq-repeat-restart');
const ROOT = join(import.meta.dirname, '../..');
const prefix = uniquePrefix('restart');
afterAll(() => dropPrefix(prefix));

/** A child worker process on the feeds queue whose processor never returns; it is SIGKILLed. */
async function killWhileActive(feedId: string): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'tests/helpers/hanging-worker.mjs'), REDIS_URL, prefix, feedId], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ACTIVE') && resolve());
    child.once('exit', () => reject(new Error('worker exited before taking the job')));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

describe.skipIf(!SHARED_DIR)('job schedulers across restarts (bullmq-repeat-restart)', () => {
  it('keeps one scheduler and one pending poll per feed, with the latest interval', async () => {
    const scenario = JSON.parse(readFileSync(join(caseDir, 'scenario.json'), 'utf8')) as Scenario;
    const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8'));
    const every = new Map(scenario.feeds.map((f) => [f.id, f.everyMs]));
    const redis = await whenReady(createProducerRedis(REDIS_URL), REDIS_URL);
    const boot = async () => {
      const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, feeds: scenario.feeds.map((f) => ({ id: f.id, url: f.url, intervalMinutes: every.get(f.id)! / 60_000 })) });
      const q = openQueues(cfg, redis);
      await syncSchedulers(q.feeds, cfg.feeds);
      await q.close();
    };
    for (const step of scenario.steps) {
      if (step.configChange) every.set(step.configChange.feed, step.configChange.everyMs);
      if (step.op === 'boot' || step.op === 'restart') await boot();
      else if (step.op === 'killWhileActive') await killWhileActive(step.feed!);
    }
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix } });
    const q = openQueues(cfg, redis);
    try {
      const schedulers = await q.feeds.getJobSchedulers(0, -1);
      // Our scheduler id is the feed id (the case names them "feed:<id>"; ids here may not contain ":").
      expect(schedulers.map((s) => `feed:${s.key}`).sort()).toEqual([...expected.schedulerIds].sort());
      expect(schedulers).toHaveLength(expected.schedulers);
      for (const s of schedulers) expect(s.every, s.key).toBe(expected.everyMs[s.key]);
      const delayed = await q.feeds.getDelayed(0, -1);
      const pending: Record<string, number> = {};
      for (const j of delayed) pending[j.data.feedId] = (pending[j.data.feedId] ?? 0) + 1;
      expect(pending).toEqual(expected.pendingPollJobsPerFeed);
      // Scheduler keys are `repeat:<schedulerId>[:<ts>]`; legacy repeatable jobs used `repeat:<md5 of the repeat options>`.
      const ids = new Set(scenario.feeds.map((f) => f.id));
      const legacy = (await redis.keys(`${prefix}:feeds:repeat:*`)).filter((k) => !ids.has(k.split(':repeat:')[1].split(':')[0]));
      expect(legacy).toHaveLength(expected.legacyRepeatKeysLeft);
    } finally {
      await q.close();
      await redis.quit();
    }
  }, 60_000);
});
