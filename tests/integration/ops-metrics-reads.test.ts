/**
 * One Redis read of each feed's state per /metrics scrape (docs/review.md, Round 10 (new user,
 * review12)): the last-success and consecutive-failures gauges each called `feedHealth()`, so a
 * scrape sent two HGETALLs of every feed's state hash. The real worker in service mode over a
 * loopback site; Redis's own MONITOR stream counts the reads.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedStateKey } from '../../src/state/feed-state.js';
import type { SiteServer } from '../helpers/site-server.js';
import { FEED_ITEMS, opsTestConfig, startOpsSite, startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { scrape, value } from '../helpers/prom.js';
import { REDIS_URL, captureLogger, dropPrefix, uniquePrefix } from '../helpers/worker.js';

let site: SiteServer;
let worker: RunningWorker;
const prefix = uniquePrefix('ops-metrics-reads');
const { log } = captureLogger('info');

beforeAll(async () => {
  site = await startOpsSite();
  worker = await startOpsWorker(opsTestConfig(site, prefix, 'ops-metrics-reads'), log);
});

afterAll(async () => {
  await worker?.stop();
  await site?.close();
  await dropPrefix(prefix);
});

describe('/metrics reads each feed state once per scrape', { timeout: 120_000 }, () => {
  it('three scrapes: one HGETALL per feed each, and both feed gauges carry the values read', async () => {
    // the run's feed and article jobs done: nothing but the scrapes reads the feed state hashes now (polls are 60 min apart)
    await until(async () => {
      const s = await scrape(`${worker.url}/metrics`);
      return value(s, 'news_ingest_jobs_finished_total', { queue: 'articles' }) >= FEED_ITEMS && value(s, 'news_ingest_jobs_finished_total', { queue: 'feeds' }) >= 2;
    }, 'the run to finish');
    const keys = new Set(['herald', 'gone'].map((id) => feedStateKey(prefix, id)));
    const reads: string[] = [];
    const monitor = await new Redis(REDIS_URL).monitor();
    try {
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (String(args[0]).toLowerCase() === 'hgetall' && keys.has(args[1])) reads.push(args[1]);
      });
      let last: Awaited<ReturnType<typeof scrape>> | undefined;
      for (let i = 0; i < 3; i++) last = await scrape(`${worker.url}/metrics`);
      // MONITOR lines arrive after the replies: a PING through the same server orders them
      const probe = new Redis(REDIS_URL);
      await probe.ping();
      await until(async () => reads.length >= 6 || null, 'the reads to show up on MONITOR', 5_000).catch(() => null);
      await new Promise((r) => setTimeout(r, 300));
      await probe.quit();
      expect(reads.length).toBe(3 * keys.size); // main: 12 (two per feed per scrape)
      expect(reads.filter((k) => k.endsWith(':herald')).length).toBe(3);
      expect(value(last!, 'news_ingest_feed_last_success_timestamp_seconds', { feed: 'herald' })).toBeGreaterThan(Date.now() / 1000 - 600);
      expect(value(last!, 'news_ingest_feed_last_success_timestamp_seconds', { feed: 'gone' })).toBe(0);
      expect(value(last!, 'news_ingest_feed_consecutive_failures', { feed: 'gone' })).toBeGreaterThanOrEqual(1);
      expect(value(last!, 'news_ingest_feed_consecutive_failures', { feed: 'herald' })).toBe(0);
    } finally {
      monitor.disconnect();
    }
  });
});
