/** The CLI as an operator meets it: a child process, its exit code and its output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SITE_DIR, SITE_EXPECTED } from '../helpers/fixture-site.js';
import { dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
function cli(args: string[], env: Record<string, string> = {}, input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('news-ingest CLI', () => {
  it('exits 2 on an invalid config with one line per problem naming its path', () => {
    const f = join(tempDir('cli'), 'bad.yaml');
    writeFileSync(f, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n  - { id: b, url: "https://b.example/rss" }\n  - { id: c, url: "nope" }\n');
    const r = cli(['status', '--config', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid config ${f}:`);
    expect(r.err).toContain('feeds[2].url: invalid URL');
  });

  it('exits 3 with the URL and how to start Redis when Redis is unreachable', async () => {
    const s = createServer();
    await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
    const port = (s.address() as { port: number }).port;
    await new Promise((res) => s.close(res));
    const r = cli(['start', '--once'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(3);
    expect(r.err).toContain(`Redis at redis://127.0.0.1:${port}`);
    expect(r.err).toContain('redis-server');
  });

  it('exits 2 on an unknown command, on reingest of an unknown feed and on feed of an unknown target', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    const r = cli(['reingest', 'feed', 'no-such-feed']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown feed id "no-such-feed"');
    // `reingest url --feed` names the configured feeds too, as `reingest feed` and `feed reset` do
    const u = cli(['reingest', 'url', 'https://example.org/a', '--feed', 'no-such-feed']);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown feed id "no-such-feed" \(configured: [^)]+\)/);
    // `feed` on something that is neither a feed id, a URL nor a file is bad usage too
    const f = cli(['feed', 'no-such-feed-or-file']);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/"no-such-feed-or-file" is not a configured feed id, an http\(s\) URL or a file \(configured feeds: /);
  });

  it('feed - reads the feed document from stdin (same items as the file); empty stdin is bad usage', () => {
    const file = join(SITE_DIR, 'feeds/world.xml');
    const fromFile = cli(['feed', file, '--url', 'https://herald.example/rss', '--json'], { REDIS_URL: 'redis://127.0.0.1:1' });
    const fromStdin = cli(['feed', '-', '--url', 'https://herald.example/rss', '--json'], { REDIS_URL: 'redis://127.0.0.1:1' }, readFileSync(file));
    expect(fromStdin.code).toBe(0);
    const a = JSON.parse(fromFile.out);
    const b = JSON.parse(fromStdin.out);
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.map((i: { canonicalUrl: string }) => i.canonicalUrl)).toEqual(a.items.map((i: { canonicalUrl: string }) => i.canonicalUrl));
    const empty = cli(['feed', '-'], { REDIS_URL: 'redis://127.0.0.1:1' }, '');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('feed -: nothing on stdin');
  });

  it('start logs a library\'s console warning (ioredis: a password Redis does not need) as a JSON event, not a plain stderr line', async () => {
    const dir = tempDir('cli-console');
    const cfg = join(dir, 'c.yaml');
    const prefix = uniquePrefix('cli-console');
    const redisUrl = new URL(REDIS_URL);
    redisUrl.password = 'not-needed-pw';
    writeFileSync(cfg, `feeds: []\nredis:\n  url: ${redisUrl}\n  prefix: ${prefix}\nsinks:\n  - { type: jsonl, path: ${join(dir, 'a.jsonl')} }\n`);
    const r = cli(['start', '--once', '--allow-empty', '--config', cfg], { REDIS_URL: '', LOG_LEVEL: 'info' });
    await dropPrefix(prefix);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const events = lines.map((l) => JSON.parse(l) as { event?: string; stream?: string; msg?: string });
    const warned = events.filter((e) => e.event === 'library.console');
    expect(warned.length).toBeGreaterThan(0);
    expect(warned[0]).toMatchObject({ stream: 'warn' });
    expect(warned[0].msg).toMatch(/does not require a password, but a password was supplied/);
    expect(warned).toHaveLength(1); // one per text, not one per Redis connection
    expect(r.out).not.toContain('not-needed-pw');
    expect(r.err).not.toMatch(/\[WARN\]/);
    // a short command says it once on stderr, as its own kind of line
    const s = cli(['status', '--config', cfg], { REDIS_URL: '' });
    expect(s.code).toBe(0);
    expect(s.err.split('\n').filter((l) => l.includes('does not require a password'))).toEqual([
      expect.stringMatching(/^news-ingest: warning: This Redis server's `default` user does not require a password, but a password was supplied$|^news-ingest: warning: Redis server does not require a password, but a password was supplied$/),
    ]);
    await dropPrefix(prefix);
  });

  it('extract prints the record of a local file without Redis', () => {
    // A windows-1251 page that names its charset only in <meta charset>.
    const page = 'articles/ru/vice-premery-moskva.html';
    const exp = SITE_EXPECTED.articles[page];
    const r = cli(['extract', join(SITE_DIR, page), '--url', 'https://vestnik-kavkaz.example.ru/x'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(rec.canonicalUrl).toBe(exp.canonicalUrl);
    expect(rec.title).toBe(exp.title);
    expect(rec.language).toBe('ru');
    expect(rec.text.startsWith(exp.textStartsWith)).toBe(true);
  });

  it('extract names the file it cannot read: a missing file is bad usage (2), as with feed', () => {
    const r = cli(['extract', '/no/such/page.html']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read /no/such/page.html: ENOENT: no such file or folder');
  });

  it('extract: a file without --url is named in errors and its placeholder url is announced; a non-http URL is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    const bad = cli(['extract', pdf]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`[not-html] ${pdf}: the file is not an HTML page`);
    expect(bad.err).not.toContain('http://localhost');
    const ok = cli(['extract', join(SITE_DIR, 'articles/ru/vice-premery-moskva.html')]);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/no --url given: the record's url is a placeholder \(http:\/\/localhost\/.*vice-premery-moskva\.html\)/);
    const ftp = cli(['extract', 'ftp://files.example.org/a.html']);
    expect(ftp.code).toBe(2);
    expect(ftp.err).toContain('ftp://files.example.org/a.html is neither');
    const blocked = cli(['extract', 'http://127.0.0.1:9/x']);
    expect(blocked.code).toBe(1);
    expect(blocked.err).toContain('[blocked-address]');
    expect(blocked.err).toContain('--allow-private-networks');
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('search: an empty --since/--until window is a usage error; a configured JSONL file not written yet is said, not silent', () => {
    const inverted = cli(['search', 'talks', '--since', '2026-12-01', '--until', '2026-11-01']);
    expect(inverted.code).toBe(2);
    expect(inverted.err).toContain('--until 2026-11-01 is not after --since 2026-12-01');
    const dir = tempDir('cli-search');
    const missing = join(dir, 'never-written.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(cfgFile, `feeds: [{ id: f, url: "http://127.0.0.1:9/feed.xml" }]\nsinks: [{ type: jsonl, path: "${missing}" }]\n`);
    const none = cli(['search', 'talks', '-c', cfgFile]);
    expect(none.code).toBe(0);
    expect(none.out).toContain('no records match');
    expect(none.err).toContain(`the JSONL sink's file ${missing} does not exist yet`);
  }, 120_000);

  it('backfill --urls of a file that cannot be read is a usage error before any run is recorded', () => {
    const missing = join(tmpdir(), `no-such-list-${process.pid}.txt`);
    const r = cli(['backfill', '--since', '2026-01-01', '--urls', missing]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--urls: cannot read ${missing}: ENOENT: no such file or folder`);
    expect(r.err + r.out).not.toContain('backfill.start');
  }, 120_000);

  it('a --url that is not an absolute http(s) URL is a usage error naming the option (extract, feed)', () => {
    const page = join(SITE_DIR, 'articles/ru/vice-premery-moskva.html');
    for (const [args, value] of [
      [['extract', page, '--url', 'notaurl'], 'notaurl'],
      [['extract', page, '--url', 'ftp://x/y'], 'ftp://x/y'],
      [['feed', page, '--url', 'http://'], 'http://'],
    ] as const) {
      const r = cli([...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--url: not an absolute http(s) URL: "${value}"`);
    }
  }, 120_000);
});
