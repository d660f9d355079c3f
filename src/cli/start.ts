/**
 * Checks `start` makes before anything connects, and the `--once` summary as a log event.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { opsSettingsOf, type OpsSettings } from '../ops/settings.js';
import type { RunSummary } from '../queue/worker.js';

/**
 * Refuses a config without feeds unless `allowEmpty` (a start syncs the job schedulers to the
 * config, so an empty one would remove every feed's scheduler of the prefix), and resolves
 * the ops listener's settings, and refuses a JSONL sink whose file can never be written (see
 * jsonlPathProblem).
 * @throws UsageError (exit 2) for an empty config or an unwritable JSONL path; OpsConfigError
 *   (exit 2) for bad ops settings
 */
export function checkStart(cfg: Config, o: { allowEmpty?: boolean; opsListen?: string; once?: boolean }): OpsSettings | null {
  cfg.sinks.forEach((k, i) => {
    if (k.type !== 'jsonl') return;
    const problem = jsonlPathProblem(k.path);
    if (problem) throw new UsageError(`sinks[${i}] (${k.name}): ${k.path}: ${problem}; every delivery to it would fail. Fix the path or the folder's permissions.`);
  });
  checkHasFeeds(cfg, o);
  return opsSettingsOf(cfg, o.opsListen);
}

/**
 * Refuses a config without feeds (a 0-byte file included) unless `allowEmpty`: `start` (via
 * checkStart) and `config check` give the same message and exit code, so a config that
 * passes the check is not refused by `start` for it.
 * @param o.once the message for `start --once` (does nothing) rather than a service start
 *   (removes the prefix's job schedulers)
 * @throws UsageError (exit 2)
 */
export function checkHasFeeds(cfg: Config, o: { allowEmpty?: boolean; once?: boolean }): void {
  if (cfg.feeds.length === 0 && !o.allowEmpty) {
    throw new UsageError(
      `the config has no feeds: a worker started with it would ${o.once ? 'do nothing' : 'remove the job schedulers of every feed under the prefix "' + cfg.redis.prefix + '"'}. ` +
        'Add feeds, or pass --allow-empty if that is what you want.',
    );
  }
}

/** The `run.summary` log event of `start --once` (stable fields; the message is the human line). */
export function summaryEvent(s: RunSummary, cfg: Config): Record<string, unknown> {
  return {
    event: 'run.summary',
    durationMs: s.durationMs,
    feeds: { completed: s.feeds.completed, failed: s.feeds.failed, retried: s.feeds.retried, outcomes: s.feeds.outcomes },
    articles: { completed: s.articles.completed, failed: s.articles.failed, retried: s.articles.retried, relevant: s.articles.relevant, outcomes: s.articles.outcomes },
    deliveries: { completed: s.deliveries.completed, failed: s.deliveries.failed, retried: s.deliveries.retried, outcomes: s.deliveries.outcomes },
    /** Per sink name: deliveries still queued when the run ended (retries due later). */
    deliveriesPending: s.deliveriesPending,
    /** True when a signal ended the run before the queues were drained (exit 130). */
    interrupted: Boolean(s.interrupted),
    /** Times Redis lost its data during the run (every feed was polled again each time). */
    redisResets: s.redisResets ?? 0,
    sinks: cfg.sinks.map((k) => (k.type === 'jsonl' ? `${k.name} ${k.path}` : k.name)),
  };
}

/**
 * Why a JSONL sink's file can never be written, or null: an existing part of its path that is
 * a file, not a folder (mkdir would fail with EEXIST/ENOTDIR), or a nearest existing folder
 * (or the file itself) this process may not write. Only existing paths are read (stat and
 * access, no mkdir): a folder still to be made is made by the sink. Runtime faults (disk
 * full, a mount gone) are the sink's reason codes.
 */
export function jsonlPathProblem(path: string): string | null {
  const file = resolve(path);
  const st = statOrNull(file);
  if (st?.isDirectory()) return 'is a folder, not a file';
  if (st) return writable(file) ? null : 'the file is not writable by this process';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const d = statOrNull(dir);
    if (d && !d.isDirectory()) return `${dir} is a file, not a folder`;
    if (d) return writable(dir) ? null : `the folder ${dir} is not writable by this process`;
    if (dir === dirname(dir)) return null;
  }
}

function statOrNull(p: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
