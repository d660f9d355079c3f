/**
 * A throw-away Redis Cluster on loopback for tests: six `redis-server --cluster-enabled yes`
 * processes (three masters, three replicas) in a temp dir, joined with
 * `redis-cli --cluster create ... --cluster-replicas 1 --cluster-yes`. Each node is a child
 * process of the test, so `kill -9` of one is a real crash; `stop()` ends them all.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One node of the cluster. */
export interface ClusterNode {
  port: number;
  proc: ChildProcess;
  exited: Promise<unknown>;
}

export interface LocalCluster {
  nodes: ClusterNode[];
  /** Seed URLs, `redis://127.0.0.1:<port>`, one per node. */
  urls: string[];
  /** `redis-cli -p <port> <args>` on a node; its stdout. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The port of the master that serves `slot` now, as a live node sees it (null while none does). */
  masterOf(slot: number): Promise<number | null>;
  /** The hash slot of `key` (CLUSTER KEYSLOT). */
  keySlot(key: string): Promise<number>;
  stop(): Promise<void>;
}

/** A loopback port that is free, and whose cluster bus port (+10000) is free too. */
async function freePort(taken: Set<number>): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if (taken.has(port) || taken.has(port + 10000) || taken.has(port - 10000)) continue;
    if ((await isFree(port)) && (await isFree(port + 10000))) return port;
  }
  throw new Error('no free port pair for a cluster node');
}

/**
 * Starts the cluster and waits until every node says `cluster_state:ok`.
 * @param nodeTimeoutMs `cluster-node-timeout`: how long a master may be silent before its replica takes over (Redis default 15000)
 * @throws Error when a node does not start or the cluster does not form within 60 s
 */
export async function startLocalCluster(opts: { nodeTimeoutMs?: number } = {}): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const taken = new Set<number>();
  const nodes: ClusterNode[] = [];
  const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 })).stdout;
  const stop = async () => {
    for (const n of nodes) if (n.proc.exitCode === null && n.proc.signalCode === null) n.proc.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 6; i++) {
      const port = await freePort(taken);
      taken.add(port);
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 2000), '--save', '', '--appendonly', 'no', '--dir', dir],
        { cwd: dir, stdio: 'ignore' },
      );
      nodes.push({ port, proc, exited: new Promise((r) => proc.on('exit', r)) });
    }
    for (const n of nodes) await waitUntil(`redis-server on ${n.port}`, async () => (await cli(n.port, 'PING').catch(() => '')).trim() === 'PONG', 15_000);
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 60_000 });
    for (const n of nodes) await waitUntil(`cluster_state:ok on ${n.port}`, async () => (await cli(n.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'), 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const alive = () => nodes.filter((n) => n.proc.exitCode === null && n.proc.signalCode === null);
  return {
    nodes,
    urls: nodes.map((n) => `redis://127.0.0.1:${n.port}`),
    cli,
    keySlot: async (key) => Number((await cli(alive()[0]!.port, 'CLUSTER', 'KEYSLOT', key)).trim()),
    masterOf: async (slot) => {
      const out = await cli(alive()[0]!.port, 'CLUSTER', 'NODES');
      for (const line of out.split('\n')) {
        const f = line.split(' ');
        if (!f[2]?.includes('master') || f[2].includes('fail')) continue;
        for (const range of f.slice(8)) {
          const [a, b] = range.split('-').map(Number);
          if (slot >= a! && slot <= (b ?? a)!) return Number(/:(\d+)@/.exec(f[1]!)![1]);
        }
      }
      return null;
    },
    stop,
  };
}

async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
