/** Forking the benchmark's TypeScript child processes and waiting for their IPC messages. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Forks `bench/lib/<file>` under tsx with an IPC channel; stdout is dropped (the workers' logs),
 * stderr inherited. `nodeFlags` go to node (e.g. `--cpu-prof`, `--max-semi-space-size=64`).
 */
export function forkTs(file: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  const child = fork(join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx', ...nodeFlags], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
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
