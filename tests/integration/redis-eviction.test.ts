/**
 * Eviction (issue 11): a Redis that may evict any key (`maxmemory-policy allkeys-*`) would drop
 * queued jobs, job schedulers and the seen-set in silence. `start` refuses it (exit 3, saying
 * why and how to fix it, as a JSON log event too) unless `redis.allowEviction: true`;
 * `volatile-*` warns once; `status` shows the policy. The real CLI against a private redis-server.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/crash-fixture.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { tempDir } from '../helpers/worker.js';

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete env.REDIS_URL;
  delete env.NEWS_INGEST_CONFIG;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli.ts'), ...args], { cwd: REPO_ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
const events = (out: string, name: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.event === name);

describe('Redis eviction policy', () => {
  let redis: PrivateRedis;
  const dir = tempDir('eviction');
  const config = (allowEviction: boolean) => {
    const f = join(dir, `config-${allowEviction}.yaml`);
    writeFileSync(f, stringify({ redis: { url: redis.url, prefix: 'evict', allowEviction }, feeds: [], sinks: [{ type: 'jsonl', path: join(dir, 'a.jsonl') }] }));
    return f;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis({ args: ['--maxmemory-policy', 'allkeys-lru'] });
  });
  afterAll(() => redis?.stop());

  it('allkeys-*: refuses to start with exit 3, saying why and how to fix it', async () => {
    const r = await cli(['start', '--once', '--allow-empty', '--config', config(false)]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('maxmemory-policy allkeys-lru');
    expect(r.err).toContain('CONFIG SET maxmemory-policy noeviction');
    expect(r.err).toContain('redis.allowEviction: true');
    expect(events(r.out, 'redis.eviction')).toEqual([expect.objectContaining({ policy: 'allkeys-lru', outcome: 'refused', reason: 'eviction-allkeys' })]);
  }, 120_000);

  it('allkeys-* with redis.allowEviction: starts, and says so', async () => {
    const r = await cli(['start', '--once', '--allow-empty', '--config', config(true)]);
    expect(r.code).toBe(0);
    expect(events(r.out, 'redis.eviction')).toEqual([expect.objectContaining({ policy: 'allkeys-lru', outcome: 'allowed' })]);
  }, 120_000);

  it('volatile-*: starts and warns once; status shows the policy', async () => {
    await redis.client.config('SET', 'maxmemory-policy', 'volatile-lru');
    const r = await cli(['start', '--once', '--allow-empty', '--config', config(false)]);
    expect(r.code).toBe(0);
    expect(events(r.out, 'redis.eviction')).toEqual([expect.objectContaining({ policy: 'volatile-lru', outcome: 'warned', reason: 'eviction-volatile' })]);
    const s = await cli(['status', '--json', '--config', config(false)]);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).redis).toMatchObject({ maxmemoryPolicy: 'volatile-lru', eviction: 'volatile' });
    const text = await cli(['status', '--config', config(false)]);
    expect(text.out).toContain('maxmemory-policy volatile-lru  (may evict keys with a TTL)');
  }, 120_000);
});
