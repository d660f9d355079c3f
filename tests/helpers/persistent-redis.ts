/**
 * A private redis-server on loopback and a free port that can be stopped and started again
 * on the same port (the machine's shared Redis is never stopped). With `persist`, it keeps an
 * append-only file in its own folder, so what was there before a stop is there after the
 * start, as in a production Redis with `appendonly yes`. (For a Redis that comes back empty,
 * see the resilience tests' private Redis.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { tempDir } from './worker.js';

export interface PersistentRedis {
  port: number;
  url: string;
  /** Starts (again) on the same port; resolves when it answers PING. */
  start(): Promise<void>;
  /** Stops it (SIGTERM: it writes its data first when persisting); resolves when the process has exited. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts a private Redis. */
export async function startPersistentRedis(opts: { persist?: boolean } = {}): Promise<PersistentRedis> {
  const port = await freePort();
  const dir = tempDir('redis');
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const self: PersistentRedis = {
    port,
    url,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--appendonly', opts.persist ? 'yes' : 'no'];
      child = spawn('redis-server', args, { stdio: 'ignore' });
      const end = Date.now() + 10_000;
      while (Date.now() < end) {
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
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((r) => {
        c.once('exit', () => r());
        c.kill('SIGTERM');
      });
    },
  };
  await self.start();
  return self;
}
