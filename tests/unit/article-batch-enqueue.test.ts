/**
 * How a poll's article jobs are grouped (`batched`, jobs/fetch-feed.ts; worker.articleBatch):
 * new items and new versions in `ingest-articles` jobs of up to the batch size, a lone one too
 * (so its claim is checked), retries and manual jobs alone; batch ids depend only on their items.
 */
import { describe, expect, it } from 'vitest';
import { batched } from '../../jobs/fetch-feed.js';
import { ARTICLE_BATCH_JOB, ARTICLE_JOB, articleBatchJobId, type ArticleBatchData, type ArticleJobData } from '../../src/queue/names.js';

const job = (n: number) => ({
  name: ARTICLE_JOB,
  data: { url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, feedId: 'wire', feed: null, item: null, reason: 'scheduled' } satisfies ArticleJobData,
  opts: { jobId: `a-${n}` },
});
const feed = { feedId: 'wire', reason: 'scheduled' as const };

describe('batched: article jobs of one poll', () => {
  it('keeps one job per article with a batch size of 1', () => {
    const jobs = [job(1), job(2)];
    expect(batched(jobs, [true, true], 1, feed)).toBe(jobs);
  });

  it('groups batchable items by the batch size, a lone one too, and leaves the others alone', () => {
    const jobs = [1, 2, 3, 4, 5, 6].map(job);
    const out = batched(jobs, [true, true, false, true, true, true], 2, feed);
    expect(out.map((j) => [j.name, j.opts.jobId])).toEqual([
      [ARTICLE_JOB, 'a-3'],
      [ARTICLE_BATCH_JOB, articleBatchJobId(['a-1', 'a-2'])],
      [ARTICLE_BATCH_JOB, articleBatchJobId(['a-4', 'a-5'])],
      [ARTICLE_BATCH_JOB, articleBatchJobId(['a-6'])],
    ]);
    const first = out[1].data as ArticleBatchData;
    expect(first).toEqual({ items: [{ jobId: 'a-1', data: jobs[0].data }, { jobId: 'a-2', data: jobs[1].data }], feedId: 'wire', reason: 'scheduled' });
  });

  it('gives the same items the same batch id (a poll repeated after a crash adds nothing), other items another', () => {
    expect(articleBatchJobId(['a-1', 'a-2'])).toBe(articleBatchJobId(['a-1', 'a-2']));
    expect(articleBatchJobId(['a-1', 'a-2'])).not.toBe(articleBatchJobId(['a-1', 'a-3']));
    expect(articleBatchJobId(['a-1'])).toMatch(/^b-[0-9a-f]{16}$/);
  });
});
