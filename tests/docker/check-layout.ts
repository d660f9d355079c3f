/**
 * The Docker layout check (`npm run check:docker`; .ci/run runs it). No Docker engine runs on
 * the project's machines, so the image is checked by doing what `docker build` and
 * `docker run` would do, on this host:
 *   1. each stage of the Dockerfile gets its own root folder; its COPY lines copy exactly what
 *      they name from the build context (minus .dockerignore) or from an earlier stage;
 *   2. its RUN lines run there (`sh -c`, cwd = WORKDIR, the stage's ENV; absolute paths under
 *      the WORKDIR's top folder are mapped into the stage root; `chown node:node` uses the
 *      node image's uid/gid 1000);
 *   3. the last stage's ENTRYPOINT + `start --once` runs against the local Redis and the
 *      fixture site on loopback, as the image's USER (uid 1000 through setpriv when this
 *      process is root), without a terminal and with one (`script -qec`), then `status` with
 *      a terminal. A production install has no pino-pretty: a terminal must not break logging.
 * What it cannot check: the base image's own files (node and npm come from this host, which
 * must run the same Node major as the FROM line) and Docker's layer cache.
 * Prints one line per step and `docker layout check: ok` or `... FAILED`; exit 0 or 1.
 * Options: --keep (keep the stage folders), --redis URL (default REDIS_URL or 127.0.0.1:6379).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { parse as parseYaml, stringify } from 'yaml';
import { SITE_DIR, startSiteServer } from '../../bench/lib/site-server.js';
import { deleteKeysWithPrefix } from '../../src/queue/connection.js';
import { dockerignoreMatcher, parseDockerfile, stageByRef, type Stage } from './dockerfile.js';

/** Users of the base image: node:20-slim creates `node` with uid 1000 and gid 1000 (docker-library/node's Dockerfile). */
export const IMAGE_USERS: Record<string, { uid: number; gid: number }> = { node: { uid: 1000, gid: 1000 }, root: { uid: 0, gid: 0 } };

const REPO = resolve(import.meta.dirname, '../..');

interface Ctx {
  out: string;
  roots: Map<number, string>;
  lines: string[];
  ok: boolean;
}

function say(ctx: Ctx, line: string, ok = true): void {
  ctx.lines.push(line);
  console.log(line);
  if (!ok) ctx.ok = false;
}

/** Files under `dir` (relative paths), walking directories. */
function filesUnder(dir: string, base = dir): string[] {
  if (!statSync(dir).isDirectory()) return [relative(base, dir)];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}

function inRoot(root: string, stage: Stage, p: string): string {
  return join(root, p.startsWith('/') ? p : join(stage.workdir, p));
}

