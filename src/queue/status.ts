/**
 * `status`: counts per queue and state, each configured feed's last fetch and health, and
 * the newest failed jobs with their reasons (ready for `reingest`).
 */
import type { Config } from '../config/schema.js';
import { getFeedState, type FeedState } from '../feeds/state.js';
import type { Queues } from './queues.js';
import type { Redis } from 'ioredis';
import { reasonOfFailed } from './retry.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export interface StatusReport {
  queues: Record<string, Record<string, number>>;
  feeds: ({ id: string; url: string } & FeedState)[];
  failed: { queue: string; jobId: string; url: string | null; reason: string | null; message: string; finishedAt: string | null }[];
}

/** Collects the status report (read-only; a handful of Redis commands per feed). */
export async function collectStatus(cfg: Config, redis: Redis, queues: Queues, failedLimit = 10): Promise<StatusReport> {
  const report: StatusReport = { queues: {}, feeds: [], failed: [] };
  for (const q of [queues.feeds, queues.articles]) {
    report.queues[q.name] = await q.getJobCounts(...STATES);
    const failed = await q.getFailed(0, failedLimit - 1);
    for (const j of failed) {
      report.failed.push({
        queue: q.name,
        jobId: String(j.id),
        url: (j.data as { url?: string })?.url ?? null,
        reason: reasonOfFailed(j.failedReason),
        message: j.failedReason ?? '',
        finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      });
    }
  }
  for (const f of cfg.feeds) report.feeds.push({ id: f.id, url: f.url, ...(await getFeedState(redis, cfg.redis.prefix, f.id)) });
  return report;
}

/** Renders the report as aligned text for a terminal. */
export function formatStatus(r: StatusReport): string {
  const lines: string[] = [];
  lines.push(`queue      ${STATES.map((s) => s.padStart(11)).join('')}`);
  for (const [name, c] of Object.entries(r.queues)) lines.push(`${name.padEnd(10)} ${STATES.map((s) => String(c[s] ?? 0).padStart(11)).join('')}`);
  lines.push('', 'feed'.padEnd(28) + 'last fetch'.padEnd(26) + 'status'.padEnd(16) + 'failures  next attempt');
  for (const f of r.feeds) {
    lines.push(
      f.id.slice(0, 27).padEnd(28) + (f.lastFetchAt ?? 'never').padEnd(26) + (f.lastStatus ?? '-').padEnd(16) + String(f.consecutiveFailures).padEnd(10) + (f.nextAttemptAt ?? '-'),
    );
  }
  if (r.failed.length) {
    lines.push('', 'recent failed jobs:');
    for (const j of r.failed) lines.push(`  ${j.queue}/${j.jobId}  ${j.reason ?? '?'}  ${j.url ?? ''}`);
  }
  return lines.join('\n');
}
