/**
 * Backfill runs' state in Redis, so a run killed mid-way (crash, Ctrl-C) resumes where it
 * stopped, from any process. One run = one source and window (`backfillRunId`). Keys:
 * - `<prefix>:backfill:<runId>`           hash: `spec` (JSON), `status`, `startedAt`,
 *   `updatedAt`, the counters of BackfillCounters, and `offset` (entries of the sitemap at the
 *   head of the frontier, or lines of the URL list, already handled);
 * - `<prefix>:backfill:<runId>:frontier`  list of sitemap URLs still to read, head first (the
 *   head is removed only once the whole sitemap is handled);
 * - `<prefix>:backfill:<runId>:known`     set of every sitemap URL ever put on the frontier
 *   (a sitemap listed twice, or an index listing itself, is read once);
 * - `<prefix>:backfills`                  set of run ids (for `status`).
 * Memory in the process stays flat however large the index: child sitemaps go to Redis as
 * they are read.
 */
import { createHash } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster

/** What a run reads and which window it keeps. Times are ISO 8601 UTC. */
export interface BackfillSpec {
  source: { kind: 'site' | 'sitemap' | 'urls'; value: string };
  since: string;
  until: string | null;
  feedId: string | null;
  includeUndated: boolean;
  prune: boolean;
}

/** Counters of a run (all cumulative over resumes). */
export interface BackfillCounters {
  /** Page entries read from sitemaps or lines of the URL list. */
  entries: number;
  /** Entries dated inside the window (or undated and taken). */
  inWindow: number;
  outOfWindow: number;
  /** Entries without a usable date (skipped unless includeUndated). */
  undated: number;
  /** Article jobs added. */
  queued: number;
  /** In the window but already in the seen-set (stored or queued before). */
  skippedSeen: number;
  /** Disallowed by the site's robots.txt. */
  skippedRobots: number;
  /** Not an absolute http(s) URL. */
  badUrl: number;
  /** URL-list lines whose date could not be read (`URL 14.03.2026`): skipped, not taken as undated. */
  badDate: number;
  sitemapsDone: number;
  sitemapsFailed: number;
  /** Child sitemaps not read because their lastmod is before the window. */
  sitemapsPruned: number;
}

export const EMPTY_COUNTERS: BackfillCounters = {
  entries: 0, inWindow: 0, outOfWindow: 0, undated: 0, queued: 0, skippedSeen: 0, skippedRobots: 0, badUrl: 0, badDate: 0, sitemapsDone: 0, sitemapsFailed: 0, sitemapsPruned: 0,
};

/** A run's stored state. */
export interface BackfillState {
  runId: string;
  spec: BackfillSpec;
  status: 'running' | 'done' | 'interrupted';
  startedAt: string;
  updatedAt: string;
  offset: number;
  counters: BackfillCounters;
  /** Sitemaps still on the frontier. */
  pending: number;
}

/** The run id of a spec: 16 hex chars of sha-256 over its JSON (same command = same run). */
export function backfillRunId(spec: BackfillSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}

/** Redis keys of a run. */
export function backfillKeys(prefix: string, runId: string): { run: string; frontier: string; known: string; runs: string } {
  const run = `${prefix}:backfill:${runId}`;
  return { run, frontier: `${run}:frontier`, known: `${run}:known`, runs: `${prefix}:backfills` };
}

/** Reads a run's state, or null when there is none. */
export async function getBackfill(redis: Redis, prefix: string, runId: string): Promise<BackfillState | null> {
  const k = backfillKeys(prefix, runId);
  const [h, pending] = await Promise.all([redis.hgetall(k.run), redis.llen(k.frontier)]);
  if (!h.spec) return null;
  const counters = { ...EMPTY_COUNTERS };
  for (const key of Object.keys(counters) as (keyof BackfillCounters)[]) counters[key] = Number(h[key] ?? 0) || 0;
  return {
    runId,
    spec: JSON.parse(h.spec) as BackfillSpec,
    status: (h.status as BackfillState['status']) ?? 'running',
    startedAt: h.startedAt,
    updatedAt: h.updatedAt,
    offset: Number(h.offset ?? 0) || 0,
    counters,
    pending,
  };
}

