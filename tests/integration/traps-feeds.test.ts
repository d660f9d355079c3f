/**
 * Feeds that stop updating while looking healthy, moved feeds, bot walls in front of a feed,
 * and what feeds really carry (items without a link, podcast items), run end to end: the
 * real worker (`runWorker --once`) against the local Redis, a loopback site, a JSONL sink.
 * Every fixture is written here (the item-missing-link case of ../shared/corpus/cases runs in
 * the corpus tier: tests/corpus/traps-cases.test.ts).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { feedStateKey, getFeedState } from '../../src/state/feed-state.js';
import { openQueues } from '../../src/queue/queues.js';
import { createRedis } from '../../src/queue/connection.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>` +
  '<p>Negotiators from Yerevan and Baku sat down again to go through the border commission minutes line by line.</p>'.repeat(4) +
  '</article></body></html>';

const rss = (items: string, extra = '') =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"${extra}><channel><title>Test channel</title><link>http://127.0.0.1/</link>${items}</channel></rss>`;

interface Seen {
  path: string;
  ifModifiedSince?: string;
  ifNoneMatch?: string;
}

/** A route that records the conditional headers it got and answers 304 to any of them. */
function conditional(seen: Seen[], path: string, body: string, lastModified: string, etag?: string) {
  return {
    handle: (req: IncomingMessage, res: ServerResponse) => {
      const s: Seen = { path, ifModifiedSince: req.headers['if-modified-since'] as string | undefined, ifNoneMatch: req.headers['if-none-match'] as string | undefined };
      seen.push(s);
      const headers: Record<string, string> = { 'content-type': 'application/rss+xml', 'last-modified': lastModified };
      if (etag) headers.etag = etag;
      if (s.ifModifiedSince || s.ifNoneMatch) return void res.writeHead(304, headers).end();
      res.writeHead(200, headers).end(body);
    },
  };
}

async function run(cfg: Config) {
  const cap = captureLogger('debug');
  await runWorker({ config: cfg, log: cap.log, once: true });
  return cap.lines;
}

