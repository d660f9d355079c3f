/**
 * `jobs list|show|retry|remove`: what operators otherwise do by hand in Redis. Jobs are named
 * `<queue>/<jobId>` as `status` prints them; filters by queue, state and reason code.
 */
import type { Job, Queue } from 'bullmq';
import { ALL_REASONS, UsageError } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import type { RedisClient as Redis } from '../queue/connection.js';
import { reasonOfFailed } from '../retry/policy.js';

/** Job states one can list. */
export const JOB_STATES = ['failed', 'waiting', 'active', 'delayed', 'prioritized', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A filter over jobs. */
export interface JobFilter {
  queue?: string;
  state?: string;
  reason?: string;
  /** Most jobs looked at per queue (default 1000). */
  limit?: number;
}

/** One job as `jobs list` prints it. */
export interface JobRow {
  ref: string;
  state: string;
  name: string;
  url: string | null;
  feedId: string | null;
  trigger: string | null;
  reason: string | null;
  attempts: number;
  addedAt: string;
  finishedAt: string | null;
}

/** Every queue by name: feeds, articles, and one delivery queue per sink (`deliver-<sink>`). */
function queueMap(queues: Queues): Map<string, Queue> {
  const m = new Map<string, Queue>([['feeds', queues.feeds as Queue], ['articles', queues.articles as Queue]]);
  for (const q of Object.values(queues.deliveries ?? {})) m.set(q.name, q as Queue);
  return m;
}

function checkFilter(queues: Queues, f: JobFilter): { queues: string[]; state: JobState } {
  const names = [...queueMap(queues).keys()];
  if (f.queue && !names.includes(f.queue)) throw new UsageError(`unknown queue "${f.queue}" (queues: ${names.join(', ')})`);
  const state = (f.state ?? 'failed') as JobState;
  if (!JOB_STATES.includes(state)) throw new UsageError(`unknown state "${f.state}" (states: ${JOB_STATES.join(', ')})`);
  if (f.reason && !(f.reason in ALL_REASONS)) throw new UsageError(`unknown reason code "${f.reason}" (see the README's reason-code table)`);
  return { queues: f.queue ? [f.queue] : names, state };
}

function queueOf(queues: Queues, name: string): Queue {
  const q = queueMap(queues).get(name);
  if (!q) throw new UsageError(`unknown queue "${name}" (queues: ${[...queueMap(queues).keys()].join(', ')})`);
  return q;
}

function rowOf(queue: string, state: string, j: Job): JobRow {
  const d = (j.data ?? {}) as { url?: string; feedId?: string | null; reason?: string };
  return {
    ref: `${queue}/${j.id}`,
    state,
    name: j.name,
    url: d.url ?? null,
    feedId: d.feedId ?? null,
    trigger: d.reason ?? null,
    reason: reasonOfFailed(j.failedReason),
    attempts: j.attemptsMade,
    addedAt: new Date(j.timestamp).toISOString(),
    finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
  };
}

/** Jobs matching the filter (default state `failed`), newest first per queue. @throws UsageError on an unknown queue, state or reason */
export async function listJobs(queues: Queues, f: JobFilter = {}): Promise<{ rows: JobRow[]; jobs: Job[] }> {
  const { queues: names, state } = checkFilter(queues, f);
  const rows: JobRow[] = [];
  const jobs: Job[] = [];
  for (const name of names) {
    const found = await queueOf(queues, name).getJobs([state], 0, (f.limit ?? 1000) - 1);
    for (const j of found) {
      if (!j) continue;
      const row = rowOf(name, state, j);
      if (f.reason && row.reason !== f.reason) continue;
      rows.push(row);
      jobs.push(j);
    }
  }
  return { rows, jobs };
}

/** Splits `queue/id`. @throws UsageError naming the value */
export function parseJobRef(ref: string): { queue: string; id: string } {
  const m = /^(feeds|articles)\/(.+)$/.exec(ref);
  if (!m) throw new UsageError(`"${ref}" is not a job reference: <queue>/<jobId>, e.g. articles/a-1f2e (as \`status\` and \`jobs list\` print them)`);
  return { queue: m[1], id: m[2] };
}

/**
 * Finds one job. With `redis`, an article job that does not exist but was taken inside a batch
 * job (worker.articleBatch) is named in the error: its claim key holds the batch's id for an
 * hour (src/queue/article-batch.ts, claimItems).
 * @throws UsageError when it does not exist
 */
export async function getJob(queues: Queues, ref: string, redis?: Redis): Promise<{ queue: string; job: Job }> {
  const { queue, id } = parseJobRef(ref);
  const q = queueOf(queues, queue);
  const job = await q.getJob(id);
  if (!job) {
    const batch = queue === 'articles' && redis ? await redis.get(q.toKey(`claim:${id}`)) : null;
    if (batch && batch !== id) throw new UsageError(`no job ${ref} of its own: the article was taken by the batch job articles/${batch} (worker.articleBatch): \`jobs show articles/${batch}\``);
    throw new UsageError(`no job ${ref} (finished jobs are kept 1 hour when completed, 7 days when failed)`);
  }
  return { queue, job };
}

/** Everything about one job, for `jobs show` (`redis`: see getJob). @throws UsageError when it does not exist */
export async function showJob(queues: Queues, ref: string, redis?: Redis): Promise<Record<string, unknown>> {
  const { queue, job } = await getJob(queues, ref, redis);
  const state = await job.getState();
  const logs = await queueOf(queues, queue).getJobLogs(String(job.id));
  return {
    ...rowOf(queue, state, job),
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason ?? null,
    stacktrace: job.stacktrace ?? [],
    returnValue: job.returnvalue ?? null,
    data: job.data,
    logs: logs.logs,
  };
}

/**
 * Retries failed jobs (by reference, or every failed job matching the filter).
 * @returns the references retried
 * @throws UsageError when a referenced job is not failed
 */
export async function retryJobs(queues: Queues, refs: string[], f: JobFilter): Promise<string[]> {
  const targets = refs.length ? await Promise.all(refs.map((r) => getJob(queues, r))) : (await listJobs(queues, { ...f, state: 'failed' })).jobs.map((job) => ({ queue: String(job.queueName), job }));
  const done: string[] = [];
  for (const { queue, job } of targets) {
    const state = await job.getState();
    if (state !== 'failed') throw new UsageError(`${queue}/${job.id} is ${state}, not failed: only failed jobs can be retried`);
    await job.retry('failed');
    done.push(`${queue}/${job.id}`);
  }
  return done;
}

/**
 * Removes jobs (by reference, or every job matching the filter). Active jobs are refused.
 * @returns the references removed
 */
export async function removeJobs(queues: Queues, refs: string[], f: JobFilter): Promise<string[]> {
  const targets = refs.length ? await Promise.all(refs.map((r) => getJob(queues, r))) : (await listJobs(queues, f)).jobs.map((job) => ({ queue: String(job.queueName), job }));
  const done: string[] = [];
  for (const { queue, job } of targets) {
    if ((await job.getState()) === 'active') throw new UsageError(`${queue}/${job.id} is running: it cannot be removed now`);
    await job.remove();
    done.push(`${queue}/${job.id}`);
  }
  return done;
}

/** Aligned text for `jobs list`. */
export function formatJobRows(rows: JobRow[]): string {
  if (!rows.length) return 'no jobs match';
  return rows.map((r) => `${r.ref}  ${r.state}  ${r.trigger ?? '-'}  ${r.reason ?? '-'}  attempts ${r.attempts}  ${r.finishedAt ?? r.addedAt}  ${r.url ?? ''}`).join('\n');
}
