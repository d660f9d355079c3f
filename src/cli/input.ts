/**
 * Files named on the command line (`tag FILE`, `stories FILE`, `feed FILE`, `feeds import FILE`,
 * `backfill --urls FILE`, `search|show|stories --list --jsonl FILE`), checked before they are
 * read, so that every command says the same thing about the same fault, naming the path:
 * - missing (ENOENT, ENOTDIR): bad usage, exit 2 (the argument names nothing), as `extract`
 *   of a missing file;
 * - a folder, or a file this process may not read (EACCES, EPERM): exit 1 (a runtime failure:
 *   the file is there), with the path (Node's own EISDIR error names none).
 */
import { accessSync, constants, createReadStream, statSync, type ReadStream } from 'node:fs';
import { fsErrorText, UsageError } from '../errors.js';
import type { Config } from '../config/schema.js';

/**
 * Checks that `path` is a file this process can read.
 * @param label how the message names the argument (`--urls`, `tag`), or '' for none
 * @throws UsageError (exit 2) when nothing is at `path`; Error (exit 1) when it is a folder
 *   or cannot be read; both messages `cannot read <path>: <code>: <meaning>`
 */
export function checkInputFile(path: string, label = ''): void {
  const head = `${label ? `${label}: ` : ''}cannot read ${path}`;
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${head}: ${fsErrorText(err)}`);
    throw new Error(`${head}: ${fsErrorText(err)}`);
  }
  if (isDir) throw new Error(`${head}: ${fsErrorText({ code: 'EISDIR' })}`);
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    throw new Error(`${head}: ${fsErrorText(err)}`);
  }
}

/**
 * The input of a command that reads lines from FILE or stdin: stdin for no file or `-`, else
 * the file, checked by `checkInputFile` first, and opened.
 * @throws as checkInputFile; the open's fs error (a file removed in between)
 */
export async function openInput(file: string | undefined, label = ''): Promise<NodeJS.ReadableStream> {
  if (!file || file === '-') return process.stdin;
  checkInputFile(file, label);
  const stream: ReadStream = createReadStream(file);
  await new Promise<void>((res, rej) => stream.once('open', () => res()).once('error', (e: Error) => rej(e)));
  return stream;
}

/**
 * A URL named on the command line (`feed URL`, `feed discover URL`, `extract URL`, `backfill
 * --site/--sitemap URL`, `--url`), checked before anything is fetched: an absolute http(s) URL
 * with a host. One that is not is bad usage (exit 2, as `reingest url`), not a fetch failure.
 * @param name how the message names the argument (`--site`, `feed`)
 * @returns `value` unchanged
 * @throws UsageError naming the argument and the value
 */
export function checkHttpUrlArg(name: string, value: string): string {
  let u: URL | null = null;
  try {
    u = new URL(value);
  } catch {
    u = null;
  }
  if (!u || !/^https?:$/.test(u.protocol) || !u.hostname) throw new UsageError(`${name}: not an absolute http(s) URL: ${JSON.stringify(value)}`);
  return value;
}

/**
 * Refuses a feed id the config does not have, before anything connects (exit 2; with Redis down
 * it was exit 3 with Redis's message, the id never named).
 * @param what how the command line named it (`--feed`), empty for a positional argument
 * @throws UsageError naming the id and the configured ones
 */
export function checkFeedIdArg(cfg: Config, id: string, what = ''): void {
  if (!cfg.feeds.some((f) => f.id === id)) throw new UsageError(`${what ? `${what}: ` : ''}unknown feed id "${id}" (configured: ${cfg.feeds.map((f) => f.id).join(', ') || 'none'})`);
}
