/**
 * Per-feed settings through the real worker (`start --once` semantics) on a loopback site whose
 * robots.txt disallows everything: a feed with its own `headers` (User-Agent, Cookie),
 * `respectRobots: false` and `perHost` sends those headers on its feed and article requests and
 * has its article fetched; a feed without them sends the service's User-Agent and its article
 * fails with `robots-disallowed`. `config check` masks the cookie. A feed with `prefilter: true`
 * has only the page whose title names the parties fetched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/cli/config-check.js';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

describe('per-feed settings', () => {
  const prefix = uniquePrefix('feed-settings');
  const out = join(tempDir('feed-settings'), 'a.jsonl');
  const seen: { path: string; ua: string; cookie: string | null }[] = [];
  let server: http.Server;
  let origin = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const p = req.url ?? '/';
      seen.push({ path: p, ua: String(req.headers['user-agent']), cookie: (req.headers.cookie as string | undefined) ?? null });
      if (p === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
      const feed = (a: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><link>${origin}/</link><item><title>x</title><link>${origin}${a}</link></item></channel></rss>`;
      if (p === '/walled.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed('/walled-story'));
      if (p === '/world.xml')
        return res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><link>${origin}/</link>` +
            `<item><title>Armenia and Azerbaijan agree on border commission rules</title><link>${origin}/talks-story</link><description>The deputy prime ministers met on the border.</description></item>` +
            `<item><title>Heatwave closes schools in Spain</title><link>${origin}/heat-story</link><description>Temperatures above 40 degrees are forecast.</description></item>` +
            `<item><title>Central bank holds rates</title><link>${origin}/rates-story</link></item></channel></rss>`);
      if (p === '/plain.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed('/plain-story'));
      if (p.endsWith('-story')) return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>${p}</title></head><body><article><p>The council met again on ${p} to agree the budget for the roads of the district next year.</p></article></body></html>`);
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

  it('sends a feed its own headers, skips robots.txt and uses its perHost for its pages only', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'walled', url: `${origin}/walled.xml`, headers: { 'User-Agent': 'Mozilla/5.0 (compatible; NewsIngestTest/1)', Cookie: 'consent=yes; session=abc123' }, respectRobots: false, perHost: { minDelayMs: 0 } },
        { id: 'plain', url: `${origin}/plain.xml` },
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { userAgent: 'news-ingest-test/1', perHost: { concurrency: 2, minDelayMs: 0 } },
      worker: { attempts: 1 },
    });
    const { log, lines } = captureLogger('info');
    const summary = await runWorker({ config: cfg, log, once: true });
    expect(summary.feeds).toMatchObject({ completed: 2, failed: 0 });
    expect(readJsonlRecords(out).map((r) => new URL(r.canonicalUrl).pathname)).toEqual(['/walled-story']);
    const by = (p: string) => seen.find((s) => s.path === p)!;
    expect(by('/walled.xml')).toMatchObject({ ua: 'Mozilla/5.0 (compatible; NewsIngestTest/1)', cookie: 'consent=yes; session=abc123' });
    expect(by('/walled-story')).toMatchObject({ ua: 'Mozilla/5.0 (compatible; NewsIngestTest/1)', cookie: 'consent=yes; session=abc123' });
    expect(by('/plain.xml')).toMatchObject({ ua: 'news-ingest-test/1', cookie: null });
    expect(seen.some((s) => s.path === '/plain-story')).toBe(false);
    const failed = lines.find((l) => l.event === 'job.end' && String(l.url).endsWith('/plain-story'));
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'robots-disallowed' });
    const masked = maskSecrets(cfg) as { feeds: { headers?: Record<string, string> }[] };
    expect(masked.feeds[0].headers).toEqual({ 'User-Agent': 'Mozilla/5.0 (compatible; NewsIngestTest/1)', Cookie: '***' });
  }, 120_000);

  it('pre-filter: fetches only the pages whose title and summary name a party or the process', async () => {
    const prefix2 = `${prefix}-pf`;
    const out2 = join(tempDir('prefilter'), 'a.jsonl');
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix: prefix2 },
      feeds: [{ id: 'world', url: `${origin}/world.xml`, prefilter: true, respectRobots: false }],
      sinks: [{ type: 'jsonl', path: out2, only: 'all' }],
      http: { perHost: { concurrency: 2, minDelayMs: 0 } },
      worker: { attempts: 1 },
    });
    const { log, lines } = captureLogger('info');
    try {
      await runWorker({ config: cfg, log, once: true });
      expect(readJsonlRecords(out2).map((r) => new URL(r.canonicalUrl).pathname)).toEqual(['/talks-story']);
      expect(seen.filter((s) => s.path.endsWith('-story') && s.path !== '/walled-story').map((s) => s.path)).toEqual(['/talks-story']);
      expect(lines.filter((l) => l.event === 'item.prefiltered').map((l) => new URL(String(l.url)).pathname).sort()).toEqual(['/heat-story', '/rates-story']);
    } finally {
      await dropPrefix(prefix2);
    }
  }, 120_000);
});
