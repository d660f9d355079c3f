import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import type { FetchOptions, FetchResult } from '../http/fetch.js';
import type { Logger } from '../log.js';
import type { HostSlotResult } from '../state/politeness.js';
import type { RobotsVerdict } from '../http/robots.js';
import type { Sink } from '../sinks/types.js';
import type { StoryState } from '../stories/group.js';
import type { Topic } from '../tagging/index.js';
import type { PageInput } from '../pipeline/page.js';
import type { ArticleRecord } from '../types.js';
import type { BacklogTracker } from './deliveries.js';
import type { ExtractPool } from './extract-pool.js';
import type { Queues } from './queues.js';


/**
 * Everything a job processor needs, built once per worker process and passed down
 * (never read from a global). The HTTP pieces are functions so tests can swap them.
 */
export interface WorkerContext {
  config: Config;
  redis: Redis;
  log: Logger;
  queues: Queues;
  sinks: Sink[];
  topics: Topic[];
  userAgent: string;
  fetch: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  /** Per-host politeness (Redis-backed, shared by all processes): src/state/politeness.ts. */
  hostSlot: (host: string, perHost?: { concurrency?: number; minDelayMs?: number }) => Promise<HostSlotResult>;
  /**
   * robots.txt verdict for an article page (fetched through the feed's `proxy` when given):
   * src/http/robots.ts. A fetch of robots.txt takes the host's politeness slot (`perHost`: the
   * feed's override) and waits for it in process at most HOP_WAIT_MAX_MS.
   * @throws IngestError `host-busy` (with `retryAfterMs`) when the host stays busy: delay the job
   */
  robots: (url: string, opts?: { proxy?: string | null; perHost?: { concurrency?: number; minDelayMs?: number } }) => Promise<RobotsVerdict>;
  /**
   * Page → record (`pageToRecord`): in this thread, or in the extraction pool when
   * `worker.extractThreads` > 0, which takes `page.body` (moved to the thread: unusable after the
   * call). @throws IngestError `not-html`, `empty-article`, `page-too-complex`
   */
  toRecord: (page: PageInput) => Promise<ArticleRecord>;
  /** Which sinks have a delivery backlog (their records go through their delivery queue). */
  backlog: BacklogTracker;
  /** Copy and story grouping state (src/stories, Redis-backed), or null to skip grouping. */
  stories?: StoryState | null;
  /** The extraction threads, or null when extraction runs on the main thread; closed by `runWorker`. */
  extractPool: ExtractPool | null;
}