describe('feeds that look healthy but are not, moved feeds, bot walls', () => {
  const prefix = uniquePrefix('traps-feeds');
  const out = join(tempDir('traps-feeds'), 'articles.jsonl');
  const seen: Seen[] = [];
  let server: SiteServer;
  let cfg: Config;
  let redis: Redis;
  const logs: Record<string, unknown>[][] = [];
  let goneHits = 0;
  const item = (n: number) => `<item><title>Story ${n}</title><link>/a/${n}.html</link><guid>s${n}</guid></item>`;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    server = await startSiteServer(null, {
      // Frozen in 1999, and a date in the far future: neither is sent back.
      '/frozen.xml': conditional(seen, '/frozen.xml', rss(item(1)), 'Fri, 01 Jan 1999 00:00:00 GMT'),
      '/future.xml': conditional(seen, '/future.xml', rss(item(2)), 'Sat, 01 Jan 2050 00:00:00 GMT'),
      // A sane Last-Modified and an ETag: sent back, answered 304 (until the daily unconditional fetch).
      '/sane.xml': conditional(seen, '/sane.xml', rss(item(3)), new Date(Date.now() - 3600_000).toUTCString(), '"v1"'),
      '/old-home.xml': { status: 301, headers: { location: '/new-home.xml' } },
      // Moved, then the new URL disappears after the first poll.
      '/gone-old.xml': { status: 308, headers: { location: '/gone-new.xml' } },
      '/gone-new.xml': { handle: (_req, res) => void (goneHits++ === 0 ? res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(item(5))) : res.writeHead(404).end()) },
      '/a/5.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Story five') },
      '/new-home.xml': { headers: { 'content-type': 'application/rss+xml' }, body: rss(item(4)) },
      '/walled.xml': {
        status: 503,
        headers: { 'content-type': 'text/html', 'cf-mitigated': 'challenge' },
        body: '<!doctype html><html><head><title>Just a moment...</title></head><body><div id="challenge-body"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>',
      },
      '/a/1.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Story one') },
      '/a/2.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Story two') },
      '/a/3.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Story three') },
      '/a/4.html': { headers: { 'content-type': 'text/html' }, body: PAGE('Story four') },
    });
    cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'frozen', url: `${server.baseUrl}/frozen.xml` },
        { id: 'future', url: `${server.baseUrl}/future.xml` },
        { id: 'sane', url: `${server.baseUrl}/sane.xml`, silentAfterHours: 48 },
        { id: 'moved', url: `${server.baseUrl}/old-home.xml` },
        { id: 'walled', url: `${server.baseUrl}/walled.xml` },
        { id: 'gone', url: `${server.baseUrl}/gone-old.xml` },
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      worker: { attempts: 5, backoffMs: 20 },
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    logs.push(await run(cfg));
    // Second poll: as the first, a day later for `sane` (its last unconditional fetch moved back 25 h,
    // its last new item 3 days back, so it is silent for its 48 h).
    const day = 25 * 3600_000;
    await redis.hset(feedStateKey(prefix, 'sane'), { lastUnconditionalAt: new Date(Date.now() - 3600_000).toISOString(), lastNewItemAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    logs.push(await run(cfg));
    await redis.hset(feedStateKey(prefix, 'sane'), { lastUnconditionalAt: new Date(Date.now() - day).toISOString() });
    logs.push(await run(cfg));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
    redis?.disconnect();
  });

  const requestsTo = (path: string) => server.requests.filter((r) => r === path).length;

  it('a Last-Modified in the far past or in the future is never sent back', () => {
    for (const path of ['/frozen.xml', '/future.xml']) {
      const got = seen.filter((s) => s.path === path);
      expect(got).toHaveLength(3);
      expect(got.every((s) => !s.ifModifiedSince && !s.ifNoneMatch)).toBe(true);
    }
  });

  it('sane validators are sent back, and one fetch a day is unconditional', () => {
    const got = seen.filter((s) => s.path === '/sane.xml');
    expect(got.map((s) => !!s.ifNoneMatch)).toEqual([false, true, false]);
    expect(got[1].ifModifiedSince).toBeTruthy();
  });

  it('a feed without a new item for silentAfterHours is silent: feed.silent once, flagged in status', async () => {
    const silent = logs.flat().filter((l) => l.event === 'feed.silent');
    expect(silent.map((l) => l.feedId)).toEqual(['sane']);
    expect(silent[0]).toMatchObject({ silentAfterHours: 48 });
    const conn = createRedis(REDIS_URL);
    const queues = openQueues(cfg, conn);
    try {
      const report = await collectStatus(cfg, conn, queues);
      const sane = report.feeds.find((f) => f.id === 'sane')!;
      expect(sane.silent).toBe(true);
      expect(sane.silentSince).toBeTruthy();
      expect(sane.lastNewItemAt).toBeTruthy();
      expect(report.feeds.find((f) => f.id === 'frozen')!.silent).toBe(false);
      const text = formatStatus(report);
      expect(text).toMatch(/sane .* SILENT/);
      expect(text).toContain('last new item');
    } finally {
      await queues.close();
      conn.disconnect();
    }
  });

  it('a feed moved with 301 is polled at its new URL, logged once, kept in feed state (config untouched)', async () => {
    expect(requestsTo('/old-home.xml')).toBe(1);
    expect(requestsTo('/new-home.xml')).toBe(3);
    const moved = logs.flat().filter((l) => l.event === 'feed.moved' && l.feedId === 'moved');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ feedId: 'moved', movedTo: `${server.baseUrl}/new-home.xml` });
    const st = await getFeedState(redis, prefix, 'moved');
    expect(st).toMatchObject({ movedTo: `${server.baseUrl}/new-home.xml`, movedFrom: `${server.baseUrl}/old-home.xml`, lastStatus: 'ok' });
    expect(cfg.feeds.find((f) => f.id === 'moved')!.url).toBe(`${server.baseUrl}/old-home.xml`);
    const records = await readJsonlRecords(out);
    expect(records.filter((r) => r.title === 'Story four')).toHaveLength(1);
  });

  it('when the URL a feed moved to is gone (404), the configured URL is polled again', async () => {
    expect(requestsTo('/gone-old.xml')).toBe(2);
    expect(requestsTo('/gone-new.xml')).toBe(3);
    const moves = logs.map((run) => run.filter((l) => l.event === 'feed.moved' && l.feedId === 'gone').map((l) => l.movedTo ?? null));
    // Third poll: the configured URL again; its redirect leads to the 404, so no move is recorded.
    expect(moves).toEqual([[`${server.baseUrl}/gone-new.xml`], [null], []]);
  });

  it('a bot wall is bot-wall: one request per poll, no retries reported as http-5xx', async () => {
    expect(requestsTo('/walled.xml')).toBe(3);
    const ends = logs.flat().filter((l) => l.event === 'job.end' && l.feedId === 'walled');
    expect(ends.map((l) => [l.outcome, l.reason])).toEqual([['failed', 'bot-wall'], ['failed', 'bot-wall'], ['failed', 'bot-wall']]);
    const st = await getFeedState(redis, prefix, 'walled');
    expect(st.lastStatus).toBe('bot-wall');
  });
});

