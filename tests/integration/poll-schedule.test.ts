/**
 * Polling from the feed's hints, end to end: five loopback feeds (RSS <ttl>, sy:updatePeriod +
 * sy:updateFrequency, Cache-Control max-age, Expires, no hint) polled once by the real worker;
 * `status` shows, per feed, when the next poll is and why. A 304 keeps the last body's hints.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { openQueues, syncSchedulers } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const rss = (extra: string, ns = '') =>
  `<?xml version="1.0"?><rss version="2.0"${ns}><channel><title>t</title><link>http://x/</link>${extra}<item><title>a</title><link>http://127.0.0.1:1/a</link></item></channel></rss>`;

describe('next poll from the feed hints, shown by status', () => {
  const prefix = uniquePrefix('poll-schedule');
  let server: http.Server;
  let origin = '';
  let redis: Redis;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const p = req.url ?? '/';
      const xml = { 'content-type': 'application/rss+xml' };
      if (p === '/ttl.xml') return res.writeHead(200, xml).end(rss('<ttl>90</ttl>'));
      if (p === '/sy.xml') return res.writeHead(200, xml).end(rss('<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>8</sy:updateFrequency>', ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'));
      if (p === '/cache.xml') return res.writeHead(200, { ...xml, 'cache-control': 'public, max-age=2700' }).end(rss(''));
      if (p === '/expires.xml') return res.writeHead(200, { ...xml, expires: new Date(Date.now() + 4 * 3600_000).toUTCString() }).end(rss(''));
      if (p === '/plain.xml') return res.writeHead(200, xml).end(rss(''));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('computes the schedule of each feed from its own hint', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: ['ttl', 'sy', 'cache', 'expires', 'plain'].map((id) => ({ id, url: `${origin}/${id}.xml`, intervalMinutes: 20, minIntervalMinutes: 10, maxIntervalMinutes: 600 })),
      sinks: [{ type: 'jsonl', path: join(tempDir('poll'), 'a.jsonl'), only: 'all' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
      worker: { attempts: 1 },
    });
    const { log } = captureLogger('warn');
    const t0 = Date.now();
    await runWorker({ config: cfg, log, once: true });
    const queues = openQueues(cfg, redis);
    try {
      const report = await collectStatus(cfg, redis, queues);
      console.log(formatStatus(report).split('\n').filter((l) => /^(feed|ttl|sy|cache|expires|plain)\b|why:/.test(l.trim())).join('\n'));
      const byId = Object.fromEntries(report.feeds.map((f) => [f.id, f]));
      const waitMin = (id: string) => Math.round((Date.parse(byId[id].nextAttemptAt!) - t0) / 60_000);
      expect(Object.fromEntries(Object.keys(byId).map((id) => [id, [byId[id].pollReason, waitMin(id)]]))).toEqual({
        ttl: ['ttl', 90],
        sy: ['sy-update', 180],
        cache: ['cache-control', 45],
        expires: ['cache-control', 240],
        plain: ['interval', 20],
      });
      expect(byId.sy.pollDetail).toBe('sy:updatePeriod/updateFrequency: every 180 min');
      // The job scheduler ticks at the minimum interval, so a busy feed can be polled sooner than intervalMinutes.
      await syncSchedulers(queues.feeds, cfg.feeds);
      const schedulers = await queues.feeds.getJobSchedulers(0, -1);
      expect(schedulers.map((s) => Number(s.every))).toEqual([600_000, 600_000, 600_000, 600_000, 600_000]);
    } finally {
      await queues.close();
    }
  }, 120_000);
});
