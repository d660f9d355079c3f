/**
 * Redis frozen in the middle of a backfill (review15: `DEBUG SLEEP 20`): the sitemap being
 * read when Redis stopped answering was marked failed, so the resumed run skipped its entries
 * for good ("1 failed", 400 of 60,000 entries never queued). A Redis failure stops the run;
 * the same command resumes it with nothing lost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../../src/backfill/index.js';
import { openQueues } from '../../src/queue/queues.js';
import type { BackfillSpec } from '../../src/state/backfill.js';
import { captureLogger, testConfig } from '../helpers/worker.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';

const CHILDREN = 3;
const PER_CHILD = 40;

describe('backfill: Redis stops answering mid-run', () => {
  let server: http.Server;
  let origin = '';
  let pr: PrivateRedis;
  let frozen: Promise<void> | null = null;

  beforeAll(async () => {
    pr = await startPrivateRedis();
    server = http.createServer((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?>${body}`);
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (req.url === '/index.xml') return xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: CHILDREN }, (_, c) => `<sitemap><loc>${origin}/part-${c}.xml</loc></sitemap>`).join('')}</sitemapindex>`);
      const m = /^\/part-(\d+)\.xml$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      // The second part is served while Redis is frozen (SIGSTOP), and Redis resumes 2.5 s later.
      if (m[1] === '1' && !frozen) {
        pr.signal('SIGSTOP');
        frozen = new Promise((r) => setTimeout(() => (pr.signal('SIGCONT'), r()), 2500));
      }
      xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: PER_CHILD }, (_, k) => `<url><loc>${origin}/news/${m[1]}-${k}</loc><lastmod>2026-03-02</lastmod></url>`).join('')}</urlset>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    pr?.signal('SIGCONT');
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await pr?.stop();
  });

  it('stops with redis-unavailable without marking the sitemap failed; the same run resumed queues every entry', async () => {
    const cfg = testConfig({ redis: { url: pr.url, prefix: 'bf-pause' }, http: { perHost: { concurrency: 4, minDelayMs: 0 } } });
    const spec: BackfillSpec = { source: { kind: 'sitemap', value: `${origin}/index.xml` }, since: '2026-03-01T00:00:00.000Z', until: null, feedId: null, includeUndated: false, prune: true };
    // as the CLI's connection: a command unanswered for a while fails instead of waiting
    const first = new Redis(pr.url, { commandTimeout: 500, maxRetriesPerRequest: 1 });
    const q1 = openQueues(cfg, first);
    const { log, lines } = captureLogger('info');
    const stopped = await runBackfill(spec, { config: cfg, redis: first, queues: q1, log, userAgent: 'news-ingest-test' }).then(
      (r) => r,
      (e: unknown) => e,
    );
    await frozen;
    await q1.close().catch(() => undefined);
    first.disconnect();
    expect(frozen).not.toBeNull();
    expect(lines.filter((l) => l.event === 'backfill.sitemap.failed')).toEqual([]);
    expect(stopped).toBeInstanceOf(Error);
    expect(lines.find((l) => l.event === 'backfill.stopped')).toMatchObject({ reason: 'redis-unavailable', url: `${origin}/part-1.xml` });

    const second = new Redis(pr.url);
    const q2 = openQueues(cfg, second);
    try {
      const r = await runBackfill(spec, { config: cfg, redis: second, queues: q2, log: captureLogger('info').log, userAgent: 'news-ingest-test' });
      expect(r.outcome).toBe('done');
      expect(r.counters.sitemapsFailed).toBe(0);
      const urls = new Set<string>();
      for (const j of await q2.articles.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1)) urls.add((j.data as { url: string }).url);
      expect(urls.size).toBe(CHILDREN * PER_CHILD);
      expect(urls.has(`${origin}/news/1-0`)).toBe(true);
    } finally {
      await q2.close();
      second.disconnect();
    }
  }, 120_000);
});
