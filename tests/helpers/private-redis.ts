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
  port: number;
  url: string;
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
 * @throws Error when redis-server does not answer within 10 s
 */
export async function startPrivateRedis(opts: { args?: string[]; persist?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = tempDir('redis');
  let child: ChildProcess | null = null;
  let client: Redis | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const end = (signal: NodeJS.Signals) => async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill(signal);
    });
  };
  const self: PrivateRedis = {
    port,
    url,
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
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--appendonly', opts.persist ? 'yes' : 'no', ...(opts.args ?? [])];
      child = spawn('redis-server', args, { stdio: 'ignore' });
      child.once('error', () => {});
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
        probe.on('error', () => {});
        try {
          await probe.connect();
          if ((await probe.ping()) === 'PONG') return;
        } catch {
          /* not yet */
        } finally {
          probe.disconnect();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`redis-server on port ${port} did not start`);
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
  await self.start();
  return self;
}
