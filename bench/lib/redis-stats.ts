/**
 * Redis-side figures for the benchmarks: `INFO commandstats` (calls per command, which counts
 * the commands BullMQ's Lua scripts run inside Redis as well as the client's own), `INFO memory`,
 * and a private `redis-server` on a free port, so that other clients of the shared Redis do not
 * pollute the counts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Redis } from 'ioredis';

/** Calls per command name (`evalsha`, `hset`, `config|resetstat`, ...). */
export type CommandCalls = Record<string, number>;

/** Parses `INFO commandstats` into calls per command. */
export function parseCommandStats(info: string): CommandCalls {
  const out: CommandCalls = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** `after - before`, per command, dropping zeros. */
export function diffCalls(before: CommandCalls, after: CommandCalls): CommandCalls {
  const out: CommandCalls = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d > 0) out[k] = d;
  }
  return out;
}

/** Sum of all calls. */
export function totalCalls(c: CommandCalls): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/** Current calls per command on the server. */
export async function commandStats(redis: Redis): Promise<CommandCalls> {
  return parseCommandStats(await redis.info('commandstats'));
}

/** Calls and server time (µs, `usec`) per command name, from `INFO commandstats`. */
export type CommandTimes = Record<string, { calls: number; usec: number }>;

/** Current calls and µs per command on the server (commands run inside scripts are counted under their own names too). */
export async function commandTimes(redis: Redis): Promise<CommandTimes> {
  const out: CommandTimes = {};
  for (const m of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) out[m[1]] = { calls: Number(m[2]), usec: Number(m[3]) };
  return out;
}

/** `after - before` per command, per `per` (articles), as "name calls/µs" text, busiest first; the `info` of the reading itself left out. */
export function commandTimesText(before: CommandTimes, after: CommandTimes, per: number): string {
  const rows: [string, number, number][] = [];
  for (const [k, v] of Object.entries(after)) {
    if (k === 'info') continue;
    const calls = v.calls - (before[k]?.calls ?? 0);
    if (calls > 0) rows.push([k, calls / per, (v.usec - (before[k]?.usec ?? 0)) / per]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  return rows.map(([k, c, u]) => `${k} ${c.toFixed(3)} calls ${u.toFixed(1)} µs`).join(', ');
}

/** `used_memory` in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const m = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  return m ? Number(m[1]) : NaN;
}

/** CPU time the Redis server used since it started (used_cpu_user + used_cpu_sys), ms. */
export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const v = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return (v('used_cpu_user') + v('used_cpu_sys')) * 1000;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` (from PATH) on a free loopback port with no persistence, and waits
 * until it accepts connections (at most 5 s).
 * @throws Error when redis-server is missing or does not start
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`cannot start redis-server: ${e.message}`))));
  const { Redis } = await import('ioredis');
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      await Promise.race([probe.connect().then(() => probe.ping()), failed]);
      break;
    } catch (err) {
      if (Date.now() > deadline || (err as Error).message.startsWith('cannot start')) {
        child.kill();
        throw err;
      }
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
