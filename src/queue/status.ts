/**
 * `status`: counts per queue and state, each configured feed's last fetch and health, and
 * the newest failed jobs with their reasons (ready for `reingest`).
 */
import type { Config } from '../config/schema.js';
import { getFeedState, type FeedState } from '../state/feed-state.js';
import { getPollSchedule, pollWhy } from '../state/poll-schedule.js';
import { METRICS, type Queues } from './queues.js';
import { perMinuteRate } from './progress-rate.js';
import type { RedisClient as Redis } from './connection.js'; // one Redis or a Redis Cluster
import { reasonOfFailed } from '../retry/policy.js';
import { evictionVerdictOf, lastRedisReset, readEvictionPolicy, type EvictionVerdict, type RedisReset } from './reconcile.js';
import { redactCredentials } from '../log.js';
import { collectBacklog, type SinkBacklog } from './deliveries.js';
import { feedRetries, feedSchedules, workersOf, type FeedRetry, type FeedSchedule, type WorkerInfo } from '../ops/status-live.js';
import { isSilent } from '../state/feed-state.js';
import { readPageWalls } from '../pipeline/wall-stats.js';
import { HEARTBEAT_TTL_S } from '../ops/heartbeat.js';
import { readNotices, type Notice } from '../state/notices.js';

/** Redis's memory against its `maxmemory`, from INFO memory. */
export interface RedisMemory {
  usedBytes: number;
  /** `maxmemory`, bytes; 0 = no limit. */
  maxBytes: number;
  /** used ≥ maxmemory (a limit set): Redis refuses writes that may add memory (OOM) under noeviction. */
  full: boolean;
}

