/**
 * When a child process is done for a test that reads what it wrote: its exit and the end of
 * its output pipes (a child's 'exit' can come before its last lines were read).
 */
import type { ChildProcess } from 'node:child_process';

/**
 * The exit code (or signal name) of `child`, once its stdout and stderr pipes have ended too
 * ('close'): at 'exit' the last lines it wrote may still be unread. A grandchild that keeps a
 * pipe open cannot hold it for ever: 10 s after 'exit' it settles anyway.
 */
export function afterPipes(child: ChildProcess): Promise<number | string> {
  return new Promise((r) => {
    let timer: NodeJS.Timeout | undefined;
    child.once('exit', (code, sig) => {
      timer = setTimeout(() => r(code ?? sig ?? -1), 10_000);
      timer.unref();
    });
    child.once('close', (code, sig) => {
      clearTimeout(timer);
      r(code ?? sig ?? -1);
    });
  });
}
