/**
 * Queue names, job names, job data shapes and deterministic job ids.
 * BullMQ custom job ids may not contain ":" (DESIGN.md pitfalls), so ids use "-".
 */
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
}

/**
 * Job id of an article's regular job: `a-<record id>[-<item version>][-r<failed runs>]`. The
 * same article version never has two jobs; a new version (an edited story) or a run after a
 * failed one gets its own id, since a finished job with the same id would make `add()` a no-op.
 */
export function articleJobId(recordId: string, version?: string, failedRuns = 0): string {
  return `a-${recordId}${version ? `-${version}` : ''}${failedRuns > 0 ? `-r${failedRuns}` : ''}`;
}

/** Job id of a manual job: unique, so a completed job with the regular id cannot swallow it. */
export function manualJobId(kind: 'a' | 'f', key: string, now = Date.now()): string {
  return `${kind}-${key}-m${now.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
