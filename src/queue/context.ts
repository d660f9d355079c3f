import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import type { FetchOptions, FetchResult } from '../http/fetch.js';
import type { Logger } from '../log.js';
import type { Sink } from '../sinks/types.js';
import type { Topic } from '../tagging/index.js';
import type { Queues } from './queues.js';

/** A per-host slot from the politeness gate: either granted, or "come back in waitMs". */
export type HostSlot = { ok: true; release: () => Promise<void> } | { ok: false; waitMs: number };

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
  /** Per-host politeness (Redis-backed, shared by all processes). */
  hostSlot: (host: string) => Promise<HostSlot>;
  /** robots.txt check for article pages. */
  robotsAllows: (url: string) => Promise<boolean>;
}
