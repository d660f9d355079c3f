/**
 * `status` progress: finished-job totals come from BullMQ's metrics (kept by the workers inside
 * moveToFinished), so they keep counting past the completed set's retention cap; the text view
 * shows them. The seed site through the real worker, plus one page that fails for good.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus, type StatusReport } from '../../src/queue/status.js';
import { runWorker, type RunSummary } from '../../src/queue/worker.js';
import { SHARED_DIR, startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

if (!SHARED_DIR) console.warn('status-progress: ../shared/corpus not found; the status progress test is skipped');

describe.skipIf(!SHARED_DIR)('status progress from worker metrics', () => {
  const prefix = uniquePrefix('progress');
  let server: SiteServer;
  let summary: RunSummary;
  let report: StatusReport;

  beforeAll(async () => {
    server = await startSiteServer(join(SHARED_DIR ?? '', 'corpus/seed/site'), { '/gone.html': { status: 410, body: 'gone' } });
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'example-daily', url: `${server.baseUrl}/feed.xml` },
        { id: 'primer-ru', url: `${server.baseUrl}/feed-ru.xml` },
      ],
      sinks: [{ type: 'jsonl', path: join(tempDir('progress'), 'a.jsonl'), only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    const redis = createRedis(REDIS_URL, 'test-progress');
    const queues = openQueues(cfg, redis);
    const url = `${server.baseUrl}/gone.html`;
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
    expect(summary.articles.completed).toBe(4);
    expect(report.progress.articles).toMatchObject({ completedTotal: summary.articles.completed, failedTotal: 1 });
    expect(report.progress.feeds).toMatchObject({ completedTotal: 2, failedTotal: 0 });
    expect(report.progress.articles.etaMinutes).toBeNull(); // drained
  });

  it('shows the totals in the text view', () => {
    expect(formatStatus(report)).toMatch(/^articles\s+4\s+1\s+[\d.]+\s+-$/m);
  });
});
