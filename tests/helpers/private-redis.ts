/**
 * A private `redis-server` for the tests that need to break Redis (restart it empty, flush it,
 * change its eviction policy): loopback only, on a free port, keeping nothing on disk
 * (`--save "" --appendonly no`), like many default installs. Never the shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface PrivateRedis {
  port: number;
  url: string;
  /** A client to this server (reconnects across restarts). */
  client: Redis;
  /** Kills the server (SIGKILL) and starts a new, empty one on the same port; resolves when it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (err) {
      if (Date.now() > end) throw new Error(`private redis-server on port ${port} does not answer: ${(err as Error).message}`);
    } finally {
      probe.disconnect();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a private redis-server. `args` are extra server arguments
 * (e.g. `['--maxmemory-policy', 'allkeys-lru']`).
 * @throws Error when redis-server cannot be started or does not answer within 10 s
 */
export async function startPrivateRedis(args: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], { stdio: 'ignore' });
    child.once('error', () => {});
    await waitForPing(port);
  };
  const kill = () =>
    new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGKILL');
    });
  await launch();
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null, retryStrategy: () => 200 });
  client.on('error', () => {});
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    client,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      client.disconnect();
      await kill();
    },
  };
}
