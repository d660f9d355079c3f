import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Politeness measured across processes: two worker processes (tsx) each make PER_WORKER
 * requests to one host through acquireHostSlot + fetchResource; the host is the fault server
 * in a third process, which stamps each request's arrival. Every gap between consecutive
 * arrivals must be at least minDelayMs.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const prefix = `test-politeness-proc-${process.pid}`;
const MIN_DELAY_MS = 200;
const PER_WORKER = 6;
let redis: Redis;
let server: ChildProcessWithoutNullStreams;
let serverLines: AsyncIterator<string>;
let origin = '';

beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379');
  server = spawn(tsx, [path.join(repoRoot, 'tests/helpers/fault-server-process.ts')], { cwd: repoRoot });
  serverLines = readline.createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  origin = JSON.parse((await serverLines.next()).value as string).origin;
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  if (server.exitCode === null) server.kill();
});

function runWorker(worker: string): Promise<{ worker: string; done: number; waits: number }> {
  const args = { redisUrl: 'redis://127.0.0.1:6379', prefix, url: `${origin}/feed.xml`, count: PER_WORKER, worker, perHost: { concurrency: 2, minDelayMs: MIN_DELAY_MS } };
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(repoRoot, 'tests/helpers/politeness-worker.ts'), JSON.stringify(args)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')) : reject(new Error(`worker ${worker} exited ${code}: ${err}`))));
  });
}

describe('politeness across two worker processes', () => {
  it(`request arrivals at one host are never closer than minDelayMs (${MIN_DELAY_MS} ms)`, async () => {
    const results = await Promise.all([runWorker('a'), runWorker('b')]);
    expect(results.map((r) => r.done)).toEqual([PER_WORKER, PER_WORKER]);
    server.stdin.write('dump\n');
    const { requests } = JSON.parse((await serverLines.next()).value as string) as { requests: { path: string; at: number }[] };
    const arrivals = requests.filter((r) => r.path.startsWith('/feed.xml?worker=')).map((r) => ({ at: r.at, worker: new URL(r.path, 'http://x').searchParams.get('worker') }));
    expect(arrivals).toHaveLength(2 * PER_WORKER);
    // Both processes took turns and had to wait: the test is about contention.
    expect(new Set(arrivals.map((a) => a.worker))).toEqual(new Set(['a', 'b']));
    expect(results.reduce((s, r) => s + r.waits, 0)).toBeGreaterThan(0);
    const gaps = arrivals.slice(1).map((a, i) => a.at - arrivals[i].at);
    console.log(`politeness: order ${arrivals.map((a) => a.worker).join('')}, ${gaps.length} gaps, min ${Math.min(...gaps).toFixed(1)} ms, max ${Math.max(...gaps).toFixed(1)} ms (minDelayMs ${MIN_DELAY_MS})`);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(MIN_DELAY_MS);
  });
});
