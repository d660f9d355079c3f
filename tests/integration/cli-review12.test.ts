/**
 * Round 10 new-user review (docs/review.md "Round 10 (new user, review12)"), through the real CLI
 * in a child process from a working directory that is not the repository (nothing here connects:
 * REDIS_URL is a closed loopback port, so a command that did would fail, not hang):
 * - a config, topic or stories table file that is not UTF-8 was read with every bad byte turned
 *   into U+FFFD: a UTF-16 config came out as an unknown key `"��feeds"`, a Latin-1 byte in a feed
 *   URL passed `config check`; now refused naming the file and the byte's offset;
 * - `config check` passed what `start` refuses before connecting: a topic file that does not
 *   exist, an ops listener off loopback without a token.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/worker.js';

const BIN = join(ROOT, 'bin/news-ingest.js');
const env = { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', NEWS_INGEST_CONFIG: '', LOG_LEVEL: 'info' };

/** Runs the CLI to its end in `cwd` with `input` on stdin. */
function cli(cwd: string, args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.end(input);
  });
}

const FEED = 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n';

describe('a file that is not UTF-8', { timeout: 240_000 }, () => {
  const dir = tempDir('cli-review12-utf8');

  it('a UTF-16 config: config check and start exit 2 naming the file, offset 0 and the byte order mark (before: unknown key "��feeds")', async () => {
    const cfg = join(dir, 'utf16.yaml');
    writeFileSync(cfg, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FEED, 'utf16le')]));
    const [check, start] = await Promise.all([cli(dir, ['-c', cfg, 'config', 'check']), cli(dir, ['-c', cfg, 'start', '--once'])]);
    for (const r of [check, start]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain(`invalid config ${cfg}:`);
      expect(r.err).toContain('(file): not UTF-8: byte 0xFF at byte offset 0 (line 1, byte 1 of the line)');
      expect(r.err).toContain('UTF-16LE byte order mark');
      expect(r.err).not.toContain('Unrecognized key');
    }
    expect(check.out).toBe('');
  });

  it('a Latin-1 byte in a feed URL: exit 2 with its offset and line (before: config check printed the URL with U+FFFD, exit 0)', async () => {
    const cfg = join(dir, 'latin1.yaml');
    const text = 'feeds:\n  - id: a\n    url: "https://a.example/caf\xe9"\n';
    writeFileSync(cfg, Buffer.from(text, 'latin1'));
    const r = await cli(dir, ['-c', cfg, 'config', 'check']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`(file): not UTF-8: byte 0xE9 at byte offset ${text.indexOf('\xe9')} (line 3, byte ${'    url: "https://a.example/caf'.length + 1} of the line)`);
    expect(r.out).toBe('');
    // the same file in UTF-8 (with a byte order mark) passes
    writeFileSync(cfg, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const ok = await cli(dir, ['-c', cfg, 'config', 'check']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).feeds[0].url).toMatch(/^https:\/\/a\.example\/caf(é|%C3%A9)$/);
  });

  it('a topic file of the working directory with a Latin-1 byte: config check exits 2 naming it and the offset (before: exit 0)', async () => {
    const d = tempDir('cli-review12-topic');
    mkdirSync(join(d, 'config/topics'), { recursive: true });
    const topic = join(d, 'config/topics/armenia-azerbaijan-talks.yaml');
    const own = readFileSync(join(ROOT, 'config/topics/armenia-azerbaijan-talks.yaml'));
    writeFileSync(topic, Buffer.concat([Buffer.from('# r\xe9sum\xe9 of the talks\n', 'latin1'), own]));
    writeFileSync(join(d, 'cfg.yaml'), FEED);
    const r = await cli(d, ['-c', 'cfg.yaml', 'config', 'check']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('config/topics/armenia-azerbaijan-talks.yaml: topic file not UTF-8: byte 0xE9 at byte offset 3 (line 1, byte 4 of the line)');
    // the package's own copy beside it passes
    copyFileSync(join(ROOT, 'config/topics/armenia-azerbaijan-talks.yaml'), topic);
    expect((await cli(d, ['-c', 'cfg.yaml', 'config', 'check'])).code).toBe(0);
  });

  it('a stories table (event kinds) of the working directory in UTF-16: stories exits 2 naming it (before: a YAML or format error about "��kinds")', async () => {
    const d = tempDir('cli-review12-kinds');
    mkdirSync(join(d, 'config/stories'), { recursive: true });
    const own = readFileSync(join(ROOT, 'config/stories/event-kinds.yaml'), 'utf8');
    writeFileSync(join(d, 'config/stories/event-kinds.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(own, 'utf16le')]));
    writeFileSync(join(d, 'cfg.yaml'), FEED);
    const line = `${JSON.stringify({ id: 'x1', title: 'Talks in Washington', text: 'Mirzoyan and Bayramov met in Washington.' })}\n`;
    const r = await cli(d, ['-c', 'cfg.yaml', 'stories', '-'], line);
    expect(r.code).toBe(2);
    expect(r.err).toContain('event kinds config/stories/event-kinds.yaml');
    expect(r.err).toContain('(file): not UTF-8: byte 0xFF at byte offset 0');
    expect(r.out).toBe('');
  });
});

describe('config check refuses what start refuses before connecting', { timeout: 240_000 }, () => {
  const dir = tempDir('cli-review12-check');

  it.each([
    ['a topic file that does not exist', `${FEED}topics: [armenia-azerbaijan-talks, no-such-topic]\n`, /topics\[1\]: .*no-such-topic\.yaml: cannot read topic file \(ENOENT\)/],
    ['an ops listener off loopback without a token', `${FEED}ops: { listen: "0.0.0.0:9464" }\n`, /the ops listener on 0\.0\.0\.0:9464 is reachable from other hosts and needs a token/],
  ])('%s: exit 2 as start (before: config check exit 0)', async (_what, yaml, message) => {
    const cfg = join(dir, `${_what.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(cfg, yaml);
    const [check, start] = await Promise.all([cli(dir, ['-c', cfg, 'config', 'check']), cli(dir, ['-c', cfg, 'start', '--once'])]);
    expect(start.code).toBe(2);
    expect(start.err + start.out).toMatch(message);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(message);
    expect(check.out).toBe('');
  });
});

describe('reingest refuses a bad argument before asking Redis', { timeout: 240_000 }, () => {
  const dir = tempDir('cli-review12-reingest');
  const cfg = join(dir, 'cfg.yaml');
  writeFileSync(cfg, FEED);

  it.each([
    ['url notaurl', ['reingest', 'url', 'notaurl'], 'url: not an absolute http(s) URL: "notaurl"'],
    ['url --feed nope', ['reingest', 'url', 'https://a.example/x', '--feed', 'nope'], '--feed: unknown feed id "nope" (configured: a)'],
    ['feed nope', ['reingest', 'feed', 'nope'], 'unknown feed id "nope" (configured: a)'],
  ])('reingest %s with Redis down: exit 2 naming it (before: exit 3, Redis not answering)', async (_what, args, message) => {
    const r = await cli(dir, ['-c', cfg, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toContain('Redis');
  });
});
