/**
 * Queue names, job names, job data shapes and deterministic job ids.
 * BullMQ custom job ids may not contain ":" (DESIGN.md pitfalls), so ids use "-".
 */
import { createHash } from 'node:crypto';
import type { FeedItem, FeedRef } from '../types.js';

export const FEEDS_QUEUE = 'feeds';
export const ARTICLES_QUEUE = 'articles';

/** Why a job exists: a job scheduler tick, `start --once`, an operator's re-ingest, or a `backfill` run. */
export type JobReason = 'scheduled' | 'once' | 'manual' | 'backfill';

/** Data of a `fetch-feed` job. */
export interface FeedJobData {
  feedId: string;
  url: string;
  reason: JobReason;
  /** Manual re-ingest: skip the conditional GET and the seen-set. */
  force?: boolean;
}

/** Data of an `ingest-article` job. */
export interface ArticleJobData {
  url: string;
  canonicalUrl: string;
  feedId: string | null;
  feed: FeedRef | null;
  item: FeedItem | null;
  reason: JobReason;
  force?: boolean;
  /** An item stored from the feed's own text, without a page fetch (no link, a podcast/media
   * item: src/feeds/identity.ts), under this record id. */
  textOnly?: { recordId: string };
  /** The feed item's version when enqueued (src/state/seen.ts itemVersion); written back to the seen-set when the job ends. */
  itemVersion?: string;
  /** Earlier runs of this article that ended failed (a later poll enqueued it again). */
  failedRuns?: number;
  /** Set after a partial delivery: the sinks still to write, and the record to write. */
  pendingSinks?: string[];
  record?: unknown;
  /**
   * The item's first attempt ran in an `ingest-articles` job and failed with this IngestError
   * (src/queue/article-batch.ts): attempt 1 of this job ends with the same error, without
   * fetching again, and the retry policy takes it from there.
   */
  handedOff?: { code: string; message: string; retryAfterMs?: number };
}

/** Job name of a job carrying one article. */
export const ARTICLE_JOB = 'ingest-article';
/** Job name of a job carrying several new items of one feed poll (`worker.articleBatch`). */
export const ARTICLE_BATCH_JOB = 'ingest-articles';

/** One item of an `ingest-articles` job: the job id and data its own `ingest-article` job would have. */
export interface ArticleBatchItem {
  jobId: string;
  data: ArticleJobData;
}

/** Data of an `ingest-articles` job (same queue as `ingest-article`). */
export interface ArticleBatchData {
  items: ArticleBatchItem[];
  /** Common to every item (for logs and `instrument`). */
  feedId: string | null;
  reason: JobReason;
}

/**
 * Job id of an article's regular job: `a-<record id>[-<item version>][-r<failed runs>]`. The
 * same article version never has two jobs; a new version (an edited story) or a run after a
 * failed one gets its own id, since a finished job with the same id would make `add()` a no-op.
 */
export function articleJobId(recordId: string, version?: string, failedRuns = 0): string {
  return `a-${recordId}${version ? `-${version}` : ''}${failedRuns > 0 ? `-r${failedRuns}` : ''}`;
}

/**
 * Job id of an `ingest-articles` job: `b-` and 16 hex chars of sha-256 over its items' job ids,
 * so a poll that enqueues the same items again (a crash between the enqueue and the seen-set
 * write) adds nothing while the first job exists.
 */
export function articleBatchJobId(itemJobIds: readonly string[]): string {
  return `b-${createHash('sha256').update(itemJobIds.join('\n')).digest('hex').slice(0, 16)}`;
}

/** Job id of a manual job: unique, so a completed job with the regular id cannot swallow it. */
export function manualJobId(kind: 'a' | 'f', key: string, now = Date.now()): string {
  return `${kind}-${key}-m${now.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
