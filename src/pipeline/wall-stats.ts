/**
 * Per-host counts of pages that were not the article, for `status`: one Redis hash
 * `<prefix>:page-walls` whose fields are `<host> <reason>` (reason: `consent-wall`,
 * `bot-wall`, `no-article-text`, or `text-from-feed` when the feed's text replaced such a
 * page). Bounded by hosts × 4 fields.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { ReasonCode } from '../errors.js';

const WALL_REASONS = new Set<string>(['consent-wall', 'bot-wall', 'no-article-text']);

/** True for the reason codes of pages that are not the article. */
export function isWallReason(code: ReasonCode | string): boolean {
  return WALL_REASONS.has(code);
}

/** Redis key of the per-host wall counts. */
export function pageWallsKey(prefix: string): string {
  return `${prefix}:page-walls`;
}

/** Counts one wall (or one page replaced by the feed's text) for a host. Never throws: a lost count must not fail a job. */
export async function recordPageWall(redis: Redis, prefix: string, host: string, reason: string): Promise<void> {
  await redis.hincrby(pageWallsKey(prefix), `${host} ${reason}`, 1).catch(() => undefined);
}

/** The counts per host and reason, hosts sorted by name. */
export async function readPageWalls(redis: Redis, prefix: string): Promise<{ host: string; reasons: Record<string, number> }[]> {
  const h = await redis.hgetall(pageWallsKey(prefix));
  const byHost = new Map<string, Record<string, number>>();
  for (const [field, n] of Object.entries(h)) {
    const [host, reason] = field.split(' ');
    byHost.set(host, { ...(byHost.get(host) ?? {}), [reason]: Number(n) });
  }
  return [...byHost].sort((a, b) => a[0].localeCompare(b[0])).map(([host, reasons]) => ({ host, reasons }));
}
