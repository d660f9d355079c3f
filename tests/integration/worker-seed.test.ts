/**
 * Acceptance of "the worker end to end": the seed site served on loopback, the real worker
 * with `start --once` semantics against the local Redis, every value of expected.json
 * checked in the JSONL output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { reingestUrl } from '../../src/queue/reingest.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';
import { recordSchemaErrors } from '../helpers/schema.js';
import { SHARED_DIR, startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

if (!SHARED_DIR) console.warn('worker-seed: ../shared/corpus not found; the seed-site acceptance test is skipped');

interface Expected {
  canonicalUrl: string;
  title?: string;
  publishedAt?: string;
  language?: string;
  relevant?: boolean;
  textStartsWith?: string;
  textEndsWith?: string;
  paragraphs?: number;
  textExcludes?: string[];
  signals?: Record<string, string[]>;
}

describe.skipIf(!SHARED_DIR)('worker end to end on the seed site', () => {
  const site = join(SHARED_DIR ?? '', 'corpus/seed/site');
  const expected = SHARED_DIR ? (JSON.parse(readFileSync(join(site, 'expected.json'), 'utf8')) as Record<string, Expected>) : {};
  const prefix = uniquePrefix('seed');
  const out = join(tempDir('seed'), 'articles.jsonl');
  let server: SiteServer;
  let records: ArticleRecord[] = [];
  let rawLinesAfterFirst = 0;

  const config = () =>
    testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'example-daily', url: `${server.baseUrl}/feed.xml` },
        { id: 'primer-ru', url: `${server.baseUrl}/feed-ru.xml` },
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
    });

  beforeAll(async () => {
    server = await startSiteServer(site);
    const { log } = captureLogger('info');
    const summary = await runWorker({ config: config(), log, once: true });
    expect(summary.feeds).toMatchObject({ completed: 2, failed: 0 });
    expect(summary.articles).toMatchObject({ completed: 4, failed: 0 });
    records = readJsonlRecords(out);
    rawLinesAfterFirst = readFileSync(out, 'utf8').trim().split('\n').length;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('writes one record per article, each valid against the JSON Schema', () => {
    expect(records).toHaveLength(Object.keys(expected).length);
    expect(rawLinesAfterFirst).toBe(records.length);
    for (const r of records) expect(recordSchemaErrors(r), r.canonicalUrl).toEqual([]);
  });

  for (const [page, exp] of Object.entries(expected)) {
    it(`matches expected.json for ${page}`, () => {
      const r = records.find((x) => x.canonicalUrl === exp.canonicalUrl);
      expect(r, `no record with canonicalUrl ${exp.canonicalUrl}`).toBeDefined();
      if (!r) return;
      if (exp.title !== undefined) expect(r.title).toBe(exp.title);
      if (exp.publishedAt !== undefined) expect(Date.parse(r.publishedAt ?? '')).toBe(Date.parse(exp.publishedAt));
      if (exp.language !== undefined) expect(r.language).toBe(exp.language);
      const topic = r.topics.find((t) => t.id === 'armenia-azerbaijan-talks');
      if (exp.relevant !== undefined) expect(topic?.relevant).toBe(exp.relevant);
      if (exp.textStartsWith) expect(r.text.startsWith(exp.textStartsWith), r.text.slice(0, 120)).toBe(true);
      if (exp.textEndsWith) expect(r.text.endsWith(exp.textEndsWith), r.text.slice(-120)).toBe(true);
      if (exp.paragraphs !== undefined) expect(r.text.split('\n\n')).toHaveLength(exp.paragraphs);
      for (const bad of exp.textExcludes ?? []) expect(r.text).not.toContain(bad);
      for (const [kind, names] of Object.entries(exp.signals ?? {})) {
        expect(new Set(topic?.signals[kind as keyof typeof topic.signals]), kind).toEqual(new Set(names));
      }
    });
  }

  it('a second run adds nothing, and a re-ingest of the seed article leaves one record for it', async () => {
    const before = readFileSync(out, 'utf8');
    const { log } = captureLogger('info');
    const second = await runWorker({ config: config(), log, once: true });
    expect(second.articles.completed).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(before);

    const cfg = config();
    const redis = createRedis(REDIS_URL);
    const queues = openQueues(cfg, redis);
    const seedUrl = `${server.baseUrl}/articles/washington-talks.html?utm_source=rss&utm_campaign=world&fbclid=AbC123`;
    const jobId = await reingestUrl(cfg, queues, seedUrl, 'example-daily');
    expect(jobId).toMatch(/^a-[0-9a-f]{32}-m/);
    await queues.close();
    await redis.quit();

    const capture = captureLogger('info');
    const third = await runWorker({ config: cfg, log: capture.log, once: true });
    expect(third.articles.completed).toBe(1);
    const manual = capture.lines.find((l) => l.event === 'job.end' && l.queue === 'articles');
    // The same version again: the JSONL sink skipped it, and the job says so.
    expect(manual).toMatchObject({ reason: 'manual', outcome: 'unchanged', jobId, result: { delivered: [], unchanged: ['jsonl'] } });
    const after = readJsonlRecords(out);
    const seed = expected['articles/washington-talks.html'].canonicalUrl;
    expect(after.filter((r) => r.canonicalUrl === seed)).toHaveLength(1);
    expect(after).toHaveLength(records.length);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(records.length);
  }, 60_000);
});