/** COPY: from the context (honouring .dockerignore) or from an earlier stage's root. */
function copyStep(ctx: Ctx, stages: Stage[], stage: Stage, root: string, step: Extract<Stage['steps'][number], { kind: 'copy' }>, ignored: (rel: string) => boolean): number {
  const destIsDir = step.dest.endsWith('/') || step.srcs.length > 1;
  const dest = inRoot(root, stage, step.dest);
  let count = 0;
  for (const src of step.srcs) {
    const fromRoot = step.from === null ? REPO : ctx.roots.get(stageByRef(stages, step.from).index)!;
    const abs = step.from === null ? join(REPO, src) : join(fromRoot, src);
    if (!existsSync(abs)) throw new Error(`Dockerfile line ${step.line}: COPY source ${src} does not exist${step.from ? ` in stage ${step.from}` : ' in the build context'}`);
    if (step.from === null && ignored(src.replace(/^\.\//, ''))) throw new Error(`Dockerfile line ${step.line}: COPY source ${src} is excluded by .dockerignore`);
    const isDir = statSync(abs).isDirectory();
    const target = isDir ? dest : destIsDir ? join(dest, src.split('/').pop()!) : dest;
    const files = filesUnder(abs).filter((f) => step.from !== null || !ignored(relative(REPO, join(abs, f))));
    for (const f of files) {
      const to = isDir ? join(target, f) : target;
      mkdirSync(dirname(to), { recursive: true });
      cpSync(isDir ? join(abs, f) : abs, to);
    }
    count += files.length;
  }
  return count;
}

/** RUN: `sh -c` in the stage root, absolute paths under the WORKDIR's top folder mapped into it. */
function runStep(stage: Stage, root: string, cmd: string): { status: number | null; output: string } {
  const top = `/${stage.workdir.split('/').filter(Boolean)[0] ?? ''}`;
  let mapped = top === '/' ? cmd : cmd.replace(new RegExp(`(^|[\\s=])${top}(?=/|\\s|$)`, 'g'), `$1${join(root, top)}`);
  mapped = mapped.replace(/\bchown\s+(\w+):(\w+)/g, (m, u: string, g: string) => (IMAGE_USERS[u] && IMAGE_USERS[g] ? `chown ${IMAGE_USERS[u].uid}:${IMAGE_USERS[g].gid}` : m));
  const cwd = inRoot(root, stage, '.');
  mkdirSync(cwd, { recursive: true });
  const env = { ...process.env, ...stage.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false' };
  const r = spawnSync('sh', ['-c', mapped], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * Runs the image's command as its USER; with `tty` under `script` so stdout is a terminal.
 * Asynchronous: the fixture site is served from this process's event loop.
 */
async function runImage(stage: Stage, root: string, args: string[], env: Record<string, string>, tty: boolean): Promise<{ status: number | null; output: string; as: string }> {
  const user = IMAGE_USERS[stage.user ?? 'root'];
  if (!user) throw new Error(`Dockerfile: USER ${stage.user} is not a user of the base image the check knows (IMAGE_USERS)`);
  const asOther = process.getuid?.() === 0 && user.uid !== 0;
  const argv = [...(asOther ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'] : []), ...stage.entrypoint, ...args];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const fullEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', TERM: 'xterm', ...stage.env, ...env };
  const [cmd, ...rest] = tty ? ['script', '-qec', quoted, '/dev/null'] : argv;
  const child = spawn(cmd, rest, { cwd: inRoot(root, stage, '.'), env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { status, output, as: asOther ? `uid ${user.uid}` : `uid ${process.getuid?.()} (not root: USER ${stage.user} not switched to)` };
}

/** Starts the image's command as its USER without a terminal and returns the child (a long-running `start`). */
function startImage(stage: Stage, root: string, args: string[], env: Record<string, string>): { child: ReturnType<typeof spawn>; output: () => string } {
  const user = IMAGE_USERS[stage.user ?? 'root'];
  const asOther = process.getuid?.() === 0 && user.uid !== 0;
  const argv = [...(asOther ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'] : []), ...stage.entrypoint, ...args];
  const child = spawn(argv[0], argv.slice(1), { cwd: inRoot(root, stage, '.'), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', ...stage.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return { child, output: () => out };
}

/** A free loopback TCP port. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** JSONL records in a file: distinct ids. */
function recordIds(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id),
  );
}

/**
 * Runs the whole check.
 * @returns the printed lines and whether every step passed
 */
export async function checkDockerLayout(opts: { redisUrl: string; keep?: boolean }): Promise<{ ok: boolean; lines: string[]; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'news-ingest-docker-'));
  chmodSync(out, 0o755);
  const ctx: Ctx = { out, roots: new Map(), lines: [], ok: true };
  const stages = parseDockerfile(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
  const ignored = dockerignoreMatcher(existsSync(join(REPO, '.dockerignore')) ? readFileSync(join(REPO, '.dockerignore'), 'utf8') : '');
  say(ctx, `docker layout check: ${stages.length} stages in ${join(REPO, 'Dockerfile')}, stage roots under ${out}; node ${process.version} on this host`);
  try {
    for (const stage of stages) {
      const root = join(out, `stage-${stage.index}${stage.name ? `-${stage.name}` : ''}`);
      mkdirSync(root, { recursive: true, mode: 0o755 });
      ctx.roots.set(stage.index, root);
      say(ctx, `stage ${stage.index}${stage.name ? ` (${stage.name})` : ''}: FROM ${stage.from}, WORKDIR ${stage.workdir}`);
      for (const step of stage.steps) {
        if (step.kind === 'copy') {
          const n = copyStep(ctx, stages, stage, root, step, ignored);
          say(ctx, `  COPY ${step.from ? `--from=${step.from} ` : ''}${step.srcs.join(' ')} ${step.dest}: ${n} files`);
        } else {
          const t0 = process.hrtime.bigint();
          const r = runStep(stage, root, step.cmd);
          const s = (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1);
          say(ctx, `  RUN ${step.cmd}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${s} s`, r.status === 0);
          if (r.status !== 0) {
            console.log(r.output.split('\n').slice(-30).join('\n'));
            throw new Error(`RUN at Dockerfile line ${step.line} failed`);
          }
        }
      }
    }
    const last = stages[stages.length - 1];
    const root = ctx.roots.get(last.index)!;
    const app = inRoot(root, last, '.');
    const pretty = existsSync(join(app, 'node_modules/pino-pretty'));
    say(ctx, `runtime stage: USER ${last.user ?? 'root'}, ENTRYPOINT ${JSON.stringify(last.entrypoint)}, CMD ${JSON.stringify(last.cmd)}, pino-pretty installed: ${pretty ? 'yes' : 'no'}`);
    say(ctx, `  non-root user: ${last.user && last.user !== 'root' ? 'yes' : 'NO'}`, !!last.user && last.user !== 'root');
    for (const v of last.volumes) {
      const dir = join(root, v);
      const st = existsSync(dir) ? statSync(dir) : null;
      const want = IMAGE_USERS[last.user ?? 'root'];
      say(ctx, `  VOLUME ${v}: ${st ? `owner uid ${st.uid}` : 'MISSING'}`, !!st && st.uid === want?.uid);
    }

    const server = await startSiteServer(SITE_DIR);
    const prefix = `docker-check-${process.pid}-${Date.now().toString(36)}`;
    const config = join(out, 'config.yaml');
    writeFileSync(
      config,
      stringify({
        redis: { url: opts.redisUrl, prefix },
        feeds: [
          { id: 'caucasus-ledger', url: `${server.baseUrl}/feeds/world.xml` },
          { id: 'vestnik-ru', url: `${server.baseUrl}/feeds/ru.xml` },
          { id: 'regional-desk', url: `${server.baseUrl}/feeds/regional.atom` },
        ],
        sinks: [{ type: 'jsonl', path: 'data/articles.jsonl', only: 'all' }],
        http: { allowPrivateNetworks: true, perHost: { concurrency: 4, minDelayMs: 0 } },
      }),
      { mode: 0o644 },
    );
    const env = { NEWS_INGEST_CONFIG: config, REDIS_URL: opts.redisUrl };
    const records = join(app, 'data/articles.jsonl');
    try {
      const runs: [string, string[], boolean][] = [
        ['start --once, no terminal', [...last.cmd, '--once'], false],
        ['start --once, terminal (script)', [...last.cmd, '--once'], true],
        ['status, terminal (script)', ['status'], true],
      ];
      for (const [label, args, tty] of runs) {
        const before = recordIds(records).size;
        const r = await runImage(last, root, args, env, tty);
        const transportError = /unable to determine transport target/.test(r.output);
        const jsonLines = r.output.split(/\r?\n/).filter((l) => {
          try {
            return typeof (JSON.parse(l) as { event?: unknown }).event === 'string';
          } catch {
            return false;
          }
        }).length;
        const ids = recordIds(records).size;
        const ok = r.status === 0 && !transportError && (!args.includes('--once') || ids === 7);
        say(ctx, `  ${last.entrypoint.join(' ')} ${args.join(' ')} [${label}, ${r.as}]: exit ${r.status}, ${jsonLines} JSON log lines, records ${before} -> ${ids}${transportError ? ', pino-pretty transport error' : ''}`, ok);
        if (!ok) console.log(r.output.split('\n').slice(-30).join('\n'));
      }
      const st = existsSync(records) ? statSync(records) : null;
      say(ctx, `  data/articles.jsonl written by uid ${st?.uid ?? '-'}`, !!st);

      // docker-compose.yml's worker: its command with the ops listener on, then its healthcheck
      // run in the same "container" (uid, cwd), then SIGTERM (what `docker compose stop` sends).
      const compose = parseYaml(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8')) as { services: { worker: { command?: string[]; healthcheck?: { test: string[] } } } };
      const worker = compose.services.worker;
      const test = worker.healthcheck?.test ?? [];
      if (test[0] !== 'CMD' || test.length < 2) throw new Error('docker-compose.yml: the worker has no exec-form healthcheck (["CMD", ...])');
      const port = await freePort();
      const healthArgs = test.slice(1).map((a) => a.replaceAll(':9464', `:${port}`));
      const opsConfig = join(out, 'config-ops.yaml');
      writeFileSync(opsConfig, readFileSync(config, 'utf8') + stringify({ ops: { listen: `127.0.0.1:${port}` } }), { mode: 0o644 });
      const running = startImage(last, root, worker.command ?? last.cmd, { ...env, NEWS_INGEST_CONFIG: opsConfig });
      let healthy: { status: number | null } = { status: null };
      let tries = 0;
      const exited = new Promise<number | null>((r) => running.child.on('exit', (code) => r(code)));
      for (; tries < 60 && running.child.exitCode === null; tries++) {
        const user = IMAGE_USERS[last.user ?? 'root'];
        const pre = process.getuid?.() === 0 && user.uid !== 0 ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'] : [];
        const argv = [...pre, ...healthArgs];
        healthy = await new Promise((r) => spawn(argv[0], argv.slice(1), { cwd: app, stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } }).on('exit', (code) => r({ status: code })));
        if (healthy.status === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      say(ctx, `  healthcheck ${JSON.stringify(test.slice(0, 3))}… (port 9464 -> ${port}) during \`${[...last.entrypoint, ...(worker.command ?? last.cmd)].join(' ')}\`: exit ${healthy.status} after ${tries + 1} tries`, healthy.status === 0);
      running.child.kill('SIGTERM');
      const code = await exited;
      say(ctx, `  SIGTERM to the running worker: exit ${code}`, code === 0);
      if (healthy.status !== 0 || code !== 0) console.log(running.output().split('\n').slice(-20).join('\n'));
    } finally {
      await server.close();
      const redis = new Redis(opts.redisUrl);
      await deleteKeysWithPrefix(redis, prefix).catch(() => 0);
      redis.disconnect();
    }
  } catch (err) {
    say(ctx, `  ${(err as Error).message}`, false);
  }
  say(ctx, `docker layout check: ${ctx.ok ? 'ok' : 'FAILED'}`, ctx.ok);
  if (!opts.keep && ctx.ok) rmSync(out, { recursive: true, force: true });
  return { ok: ctx.ok, lines: ctx.lines, out };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--redis');
  const redisUrl = at >= 0 ? args[at + 1] : (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const r = await checkDockerLayout({ redisUrl, keep: args.includes('--keep') });
  process.exit(r.ok ? 0 : 1);
}
