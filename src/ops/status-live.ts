/**
 * The live parts of `status`: worker processes with a heartbeat, each feed's next poll (its
 * job scheduler's next tick, pushed back to the first tick after a backoff), and whether any
 * worker is alive to take a re-ingest.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import type { FeedState } from '../state/feed-state.js';
import type { Queues } from '../queue/queues.js';
import { liveWorkers, type WorkerInfo } from './heartbeat.js';

export type { WorkerInfo };

/** A feed's job scheduler as `status` shows it. */
export interface FeedSchedule {
  /** Next tick of the job scheduler (ISO 8601), or null when the feed has no scheduler. */
  nextTickAt: string | null;
  /** When the feed will really be fetched next: the first tick not skipped by a backoff. */
  nextPollAt: string | null;
}

/**
 * The first tick at or after `nextAttemptAt` (minus the same tolerance `isFeedDue` allows),
 * ticks being `next + k * every`.
 */
export function nextPoll(next: number, every: number, nextAttemptAt: string | null, intervalMinutes: number): number {
  const at = nextAttemptAt ? Date.parse(nextAttemptAt) : NaN;
  if (Number.isNaN(at) || every <= 0) return next;
  const due = at - Math.min(60_000, (intervalMinutes * 60_000) / 10);
  if (due <= next) return next;
  return next + Math.ceil((due - next) / every) * every;
}

/** Each configured feed's schedule, by feed id. */
export async function feedSchedules(cfg: Config, queues: Queues, states: Map<string, FeedState>): Promise<Map<string, FeedSchedule>> {
  const schedulers = await queues.feeds.getJobSchedulers(0, -1);
  const byId = new Map(schedulers.map((s) => [s.key ?? (s as { id?: string }).id, s]));
  const out = new Map<string, FeedSchedule>();
  for (const f of cfg.feeds) {
    const s = byId.get(f.id);
    if (!s?.next) {
      out.set(f.id, { nextTickAt: null, nextPollAt: null });
      continue;
    }
    const every = Number(s.every ?? f.intervalMinutes * 60_000);
    const poll = nextPoll(s.next, every, states.get(f.id)?.nextAttemptAt ?? null, f.intervalMinutes);
    out.set(f.id, { nextTickAt: new Date(s.next).toISOString(), nextPollAt: new Date(poll).toISOString() });
  }
  return out;
}

/** The live worker processes of the config's prefix. */
export function workersOf(cfg: Config, redis: Redis): Promise<WorkerInfo[]> {
  return liveWorkers(redis, cfg.redis.prefix);
}

/** The warning `reingest` prints when no worker would take its job, or null. */
export async function noWorkerWarning(cfg: Config, redis: Redis): Promise<string | null> {
  const workers = (await workersOf(cfg, redis)).filter((w) => !w.exited);
  if (workers.length) return null;
  return `warning: no worker is running under the prefix "${cfg.redis.prefix}" (no heartbeat in the last 30 s): the job waits until one starts (\`news-ingest start\`)`;
}
