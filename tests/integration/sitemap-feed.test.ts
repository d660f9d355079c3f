/**
 * Sitemaps as feeds: a `news-sitemap` feed and a gzipped plain `sitemap` feed on loopback,
 * polled by the real worker (`start --once` semantics): recent pages become records, pages
 * older than maxAgeDays do not; a second poll after the sitemap gained a page fetches only that
 * page; a sitemap index configured as a feed fails with `not-a-sitemap`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { readSitemapFeed } from '../../src/sitemaps/feed.js';
import { IngestError } from '../../src/errors.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const H = 3600_000;

describe('sitemaps polled as feeds', () => {
  const prefix = uniquePrefix('sitemap-feed');
  const out = join(tempDir('sitemap-feed'), 'articles.jsonl');
  const hits = new Map<string, number>();
  const now = Date.now();
  // path → age (ms before now)
  const news = new Map<string, number>([['/n/talks-1', 2 * H], ['/n/talks-2', 20 * H], ['/n/old-1', 10 * 24 * H]]);
  const plain = new Map<string, number>([['/p/story-a', 5 * H], ['/p/story-b', 30 * 24 * H]]);
  let origin = '';
  let server: http.Server;

  const newsXml = () =>
    `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${[...news]
      .map(([p, age]) => `<url><loc>${origin}${p}</loc><news:news><news:publication><news:name>Loop</news:name><news:language>en</news:language></news:publication><news:publication_date>${new Date(now - age).toISOString()}</news:publication_date><news:title>Title ${p}</news:title></news:news></url>`)
      .join('')}</urlset>`;
  const plainXml = () => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[...plain].map(([p, age]) => `<url><loc>${p}</loc><lastmod>${new Date(now - age).toISOString()}</lastmod></url>`).join('')}</urlset>`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/robots.txt') return res.writeHead(404).end();
      if (path === '/news-sitemap.xml') return res.writeHead(200, { 'content-type': 'application/xml' }).end(newsXml());
      if (path === '/sitemap.xml.gz') return res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(zlib.gzipSync(plainXml()));
      if (path === '/sitemap_index.xml') return res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex><sitemap><loc>${origin}/news-sitemap.xml</loc></sitemap></sitemapindex>`);
      if (news.has(path) || plain.has(path)) {
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<html lang="en"><head><title>Page ${path}</title></head><body><article><h1>Page ${path}</h1><p>Officials met on ${path} to discuss the water supply of the district for the summer months ahead.</p></article></body></html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await dropPrefix(prefix);
  });

  const config = (withIndex: boolean) =>
    testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'loop-news', url: `${origin}/news-sitemap.xml`, type: 'news-sitemap' },
        { id: 'loop-plain', url: `${origin}/sitemap.xml.gz`, type: 'sitemap', maxAgeDays: 7 },
        ...(withIndex ? [{ id: 'loop-index', url: `${origin}/sitemap_index.xml`, type: 'sitemap' }] : []),
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 } },
      worker: { attempts: 1 },
    });

  it('turns the recent pages of each sitemap into records, then only a new page on the next poll', async () => {
    const { log, lines } = captureLogger('info');
    const first = await runWorker({ config: config(true), log, once: true });
    const urls = readJsonlRecords(out).map((r) => new URL(r.canonicalUrl).pathname).sort();
    expect(urls).toEqual(['/n/talks-1', '/n/talks-2', '/p/story-a']);
    expect(first.feeds).toMatchObject({ completed: 2, failed: 1 });
    const failed = lines.find((l) => l.event === 'job.end' && l.feedId === 'loop-index' && l.outcome === 'failed');
    expect(failed?.reason).toBe('not-a-sitemap');
    expect(hits.get('/n/old-1')).toBeUndefined();
    expect(hits.get('/p/story-b')).toBeUndefined();

    news.set('/n/talks-3', 1 * H);
    hits.clear();
    await runWorker({ config: config(false), log, once: true });
    const pages = [...hits.keys()].filter((p) => p.startsWith('/n/') || p.startsWith('/p/'));
    expect(pages).toEqual(['/n/talks-3']);
    expect(readJsonlRecords(out)).toHaveLength(4);
  }, 120_000);

  it('readSitemapFeed: items newest first with the publication date; too-old entries skipped with a reason; an index refused by name', async () => {
    const parsed = await readSitemapFeed(Buffer.from(newsXml()), { url: `${origin}/news-sitemap.xml`, fetchedAt: new Date(now) });
    expect(parsed.items.map((i) => new URL(i.link!).pathname)).toEqual(['/n/talks-3', '/n/talks-1', '/n/talks-2']);
    expect(parsed.items[1]).toMatchObject({ title: 'Title /n/talks-1', publishedAt: new Date(now - 2 * H).toISOString() });
    expect(parsed.skipped).toEqual([{ reason: 'item-too-old', title: 'Title /n/old-1' }]);
    const relative = await readSitemapFeed(zlib.gzipSync(plainXml()), { url: `${origin}/sitemap.xml.gz`, fetchedAt: new Date(now), maxAgeDays: 60 });
    expect(relative.items.map((i) => i.link)).toEqual([`${origin}/p/story-a`, `${origin}/p/story-b`]);
    const err = await readSitemapFeed(Buffer.from('<sitemapindex><sitemap><loc>https://x.am/a.xml</loc></sitemap></sitemapindex>'), { url: 'https://x.am/i.xml', fetchedAt: new Date(now) }).catch((e) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('not-a-sitemap');
    expect((err as Error).message).toContain('backfill --sitemap https://x.am/i.xml');
  });
});
