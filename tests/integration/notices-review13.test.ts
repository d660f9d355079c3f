/**
 * Events no job keeps get a log event and a place in `status` (src/state/notices.ts; docs/review.md
 * "Round 12 (review13)"): a job taken over from a worker that died (before: no event at all, only
 * the re-fetched page's `job.end`), and a /stories query refused with 400 (before: logged, not in
 * `status`). Real Redis (unique prefixes), the real worker in-process, a loopback HTTP server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Worker } from 'bullmq';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { runWorker } from '../../src/queue/worker.js';
import { NoticeWriter, readNotices } from '../../src/state/notices.js';
import { openStoriesPage } from '../../src/stories/page-mount.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(p);
});

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a job taken over from a dead worker', () => {
  it('is logged as job.stalled (taken-over) and counted in status', async () => {
    const prefix = uniquePrefix('takeover');
    prefixes.push(prefix);
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      // nothing listens on port 9: the feed polls and the page fail, which does not matter here
      feeds: [{ id: 'desk', url: 'http://127.0.0.1:9/feed.xml', intervalMinutes: 60 }],
      sinks: [{ type: 'jsonl', path: join(tempDir('takeover'), 'a.jsonl'), only: 'all' }],
      worker: { lockDurationMs: 1000, stalledIntervalMs: 500, backoffMs: 60_000 },
    });
    const redis = createRedis(REDIS_URL, 'test-takeover');
    const queues = openQueues(cfg, redis);
    const url = 'http://127.0.0.1:9/dead.html';
    await queues.articles.add('ingest-article', { url, canonicalUrl: url, feedId: null, feed: null, item: null, reason: 'manual', force: true }, { jobId: 'a-dead' });
    // a "worker" that takes the job and dies: its lock is never renewed
    const dead = new Worker(queues.articles.name, null, { connection: createRedis(REDIS_URL, 'test-dead'), prefix, autorun: false, lockDuration: 500 });
    const job = await dead.getNextJob('dead-token');
    expect(job?.id).toBe('a-dead');
    await dead.close(true);

    const capture = captureLogger('info');
    const ac = new AbortController();
    const done = runWorker({ config: cfg, log: capture.log, stopSignal: ac.signal, extractThreads: 0 });
    try {
      await until('a job.stalled line', () => capture.lines.some((l) => l.event === 'job.stalled'));
      await until('the notice in Redis', async () => (await readNotices(redis, prefix)).length > 0);
    } finally {
      ac.abort();
      await done;
    }
    expect(capture.lines.find((l) => l.event === 'job.stalled')).toMatchObject({ level: 40, queue: 'articles', jobId: 'a-dead', reason: 'stalled', outcome: 'taken-over' });
    const report = await collectStatus(cfg, redis, queues);
    expect(report.notices).toEqual([expect.objectContaining({ event: 'job.stalled', count: 1, reason: 'stalled', detail: 'articles/a-dead' })]);
    expect(formatStatus(report)).toMatch(/^ {2}job\.stalled +1 {2}last \S+ {2}\[stalled\] articles\/a-dead$/m);
    await queues.close();
    await redis.quit();
  }, 120_000);
});

describe('a refused /stories query', () => {
  it('is counted in status with its message', async () => {
    const prefix = uniquePrefix('notices-page');
    prefixes.push(prefix);
    const path = join(tempDir('notices-page'), 'a.jsonl');
    writeFileSync(path, '');
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, sinks: [{ type: 'jsonl', path, only: 'all' }] });
    const redis = createRedis(REDIS_URL, 'test-notices');
    const notices = new NoticeWriter(redis, prefix);
    const page = (await openStoriesPage(cfg, captureLogger('info').log, notices))!;
    const app = express();
    page.mount(app);
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/stories?days=abc`)).status).toBe(400);
      expect((await fetch(`${base}/stories?until=2026-01-01T10:00Z`)).status).toBe(400);
      expect((await fetch(`${base}/stories?days=7`)).status).toBe(200);
      await until('two notices in Redis', async () => (await readNotices(redis, prefix))[0]?.count === 2);
      const queues = openQueues(cfg, redis);
      const report = await collectStatus(cfg, redis, queues);
      await queues.close();
      expect(report.notices).toEqual([
        expect.objectContaining({ event: 'stories.bad-query', count: 2, reason: 'bad-query', detail: expect.stringMatching(/^until: not a date YYYY-MM-DD/) }),
      ]);
      expect(formatStatus(report)).toContain('stories.bad-query');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      await page.store.close?.();
      notices.close();
      await redis.quit();
    }
  }, 120_000);
});
