/**
 * Files named on the command line: every command that reads one says the same thing about the
 * same fault, naming the path (src/cli/input.ts): a missing file is bad usage (exit 2), a folder
 * or an unreadable file a runtime failure (exit 1). Child processes, as an operator runs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // no Redis is reached: every case fails before connecting (port 1 refuses at once if one did)
    env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL: 'redis://127.0.0.1:1' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// seven child processes per case: at load 17 on 2 cores a case took 35–55 s (review8)
describe('file arguments', { timeout: 180_000 }, () => {
  const dir = tempDir('cli-input');
  const missing = join(dir, 'no-such-file.jsonl');
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const cfg = join(dir, 'cfg.yaml');
  writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');
  const commands: [string, (f: string) => string[], string][] = [
    ['tag', (f) => ['tag', f], ''],
    ['stories', (f) => ['stories', f], ''],
    ['feeds import', (f) => ['feeds', 'import', f], ''],
    ['feed', (f) => ['feed', f], ''],
    ['search --jsonl', (f) => ['search', 'talks', '--jsonl', f], '--jsonl: '],
    ['show --jsonl', (f) => ['show', 'abc', '--jsonl', f], '--jsonl: '],
    ['backfill --urls', (f) => ['backfill', '--since', '2025-01-01', '--urls', f], '--urls: '],
  ];

  it('a missing file: exit 2, the path named, for every command that reads one', () => {
    for (const [name, args, label] of commands) {
      const r = cli(['-c', cfg, ...args(missing)]);
      if (name === 'feed') {
        // `feed` takes a feed id, a URL or a file: a name that is none of them says so
        expect(r.code, name).toBe(2);
        expect(r.err, name).toContain(`"${missing}" is not a configured feed id, an http(s) URL or a file`);
        continue;
      }
      expect({ name, code: r.code }).toEqual({ name, code: 2 });
      expect(r.err, name).toContain(`news-ingest: ${label}cannot read ${missing}: ENOENT: no such file or folder`);
      expect(r.out, name).toBe('');
    }
  });

  it('no -c in a folder without config/default.yaml: exit 2, saying where the default was looked for and how to name one', () => {
    const env = { ...process.env };
    delete env.NEWS_INGEST_CONFIG;
    // tsx named by its resolved URL: the working directory is outside the repository
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli.ts'), 'tag', '-'], {
      cwd: dir,
      input: '{"id":"x","title":"t","text":"t"}\n',
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid config config/default.yaml:\n  (file): cannot read: ENOENT: no such file or folder (the default, relative to the working directory ${dir}: pass -c FILE or set NEWS_INGEST_CONFIG)`);
  });

  it('a folder: exit 1 with the path named (not a bare EISDIR), and no backfill run recorded', () => {
    for (const [name, args, label] of commands) {
      const r = cli(['-c', cfg, ...args(folder)]);
      expect({ name, code: r.code }).toEqual({ name, code: 1 });
      expect(r.err, name).toContain(`news-ingest: ${label}cannot read ${folder}: EISDIR: is a folder, not a file`);
      // refused before Redis is reached (a backfill run over a folder stayed `running` for ever)
      expect(r.err, name).not.toContain('backfill.start');
      expect(r.err, name).not.toContain('Redis');
    }
  });

  it('a file that is no JSONL sink file (binary, foreign lines): search, show and stories --list refuse it by name (exit 2); skipped lines of a sink file are counted', () => {
    const binary = join(dir, 'photo.dat');
    writeFileSync(binary, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)));
    for (const args of [['search', 'talks'], ['show', 'abc'], ['stories', '--list']]) {
      const r = cli(['-c', cfg, ...args, '--jsonl', binary]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(new RegExp(`${binary.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: none of its \\d+ lines is a record \\(a JSON object with a string "id"\\): not a JSONL sink file`));
    }
    const mixed = join(dir, 'mixed.jsonl');
    writeFileSync(mixed, `${JSON.stringify({ id: 'r1', title: 'Ministers meet in Washington', text: 'Armenia and Azerbaijan', url: 'https://a.example/r1', publishedAt: '2025-08-08T10:00:00Z', language: 'en' })}\nnot json at all\n{"no":"id"}\n`);
    const r = cli(['-c', cfg, 'search', 'Washington', '--jsonl', mixed]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ministers meet in Washington');
    expect(r.err).toContain(`news-ingest: ${mixed}: 2 of 3 lines are not records (not JSON, or no "id") and were skipped`);
  });
});
