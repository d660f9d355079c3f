/**
 * A worker loads the optional packages only when its config needs them (issue 17 round 8: a
 * worker with the JSONL sink alone and no ops listener never loads pg, prom-client, express or
 * bull-board: ~5 MB of its main thread's heap), and loads and uses them when it does. Each case
 * runs the real worker in its own process (tests/helpers/lazy-modules-child.ts) against the local
 * Redis and PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../helpers/crash-fixture.js';
import { dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const prefixes: string[] = [];
const tables: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(p);
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${t}, ${t}_migrations, ${t}_revisions`);
  await client.end();
});

interface ChildReport {
  loaded: Record<string, boolean>;
  topicsHere: boolean;
  opsUrl: string | null;
  metrics: { status: number; names: boolean } | null;
}

async function runChild(name: string, extra: Record<string, unknown>, threads = 0): Promise<ChildReport> {
  const prefix = uniquePrefix(`lazy-${name}`);
  prefixes.push(prefix);
  const config = { redis: { url: REDIS_URL, prefix }, feeds: [], sinks: [{ type: 'jsonl', path: join(tempDir('lazy'), 'out.jsonl') }], ...extra };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/helpers/lazy-modules-child.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LAZY_CONFIG: JSON.stringify(config), LAZY_THREADS: String(threads), NEWS_INGEST_CONFIG: '', NEWS_INGEST_OPS_TOKEN: '' },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport;
}

describe('optional packages are loaded when configured, and only then', () => {
  it('a worker with the JSONL sink and no ops listener loads none of pg, prom-client, express, bull-board', async () => {
    const r = await runChild('jsonl', {});
    expect(r.opsUrl).toBeNull();
    expect(r.loaded).toEqual({ pg: false, 'prom-client': false, express: false, '@bull-board/api': false });
  }, 120_000);

  it('a PostgreSQL sink loads pg; an ops listener loads prom-client, express and bull-board and serves /metrics', async () => {
    const table = `lazy_${process.pid}_${Date.now().toString(36)}`;
    tables.push(table);
    const r = await runChild('pg-ops', {
      sinks: [{ type: 'postgres', url: PG_URL, table }],
      ops: { listen: '127.0.0.1:0' },
    });
    expect(r.loaded).toEqual({ pg: true, 'prom-client': true, express: true, '@bull-board/api': true });
    expect(r.opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.metrics).toEqual({ status: 200, names: true });
  }, 120_000);

  it('with an extraction thread the main thread compiles no topic (the thread does); without one it does', async () => {
    const threaded = await runChild('threads', {}, 1);
    expect(threaded.topicsHere).toBe(false);
    const inProcess = await runChild('no-threads', {}, 0);
    expect(inProcess.topicsHere).toBe(true);
  }, 120_000);
});