/** Reads INFO memory; null when Redis does not answer it (a managed Redis may refuse INFO). */
export async function readRedisMemory(redis: Redis): Promise<RedisMemory | null> {
  try {
    const info = await redis.info('memory');
    const num = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
    const usedBytes = num('used_memory');
    const maxBytes = num('maxmemory');
    if (!Number.isFinite(usedBytes) || !Number.isFinite(maxBytes)) return null;
    return { usedBytes, maxBytes, full: maxBytes > 0 && usedBytes >= maxBytes };
  } catch {
    return null;
  }
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/**
 * The workers block of `status`; `redisFull`: Redis refuses writes, so heartbeats are not written.
 * With no live worker but one that exited without a clean stop, the head says so and not "no
 * heartbeat in the last 30 s": the exited process's last beat may be seconds old (round 18,
 * fresh18: after a SIGKILL the two lines contradicted each other).
 */
function formatWorkers(ws: WorkerInfo[], redisFull = false): string[] {
  const alive = ws.filter((w) => !w.exited);
  const gone = ws.length - alive.length;
  const head = alive.length
    ? `workers: ${alive.length} alive`
    : redisFull
      ? 'workers: none seen: Redis is full (see redis below) and refuses heartbeat writes; workers may still be running'
      : gone
        ? 'workers: none alive'
        : 'workers: none alive (no heartbeat in the last 30 s)';
  const stale = (w: WorkerInfo) => Date.now() - Date.parse(w.seenAt) > HEARTBEAT_TTL_S * 1000;
  const line = (w: WorkerInfo) =>
    w.exited
      ? `  ${w.host} pid ${w.pid}  EXITED without a clean stop (pid gone; last beat ${w.seenAt})  last job ${w.lastJob ? `${w.lastJob} at ${w.lastJobAt}` : '-'}`
      : `  ${w.host} pid ${w.pid}  started ${w.startedAt}  last job ${w.lastJob ? `${w.lastJob} at ${w.lastJobAt}` : '-'}` +
        (stale(w) ? `  (heartbeat kept alive, not written since ${w.seenAt}: Redis refuses writes)` : '');
  return [gone ? `${head}, ${gone} exited without a clean stop` : head, ...ws.map(line)];
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Finished jobs of one queue from BullMQ's metrics (all time, and per minute lately). */
export interface QueueProgress {
  /** Jobs completed since metrics began (not capped like the completed set). */
  completedTotal: number;
  failedTotal: number;
  /** Jobs completed per minute over the last `PROGRESS_MINUTES` whole minutes and the current one (less since the first finished job): src/queue/progress-rate.ts. */
  completedPerMinute: number;
  /** Minutes until the waiting, prioritized and active work drains at that rate (articles: the items of batch jobs counted), or null (idle, or no rate yet). */
  etaMinutes: number | null;
}

/** Window of the per-minute rate in `status`, minutes. */
export const PROGRESS_MINUTES = 5;

export interface StatusReport {
  /** Worker processes with a live heartbeat (src/ops/heartbeat.ts). */
  workers: WorkerInfo[];
  queues: Record<string, Record<string, number>>;
  /** Progress per queue (BullMQ metrics, kept by the workers; zeros before the first finished job). */
  progress: Record<string, QueueProgress>;
  /** Each feed's state and schedule; `pollReason`/`pollDetail`: why the next poll is when it is (src/schedule/next-poll.ts; `backoff` while failed polls hold it back, src/state/poll-schedule.ts pollWhy), null before the first poll; `silent` when it brought nothing new for `silentAfterHours`; `retry`: the poll job waiting for its next attempt after a failed one (src/ops/status-live.ts feedRetries), null when none (`consecutiveFailures` counts polls that failed for good, not attempts). */
  feeds: ({ id: string; url: string; silent: boolean; pollReason: string | null; pollDetail: string | null; retry: FeedRetry | null } & FeedState & FeedSchedule)[];
  /** Pages that were not the article, per host and reason (`consent-wall`, `bot-wall`,
   * `no-article-text`, `text-from-feed`): src/pipeline/wall-stats.ts. */
  pageWalls: { host: string; reasons: Record<string, number> }[];
  /** Each sink's delivery backlog (its delivery queue, src/queue/deliveries.ts), in config order,
   * with the last failure of a delivery still retrying or failed for good (why the sink fails). */
  sinks: (SinkBacklog & { lastError: SinkLastError | null })[];
  /** Newest failed jobs: when they failed and after how many attempts. */
  failed: { queue: string; jobId: string; url: string | null; reason: string | null; message: string; finishedAt: string | null; attempts: number }[];
  /** Redis's eviction policy and the last loss of its data the workers saw (src/queue/reconcile.ts). */
  redis: { maxmemoryPolicy: string | null; eviction: EvictionVerdict; lastReset: RedisReset | null; memory: RedisMemory | null };
  /** Events no job keeps (jobs taken over from a dead worker, refused /stories queries, failed /metrics reads), counted by the workers: src/state/notices.ts. */
  notices: Notice[];
}

/** The newest failed attempt among a sink's retrying (delayed) and failed deliveries. */
export interface SinkLastError {
  /** Reason code (src/errors.ts), e.g. `sink-failed`, `sink-misconfigured` (a `MISCONFIGURED` line follows), `sink-rejected`; null when the message has none. */
  reason: string | null;
  /** The attempt's error message (credentials masked with the rest of the report). */
  message: string;
  /** When that attempt ended (ISO time); null when BullMQ kept no time. */
  at: string | null;
  /** Attempts made so far by that delivery. */
  attempts: number;
  /** `retrying` (a delayed retry is due) or `failed` (retries spent or rejected). */
  state: 'retrying' | 'failed';
}

/** How many delayed and failed deliveries per sink are read to find the newest failure. */
const LAST_ERROR_SCAN = 5;

/**
 * The newest failure of a sink's deliveries: up to LAST_ERROR_SCAN delayed and failed jobs
 * (two Redis round trips, only for a sink that has some), by the time of their last attempt.
 */
async function sinkLastError(q: Queues['deliveries'][string], b: SinkBacklog): Promise<SinkLastError | null> {
  const [delayed, failed] = await Promise.all([b.delayed > 0 ? q.getDelayed(0, LAST_ERROR_SCAN - 1) : [], b.failed > 0 ? q.getFailed(0, LAST_ERROR_SCAN - 1) : []]);
  let best: SinkLastError | null = null;
  let bestAt = -1;
  for (const [state, jobs] of [['retrying', delayed], ['failed', failed]] as const) {
    for (const j of jobs) {
      if (!j?.failedReason) continue;
      const at = j.finishedOn ?? j.processedOn ?? 0;
      if (at <= bestAt) continue;
      bestAt = at;
      best = { reason: reasonOfFailed(j.failedReason), message: j.failedReason, at: at ? new Date(at).toISOString() : null, attempts: j.attemptsMade, state };
    }
  }
  return best;
}

/** Batch jobs whose data `articleBacklog` reads to learn their size (the rest are taken to be of the same mean size). */
const BATCH_SAMPLE = 100;

/**
 * Articles waiting, prioritized or running in the articles queue: one per `ingest-article`
 * job, the items of each `ingest-articles` job (ids `b-…`, src/queue/names.ts): the item
 * counts of up to BATCH_SAMPLE of them, their mean for the others (`articleBatch` when none
 * could be read). One ZRANGE/LRANGE per state plus one HGETALL per sampled batch.
 */
async function articleBacklog(q: Queues['articles'], articleBatch: number): Promise<number> {
  const ids = await q.getRanges(['waiting', 'prioritized', 'active'], 0, -1);
  const batches = ids.filter((id) => id.startsWith('b-'));
  if (!batches.length) return ids.length;
  const sizes = (await Promise.all(batches.slice(0, BATCH_SAMPLE).map((id) => q.getJob(id))))
    .map((j) => (j?.data as { items?: unknown[] } | undefined)?.items?.length)
    .filter((n): n is number => typeof n === 'number');
  const mean = sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : articleBatch;
  return ids.length - batches.length + Math.round(batches.length * mean);
}

/** Collects the status report (read-only; a handful of Redis commands per feed and sink). URLs have their credentials masked. */
export async function collectStatus(cfg: Config, redis: Redis, queues: Queues, failedLimit = 10): Promise<StatusReport> {
  const policy = await readEvictionPolicy(redis);
  const report: StatusReport = {
    workers: await workersOf(cfg, redis),
    queues: {},
    progress: {},
    feeds: [],
    sinks: await Promise.all((await collectBacklog(queues.deliveries)).map(async (b) => ({ ...b, lastError: await sinkLastError(queues.deliveries[b.sink], b) }))),
    failed: [],
    pageWalls: [],
    notices: await readNotices(redis, cfg.redis.prefix),
    redis: { maxmemoryPolicy: policy, eviction: evictionVerdictOf(policy), lastReset: await lastRedisReset(redis, cfg.redis.prefix), memory: await readRedisMemory(redis) },
  };
  for (const q of [queues.feeds, queues.articles]) {
    const counts = await q.getJobCounts(...STATES);
    report.queues[q.name] = counts;
    const [done, failedM] = await Promise.all([q.getMetrics('completed', 0, PROGRESS_MINUTES - 1), q.getMetrics('failed', 0, 0)]);
    // the points are placed on their own minutes (they lag: src/queue/progress-rate.ts)
    const perMinute = perMinuteRate(done, Date.now(), PROGRESS_MINUTES, METRICS.maxDataPoints);
    // Delayed jobs are left out: in the feeds queue they are the job schedulers' next ticks.
    // The rate counts articles (a batch bumps the counter by its items: src/queue/article-batch.ts),
    // so the backlog must too: a waiting `ingest-articles` job holds up to worker.articleBatch of them.
    const backlog = q === queues.articles ? await articleBacklog(q, cfg.worker.articleBatch) : (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0);
    report.progress[q.name] = {
      completedTotal: Number(done.meta.count) || 0,
      failedTotal: Number(failedM.meta.count) || 0,
      completedPerMinute: Math.round(perMinute * 10) / 10,
      etaMinutes: backlog > 0 && perMinute > 0 ? Math.ceil(backlog / perMinute) : null,
    };
    const failed = await q.getFailed(0, failedLimit - 1);
    for (const j of failed) {
      report.failed.push({
        queue: q.name,
        jobId: String(j.id),
        url: (j.data as { url?: string })?.url ?? null,
        reason: reasonOfFailed(j.failedReason),
        message: j.failedReason ?? '',
        finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        attempts: j.attemptsMade,
      });
    }
  }
  // Deliveries that failed for good (retries spent, or a sink-rejected): kept 7 days.
  for (const q of Object.values(queues.deliveries)) {
    for (const j of await q.getFailed(0, failedLimit - 1)) {
      report.failed.push({
        queue: q.name,
        jobId: String(j.id),
        url: j.data?.url ?? null,
        reason: reasonOfFailed(j.failedReason),
        message: j.failedReason ?? '',
        finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        attempts: j.attemptsMade,
      });
    }
  }
  const states = new Map<string, FeedState>();
  for (const f of cfg.feeds) states.set(f.id, await getFeedState(redis, cfg.redis.prefix, f.id));
  const schedules = await feedSchedules(cfg, queues, states);
  // a feed whose last attempt failed and is retried: its retry job says when and which attempt
  const retrying = new Set([...states].filter(([, s]) => s.lastStatus?.endsWith('(retrying)')).map(([id]) => id));
  const retries = await feedRetries(queues, redis, retrying);
  const now = new Date();
  for (const f of cfg.feeds) {
    const state = states.get(f.id)!;
    // a feed in back-off says so, not its last good poll's decision
    const why = pollWhy(state, await getPollSchedule(redis, cfg.redis.prefix, f.id), now);
    report.feeds.push({ id: f.id, url: f.url, silent: !!state.lastSuccessAt && isSilent(state, now, f.silentAfterHours), ...state, ...schedules.get(f.id)!, pollReason: why.reason, pollDetail: why.detail, retry: retries.get(f.id) ?? null });
  }
  report.pageWalls = await readPageWalls(redis, cfg.redis.prefix);
  // Feed URLs may carry credentials (in the config, in error messages quoting them).
  return redactCredentials(report) as StatusReport;
}

/** Longest error message `status` prints on one line, characters (MESSAGE_HEAD of them from its start, the rest from its end). */
export const MESSAGE_MAX = 600;
const MESSAGE_HEAD = 200;

/**
 * An error message as `status` prints it: its white space (line breaks of a PostgreSQL error
 * with its hint and detail) collapsed to single spaces, and when it is longer than `max`
 * characters its middle left out (`… (N characters left out) …`), never its end: the cause or
 * the hint (PostgreSQL's `password authentication failed`, a path) often comes last. Before
 * round 20 (fresh20) a sink's last error was cut at 160 characters.
 * @param message any error text
 * @param max longest result without the elision note, characters
 */
export function fitMessage(message: string, max = MESSAGE_MAX): string {
  const m = message.replace(/\s+/g, ' ').trim();
  if (m.length <= max) return m;
  const head = Math.min(MESSAGE_HEAD, Math.floor(max / 3));
  const tail = max - head;
  return `${m.slice(0, head)} … (${m.length - head - tail} characters left out) … ${m.slice(m.length - tail)}`;
}

/** Renders the report as aligned text for a terminal. */
export function formatStatus(r: StatusReport): string {
  const lines: string[] = [];
  lines.push(...formatWorkers(r.workers, r.redis.memory?.full), '');
  // jobs, not articles: an ingest-articles job carries several (worker.articleBatch); progress counts articles
  lines.push(`jobs       ${STATES.map((s) => s.padStart(12)).join('')}`);
  for (const [name, c] of Object.entries(r.queues)) lines.push(`${name.padEnd(10)} ${STATES.map((s) => String(c[s] ?? 0).padStart(12)).join('')}`);
  lines.push('', `progress   ${'completed'.padStart(11)}${'failed'.padStart(11)}${'per minute'.padStart(12)}   drained in   (feeds: polls; articles: articles, a batch job counted by its items)`);
  for (const [name, p] of Object.entries(r.progress)) {
    lines.push(`${name.padEnd(10)} ${String(p.completedTotal).padStart(11)}${String(p.failedTotal).padStart(11)}${String(p.completedPerMinute).padStart(12)}   ${p.etaMinutes === null ? '-' : `~${p.etaMinutes} min`}`);
  }
  // a poll being retried says which attempt comes next (`http-5xx (retry 2/5)`); the column fits the longest
  const statusOf = (f: StatusReport['feeds'][number]) => (f.retry && f.lastStatus ? f.lastStatus.replace(/\(retrying\)$/, `(retry ${f.retry.attempt}/${f.retry.attempts})`) : (f.lastStatus ?? '-'));
  const statusWidth = Math.max(26, ...r.feeds.map((f) => statusOf(f).length + 2));
  lines.push('', 'feed'.padEnd(28) + 'last fetch'.padEnd(26) + 'status'.padEnd(statusWidth) + 'failures  next attempt'.padEnd(36) + 'next poll'.padEnd(26) + 'last new item');
  for (const f of r.feeds) {
    lines.push(
      f.id.slice(0, 27).padEnd(28) +
        (f.lastFetchAt ?? 'never').padEnd(26) +
        statusOf(f).padEnd(statusWidth) +
        String(f.consecutiveFailures).padEnd(10) +
        (f.retry?.at ?? f.nextAttemptAt ?? '-').padEnd(26) +
        (f.nextPollAt ?? 'no job scheduler').padEnd(26) +
        (f.lastNewItemAt ?? 'never') +
        (f.silent ? '  SILENT' : ''),
    );
    if (f.pollReason) lines.push(`${''.padEnd(28)}why: ${f.pollReason} (${f.pollDetail ?? ''})`);
    if (f.movedTo && f.movedFrom === f.url) lines.push(`  moved (${f.movedAt}) to ${f.movedTo}: update the config`);
  }
  if (r.pageWalls.length) {
    lines.push('', 'pages that were not the article, per host:');
    for (const w of r.pageWalls) lines.push(`  ${w.host}  ${Object.entries(w.reasons).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  lines.push('', `sink${' '.repeat(20)}${['pending', 'waiting', 'active', 'delayed', 'failed'].map((h) => h.padStart(9)).join('')}`);
  for (const b of r.sinks) {
    lines.push(b.sink.slice(0, 23).padEnd(24) + [b.pending, b.waiting, b.active, b.delayed, b.failed].map((n) => String(n).padStart(9)).join(''));
    const e = b.lastError;
    if (e) lines.push(`  last error (${e.state}, ${e.attempts} attempts${e.at ? `, ${e.at}` : ''}): ${e.reason && !e.message.startsWith(`[${e.reason}]`) ? `[${e.reason}] ` : ''}${fitMessage(e.message)}`);
    // a fault of the sink's configuration: say what the operator must do, not only "retrying"
    if (e?.reason === 'sink-misconfigured') lines.push(`  MISCONFIGURED: ${b.sink} cannot work as configured; its ${b.pending} pending deliveries wait and are retried until the sink's config or host is fixed`);
  }
  const rr = r.redis;
  const evictionNote = rr.eviction === 'allkeys' ? '  (may evict any key: set noeviction)' : rr.eviction === 'volatile' ? '  (may evict keys with a TTL)' : rr.eviction === 'unknown' ? '  (unknown: make sure it is noeviction)' : '';
  lines.push('', `redis      maxmemory-policy ${rr.maxmemoryPolicy ?? '?'}${evictionNote}`);
  const mem = rr.memory;
  if (mem?.full) {
    lines.push(
      `           FULL: used ${mib(mem.usedBytes)} of maxmemory ${mib(mem.maxBytes)}: Redis refuses writes (OOM, reason redis-unavailable): jobs cannot start or end, heartbeats and feed state are not written; raise maxmemory or free memory`,
    );
  } else if (mem && mem.maxBytes > 0) lines.push(`           memory ${mib(mem.usedBytes)} of maxmemory ${mib(mem.maxBytes)}`);
  if (rr.lastReset) {
    const m = rr.lastReset.missing;
    lines.push(
      `           last data loss ${rr.lastReset.at} (${rr.lastReset.trigger}): ${m.schedulers.length} job schedulers and ${m.feedState.length} feed states missing; seen-set rebuilt from ${rr.lastReset.rebuiltSeen.records} records`,
    );
    const rs = rr.lastReset.rebuiltSeen;
    if (rs.incomplete) lines.push(`           ${rs.incomplete} records some sink lacked (deliveries lost with Redis's data) left unseen: fetched again at their feeds' next polls`);
    if (rs.failedSinks) lines.push(`           [sink-read-failed] could not be read then, their pages may be fetched again: ${rs.failedSinks.map((s) => `${s}: ${fitMessage(rs.sinkErrors?.[s] ?? '?', 300)}`).join('; ')}`);
    if (rs.unreadableSinks) lines.push(`           deliveries pending then to ${rs.unreadableSinks.join(', ')} (cannot be read back) are lost and cannot be counted`);
  }
  if (r.notices?.length) {
    lines.push('', 'noticed (events no job keeps; counts since Redis last lost its data):');
    for (const n of r.notices) lines.push(`  ${n.event.padEnd(23)} ${String(n.count).padStart(6)}  last ${n.lastAt}  [${n.reason}] ${fitMessage(n.detail)}`);
  }
  if (r.failed.length) {
    lines.push('', 'recent failed jobs:');
    for (const j of r.failed) lines.push(`  ${j.finishedAt ?? '-'}  ${j.queue}/${j.jobId}  ${j.reason ?? '?'}  after ${j.attempts} attempt${j.attempts === 1 ? '' : 's'}  ${j.url ?? ''}`);
  }
  return lines.join('\n');
}
