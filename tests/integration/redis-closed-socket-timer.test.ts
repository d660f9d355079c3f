/**
 * A Redis client closed while its server is gone leaves no timer behind (round 18, fresh18; the
 * round 17 leftover "a stop with Redis down still takes ~5 s"). ioredis's `disconnect()` between
 * reconnect attempts armed its 2 s `disconnectTimeout` timer for the socket that had already
 * closed; only that socket's 'close' clears it, so it ran out in full and kept a stopped worker's
 * process alive after `worker.stopped`. A child process holds a worker's client to a private
 * redis-server, the server is stopped, the child disconnects and lists what keeps it alive.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPipes } from '../helpers/child-exit.js';
import { ROOT } from '../helpers/cli-process.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';

let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('closing a worker client while Redis is gone', { timeout: 60_000 }, () => {
  it('arms no timer for the socket that already closed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/closed-socket-child.ts', redis.url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = afterPipes(child);
    let out = '';
    await new Promise<void>((r) =>
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) r();
      }),
    );
    await redis.stop();
    expect(await exited).toBe(0);
    const handles = JSON.parse(out.split('\n')[1]!) as string[];
    expect(handles.filter((h) => h === 'Timeout')).toEqual([]);
  });
});
