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
