/**
 * Checks `start` makes before anything connects, and the `--once` summary as a log event.
 */
import { closeSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
    /** Feed and article retries due past the run's horizon (a long Retry-After), left in Redis. */
    retriesPending: s.retriesPending ?? 0,
    /** True when a signal ended the run before the queues were drained (exit 130). */
    interrupted: Boolean(s.interrupted),
    /** Times Redis lost its data during the run (every feed was polled again each time). */
    redisResets: s.redisResets ?? 0,
    sinks: cfg.sinks.map((k) => (k.type === 'jsonl' ? `${k.name} ${k.path}` : k.name)),
  };
}

/**
 * Why a JSONL sink's file can never be written, or null: an existing part of its path that is
 * a file, not a folder (mkdir would fail with EEXIST/ENOTDIR); the path itself a folder or
 * something other than a regular file (a device such as `/dev/full` or `/dev/null`, a FIFO,
 * a socket: the sink reads its file back at its first write and rewrites it at compaction, and
 * `/dev/full` or `/dev/zero` read without end); or a file or nearest existing folder this
 * process cannot write. Writability is tried, not asked: the file is opened for append
 * (nothing written), a folder gets a probe file made and removed at once, because `access(2)`
 * says yes to root for a read-only mount or a pseudo file system such as `/proc`, where the
 * first real write then fails (docs/review.md, round 10 and round 12). No folder is made: a
 * folder still to be made is made by the sink. Runtime faults (disk full, a mount gone) are the
 * sink's reason codes.
 */
export function jsonlPathProblem(path: string): string | null {
  const file = resolve(path);
  const st = statOrNull(file);
  if (st?.isDirectory()) return 'is a folder, not a file';
  if (st && !st.isFile()) return `is ${kindOf(st)}, not a regular file (the sink reads its file back and rewrites it)`;
  if (st) return cannotOpen(file, 'a') ?? null;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const d = statOrNull(dir);
    if (d && !d.isDirectory()) return `${dir} is a file, not a folder`;
    if (d) {
      const probe = join(dir, `.news-ingest-probe-${process.pid}`);
      const why = cannotOpen(probe, 'wx');
      if (why === null) rmSync(probe, { force: true });
      return why === null ? null : `a file cannot be made in the folder ${dir} (${why})`;
    }
    if (dir === dirname(dir)) return null;
  }
}

/** What a non-regular, non-folder path is, for the message. */
function kindOf(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Null when `p` opens with `flags` (closed at once), else the error code and what it means here. */
function cannotOpen(p: string, flags: 'a' | 'wx'): string | null {
  try {
    closeSync(openSync(p, flags));
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EACCES' || code === 'EPERM') return flags === 'a' ? 'the file is not writable by this process' : `${code}: not writable by this process`;
    if (code === 'EROFS') return flags === 'a' ? 'the file is on a read-only file system' : 'EROFS: a read-only file system';
    return flags === 'a' ? `the file cannot be opened for writing: ${code}` : code;
  }
}
