/**
 * Worker heartbeats: each worker process keeps a hash `<prefix>:worker:<id>` (host, pid,
 * start time, last job) with a TTL of HEARTBEAT_TTL_S, refreshed every HEARTBEAT_EVERY_MS,
 * and its id in the sorted set `<prefix>:workers` scored by the time the entry expires.
 * `status` lists the live ones; `reingest` warns when there are none. A killed process
 * disappears once its TTL runs out; a clean stop removes its entry at once. Before that, an
 * entry of this host whose pid no longer exists (kill -9, OOM killer) is shown as exited.
 */
import { hostname } from 'node:os';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Logger } from '../log.js';

/** Heartbeat period, ms. */
export const HEARTBEAT_EVERY_MS = 10_000;
/** Lifetime of a heartbeat without a refresh, s (three periods: one missed beat is not death). */
export const HEARTBEAT_TTL_S = 30;

/** Delay of the beat that records a finished job, ms. */
export const JOB_BEAT_DELAY_MS = 1000;

/** One live worker process, as `status` shows it. Times are ISO 8601 UTC. */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  /** The last job this process finished (`queue/jobId outcome`), or null. */
  lastJob: string | null;
  lastJobAt: string | null;
  /** The last beat written (older than the TTL: the entry is only kept alive, Redis refusing writes). */
  seenAt: string;
  /**
   * True when the entry is of this host (same hostname) and its pid no longer exists: the
   * process died without a clean stop and its heartbeat has not expired yet. Processes of
   * other hosts cannot be checked and are false.
   */
  exited: boolean;
}

/**
 * Whether a process of this host exists: `kill(pid, 0)` (POSIX kill(2): signal 0 checks
 * existence and permission only). EPERM means it exists under another user.
 */
function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const setKey = (prefix: string) => `${prefix}:workers`;
const workerKey = (prefix: string, id: string) => `${prefix}:worker:${id}`;

/** A running heartbeat. */
export interface Heartbeat {
  id: string;
  /** Notes a finished job (kept in memory, written with the next beat). */
  jobDone(queue: string, jobId: string | undefined, outcome: string): void;
  /** Writes a beat now. Never throws (Redis away: the next beat tries again). */
  beat(): Promise<void>;
  /** Stops beating and removes this process's entry. */
  stop(): Promise<void>;
}

/**
 * The text of a Redis error, with a discarded transaction's cause: ioredis rejects a MULTI whose
 * command Redis refused with `EXECABORT Transaction discarded…`, the refusal (`OOM command not
 * allowed when used memory > 'maxmemory'`) being in `previousErrors`.
 */
export function redisErrorText(err: unknown): string {
  const e = err as Error & { previousErrors?: Error[] };
  const cause = e?.previousErrors?.find((p) => p?.message)?.message;
  return cause ? `${cause} (${e.message})` : (e?.message ?? String(err));
}

/** ioredis's rejection of a command that got no reply within `commandTimeout`. */
function isCommandTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === 'Command timed out';
}

/**
 * Starts beating on `redis` (a producer connection) under `prefix`.
 * @param opts.everyMs beat period (default HEARTBEAT_EVERY_MS); `opts.ttlS` entry lifetime (default HEARTBEAT_TTL_S)
 */