describe('what feeds really carry: items without a link, podcast items', () => {
  const prefix = uniquePrefix('traps-items');
  const out = join(tempDir('traps-items'), 'articles.jsonl');
  let server: SiteServer;
  // Two items with a link (one through a permalink guid), two without: one with a guid, one with only a title and a date.
  const mixed = rss(`<item><title>Joint statement</title><link>/2025/05/12/joint-statement</link><guid isPermaLink="false">m1</guid></item>
     <item><title>Photo report</title><guid>${'{{BASE}}'}/2025/05/12/photos</guid></item>
     <item><title>Ceasefire notice</title><guid isPermaLink="false">m3</guid><description>Both ministries confirmed the notice in identical wording.</description></item>
     <item><title>Schedule for Tuesday</title><pubDate>Mon, 12 May 2025 18:00:00 +0400</pubDate><description>Talks begin at ten, local time.</description></item>`);
  const podcast = rss(
    `<item><title>Episode 12: the border talks</title><link>/media/ep12.mp3</link><guid>ep12</guid><itunes:summary>Two reporters explain what the border commissions agreed this week and what is still open.</itunes:summary><enclosure url="/media/ep12.mp3" type="audio/mpeg" length="123456"/></item>
     <item><title>Episode 13: after the summit</title><link>http://127.0.0.1/</link><guid>ep13</guid><description>A look back at the summit.</description><enclosure url="/media/ep13.mp3" type="audio/mpeg" length="654321"/></item>`,
  );
  const records = async () => readJsonlRecords(out);

  beforeAll(async () => {
    server = await startSiteServer(null, {
      '/podcast.xml': { headers: { 'content-type': 'application/rss+xml' }, body: podcast },
      '/mixed.xml': { handle: (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(mixed.replace('{{BASE}}', server.baseUrl)) },
      '/2025/05/12/joint-statement': { headers: { 'content-type': 'text/html' }, body: PAGE('Joint statement') },
      '/2025/05/12/photos': { headers: { 'content-type': 'text/html' }, body: PAGE('Photo report') },
    });
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'podcast', url: `${server.baseUrl}/podcast.xml` }, { id: 'mixed', url: `${server.baseUrl}/mixed.xml` }],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    await run(cfg);
    await run(cfg);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('podcast items: the media file is never fetched; the record is the item text with its enclosure', async () => {
    expect(server.requests.filter((r) => r.startsWith('/media/'))).toEqual([]);
    expect(server.requests.filter((r) => r === '/')).toEqual([]);
    const eps = (await records()).filter((r) => r.title.startsWith('Episode'));
    expect(eps.map((r) => r.title).sort()).toEqual(['Episode 12: the border talks', 'Episode 13: after the summit']);
    const ep12 = eps.find((r) => r.title.startsWith('Episode 12'))!;
    expect(ep12).toMatchObject({ textSource: 'feed', enclosures: [{ url: `${server.baseUrl}/media/ep12.mp3`, type: 'audio/mpeg', length: 123456 }] });
    expect(ep12.text).toContain('border commissions agreed');
  });

  it('items without a link: 2 page fetches, 4 records after two identical fetches, each written once', async () => {
    expect(server.requests.filter((r) => r.startsWith('/2025/'))).toHaveLength(2);
    const all = (await records()).filter((r) => r.feed?.id === 'mixed');
    expect(all.map((r) => [r.title, r.textSource ?? 'page']).sort()).toEqual([
      ['Ceasefire notice', 'feed'], ['Joint statement', 'page'], ['Photo report', 'page'], ['Schedule for Tuesday', 'feed'],
    ]);
    expect(all.find((r) => r.title === 'Ceasefire notice')!.text).toBe('Both ministries confirmed the notice in identical wording.');
    // Two runs over the same feed, each record written once (the JSONL keeps every write until compaction).
    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"id":"mixed"'));
    expect(lines).toHaveLength(4);
  });
});
