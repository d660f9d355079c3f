/** Forking the benchmark's TypeScript child processes and waiting for their IPC messages. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where compiled children are looked for with `built` (`npx tsc -p tsconfig.json` writes
 * bench/ and src/ to dist/, as the image runs the service from dist/).
 */
export const BUILT_DIR = join(import.meta.dirname, '../../dist/bench/lib');

/**
 * Forks `bench/lib/<file>` under tsx with an IPC channel; stdout is dropped (the workers' logs),
 * stderr inherited. `nodeFlags` go to node (e.g. `--cpu-prof`, `--max-semi-space-size=64`).
 * `built`: runs the compiled `dist/bench/lib/<file>.js` with plain node instead (no tsx: what a
 * deployment runs); the corpus path is passed on in `NEWS_INGEST_SHARED_DIR`.
 * @throws Error when `built` and the compiled file is missing
 */
export function forkTs(file: string, env: Record<string, string>, nodeFlags: string[] = [], built = false): ChildProcess {
  let path = join(import.meta.dirname, file);
  let execArgv = ['--import', 'tsx', ...nodeFlags];
  if (built) {
    path = join(BUILT_DIR, file.replace(/\.ts$/, '.js'));
    if (!existsSync(path)) throw new Error(`${path} not found: compile first with \`npx tsc -p tsconfig.json\``);
    execArgv = nodeFlags;
    env = { NEWS_INGEST_SHARED_DIR: resolve(import.meta.dirname, '../../../shared'), ...env };
  }
  const child = fork(path, [], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Children still running; killed when this process exits (a failed run leaves no orphan waiting for "go"). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/**
 * The next IPC message of `type` from `child`.
 * @throws Error when the child reports `{type:'error'}` or exits first
 */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((res, rej) => {
    const onMsg = (m: { type?: string; message?: string }) => {
      if (m?.type === type) {
        child.off('message', onMsg);
        res(m as T);
      } else if (m?.type === 'error') rej(new Error(`child ${child.pid}: ${m.message}`));
    };
    child.on('message', onMsg);
    child.once('exit', (code) => rej(new Error(`child ${child.pid} exited (${code}) before "${type}"`)));
  });
}
