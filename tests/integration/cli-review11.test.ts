/**
 * Round 9 new-user leftovers (docs/review.md "Round 9 (new user)"), each through the real CLI
 * in a child process (no Redis needed: both are refused or answered before connecting):
 * - a config with no feeds (a 0-byte file) passed `config check` while `start` refused it
 *   (exit 2): `config check` now refuses it with start's message and exit code;
 * - `feed FILE` / `feed -` read the input whole, with no cap: now held to `http.maxBytes`, as a
 *   fetched feed is (`[too-large]`, exit 1, naming the file and the cap).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/worker.js';

const dir = tempDir('cli-review11');
// nothing here connects: a closed loopback port, so a command that did would fail, not hang
const env = { REDIS_URL: 'redis://127.0.0.1:1', NEWS_INGEST_CONFIG: '', LOG_LEVEL: 'info' };
const NO_FEEDS = /the config has no feeds: a worker started with it would remove the job schedulers of every feed under the prefix "[^"]+"\. Add feeds, or pass --allow-empty if that is what you want\./;

describe('a config with no feeds', { timeout: 180_000 }, () => {
  const empty = join(dir, 'empty.yaml');
  writeFileSync(empty, '');
  const sinksOnly = join(dir, 'sinks-only.yaml');
  writeFileSync(sinksOnly, `sinks:\n  - { type: jsonl, path: ${join(dir, 'out.jsonl')} }\n`);

  it.each([['a 0-byte file', empty], ['a file with sinks and no feeds', sinksOnly]])('%s: config check refuses it as start does (exit 2, same message)', async (_what, cfg) => {
    const [check, start] = await Promise.all([runCli(['-c', cfg, 'config', 'check'], env), runCli(['-c', cfg, 'start'], env)]);
    expect(start.code).toBe(2);
    expect(start.err).toMatch(NO_FEEDS);
    expect(check.code).toBe(2);
    expect(check.err.trim()).toBe(start.err.trim());
    expect(check.out).toBe('');
  });

  it('config check --allow-empty prints it; a config with a feed still passes', async () => {
    const allowed = await runCli(['-c', empty, 'config', 'check', '--allow-empty'], env);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.out).feeds).toEqual([]);
    const one = join(dir, 'one-feed.yaml');
    writeFileSync(one, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');
    const ok = await runCli(['-c', one, 'config', 'check'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).feeds.map((f: { id: string }) => f.id)).toEqual(['a']);
  });
});

describe('feed FILE and feed - are held to http.maxBytes', { timeout: 180_000 }, () => {
  const cap = 4000;
  const cfg = join(dir, 'small-cap.yaml');
  writeFileSync(cfg, `http:\n  maxBytes: ${cap}\n`);
  const rss = (titleLength: number) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${'T'.repeat(titleLength)}</title><link>https://a.example/</link>` +
    '<item><title>Border talks resume</title><link>https://a.example/1</link><guid>1</guid></item></channel></rss>';
  const big = join(dir, 'big.xml');
  writeFileSync(big, rss(cap + 10));
  const small = join(dir, 'small.xml');
  writeFileSync(small, rss(200));
  const tooLarge = (what: string) => `[too-large] ${what}: over ${cap} bytes, the cap on a feed (http.maxBytes in the config, as for a fetched feed)`;

  it('a file over the cap: exit 1, naming the file and the cap; nothing printed', async () => {
    const r = await runCli(['-c', cfg, 'feed', big], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(tooLarge(big));
    expect(r.out).not.toContain('TTTT');
  });

  it('an endless file (/dev/zero) stops at the cap', async () => {
    const r = await runCli(['-c', cfg, 'feed', '/dev/zero'], env, 60_000);
    expect(r.code).toBe(1);
    expect(r.err).toContain(tooLarge('/dev/zero'));
  });

  it('stdin over the cap: exit 1, naming stdin and the cap', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/news-ingest.js'), '-c', cfg, 'feed', '-'], { cwd: ROOT, env: { ...process.env, ...env }, input: rss(cap + 10), encoding: 'utf8', timeout: 90_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(tooLarge('feed - (stdin)'));
  });

  it('a file under the cap is read as before', async () => {
    const r = await runCli(['-c', cfg, 'feed', small], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Border talks resume');
    expect(r.out).toMatch(/items\s+1\s/);
  });
});