/** Creates a run (status `running`, the given sitemaps on the frontier). Overwrites nothing of an existing run. */
export async function createBackfill(redis: Redis, prefix: string, runId: string, spec: BackfillSpec, sitemaps: string[], now = new Date()): Promise<void> {
  const k = backfillKeys(prefix, runId);
  const m = redis.multi().hset(k.run, { spec: JSON.stringify(spec), status: 'running', startedAt: now.toISOString(), updatedAt: now.toISOString(), offset: 0 }).sadd(k.runs, runId);
  if (sitemaps.length) m.rpush(k.frontier, ...sitemaps).sadd(k.known, ...sitemaps);
  await m.exec();
}

/** Deletes a run's state (`backfill --restart`). */
export async function deleteBackfill(redis: Redis, prefix: string, runId: string): Promise<void> {
  const k = backfillKeys(prefix, runId);
  await redis.multi().unlink(k.run, k.frontier, k.known).srem(k.runs, runId).exec();
}

/** Sets a run's status (`running` on resume, `done`, `interrupted` on Ctrl-C). */
export async function setBackfillStatus(redis: Redis, prefix: string, runId: string, status: BackfillState['status'], now = new Date()): Promise<void> {
  await redis.hset(backfillKeys(prefix, runId).run, { status, updatedAt: now.toISOString() });
}

/** The sitemap at the head of the frontier, or null when none is left. */
export async function frontierHead(redis: Redis, prefix: string, runId: string): Promise<string | null> {
  return redis.lindex(backfillKeys(prefix, runId).frontier, 0);
}

/** Appends child sitemaps not seen before in this run; returns how many were new. */
export async function pushSitemaps(redis: Redis, prefix: string, runId: string, urls: string[]): Promise<number> {
  if (!urls.length) return 0;
  const k = backfillKeys(prefix, runId);
  const added = (await redis.smismember(k.known, ...urls)) as number[];
  const fresh = [...new Set(urls.filter((_, i) => added[i] === 0))];
  if (fresh.length) await redis.multi().sadd(k.known, ...fresh).rpush(k.frontier, ...fresh).exec();
  return fresh.length;
}

/**
 * Records a handled batch: adds `delta` to the counters and sets the offset (entries of the
 * current sitemap or list handled so far), in one transaction.
 */
export async function checkpointBackfill(redis: Redis, prefix: string, runId: string, delta: Partial<BackfillCounters>, offset: number, now = new Date()): Promise<void> {
  const k = backfillKeys(prefix, runId);
  const m = redis.multi();
  for (const [f, v] of Object.entries(delta)) if (v) m.hincrby(k.run, f, v);
  m.hset(k.run, { offset, updatedAt: now.toISOString() });
  await m.exec();
}

/** Removes the head of the frontier (its sitemap is handled), resets the offset and counts it done or failed. */
export async function finishSitemap(redis: Redis, prefix: string, runId: string, outcome: 'done' | 'failed', now = new Date()): Promise<void> {
  const k = backfillKeys(prefix, runId);
  await redis
    .multi()
    .lpop(k.frontier)
    .hset(k.run, { offset: 0, updatedAt: now.toISOString() })
    .hincrby(k.run, outcome === 'done' ? 'sitemapsDone' : 'sitemapsFailed', 1)
    .exec();
}

/** Every run of the prefix (for `status`), newest first. */
export async function listBackfills(redis: Redis, prefix: string): Promise<BackfillState[]> {
  const ids = await redis.smembers(backfillKeys(prefix, '').runs);
  const states = (await Promise.all(ids.map((id) => getBackfill(redis, prefix, id)))).filter((s): s is BackfillState => s !== null);
  return states.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