export function startHeartbeat(redis: Redis, prefix: string, log: Logger, opts: { everyMs?: number; ttlS?: number } = {}): Heartbeat {
  const everyMs = opts.everyMs ?? HEARTBEAT_EVERY_MS;
  const ttlS = opts.ttlS ?? HEARTBEAT_TTL_S;
  const host = hostname();
  const startedAt = new Date().toISOString();
  const id = `${host}-${process.pid}-${Date.now().toString(36)}`;
  let lastJob = '';
  let lastJobAt = '';
  let failing = false;
  // A frozen Redis (SIGSTOP, a long fork, a saturated host) keeps its connection open and never
  // answers, so no error comes: a beat still pending after one period is reported as a stall.
  let pendingSince = 0;
  let inFlight: Promise<void> | null = null;
  let stalled = false;
  // when Redis last answered a beat: `heartbeat.recovered` reports the whole silence from there
  let lastAnsweredAt = Date.now();
  let soon: NodeJS.Timeout | null = null;
  /** A periodic beat: skipped (and a stall noted) while the last one is still unanswered. */
  const tick = () => {
    const now = Date.now();
    if (!inFlight) return void beat();
    if (!stalled && now - pendingSince >= everyMs) {
      stalled = true;
      log.warn({ event: 'heartbeat.stalled', reason: 'redis-unavailable', waitingMs: now - pendingSince }, 'Redis has not answered the worker heartbeat for one period: it may be frozen or overloaded');
    }
  };
  /** Writes a beat, after the one in flight (beats do not pile up on a frozen Redis). */
  const beat = async (): Promise<void> => {
    while (inFlight) await inFlight;
    inFlight = write();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  };
  const write = async () => {
    const now = Date.now();
    pendingSince = now;
    try {
      await redis
        .multi()
        .hset(workerKey(prefix, id), { host, pid: String(process.pid), startedAt, lastJob, lastJobAt, seenAt: new Date(now).toISOString() })
        .expire(workerKey(prefix, id), ttlS)
        .zadd(setKey(prefix), now + ttlS * 1000, id)
        .zremrangebyscore(setKey(prefix), '-inf', now)
        .exec();
      if (failing || stalled) log.info({ event: 'heartbeat.recovered', unansweredMs: Date.now() - lastAnsweredAt }, 'Redis answers the worker heartbeat again');
      failing = false;
      stalled = false;
      lastAnsweredAt = Date.now();
    } catch (err) {
      // The worker's connection has a commandTimeout (PRODUCER_COMMAND_TIMEOUT_MS, 5 s) shorter
      // than a period (10 s): a frozen Redis rejects the beat as "Command timed out" before a
      // tick could see it pending, so that rejection is the stall, not a refused connection.
      if (isCommandTimeout(err)) {
        if (!stalled) log.warn({ event: 'heartbeat.stalled', reason: 'redis-unavailable', waitingMs: Date.now() - now }, 'Redis has not answered the worker heartbeat for one period: it may be frozen or overloaded');
        stalled = true;
        return;
      }
      // Redis at maxmemory (noeviction) refuses every write that may add memory (OOM), so the
      // MULTI is discarded (EXECABORT); EXPIRE adds none and is still taken: the entry is kept
      // alive (unchanged) so that `status` does not call a running worker dead.
      const error = redisErrorText(err);
      let keptAlive = false;
      if (/\bOOM\b/.test(error)) keptAlive = (await redis.expire(workerKey(prefix, id), ttlS).catch(() => 0)) === 1;
      if (!failing) log.warn({ event: 'heartbeat.failed', reason: 'redis-unavailable', error, keptAlive }, keptAlive ? 'worker heartbeat not written (Redis is full): its entry is kept alive unchanged' : 'worker heartbeat not written');
      failing = true;
    } finally {
      pendingSince = 0;
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  void beat();
  return {
    id,
    jobDone(queue, jobId, outcome) {
      lastJob = `${queue}/${jobId ?? '?'} ${outcome}`;
      lastJobAt = new Date().toISOString();
      // Written within a second (one beat for a burst of jobs), not only at the next period.
      // A beat still in flight then (the first one, on a slow start) carries the old lastJob:
      // write once more after it, or lastJob waits a whole period (seen in CI: null in status).
      soon ??= setTimeout(() => {
        soon = null;
        if (inFlight) void inFlight.then(() => (inFlight ? undefined : tick()), () => undefined);
        else tick();
      }, JOB_BEAT_DELAY_MS);
    },
    beat,
    async stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await redis.multi().del(workerKey(prefix, id)).zrem(setKey(prefix), id).exec().catch(() => {});
    },
  };
}

/**
 * The worker processes whose heartbeat has not expired, each with `exited` set when it is a
 * process of this host that is gone (see WorkerInfo.exited).
 * @throws Redis errors
 */
export async function liveWorkers(redis: Redis, prefix: string): Promise<WorkerInfo[]> {
  // every id of the index, not only those whose score (the last beat's expiry) is ahead: an
  // entry kept alive by EXPIRE while Redis refused writes has an old score; the entry's own
  // TTL decides (an expired one has no fields and is skipped). Beats prune the index.
  const ids = await redis.zrange(setKey(prefix), 0, -1);
  const out: WorkerInfo[] = [];
  const here = hostname();
  for (const id of ids) {
    const h = await redis.hgetall(workerKey(prefix, id));
    if (!h.host) continue;
    const pid = Number(h.pid);
    const exited = h.host === here && !pidExists(pid);
    out.push({ id, host: h.host, pid, startedAt: h.startedAt, lastJob: h.lastJob || null, lastJobAt: h.lastJobAt || null, seenAt: h.seenAt, exited });
  }
  return out;
}
