/**
 * A Redis URL the client cannot use is refused by the config check (exit 2, naming `redis.url`
 * or the REDIS_URL variable), not at connect time (src/config/schema.ts, redisUrlProblem).
 * Before (fresh15): `redis://127.0.0.1:99999`, `redis://h:abc`, `redis://[::1` passed
 * `config check` and `start` then failed with a bare "Invalid URL" (exit 1); a path that is no
 * database number (`/abc`) made ioredis send `SELECT NaN` and the process died with a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/worker.js';

const feeds = [{ id: 'a', url: 'https://a.example/rss' }];

function problems(raw: unknown, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(raw, 'x.yaml', env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('redis.url', () => {
  it('refuses a URL that does not parse or whose path is no database number, naming the key', () => {
    for (const url of ['redis://127.0.0.1:99999', 'redis://127.0.0.1:abc', 'redis://[::1']) {
      expect(problems({ redis: { url }, feeds })).toEqual(['redis.url: invalid URL: it does not parse (a port over 65535 or not a number, an unclosed [IPv6] host, a space?)']);
    }
    expect(problems({ redis: { url: 'redis://127.0.0.1:6379/abc' }, feeds })).toEqual(['redis.url: invalid URL: the path must be a database number (/0, /1, ...), got "/abc"']);
    expect(problems({ redis: { url: 'redis://127.0.0.1:6379/0/1' }, feeds })).toEqual(['redis.url: invalid URL: the path must be a database number (/0, /1, ...), got "/0/1"']);
    expect(problems({ redis: { url: 'http://127.0.0.1:6379' }, feeds })).toEqual(['redis.url: invalid URL (redis:// expected)']);
  });

  it('accepts the forms ioredis reads: host, port, password, database number, TLS, query options, IPv6', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://10.0.0.5:6380/3', 'rediss://user:pw@redis.example:6380/0?family=6', 'redis://:pw@redis', 'redis://[::1]:6379']) {
      expect(problems({ redis: { url }, feeds }), url).toEqual([]);
    }
  });

  it('names REDIS_URL when the environment gives the bad URL, and never quotes its password', () => {
    const p = problems({ feeds }, { REDIS_URL: 'redis://:hunter2@127.0.0.1:99999' });
    expect(p).toEqual(['REDIS_URL (environment variable, for redis.url): invalid URL: it does not parse (a port over 65535 or not a number, an unclosed [IPv6] host, a space?)']);
    expect(p.join('\n')).not.toContain('hunter2');
  });

  it('checks cluster seed nodes the same way (and still wants no path there)', () => {
    expect(problems({ redis: { cluster: ['redis://10.0.0.1:70000'], prefix: '{n}' }, feeds })).toEqual(['redis.cluster[0]: invalid URL: it does not parse (a port over 65535 or not a number, an unclosed [IPv6] host, a space?)']);
    expect(problems({ redis: { cluster: ['redis://10.0.0.1:7000/'], prefix: '{n}' }, feeds })).toEqual(['redis.cluster[0]: invalid cluster node: no path after host:port (redis://host:port expected)']);
    expect(problems({ redis: { cluster: ['redis://10.0.0.1:7000'], prefix: '{n}' }, feeds })).toEqual([]);
  });

  it('`config check` (a real process) exits 2 naming redis.url, with no stack trace', () => {
    const dir = tempDir('config-redis-url');
    const root = resolve(__dirname, '../..');
    for (const [url, said] of [
      ['redis://127.0.0.1:6379/abc', 'redis.url: invalid URL: the path must be a database number'],
      ['redis://127.0.0.1:99999', 'redis.url: invalid URL: it does not parse'],
    ] as const) {
      const file = join(dir, 'c.yaml');
      writeFileSync(file, `redis:\n  url: "${url}"\nfeeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${join(dir, 'out.jsonl')} }\n`);
      const r = spawnSync(process.execPath, [join(root, 'bin/news-ingest.js'), 'config', 'check', '-c', file], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, REDIS_URL: '' } });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
