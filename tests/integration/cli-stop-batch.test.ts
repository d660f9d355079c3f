/**
 * SIGTERM while `ingest-articles` batches run (`worker.articleBatch` > 1): the worker finishes
 * the item in hand, starts no further one, and leaves the rest of each batch to its own job
 * (`item.released`), so the stop takes the item in hand and not a whole batch, no job runs on
 * after the worker closed, and the next run takes the rest without fetching anything twice.
 * The interrupted `--once` run says so in its summary and exits 130.
 * A real `news-ingest start --once` child process against the local Redis (unique prefix).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { jsonlCounts, join, logEvents, startArticleSite, startWorker, waitFor } from '../helpers/crash-fixture.js';
import { dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const ARTICLES = 24;

describe('SIGTERM during article batches', () => {
  it('stops after the item in hand; the rest of each batch waits in its own job and the next run takes it', async () => {
    const dir = tempDir('stop-batch');
    const prefix = uniquePrefix('stop-batch');
    // every page answers after 1 s: a batch of 8 takes 8 s, far over the 4 s shutdown bound
    const site = await startArticleSite({ articles: ARTICLES, feeds: 1, delayMs: 1000 });
    const jsonl = join(dir, 'records.jsonl');
    const cfgFile = join(dir, 'cfg.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: site.feeds.map((url, k) => ({ id: `f${k}`, url })),
        sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { concurrency: 8, minDelayMs: 0 } },
        worker: { articleConcurrency: 2, articleBatch: 8, shutdownTimeoutMs: 4000, backoffMs: 300 },
        logLevel: 'info',
      }),
    );
    try {
      const log1 = join(dir, 'run1.log');
      const w1 = startWorker(cfgFile, log1);
      await waitFor('3 records written', () => jsonlCounts(jsonl).ids >= 3, 120_000, 50);
      const signalAt = Date.now();
      w1.child.kill('SIGTERM');
      const code1 = await w1.exited;
      const written1 = jsonlCounts(jsonl).ids;
      const startedAfter = site.served.filter((p) => p.at > signalAt + 50).length;
      const released = logEvents(log1, 'item.released');
      const summary1 = logEvents(log1, 'run.summary')[0] as { interrupted?: boolean; msg?: string; level?: number } | undefined;
      const forced = logEvents(log1, 'worker.forced-close');
      const lines = (await import('node:fs')).readFileSync(log1, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event?: string });
      const stoppedAt = lines.findIndex((e) => e.event === 'worker.stopped');
      const after = lines.slice(stoppedAt + 1).map((e) => e.event).filter((e) => e !== 'run.summary');

      // second run: the released items' jobs are waiting; the feed's items are all seen
      const log2 = join(dir, 'run2.log');
      const w2 = startWorker(cfgFile, log2);
      const code2 = await w2.exited;
      const end = jsonlCounts(jsonl);
      console.log(`stop-batch: ${written1} records before the stop, ${released.length} items released, ${startedAfter} pages started after SIGTERM, forced closes ${forced.length}; after run 2 ${end.ids} records, ${site.pagesServed} pages served`);

      expect(forced).toEqual([]);
      expect(released.length).toBeGreaterThan(0);
      expect(released.length + written1).toBeLessThanOrEqual(ARTICLES);
      expect(startedAfter).toBeLessThanOrEqual(2); // at most the two batches' items in hand
      expect(after).toEqual([]); // nothing runs on after the worker stopped
      expect(code2).toBe(0);
      expect(end.ids).toBe(ARTICLES);
      expect(end.torn).toBe(0);
      expect(site.pagesServed).toBe(ARTICLES); // no page fetched twice
      // the interrupted run says so (it did not drain the queues) and exits 130, as an interrupted backfill
      expect(code1).toBe(130);
      expect(summary1).toMatchObject({ interrupted: true, level: 40 });
      expect(summary1?.msg).toMatch(/^interrupted \(signal\) after [\d.]+ s: .*the jobs left wait in Redis for the next start$/);
      expect(logEvents(log2, 'run.summary')[0]).toMatchObject({ interrupted: false });
    } finally {
      await site.close();
      await dropPrefix(prefix);
    }
  }, 300_000);
});
