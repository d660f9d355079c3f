/**
 * Acceptance of "the worker end to end": the repository's fixture site (tests/fixtures/site:
 * RSS 2.0 in UTF-8 and windows-1251, Atom, pages in six languages and four charsets) served
 * on loopback, the real worker with `start --once` semantics against the local Redis, every
 * value of expected.json checked in the JSONL output; then the site's broken-links feed,
 * whose article jobs must fail with their reason codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { reingestUrl } from '../../src/queue/reingest.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';
import { expectArticleMatches, expectSignalsMatch, GOOD_FEEDS, SITE_DIR, SITE_EXPECTED } from '../helpers/fixture-site.js';
import { recordSchemaErrors } from '../helpers/schema.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const feedId = (file: string) => file.replace(/^feeds\//, '').replace(/\W+/g, '-');

describe('worker end to end on the fixture site', () => {
  const expected = SITE_EXPECTED.articles;
  const prefix = uniquePrefix('site');
  const out = join(tempDir('site'), 'articles.jsonl');
  let server: SiteServer;
  let records: ArticleRecord[] = [];
  let rawLinesAfterFirst = 0;

  const config = () =>
    testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: GOOD_FEEDS.map((f) => ({ id: feedId(f), url: `${server.baseUrl}/${f}` })),
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 } },
    });

  beforeAll(async () => {
    server = await startSiteServer(SITE_DIR);
    const { log } = captureLogger('info');
    const summary = await runWorker({ config: config(), log, once: true });
    expect(summary.feeds).toMatchObject({ completed: GOOD_FEEDS.length, failed: 0 });
    // 8 feed items, 7 distinct canonical URLs: the en border story is in two feeds under two tracking parameters.
    expect(summary.articles).toMatchObject({ completed: Object.keys(expected).length, failed: 0 });
    records = readJsonlRecords(out);
    rawLinesAfterFirst = readFileSync(out, 'utf8').trim().split('\n').length;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('writes one record per article, each valid against the JSON Schema', () => {
    expect(records).toHaveLength(Object.keys(expected).length);
    expect(rawLinesAfterFirst).toBe(records.length);
    for (const r of records) expect(recordSchemaErrors(r), r.canonicalUrl).toEqual([]);
    expect(new Set(records.map((r) => r.language))).toEqual(new Set(['en', 'fr', 'de', 'ru', 'hy', 'az']));
  });

  it.each(Object.entries(expected))('matches expected.json for %s', (_page, exp) => {
    const r = records.find((x) => x.canonicalUrl === exp.canonicalUrl);
    expect(r, `no record with canonicalUrl ${exp.canonicalUrl}`).toBeDefined();
    if (!r) return;
    expectArticleMatches(r, exp);
    if (exp.domain) expect(r.source.domain).toBe(exp.domain);
    if (exp.siteName) expect(r.source.name).toBe(exp.siteName);
    expect(r.url.startsWith(server.baseUrl)).toBe(true);
    expect(GOOD_FEEDS.map(feedId)).toContain(r.feed?.id);
    const topic = r.topics.find((t) => t.id === 'armenia-azerbaijan-talks');
    if (exp.relevant !== undefined) expect(topic?.relevant).toBe(exp.relevant);
    expectSignalsMatch(topic?.signals as unknown as Record<string, string[]>, exp);
  });

  it('a second run adds nothing, and a re-ingest of the en story leaves one record for it', async () => {
    const before = readFileSync(out, 'utf8');
    const { log } = captureLogger('info');
    const second = await runWorker({ config: config(), log, once: true });
    expect(second.articles.completed).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(before);

    const cfg = config();
    const redis = createRedis(REDIS_URL);
    const queues = openQueues(cfg, redis);
    const storyUrl = `${server.baseUrl}/articles/en/border-commissions.html?utm_source=newsletter&fbclid=XyZ987`;
    const story = expected['articles/en/border-commissions.html'].canonicalUrl;
    // Four feeds carry this story and the first poll to list it made the record: re-ingest it
    // under that same feed, so an identical page gives an identical record.
    const storedFeed = readJsonlRecords(out).find((r) => r.canonicalUrl === story)?.feed?.id;
    expect(storedFeed).toBeTruthy();
    const jobId = await reingestUrl(cfg, queues, storyUrl, storedFeed!);
    expect(jobId).toMatch(/^a-[0-9a-f]{32}-m/);
    await queues.close();
    await redis.quit();

    const capture = captureLogger('info');
    const third = await runWorker({ config: cfg, log: capture.log, once: true });
    expect(third.articles.completed).toBe(1);
    const manual = capture.lines.find((l) => l.event === 'job.end' && l.queue === 'articles');
    // The same version again: the JSONL sink skipped it, and the job says so.
    expect(manual).toMatchObject({ trigger: 'manual', outcome: 'unchanged', jobId, result: { delivered: ['jsonl'], unchanged: ['jsonl'], queued: [] } });
    expect(manual).not.toHaveProperty('reason');
    const after = readJsonlRecords(out);
    expect(after.filter((r) => r.canonicalUrl === story)).toHaveLength(1);
    expect(after.find((r) => r.canonicalUrl === story)?.feed?.id).toBe(storedFeed);
    expect(after).toHaveLength(records.length);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(records.length);
  }, 120_000);
});

describe('worker on the fixture site\'s broken-links feed', () => {
  const exp = SITE_EXPECTED.feeds['feeds/faults.xml'];
  const prefix = uniquePrefix('site-faults');
  const out = join(tempDir('site-faults'), 'articles.jsonl');
  let server: SiteServer;
  let summary: RunSummary;
  let lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = await startSiteServer(SITE_DIR);
    const capture = captureLogger('info');
    lines = capture.lines;
    summary = await runWorker({
      config: testConfig({
        redis: { url: REDIS_URL, prefix },
        feeds: [{ id: 'archive', url: `${server.baseUrl}/feeds/faults.xml` }],
        sinks: [{ type: 'jsonl', path: out, only: 'all' }],
        http: { perHost: { concurrency: 4, minDelayMs: 0 } },
      }),
      log: capture.log,
      once: true,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('fails each broken article at once with its reason code; the item without a link is stored from the feed text', () => {
    expect(summary.feeds).toMatchObject({ completed: 1, failed: 0 });
    expect(summary.articles).toMatchObject({ completed: 1, failed: exp.items });
    const failures = Object.fromEntries(
      lines.filter((l) => l.event === 'job.end' && l.queue === 'articles' && l.outcome === 'failed').map((l) => [new URL(String(l.url)).pathname, l.reason]),
    );
    expect(failures).toEqual(exp.articleFailures);
    // Permanent failures spend one attempt each.
    for (const l of lines.filter((x) => x.event === 'job.end' && x.queue === 'articles')) expect(l.attempt).toBe(1);
    // The live-blog item never had a page: stored from its feed text (issue 14), nothing fetched for it.
    const records = readJsonlRecords(out);
    expect(records.map((r) => [r.title, r.textSource, r.text])).toEqual([['Live: the press conference after the talks', 'feed', 'A live blog item that never had its own page.']]);
  });
});
