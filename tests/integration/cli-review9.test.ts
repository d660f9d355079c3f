/**
 * Round 8, second review (docs/review.md): the new pieces of round 8 as a new operator meets them,
 * each run in a child process from a working directory that is not the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
// the launcher registers tsx itself: the working directory need not have node_modules
const BIN = join(ROOT, 'bin/news-ingest.js');

/** Runs the CLI to its end in `cwd`. */
function cli(cwd: string, args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info', REDIS_URL: 'redis://127.0.0.1:1' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

vi.setConfig({ testTimeout: 120_000 });

describe('a config/stories/event-kinds.yaml of the working directory that cannot be used', () => {
  const dir = tempDir('cli-review9-kinds');
  const cfg = join(dir, 'cfg.yaml');
  writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks: [ { type: jsonl, path: out/a.jsonl } ]\n');
  const line = `${JSON.stringify({ id: 'x1', title: 'Talks in Washington', text: 'Mirzoyan and Bayramov met in Washington.' })}\n`;
  const kinds = join(dir, 'config/stories/event-kinds.yaml');
  mkdirSync(join(dir, 'config/stories'), { recursive: true });

  it('not YAML: `stories` exits 2 naming the file (before: exit 1, the YAML message alone)', () => {
    writeFileSync(kinds, 'kinds: [\n');
    const r = cli(dir, ['-c', cfg, 'stories', '-'], line);
    expect(r.code).toBe(2);
    expect(r.err).toContain('config/stories/event-kinds.yaml');
    expect(r.err).toContain(`working directory ${dir}`);
    expect(r.out).toBe('');
  });

  it('not the format: `start --once` exits 2 with a worker.failed event (before: exit 1 and no event after worker.start)', () => {
    writeFileSync(kinds, 'kinds:\n  talks: { weight: x }\n');
    const r = cli(dir, ['-c', cfg, 'start', '--once']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('config/stories/event-kinds.yaml');
    expect(r.err).toContain('kinds.talks.weight');
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l) as { event?: string; reason?: string; err?: string });
    const failed = events.find((e) => e.event === 'worker.failed');
    expect(failed?.reason).toBe('start-failed');
    expect(failed?.err).toContain('config/stories/event-kinds.yaml');
  });

  it('a folder: exit 2 naming it', () => {
    const d = tempDir('cli-review9-kinds-dir');
    mkdirSync(join(d, 'config/stories/event-kinds.yaml'), { recursive: true });
    const r = cli(d, ['-c', cfg, 'stories', '-'], line);
    expect(r.code).toBe(2);
    expect(r.err).toContain('config/stories/event-kinds.yaml');
    expect(r.err).toContain('EISDIR: is a folder');
  });
});
