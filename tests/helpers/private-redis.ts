/**
 * A private redis-server on loopback and a free port, for tests that break Redis: restart it
 * empty, flush it, change its eviction policy (the machine's shared Redis is never touched). By
 * default it keeps nothing on disk (`--save "" --appendonly no`, like many default installs), so
 * a restart comes back empty; with `persist` it keeps an append-only file in its own folder, so
 * what was there before a stop is there after `start`, as with `appendonly yes` in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { tempDir } from './worker.js';

export interface PrivateRedis {
  /** Its loopback port (picked at the first start, kept across restarts). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** A client to this server (created on first use, reconnects across restarts, closed by `stop`). */
  readonly client: Redis;
  /** Starts (again) on the same port; resolves when it answers PING (at once when it runs already). */
  start(): Promise<void>;
  /** Stops it (SIGTERM) and closes `client`; resolves when the process has exited. */
  stop(): Promise<void>;
  /** Kills it (SIGKILL, as a crash) and starts it again, empty, on the same port. */
  restart(): Promise<void>;
  /** Sends `signal` to the running server (SIGSTOP freezes it with its connections open, SIGCONT resumes it). */
  signal(signal: NodeJS.Signals): void;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Starts a private Redis.
 * @param opts.args extra redis-server arguments (e.g. `['--maxmemory-policy', 'allkeys-lru']`)
 * @param opts.persist keep an append-only file, so a stop and `start` keep the data (default false)
 * @throws Error when redis-server does not answer within 10 s, or cannot bind any of 5 free ports
 */
export async function startPrivateRedis(opts: { args?: string[]; persist?: boolean } = {}): Promise<PrivateRedis> {
  // The port is picked free, closed, then bound by redis-server: another process (a parallel
  // test file's listener, an outgoing connection's local port) may take it in between. Then
  // redis-server exits at once, or (worse) the probe reaches the other process's Redis. So a
  // start is only good when the server that answers is our child (INFO's process_id); the
  // first start picks another port when its child could not bind (at most `PORT_TRIES` ports).
  let port = await freePort();
  let url = `redis://127.0.0.1:${port}`;
  const dir = tempDir('redis');
  let child: ChildProcess | null = null;
  let client: Redis | null = null;
  const end = (signal: NodeJS.Signals) => async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill(signal);
    });
  };
  /** Spawns redis-server on `port`; true once our child answers PING, false when it exited first. */
  const launch = async (): Promise<boolean> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--appendonly', opts.persist ? 'yes' : 'no', ...(opts.args ?? [])];
    const c = spawn('redis-server', args, { stdio: 'ignore' });
    child = c;
    c.once('error', () => {});
    const exited = () => c.exitCode !== null || c.signalCode !== null;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !exited()) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
      probe.on('error', () => {});
      try {
        await probe.connect();
        const pid = Number(/process_id:(\d+)/.exec(await probe.info('server'))?.[1]);
        if (pid === c.pid) return true;
        // another process's Redis on the port: ours cannot bind it and exits (waited for below)
      } catch {
        /* not yet */
      } finally {
        probe.disconnect();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!exited()) {
      await end('SIGKILL')();
      throw new Error(`redis-server on port ${port} did not start within 10 s`);
    }
    child = null;
    return false;
  };
  const self: PrivateRedis = {
    get port() {
      return port;
    },
    get url() {
      return url;
    },
    signal(signal) {
      if (!child || child.exitCode !== null) throw new Error(`private Redis on port ${port} is not running: cannot send ${signal}`);
      child.kill(signal);
    },
    get client() {
      if (!client) {
        client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
        client.on('error', () => {});
      }
      return client;
    },
    async start() {
      // already running: a second server on the same port would fail to bind, and the running
      // one would be forgotten (never stopped)
      if (child && child.exitCode === null && child.signalCode === null) return;
      // a restart keeps its port (the tests' clients and workers know it): a few tries while
      // whatever took it in the meantime may let it go
      for (let i = 0; i < 5; i++) {
        if (await launch()) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`redis-server could not bind port ${port} again (another process holds it)`);
    },
    async stop() {
      client?.disconnect();
      client = null;
      await end('SIGTERM')();
    },
    async restart() {
      await end('SIGKILL')();
      await self.start();
    },
  };
  for (let i = 1; !(await launch()); i++) {
    if (i >= PORT_TRIES) throw new Error(`redis-server could not bind any of ${PORT_TRIES} free ports`);
    port = await freePort();
    url = `redis://127.0.0.1:${port}`;
  }
  return self;
}

/** Ports the first start of a private Redis tries before giving up. */
const PORT_TRIES = 5;
