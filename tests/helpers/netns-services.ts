/**
 * Processes run inside the namespaces of a NetnsLab (tests/helpers/netns.ts): a redis-server
 * and a PostgreSQL instance of the test's own, listening on a member's address (what the worker
 * hosts reach over the bridge) and on Unix sockets in the test's temporary directory (what the
 * test itself, in the root namespace, reads them through: a socket file is reached by its path,
 * whatever the namespace).
 *
 * PostgreSQL refuses to run as root: `initdb` and `postgres` run as the `postgres` user when
 * the machine has one, else as `nobody`, through `setpriv` (util-linux; it execs, so the pid is
 * the postmaster's). Trust auth, fsync off: the data directory is thrown away with the run.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NetnsMember } from './netns.js';
import { onPath } from './netns.js';
import { afterPipes } from './child-exit.js';

/** A process started in a namespace. */
export interface NsProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** stdout and stderr. */
  logFile: string;
  /** Sends `signal` and waits up to `graceMs` for the exit, then SIGKILL. Never throws. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * `ip netns exec <ns> [setpriv --reuid u --regid g --clear-groups] <cmd> <args>`, output to `logFile`.
 * @param opts.user run as this user (name), through setpriv
 * @param opts.stdin 'pipe' to write to the process; default ignored
 */
export function spawnIn(
  member: NetnsMember,
  cmd: string,
  args: string[],
  opts: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string; user?: { uid: number; gid: number }; stdin?: 'pipe' | 'ignore'; stdout?: 'pipe' | 'log' },
): NsProcess {
  const priv = opts.user ? ['setpriv', `--reuid=${opts.user.uid}`, `--regid=${opts.user.gid}`, '--clear-groups'] : [];
  const child = spawn('ip', ['netns', 'exec', member.ns, ...priv, cmd, ...args], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(opts.logFile, { flags: 'a' });
  if (opts.stdout !== 'pipe') child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  // once the log holds every line (the pipes ended, the file stream flushed), not at 'exit'
  const exited = afterPipes(child).then((status) => new Promise<number | string>((r) => out.end(() => r(status))));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  return { child, exited, logFile: opts.logFile, stop };
}

/** Polls `fn` every 100 ms until true; throws naming `what` (and the log's tail) after `timeoutMs`. */
async function until(what: string, fn: () => boolean, timeoutMs: number, p?: NsProcess): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (fn()) return;
    if (p && (p.child.exitCode !== null || p.child.signalCode !== null)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = p && existsSync(p.logFile) ? execFileSync('tail', ['-n', '15', p.logFile]).toString() : '';
  throw new Error(`${what} did not come up within ${timeoutMs} ms${tail ? `; its log ends:\n${tail}` : ''}`);
}

/** The directory holding `initdb`, `postgres` and `pg_isready`: initdb's on PATH (links followed), else Debian's newest /usr/lib/postgresql/<v>/bin; null when none. */
export function postgresBinDir(): string | null {
  const initdb = onPath('initdb');
  if (initdb) {
    const dir = dirname(realpathSync(initdb)); // /usr/local/bin/initdb may be a link into Debian's bin directory
    if (existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'pg_isready'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

/** The unprivileged user PostgreSQL runs as: `postgres` when it exists, else `nobody`. */
function postgresUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name]);
    if (r.status === 0) return { name, uid: Number(r.stdout.toString().trim()), gid: Number(spawnSync('id', ['-g', name]).stdout.toString().trim()) };
  }
  throw new Error('no postgres or nobody user to run PostgreSQL as (it refuses root)');
}

/** What the service processes need that this machine lacks, or null (for the skip message). */
export function servicesUnavailable(): string | null {
  if (!onPath('redis-server')) return 'no redis-server on PATH';
  if (!onPath('redis-cli')) return 'no redis-cli on PATH';
  if (!postgresBinDir()) return 'no PostgreSQL server binaries (initdb, postgres) on PATH or in /usr/lib/postgresql/*/bin';
  if (!onPath('setpriv')) return 'no setpriv (util-linux) on PATH, needed to run PostgreSQL as a non-root user';
  return null;
}

export interface NsRedis {
  proc: NsProcess;
  /** For the hosts: `redis://:<password>@<address>:6379`. */
  url: string;
  /** For the test (root namespace): the Unix socket. */
  socket: string;
  password: string;
}

/**
 * redis-server in `member`'s namespace on <address>:6379 and `<dir>/redis.sock`, with a password
 * (as off loopback in a deployment), no persistence, `noeviction`.
 * @throws Error with the end of its log when it does not answer PING within 20 s
 */
export async function startNsRedis(member: NetnsMember, dir: string, password: string): Promise<NsRedis> {
  const socket = join(dir, 'redis.sock');
  const args = ['--bind', member.address, '--port', '6379', '--unixsocket', socket, '--unixsocketperm', '700', '--requirepass', password];
  args.push('--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction');
  const proc = spawnIn(member, 'redis-server', args, { logFile: join(dir, 'redis.log') });
  const ping = () => spawnSync('redis-cli', ['-s', socket, '-a', password, '--no-auth-warning', 'PING']).stdout?.toString().trim() === 'PONG';
  try {
    await until('redis-server in the services namespace', ping, 20_000, proc);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { proc, url: `redis://:${password}@${member.address}:6379`, socket, password };
}

export interface NsPostgres {
  proc: NsProcess;
  /** For the hosts: `postgres://postgres@<address>:5432/postgres`. */
  url: string;
  /** For the test (root namespace): node-postgres options over the Unix socket. */
  local: { host: string; port: number; user: string; database: string };
}

/**
 * A PostgreSQL instance of its own in `member`'s namespace: `initdb` into `<dir>/pg` (trust auth,
 * superuser `postgres`, the member's /24 trusted too), then `postgres` listening on <address>:5432 and a socket in `<dir>/pg`.
 * `dir` is opened for traversal (0711) so the unprivileged user reaches its data directory.
 * @throws Error with the end of the log when initdb fails or the server is not ready within 60 s
 */
export async function startNsPostgres(member: NetnsMember, dir: string): Promise<NsPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('startNsPostgres: no PostgreSQL server binaries found');
  const user = postgresUser();
  const data = join(dir, 'pg');
  mkdirSync(data, { mode: 0o700 });
  chownSync(data, user.uid, user.gid);
  chmodSync(dir, 0o711);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  const init = spawnSync('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { env, cwd: dir });
  if (init.status !== 0) throw new Error(`initdb (as ${user.name}) failed: ${init.stderr.toString().trim().split('\n').slice(-5).join(' | ')}`);
  // initdb trusts loopback only; the hosts come from the bridge's /24 (trust: the network is the test's own).
  appendFileSync(join(data, 'pg_hba.conf'), `host all all ${member.address.replace(/\.\d+$/, '.0')}/24 trust\n`);
  const settings = { listen_addresses: member.address, port: '5432', unix_socket_directories: data, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '60', shared_buffers: '32MB', dynamic_shared_memory_type: 'mmap' };
  const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const proc = spawnIn(member, join(bin, 'postgres'), args, { logFile: join(dir, 'postgres.log'), env, cwd: dir, user });
  const ready = () => spawnSync(join(bin, 'pg_isready'), ['-q', '-h', data, '-p', '5432']).status === 0;
  try {
    await until('PostgreSQL in the services namespace', ready, 60_000, proc);
  } catch (err) {
    await proc.stop('SIGINT'); // a fast shutdown: no shared memory left behind
    throw err;
  }
  return { proc, url: `postgres://postgres@${member.address}:5432/postgres`, local: { host: data, port: 5432, user: 'postgres', database: 'postgres' } };
}
