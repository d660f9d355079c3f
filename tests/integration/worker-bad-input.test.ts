/**
 * Bad input for the worker: an unreachable feed, invalid XML, an HTML page given as a feed,
 * a 404 article, a PDF and an image given as articles. Each is logged with its feed or URL
 * and a reason code, ends failed (permanent) or retried (transient), and the good feed's
 * good article is still written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';
import { join } from 'node:path';
import { createServer } from 'node:net';

const PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>` +
  '<p>Armenian and Azerbaijani foreign ministers met in Geneva for a new round of peace talks on the border delimitation and the draft treaty.</p>'.repeat(3) +
  '</article></body></html>';

/** A port with nothing listening (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('worker on bad input', () => {
  const prefix = uniquePrefix('bad');
  const out = join(tempDir('bad'), 'articles.jsonl');
  let server: SiteServer;
  let lines: Record<string, unknown>[] = [];
  let summary: RunSummary;
  let deadPort = 0;
  let cfg: Config;

  beforeAll(async () => {
    deadPort = await closedPort();
    const rss = (links: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title><link>http://x/</link>${links
        .map((l, i) => `<item><title>Item ${i}</title><link>${l}</link><guid>g${i}</guid></item>`)
        .join('')}</channel></rss>`;
    server = await startSiteServer(null, {
      '/good.xml': { headers: { 'content-type': 'application/rss+xml' }, body: rss(['/a/good.html', '/a/missing.html', '/a/report.pdf', '/a/photo.png', '/private/memo.html']) },
      '/broken.xml': { headers: { 'content-type': 'application/rss+xml' }, body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</ti' },
      '/page.xml': { headers: { 'content-type': 'text/html' }, body: PAGE('Just a page') },
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' },
      '/private/memo.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Internal memo') },
      '/a/good.html': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE('Ministers meet in Geneva') },
      '/a/report.pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7\n%\xe2\xe3\n1 0 obj <<>> endobj' },
      '/a/photo.png': { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
    });
    // Relative links in /good.xml resolve against the feed URL.
    cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'good', url: `${server.baseUrl}/good.xml` },
        { id: 'unreachable', url: `http://127.0.0.1:${deadPort}/feed.xml` },
        { id: 'broken-xml', url: `${server.baseUrl}/broken.xml` },
        { id: 'html-page', url: `${server.baseUrl}/page.xml` },
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      // one job per article: the busy-host case checks delayed jobs (a batch waits in place: article-batch.test.ts)
      worker: { attempts: 2, backoffMs: 20, articleBatch: 1 },
      http: { perHost: { concurrency: 1, minDelayMs: 150 } },
    });
    const cap = captureLogger('debug');
    summary = await runWorker({ config: cfg, log: cap.log, once: true });
    lines = cap.lines;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  const ends = (pred: (l: Record<string, unknown>) => boolean) => lines.filter((l) => l.event === 'job.end' && pred(l));

  it('spaces requests to one host by minDelayMs: busy-host jobs wait (delayed), no attempt spent', () => {
    const delayed = lines.filter((l) => l.event === 'job.delayed');
    expect(delayed.length).toBeGreaterThan(0);
    expect(delayed.every((l) => l.reason === 'host-busy')).toBe(true);
    const attempts = ends((l) => l.queue === 'articles').map((l) => l.attempt);
    expect(attempts.every((a) => a === 1)).toBe(true);
  });

  it('writes the good article despite every other fault', () => {
    const recs = readJsonlRecords(out);
    expect(recs.map((r) => new URL(r.canonicalUrl).pathname)).toEqual(['/a/good.html']);
    expect(recs[0].title).toBe('Ministers meet in Geneva');
    expect(summary.articles.completed).toBe(1);
    expect(summary.feeds.completed).toBe(1);
  });

  it('retries the unreachable feed (transient) and then fails it, naming the URL', () => {
    const e = ends((l) => l.feedId === 'unreachable');
    expect(e.map((l) => l.outcome)).toEqual(['retry', 'failed']);
    expect(e.every((l) => l.reason === 'network-error' && String(l.url).includes(String(deadPort)))).toBe(true);
  });

  it('fails invalid XML and an HTML page at once (permanent), once each', () => {
    expect(ends((l) => l.feedId === 'broken-xml').map((l) => [l.outcome, l.reason])).toEqual([['failed', 'invalid-feed']]);
    expect(ends((l) => l.feedId === 'html-page').map((l) => [l.outcome, l.reason])).toEqual([['failed', 'not-a-feed']]);
  });

  it('fails a 404, a PDF and an image article at once with their reasons', () => {
    const byPath = (p: string) => ends((l) => l.queue === 'articles' && String(l.url).endsWith(p)).map((l) => [l.outcome, l.reason]);
    expect(byPath('/a/missing.html')).toEqual([['failed', 'not-found']]);
    expect(byPath('/a/report.pdf')).toEqual([['failed', 'not-html']]);
    expect(byPath('/a/photo.png')).toEqual([['failed', 'not-html']]);
    expect(byPath('/private/memo.html')).toEqual([['failed', 'robots-disallowed']]);
    expect(server.requests).not.toContain('/private/memo.html');
    expect(summary.articles.failed).toBe(4);
    expect(summary.feeds.failed).toBe(3);
  });

  it('status shows each feed\'s health and the failed jobs with their reasons', async () => {
    const redis = createRedis(REDIS_URL);
    const queues = openQueues(cfg, redis);
    try {
      const st = await collectStatus(cfg, redis, queues, 20);
      const feed = (id: string) => st.feeds.find((f) => f.id === id);
      expect(feed('good')).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
      expect(feed('unreachable')).toMatchObject({ lastStatus: 'network-error', consecutiveFailures: 1 }); // one failed run (two attempts)
      expect(feed('broken-xml')).toMatchObject({ lastStatus: 'invalid-feed', consecutiveFailures: 1 });
      expect(st.queues.articles).toMatchObject({ completed: 1, failed: 4 });
      expect(st.queues.feeds).toMatchObject({ completed: 1, failed: 3 });
      expect(st.failed.map((f) => f.reason).sort()).toEqual(['invalid-feed', 'network-error', 'not-a-feed', 'not-found', 'not-html', 'not-html', 'robots-disallowed']);
      expect(formatStatus(st)).toMatch(/unreachable\s+\S+\s+network-error\s+1/);
    } finally {
      await queues.close();
      await redis.quit();
    }
  });
});
