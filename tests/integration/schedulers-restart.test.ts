/**
 * Job schedulers across deploys (the trap of BullMQ issue 2889 and the older repeatable-job
 * reports: a schedule registered at every boot piles up duplicates). The worker registers one
 * schedule per feed at every boot; it is restarted several times, twice with a changed
 * interval, and once killed (SIGKILL) while a poll job runs. Afterwards: one scheduler per
 * feed with the current interval, one pending poll per feed, no legacy repeat keys.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducerRedis, whenReady } from '../../src/queue/connection.js';
import { openQueues, syncSchedulers } from '../../src/queue/queues.js';
import { dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

interface Scenario {
  feeds: { id: string; url: string; everyMs: number }[];
  steps: { op: 'boot' | 'restart' | 'killWhileActive'; configChange?: { feed: string; everyMs: number }; feed?: string }[];
}
const MIN = 60_000;
/** Three feeds of the fixture site's kind; deploys, two interval changes, a kill mid-poll. */
const scenario: Scenario = {
  feeds: [
    { id: 'ledger-world', url: 'https://ledger.example.org/feeds/world.xml', everyMs: 10 * MIN },
    { id: 'vestnik-ru', url: 'https://vestnik.example.ru/rss.xml', everyMs: 10 * MIN },
    { id: 'regional-desk', url: 'https://desk.example.net/regional.atom', everyMs: 20 * MIN },
  ],
  steps: [
    { op: 'boot' },
    { op: 'restart' },
    { op: 'restart', configChange: { feed: 'regional-desk', everyMs: 5 * MIN } },
    { op: 'restart', configChange: { feed: 'ledger-world', everyMs: 30 * MIN } },
    { op: 'restart' },
    { op: 'killWhileActive', feed: 'ledger-world' },
    { op: 'boot' },
  ],
};
/** What must hold after the last step, written out rather than derived from the scenario. */
const expected = {
  schedulerIds: ['ledger-world', 'regional-desk', 'vestnik-ru'],
  everyMs: { 'ledger-world': 30 * MIN, 'vestnik-ru': 10 * MIN, 'regional-desk': 5 * MIN } as Record<string, number>,
  pendingPollJobsPerFeed: { 'ledger-world': 1, 'vestnik-ru': 1, 'regional-desk': 1 },
};
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

describe('job schedulers across restarts', () => {
  it('keeps one scheduler and one pending poll per feed, with the latest interval', async () => {
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
      // The scheduler id is the feed id.
      expect(schedulers.map((s) => s.key).sort()).toEqual(expected.schedulerIds);
      for (const s of schedulers) expect(s.every, s.key).toBe(expected.everyMs[s.key]);
      const delayed = await q.feeds.getDelayed(0, -1);
      const pending: Record<string, number> = {};
      for (const j of delayed) pending[j.data.feedId] = (pending[j.data.feedId] ?? 0) + 1;
      expect(pending).toEqual(expected.pendingPollJobsPerFeed);
      // Scheduler keys are `repeat:<schedulerId>[:<ts>]`; legacy repeatable jobs used `repeat:<md5 of the repeat options>`.
      const ids = new Set(scenario.feeds.map((f) => f.id));
      const legacy = (await redis.keys(`${prefix}:feeds:repeat:*`)).filter((k) => !ids.has(k.split(':repeat:')[1].split(':')[0]));
      expect(legacy).toEqual([]);
    } finally {
      await q.close();
      await redis.quit();
    }
  }, 120_000);
});
