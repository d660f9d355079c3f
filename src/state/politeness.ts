/**
 * Per-host politeness shared by every worker process (Redis, never process memory):
 * at most `perHost.concurrency` requests in flight to one host, and request starts to one
 * host at least `perHost.minDelayMs` apart.
 *
 * The minDelayMs clock starts when the host has *seen* the request — its response headers
 * are back — not when the slot was granted: between the two a process may connect, do a
 * TLS handshake or be descheduled (we measured lags of ~100 ms on a loaded 2-core machine),
 * and spacing grants alone let two requests reach the host 180 ms apart with a 200 ms
 * minimum. Marking after the send was not enough either (a 199 ms gap as the host measured
 * it, under load). So a grant is *pending* until its holder calls `started()` (wire it as
 * fetchResource's `onResponseStart`) or `release()`; while a grant is pending no other is
 * made, and the next grant comes minDelayMs after the mark. Because the host stamps a
 * request before it answers, and the mark follows the answer, the gap as the host sees it
 * is never under minDelayMs. The cost: the time to first byte is added to the gap.
 *
 * Lua scripts decide atomically, on Redis's own clock (TIME), so processes on machines with
 * skewed clocks agree. Keys (the `{host}` hash tag keeps them in one Redis Cluster slot):
 * - `<prefix>:host:{<host>}:slots`    sorted set, member = lease id, score = lease expiry
 *   (ms); an expired lease is dropped on the next call, so a killed worker frees its slot
 *   after `leaseMs` at the latest;
 * - `<prefix>:host:{<host>}:last`     the start time (ms) of the last request;
 * - `<prefix>:host:{<host>}:pending`  the lease id of a grant not yet started (expires with the lease).
 * When the host is busy the caller gets `waitMs` and should delay the job (BullMQ
 * `moveToDelayed` + `DelayedError`: no attempt spent, no spinning).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { HttpConfig } from '../config/schema.js';
import { IngestError } from '../errors.js';

/**
 * A granted slot or "come back in waitMs". `started` marks the request as seen by the host
 * (the minDelayMs clock starts there); `release` frees the slot (and marks it, if not yet).
 */
export type HostSlotResult = { ok: true; started: () => Promise<void>; release: () => Promise<void> } | { ok: false; waitMs: number };

/** Default lease, ms: longer than any request (http.timeoutMs default 15 s) with margin. */
export const DEFAULT_LEASE_MS = 60_000;
/** Smallest wait handed back when the host is busy, ms (so a busy host is not polled in a tight loop). */
export const MIN_BUSY_WAIT_MS = 50;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS: slots, last, pending; ARGV: concurrency, minDelayMs, leaseMs, leaseId, minBusyWaitMs
// Returns {1, 0} when granted, {0, waitMs} otherwise. With minDelayMs 0 neither `pending` nor
// `last` is read (no spacing to keep): 4 commands inside the script while the host is under its
// concurrency (TIME, ZCARD, ZADD, PEXPIRE).
const ACQUIRE = `${NOW}
local conc = tonumber(ARGV[1])
local minDelay = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local minBusy = tonumber(ARGV[5])
-- leases of killed workers are dropped only when they would count: a set under the limit
-- needs no cleanup (one command fewer per grant; issue 17)
local held = redis.call('ZCARD', KEYS[1])
if held >= conc then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  held = redis.call('ZCARD', KEYS[1])
end
local wait = 0
if minDelay > 0 then
  local pend = redis.call('PTTL', KEYS[3])
  if pend > 0 then wait = math.min(pend, math.max(minBusy, minDelay)) end
end
if minDelay > 0 then
  local last = tonumber(redis.call('GET', KEYS[2]) or '-1')
  if last >= 0 and now < last + minDelay and last + minDelay - now > wait then wait = last + minDelay - now end
end
if held >= conc then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local busy = math.min(tonumber(first[2]) - now, math.max(minBusy, minDelay))
  if busy > wait then wait = busy end
end
if wait > 0 then return {0, math.max(wait, 1)} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], lease)
if minDelay > 0 then
  redis.call('SET', KEYS[3], ARGV[4], 'PX', lease)
  redis.call('SET', KEYS[2], now, 'PX', minDelay)
end
return {1, 0}
`;

// KEYS: slots, last, pending; ARGV: leaseId, minDelayMs, release (1 = also free the slot)
const MARK = `${NOW}
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('DEL', KEYS[3])
  local last = tonumber(redis.call('GET', KEYS[2]) or '-1')
  if now > last then redis.call('SET', KEYS[2], now, 'PX', math.max(tonumber(ARGV[2]), 1)) end
end
if ARGV[3] == '1' then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
`;

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;
interface PolitenessCommands {
  politenessAcquire: ScriptFn;
  politenessMark: ScriptFn;
}
const defined = new WeakSet<Redis>();

/**
 * The two scripts as ioredis custom commands (`defineCommand`): sent as EVALSHA, falling
 * back to EVAL once per connection when Redis does not have the script cached.
 */
