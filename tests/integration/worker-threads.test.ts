/**
 * The worker with extraction threads (`worker.extractThreads`): the fixture site through the real
 * worker (`--once` semantics, local Redis) writes the same records with 2 threads as on the
 * main thread, and a page that is not HTML still fails at once with its reason code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/queues.js';
import { createRedis } from '../../src/queue/connection.js';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';
import { GOOD_FEEDS, SITE_DIR, SITE_EXPECTED } from '../helpers/fixture-site.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const stable = (r: ArticleRecord) => ({ ...r, fetchedAt: null });

describe('worker with extraction threads', () => {
  const prefixes = [uniquePrefix('threads0'), uniquePrefix('threads2')];
  const dir = tempDir('threads');
  let server: SiteServer;
  const runs: { summary: RunSummary; records: ArticleRecord[] }[] = [];

  const config = (prefix: string, out: string, extractThreads: number) =>
    testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: GOOD_FEEDS.map((f, i) => ({ id: `site-${i}`, url: `${server.baseUrl}/${f}` })),
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 } },
      worker: { extractThreads },
    });

  beforeAll(async () => {
    server = await startSiteServer(SITE_DIR, { '/binary.html': { status: 200, headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7 not a page' } });
    for (const [i, threads] of [0, 2].entries()) {
      const out = join(dir, `articles-${threads}.jsonl`);
      const summary = await runWorker({ config: config(prefixes[i], out, threads), log: captureLogger('warn').log, once: true });
      runs.push({ summary, records: readJsonlRecords(out) });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    for (const p of prefixes) await dropPrefix(p);
  });

  it('writes the same records with threads as on the main thread', () => {
    const [main, threaded] = runs;
    expect(threaded.summary.articles).toMatchObject({ completed: Object.keys(SITE_EXPECTED.articles).length, failed: 0 });
    expect(threaded.records).toHaveLength(main.records.length);
    const byId = new Map(main.records.map((r) => [r.id, r]));
    for (const r of threaded.records) expect(stable(r)).toEqual(stable(byId.get(r.id)!));
  });

  it('still fails a non-HTML page at once with reason not-html when threads are on', async () => {
    const prefix = prefixes[1];
    const cfg = config(prefix, join(dir, 'binary.jsonl'), 1);
    const redis = createRedis(REDIS_URL, 'test-threads');
    const queues = openQueues(cfg, redis);
    const url = `${server.baseUrl}/binary.html`;
    await queues.articles.add('ingest-article', { url, canonicalUrl: url, feedId: null, feed: null, item: null, reason: 'manual', force: true }, { jobId: 'a-binary-thread' });
    const summary = await runWorker({ config: { ...cfg, feeds: [] }, log: captureLogger('warn').log, once: true });
    const job = await queues.articles.getJob('a-binary-thread');
    await queues.close();
    await redis.quit();
    expect(summary.articles.failed).toBe(1);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/^\[not-html\]/);
  }, 120_000);
});
