/**
 * Round 8, second review (docs/review.md): the new pieces of round 8 as a new operator meets them,
 * each run in a child process from a working directory that is not the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { JsonlRecordStore } from '../../src/search/store.js';
import { handleStoriesRequest } from '../../src/stories/page.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
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

describe('an empty story list says which window it looked at', () => {
  // records published in 2020: the default windows (7 days for --list, 14 for the page) hold none
  const dir = tempDir('cli-review9-window');
  const file = join(dir, 'articles.jsonl');
  writeFileSync(file, [1, 2].map((n) => JSON.stringify(makeRecord({ n, publishedAt: `2020-03-0${n}T10:00:00.000Z` }))).join('\n') + '\n');
  const cfg = join(dir, 'cfg.yaml');
  writeFileSync(cfg, `feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks: [ { type: jsonl, path: ${file} } ]\n`);

  it('`stories --list` names the bound and the option (before: "no stories in that time")', () => {
    const r = cli(dir, ['-c', cfg, 'stories', '--list', '--jsonl', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^no stories with articles since \d{4}-\d\d-\d\d \d\d:\d\d UTC \(--since 7d\); older ones: --since 365d or --since YYYY-MM-DD\n$/);
    const wide = cli(dir, ['-c', cfg, 'stories', '--list', '--jsonl', file, '--since', '2020-01-01', '--format', 'jsonl']);
    expect(wide.out.trim().split('\n').length).toBeGreaterThan(0);
    expect(wide.out).toContain('Peace talks, round 1');
  });

  it('/stories says "in these N days" and links a year (before: "No stories.")', async () => {
    const store = new JsonlRecordStore(file);
    const now = Date.parse('2020-12-01T00:00:00Z');
    const server = createServer((req, res) => void handleStoriesRequest(req, res, { store, now: () => now }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await (await fetch(`${base}/stories?q=talks`)).text();
      expect(page).toContain('No stories in these 14 days: <a href="?q=talks&amp;days=365&amp;by=language">the last 365 days</a>.');
      const year = await (await fetch(`${base}/stories?q=talks&days=365&by=language`)).text();
      expect(year).toContain('Peace talks, round 1');
      expect(year).not.toContain('No stories');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
