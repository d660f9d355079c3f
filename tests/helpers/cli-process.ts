/**
 * The real CLI (`bin/news-ingest.js`, which registers tsx itself) as a child process, for tests
 * that run the worker as an operator does: `start --once`, `status --json`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root (the child's working directory). */
export const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/news-ingest.js');

/** What a finished CLI run gave: exit code, stdout, stderr, and stdout's JSON lines (pino events). */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
  events: Record<string, unknown>[];
}

/**
 * Runs `news-ingest <args>` to its end in ROOT.
 * @param env extra environment (REDIS_URL, LOG_LEVEL)
 * @param timeoutMs kills the child (SIGKILL) after this long, ms
 */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      const events = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        });
      resolve({ code, out, err, events });
    });
  });
}

/** A running CLI child (service mode): its events so far, a wait for one, and a stop. */
export interface CliService {
  events: Record<string, unknown>[];
  /**
   * Resolves with the first event (past or future) for which `match` is true.
   * @throws Error naming `what` after `timeoutMs`, or when the child exits first
   */
  waitFor(what: string, match: (e: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM, then resolves with the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
  /** stderr so far. */
  stderr(): string;
}

/**
 * Starts `news-ingest <args>` (e.g. `start`) in ROOT and keeps it running.
 * @param opts.fileSizeLimitKiB run it under `ulimit -f` (bash's 1 KiB blocks): a write past the
 *   limit raises SIGXFSZ in it
 */
export function startCli(args: string[], env: Record<string, string>, opts: { fileSizeLimitKiB?: number } = {}): CliService {
  const child =
    opts.fileSizeLimitKiB === undefined
      ? spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
      : // exec: the worker is bash's child no more but the process itself, so a signal's exit is its own
        spawn('bash', ['-c', `ulimit -f ${opts.fileSizeLimitKiB} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  const events: Record<string, unknown>[] = [];
  let err = '';
  let partial = '';
  let exited: number | null | undefined;
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (!l.startsWith('{')) continue;
      try {
        events.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        /* not JSON */
      }
    }
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((r) =>
    child.on('close', (code) => {
      exited = code;
      for (const w of waiters) w();
      r(code);
    }),
  );
  return {
    events,
    stderr: () => err,
    waitFor(what, match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${err.slice(-500)}`)), timeoutMs);
        const check = () => {
          const hit = events.find(match);
          if (hit) done(null, hit);
          else if (exited !== undefined) done(new Error(`the worker exited (${exited}) before ${what}; stderr: ${err.slice(-500)}`));
        };
        const done = (e: Error | null, hit?: Record<string, unknown>) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (e) reject(e);
          else resolve(hit!);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(timeoutMs = 30_000) {
      if (exited !== undefined) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(t);
      return code;
    },
  };
}
