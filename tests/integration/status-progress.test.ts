/**
 * `status` progress: finished-job totals come from BullMQ's metrics (kept by the workers inside
 * moveToFinished), so they keep counting past the completed set's retention cap; the text view
 * shows them. The fixture site through the real worker, plus one page that fails for good.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus, type StatusReport } from '../../src/queue/status.js';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import { GOOD_FEEDS, SITE_DIR, SITE_EXPECTED } from '../helpers/fixture-site.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const ARTICLES = Object.keys(SITE_EXPECTED.articles).length;

describe('status progress from worker metrics', () => {
  const prefix = uniquePrefix('progress');
  let server: SiteServer;
  let summary: RunSummary;
  let report: StatusReport;

  beforeAll(async () => {
    server = await startSiteServer(SITE_DIR);
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: GOOD_FEEDS.map((f, i) => ({ id: `site-${i}`, url: `${server.baseUrl}/${f}` })),
      sinks: [{ type: 'jsonl', path: join(tempDir('progress'), 'a.jsonl'), only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    const redis = createRedis(REDIS_URL, 'test-progress');
    const queues = openQueues(cfg, redis);
    const url = `${server.baseUrl}/faults/gone.html`; // 410 (the site's _site.json)
    await queues.articles.add('ingest-article', { url, canonicalUrl: url, feedId: null, feed: null, item: null, reason: 'manual', force: true }, { jobId: 'a-gone' });
    summary = await runWorker({ config: cfg, log: captureLogger('warn').log, once: true });
    report = await collectStatus(cfg, redis, queues);
    await queues.close();
    await redis.quit();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('counts every finished job of the run', () => {
    expect(summary.articles.completed).toBe(ARTICLES);
    expect(report.progress.articles).toMatchObject({ completedTotal: summary.articles.completed, failedTotal: 1 });
    expect(report.progress.feeds).toMatchObject({ completedTotal: GOOD_FEEDS.length, failedTotal: 0 });
    expect(report.progress.articles.etaMinutes).toBeNull(); // drained
  });

  it('shows the totals in the text view', () => {
    expect(formatStatus(report)).toMatch(new RegExp(`^articles\\s+${ARTICLES}\\s+1\\s+[\\d.]+\\s+-$`, 'm'));
  });
});
