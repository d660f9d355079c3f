/**
 * The file-size limit (`ulimit -f`, RLIMIT_FSIZE; systemd's `LimitFSIZE=`, a container's
 * ulimits). A write that would pass it raises SIGXFSZ, whose default action ends the process
 * (with a core file) before the write returns: before round 10 (docs/review.md, faults12) the
 * worker died after its JSONL file reached the limit, with no log line, a `status` of
 * "EXITED without a clean stop", and the articles in hand left to the stalled-job checker.
 *
 * With a listener the signal is caught, the write fails with `EFBIG`, and the JSONL sink's
 * delivery is retried from its delivery queue (`sink-failed`, `status` shows the error), as on
 * a full disk. The first signal is logged (`process.file-size-limit`, a warning with the
 * limit read from /proc/self/limits when there is one); the next ones are counted in the
 * sink's errors, not logged again.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';

/**
 * The soft "Max file size" limit of this process in bytes, from /proc/self/limits (Linux);
 * null when unlimited or unknown (no /proc).
 */
export function fileSizeLimitBytes(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max file size'));
    const soft = line?.slice('Max file size'.length).trim().split(/\s+/)[0];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/**
 * Catches SIGXFSZ for the life of the process (see the module comment): writes past the limit
 * fail with EFBIG instead of killing the process. Logs `process.file-size-limit` (warn, reason
 * `sink-failed`) at the first signal.
 * @param log the worker's logger
 */
export function onFileSizeLimit(log: Logger): void {
  let seen = false;
  process.on('SIGXFSZ', () => {
    if (seen) return;
    seen = true;
    log.warn(
      { event: 'process.file-size-limit', reason: 'sink-failed', limitBytes: fileSizeLimitBytes() },
      'a write passed the file-size limit (ulimit -f, LimitFSIZE=): it fails with EFBIG and is retried; raise the limit or rotate the file',
    );
  });
}
