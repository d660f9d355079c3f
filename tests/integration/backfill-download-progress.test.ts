/**
 * A backfill whose sitemap downloads slowly reports progress during the download (found in the
 * review14 trial, docs/review.md "Round 13 (review14)"): a sitemap that a server sent a byte at
 * a time ran 2 minutes with no `backfill.progress` and no terminal line, though the README
 * promises one every 10 s, because reports were made only after a batch or a sitemap. A
 * loopback server sends a sitemap of 30 URLs in 12 pieces, 250 ms apart; reports every 200 ms
 * must name it with a byte count between 0 and its size, and the run still queues all 30.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill, type BackfillProgress } from '../../src/backfill/index.js';
import { openQueues } from '../../src/queue/queues.js';
import type { BackfillSpec } from '../../src/state/backfill.js';
import { captureLogger, dropPrefix, REDIS_URL, testConfig, uniquePrefix } from '../helpers/worker.js';

describe('backfill: progress while a sitemap downloads', () => {
  let server: http.Server;
  let origin = '';
  let redis: Redis;
  const prefix = uniquePrefix('bf-dl-progress');
  let sitemap = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (req.url !== '/slow-sitemap.xml') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/xml' }); // chunked, sent in pieces
      const pieces = 12;
      const step = Math.ceil(sitemap.length / pieces);
      let i = 0;
      const timer = setInterval(() => {
        res.write(sitemap.slice(i * step, (i + 1) * step));
        if (++i === pieces) {
          clearInterval(timer);
          res.end();
        }
      }, 250);
      req.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sitemap = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${Array.from({ length: 30 }, (_, k) => `<url><loc>${origin}/news/item-${k}</loc><lastmod>2026-03-0${(k % 9) + 1}</lastmod></url>`).join('\n')}\n</urlset>\n`;
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('names the sitemap and its bytes so far every tick of the download, then queues every entry', async () => {
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, http: { perHost: { concurrency: 4, minDelayMs: 0 } } });
    const queues = openQueues(cfg, redis);
    const { log } = captureLogger('info');
    const reports: BackfillProgress[] = [];
    const spec: BackfillSpec = { source: { kind: 'sitemap', value: `${origin}/slow-sitemap.xml` }, since: '2026-03-01T00:00:00.000Z', until: null, feedId: null, includeUndated: false, prune: true };
    try {
      const r = await runBackfill(spec, { config: cfg, redis, queues, log, userAgent: 'news-ingest-test', onProgress: (p) => reports.push(p), downloadTickMs: 200 });
      expect(r.outcome).toBe('done');
      expect(r.counters.queued).toBe(30);
      const during = reports.filter((p) => p.downloading);
      // ~2.75 s of download at one report per 200 ms: at least 5 even on a loaded machine
      expect(during.length).toBeGreaterThanOrEqual(5);
      expect(new Set(during.map((p) => p.downloading!.url))).toEqual(new Set([`${origin}/slow-sitemap.xml`]));
      const bytes = during.map((p) => p.downloading!.bytes);
      expect(bytes.some((b) => b > 0 && b < Buffer.byteLength(sitemap))).toBe(true);
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
      expect(reports.at(-1)!.downloading).toBeUndefined();
    } finally {
      await queues.close();
    }
  }, 120_000);
});