function scripts(redis: Redis): Redis & PolitenessCommands {
  if (!defined.has(redis)) {
    redis.defineCommand('politenessAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand('politenessMark', { numberOfKeys: 3, lua: MARK });
    defined.add(redis);
  }
  return redis as Redis & PolitenessCommands;
}

/**
 * The lease for requests bounded by `timeoutMs` (http.timeoutMs): the request's own limit plus
 * 5 s, so a slot of a worker killed mid-request frees within seconds of the longest possible
 * request instead of DEFAULT_LEASE_MS (a killed worker's slots otherwise stall its hosts for a minute).
 */
export function leaseMsFor(timeoutMs: number): number {
  return timeoutMs + 5000;
}

/** Redis keys of a host's politeness state. */
export function hostKeys(prefix: string, host: string): { slots: string; last: string; pending: string } {
  const h = host.toLowerCase();
  return { slots: `${prefix}:host:{${h}}:slots`, last: `${prefix}:host:{${h}}:last`, pending: `${prefix}:host:{${h}}:pending` };
}

/**
 * Asks for a request slot on `host`.
 * @param host the URL's host (lower-cased here); one politeness budget per host string
 * @param perHost config http.perHost: concurrency (requests in flight), minDelayMs (between starts)
 * @param opts.leaseMs how long a slot is held if never released (crash), ms (default 60000)
 * @returns `{ok: true, started, release}` or `{ok: false, waitMs}` (ms until a slot may be free, with
 *   up to 10% jitter so waiting jobs do not all come back at once)
 * @throws the Redis client's error when Redis is unreachable
 */
export async function acquireHostSlot(
  redis: Redis,
  prefix: string,
  host: string,
  perHost: HttpConfig['perHost'],
  opts: { leaseMs?: number; random?: () => number } = {},
): Promise<HostSlotResult> {
  const keys = hostKeys(prefix, host);
  const leaseId = randomUUID();
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const minDelayMs = perHost.minDelayMs;
  const cmd = scripts(redis);
  const [granted, waitMs] = (await cmd.politenessAcquire(keys.slots, keys.last, keys.pending, perHost.concurrency, minDelayMs, leaseMs, leaseId, MIN_BUSY_WAIT_MS)) as [number, number];
  if (granted !== 1) {
    const jitter = Math.ceil(waitMs * 0.1 * (opts.random ?? Math.random)());
    return { ok: false, waitMs: waitMs + jitter };
  }
  let marked = false;
  let released = false;
  return {
    ok: true,
    started: async () => {
      if (marked || released) return;
      marked = true;
      if (minDelayMs > 0) await cmd.politenessMark(keys.slots, keys.last, keys.pending, leaseId, minDelayMs, 0);
    },
    release: async () => {
      if (released) return;
      released = true;
      // With no minimum delay this grant set no pending mark and no start time: freeing the
      // slot is one ZREM, not the marking script (its TIME and GET; issue 17, commands per article).
      if (minDelayMs > 0) await cmd.politenessMark(keys.slots, keys.last, keys.pending, leaseId, minDelayMs, 1);
      else await redis.zrem(keys.slots, leaseId);
    },
  };
}

/**
 * Longest in-process wait for the slot of a redirect target's host (and of a robots.txt fetch, an
 * AMP canonical page), ms: past it the job is delayed (`host-busy`) as when its first request finds
 * its host busy. Set to the article batch's own in-process wait (BATCH_HOST_WAIT_MS,
 * src/queue/article-batch.ts): a few minDelayMs turns.
 */
export const HOP_WAIT_MAX_MS = 5000;

/** A granted slot for one redirect hop (see `waitHostSlot`). */
export interface HopSlot {
  started: () => Promise<void>;
  release: () => Promise<void>;
}

/**
 * Waits, in process, for a slot of `host`: for a redirect hop to another host than the one whose
 * slot the fetch holds (src/http/fetch.ts `hopSlot`), for a robots.txt fetch, an AMP page's
 * canonical page or a feed poll (requests that are not the job's first page request): asks `acquire` (acquireHostSlot with the
 * host's rules: concurrency, minDelayMs) and sleeps the `waitMs` it hands back, as long as the
 * total wait stays within `maxWaitMs`. The wait is bounded so that a fetch holding one host's slot
 * never waits on a second host for ever (two fetches holding each other's host cannot deadlock).
 * @param opts.maxWaitMs the most to sleep in total, ms (callers: min(HOP_WAIT_MAX_MS, half the fetch's time left))
 * @param opts.signal aborts the sleep (the fetch's own timeout or shutdown); the abort reason is thrown
 * @param opts.what what the request is, for the error message (default `redirect target`)
 * @returns the granted slot (release it after the request)
 * @throws IngestError `host-busy` with `retryAfterMs` (the last waitMs) when not granted in time;
 *   the abort reason; the Redis client's error
 */
export async function waitHostSlot(acquire: () => Promise<HostSlotResult>, host: string, opts: { maxWaitMs: number; signal?: AbortSignal; what?: string }): Promise<HopSlot> {
  for (let waited = 0; ; ) {
    opts.signal?.throwIfAborted();
    const slot = await acquire();
    if (slot.ok) return { started: slot.started, release: slot.release };
    if (waited + slot.waitMs > opts.maxWaitMs) {
      throw new IngestError('host-busy', `${opts.what ?? 'redirect target'} ${host} busy (per-host politeness): no slot within ${opts.maxWaitMs} ms`, { retryAfterMs: slot.waitMs });
    }
    waited += slot.waitMs;
    // node's abortable timer; rejects with the signal's own reason, as the fetch's abort handling expects
    await sleep(slot.waitMs, undefined, { signal: opts.signal }).catch((err: unknown) => {
      throw opts.signal?.reason ?? err;
    });
  }
}
