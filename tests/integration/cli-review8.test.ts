/**
 * Round 8 of the operator review (docs/review.md): faults a new user met on the command line,
 * each run as the operator runs it, in a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', join(ROOT, 'src/cli.ts')];

/** Runs the CLI to its end; `input` goes to its stdin. */
function cli(args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info', REDIS_URL: 'redis://127.0.0.1:1', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = tempDir('cli-review8');
// several child processes per test, each 1-5 s on the shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });

describe('tag and stories read one input the same way', () => {
  const cfg = join(dir, 'plain.yaml');
  writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');
  const text = 'Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov met in Washington for peace treaty talks.';
  const lines = [
    JSON.stringify({ title: 'No id here', text }), // 1: no id
    JSON.stringify({ id: '', title: 'Empty id', text }), // 2: empty id
    JSON.stringify({ id: { x: 1 }, title: 'Object id', text }), // 3: not a string or number
    JSON.stringify({ id: 'ok-1', title: 'Talks in Washington', text }), // 4: good
    'not json', // 5
    JSON.stringify({ id: 7, title: 'Numeric id', text }), // 6: good (a number)
  ];

  it('a line without a usable id is an error line in both (tag gave it id null before), with the same message', () => {
    const tag = cli(['-c', cfg, 'tag', '-'], `${lines.join('\n')}\n`);
    const stories = cli(['-c', cfg, 'stories', '-'], `${lines.join('\n')}\n`);
    expect(tag.code).toBe(0);
    expect(stories.code).toBe(0);
    const t = tag.out.trim().split('\n').map((l) => JSON.parse(l));
    const s = stories.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(t).toHaveLength(6);
    expect(s).toHaveLength(6);
    const errorsOf = (out: Record<string, unknown>[]) => out.filter((o) => 'error' in o);
    // the same lines refused, with the same words
    expect(errorsOf(t)).toEqual(errorsOf(s));
    expect(errorsOf(t)).toEqual([
      { line: 1, error: 'missing field "id" (a non-empty string or a number)' },
      { line: 2, error: '"id" must be a non-empty string or a number, got ""' },
      { line: 3, error: '"id" must be a non-empty string or a number, got {"x":1}' },
      { line: 5, error: expect.stringMatching(/^invalid JSON: /) },
    ]);
    expect(t[3]).toMatchObject({ id: 'ok-1', relevant: true });
    expect(t[5]).toMatchObject({ id: 7, relevant: true });
    expect(s[3]).toEqual({ id: 'ok-1', storyId: 's-ok-1', duplicateOf: null });
    expect(tag.err).toContain('news-ingest: 4 of 6 lines could not be tagged');
    expect(stories.err).toContain('news-ingest: 4 of 6 lines could not be grouped');
  });

  it('stories: an id an earlier line has is an error line, not a second article merged into the first one’s story', () => {
    const other = JSON.stringify({ id: 'ok-1', title: 'Georgian wine harvest breaks a record', text: 'Kakheti growers brought in more grapes than in any year before, the ministry of agriculture in Tbilisi said.' });
    const r = cli(['-c', cfg, 'stories', '-'], `${lines[3]}\n${other}\n`);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'ok-1', storyId: 's-ok-1', duplicateOf: null },
      { line: 2, error: '"id" "ok-1" repeats line 1: ids must be unique' },
    ]);
  });
});

describe('config check, jobs and feed mask the credentials of feed URLs', () => {
  const prefix = uniquePrefix('review8-mask');
  afterAll(() => dropPrefix(prefix));
  const cfg = join(dir, 'secret.yaml');
  writeFileSync(
    cfg,
    [
      'redis:',
      `  url: ${REDIS_URL}`,
      `  prefix: ${prefix}`,
      'feeds:',
      '  - id: private',
      '    url: "https://reader:Feed5ecretPw@feeds.example/rss"',
      '  - id: token',
      '    url: "https://Tok3nSecret@feeds.example/other.rss"',
      '',
    ].join('\n'),
  );

  it('config check: the feed URL is printed as https://***@host (it was printed with its password)', () => {
    const r = cli(['-c', cfg, 'config', 'check'], '', { REDIS_URL });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { feeds: { url: string }[] };
    expect(printed.feeds.map((f) => f.url)).toEqual(['https://***@feeds.example/rss', 'https://***@feeds.example/other.rss']);
    expect(r.out).not.toContain('Feed5ecretPw');
    expect(r.out).not.toContain('Tok3nSecret');
  });

  it('jobs list and jobs show: the job data’s feed URL is masked (it was printed with its password)', () => {
    const enq = cli(['-c', cfg, 'reingest', 'feed', 'private'], '', { REDIS_URL });
    expect(enq.code).toBe(0);
    const ref = /enqueued (feeds\/\S+)/.exec(enq.out)?.[1];
    expect(ref).toBeTruthy();
    const list = cli(['-c', cfg, 'jobs', 'list', '--queue', 'feeds', '--state', 'waiting'], '', { REDIS_URL });
    expect(list.code).toBe(0);
    expect(list.out).toContain(`${ref}  waiting`);
    expect(list.out).toContain('https://***@feeds.example/rss');
    const listJson = cli(['-c', cfg, 'jobs', 'list', '--queue', 'feeds', '--state', 'waiting', '--json'], '', { REDIS_URL });
    expect(JSON.parse(listJson.out.trim().split('\n')[0]!).url).toBe('https://***@feeds.example/rss');
    const show = cli(['-c', cfg, 'jobs', 'show', ref!], '', { REDIS_URL });
    expect(show.code).toBe(0);
    expect((JSON.parse(show.out) as { data: { url: string } }).data.url).toBe('https://***@feeds.example/rss');
    for (const o of [list.out, listJson.out, show.out]) expect(o).not.toContain('Feed5ecretPw');
  });
});

describe('a reader that stops reading', () => {
  const cfg = join(dir, 'plain-pipe.yaml');
  writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');
  // 1,500 lines: more output than a pipe buffer holds, so writes go on after the reader left
  const one = readFileSync(join(ROOT, 'tests/fixtures/stories/heldout.jsonl'), 'utf8').trim().split('\n');
  const input = join(dir, 'many.jsonl');
  writeFileSync(input, `${Array.from({ length: 1500 }, (_, i) => one[i % one.length]!.replace(/"id":"([^"]+)"/, `"id":"$1-${i}"`)).join('\n')}\n`);

  for (const cmd of [['tag'], ['stories']]) {
    it(`${cmd[0]} FILE | head -1: exits 0 quietly (it died on an uncaught EPIPE with a stack trace, exit 1)`, async () => {
      const child = spawn(process.execPath, [...CLI, '-c', cfg, ...cmd, input], { cwd: ROOT, env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += String(d)));
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(String(d))));
      child.stdout.destroy(); // the reader goes away, as head does after its line
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(first).toMatch(/^\{"id":"prague-en-1-0"/);
      expect(err).not.toContain('EPIPE');
      expect(err).not.toContain('Unhandled');
      expect(code).toBe(0);
    });
  }

  it('stdout on a full disk (/dev/full): one line naming the fault, exit 1 (it was a stack trace)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [...CLI, '-c', cfg, 'tag', input], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('news-ingest: cannot write to stdout: ENOSPC: no space left on device');
      expect(r.stderr).not.toContain('Unhandled');
    } finally {
      closeSync(full);
    }
  });
});

describe('feed <id> of a feed whose URL has credentials', () => {
  it('prints its source with the credentials masked (they were printed in clear)', async () => {
    const server = createHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Private desk</title><link>https://desk.example/</link><item><title>One</title><link>https://desk.example/1</link></item></channel></rss>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const cfg = join(dir, 'feed-creds.yaml');
      writeFileSync(cfg, `feeds:\n  - { id: desk, url: "http://reader:Desk5ecretPw@127.0.0.1:${port}/rss" }\nhttp:\n  allowPrivateNetworks: true\n`);
      const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [...CLI, '-c', cfg, 'feed', 'desk'], { cwd: ROOT, env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += String(d)));
        child.on('close', (code) => resolve({ code, out }));
      });
      expect(r.code).toBe(0);
      expect(r.out).toContain(`source    http://***@127.0.0.1:${port}/rss`);
      expect(r.out).not.toContain('Desk5ecretPw');
    } finally {
      server.close();
    }
  });
});

describe('log lines of the short commands', () => {
  it('retag with an unreachable PostgreSQL sink: every JSON log line has its event (sink.init had none), and no password', () => {
    const cfg = join(dir, 'pg-down.yaml');
    // port 1: nothing listens there, the connection is refused at once
    writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: postgres, url: "postgres://bob:Pg5ecretPw@127.0.0.1:1/test" }\n');
    const r = cli(['-c', cfg, 'retag']);
    expect(r.code).toBe(1);
    const json = r.err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json.length).toBeGreaterThan(0);
    expect(json.filter((l) => typeof l.event !== 'string')).toEqual([]);
    expect(json.find((l) => l.event === 'sink.init')).toMatchObject({ sink: 'postgres', outcome: 'failed', reason: 'sink-failed' });
    expect(r.err).toContain('news-ingest: [sink-failed] postgres');
    expect(r.err).not.toContain('Pg5ecretPw');
  });
});

describe('options given where they mean nothing are refused, not ignored', () => {
  const cfg = join(dir, 'plain-opts.yaml');
  writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');
  const input = join(dir, 'two.jsonl');
  writeFileSync(input, `${JSON.stringify({ id: 'x1', title: 'Talks', text: 'Armenia and Azerbaijan met.' })}\n`);
  const records = join(dir, 'records.jsonl');
  writeFileSync(records, `${JSON.stringify({ id: 'r1', title: 'Talks', text: 'x', topics: [] })}\n`);

  it('stories FILE with a --list option (--format csv printed JSON lines without a word): exit 2 naming it', () => {
    const r = cli(['-c', cfg, 'stories', input, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('news-ingest: --format goes with --list');
    expect(r.out).toBe('');
    const two = cli(['-c', cfg, 'stories', input, '--since', '7d', '--jsonl', records]);
    expect(two.code).toBe(2);
    expect(two.err).toContain('news-ingest: --since, --jsonl go with --list');
    // without them the file is grouped as before
    const ok = cli(['-c', cfg, 'stories', input]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ id: 'x1', storyId: 's-x1', duplicateOf: null });
  });

  it('search/show with --jsonl and --sink: exit 2 (the --sink value, even a bad one, was ignored)', () => {
    const bad = cli(['-c', cfg, 'search', 'talks', '--jsonl', records, '--sink', 'mysql']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('news-ingest: --sink must be postgres or jsonl, got "mysql"');
    const both = cli(['-c', cfg, 'show', 'r1', '--jsonl', records, '--sink', 'postgres']);
    expect(both.code).toBe(2);
    expect(both.err).toContain(`news-ingest: --jsonl ${records} and --sink postgres name two stores: give one`);
  });
});

describe('extract --batch answers every request line', () => {
  it('a line that is not a JSON object gets an error line (it was dropped without a word); a missing path or a folder is named', () => {
    const page = join(ROOT, 'tests/fixtures/site/articles/en/border-commissions.html');
    const lines = ['not json', JSON.stringify({ id: 'no-path' }), JSON.stringify({ id: 'folder', path: dir, url: 'https://a.example/x' }), '[1]', JSON.stringify({ id: 'ok', path: page, url: 'https://a.example/x' })];
    const r = cli(['extract', '--batch'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.error ?? null)).toEqual([
      expect.stringMatching(/^invalid JSON: /),
      'missing string field "path"',
      `cannot read ${dir}: EISDIR: is a folder, not a file`,
      'expected a JSON object {id, path, url}',
      null,
    ]);
    expect(out.map((o) => o.id)).toEqual([null, 'no-path', 'folder', null, 'ok']);
    expect(out[0]!.line).toBe(1);
    expect(out[4]!.title).toBeTruthy();
    expect(r.err).toContain('extract --batch: 5 pages, 4 errors');
  });
});

describe('backfill --urls with a date it cannot read', () => {
  const prefix = uniquePrefix('review8-backfill');
  afterAll(() => dropPrefix(prefix));

  it('the line is skipped and counted as an unreadable date (it was taken as undated and queued whatever the window)', () => {
    const cfg = join(dir, 'backfill.yaml');
    writeFileSync(cfg, `redis:\n  url: ${REDIS_URL}\n  prefix: ${prefix}\nfeeds:\n  - { id: a, url: "https://a.example/rss" }\nhttp:\n  respectRobots: false\n`);
    const urls = join(dir, 'urls.txt');
    writeFileSync(
      urls,
      [
        'https://news.example/in-window 2026-03-14',
        'https://news.example/before 2025-01-02',
        'https://news.example/european-date 14.03.2025', // a date, but none Date.parse reads: it may be outside the window
        'https://news.example/undated', // no date: the user's own selection, taken
        '',
      ].join('\n'),
    );
    const r = cli(['-c', cfg, 'backfill', '--since', '2026-01-01', '--urls', urls], '', { REDIS_URL });
    expect(r.code).toBe(0);
    expect(r.out).toContain('entries 4: 2 in the window, 1 outside, 0 undated, 0 bad URLs, 1 unreadable dates (YYYY-MM-DD or ISO 8601 expected)');
    expect(r.out).toContain('queued 2 article jobs');
    const end = r.err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'backfill.end');
    expect(end).toMatchObject({ outcome: 'done', entries: 4, queued: 2, badDate: 1 });
  });
});

describe('status: articles waiting in batch jobs', () => {
  const prefix = uniquePrefix('review8-status');
  afterAll(() => dropPrefix(prefix));

  it('the drain estimate counts the articles of waiting batch jobs (it divided jobs by articles per minute), and the text view says the table counts jobs', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const q = new Queue('articles', { connection: redis, prefix });
    try {
      const item = (i: number) => ({ jobId: `a-${i}`, data: { url: `https://news.example/${i}`, canonicalUrl: `https://news.example/${i}`, feedId: 'a', feed: null, item: null, reason: 'scheduled' } });
      // 3 waiting batches of 8 articles and 2 single article jobs: 26 articles in 5 jobs
      for (let b = 0; b < 3; b++) await q.add('ingest-articles', { feedId: 'a', reason: 'scheduled', items: Array.from({ length: 8 }, (_, k) => item(b * 8 + k)) }, { jobId: `b-${b}000000000000000` });
      for (let k = 0; k < 2; k++) await q.add('ingest-article', item(100 + k).data, { jobId: `a-${100 + k}` });
      // 4 articles a minute over the last 5 minutes, as the workers' metrics record them
      await redis.hset(`${prefix}:articles:metrics:completed`, { count: 40, prevTS: Date.now() - 60_000, prevCount: 36 });
      await redis.lpush(`${prefix}:articles:metrics:completed:data`, 4, 4, 4, 4, 4);
    } finally {
      await q.close();
      await redis.quit();
    }
    const cfg = join(dir, 'status.yaml');
    writeFileSync(cfg, `redis:\n  url: ${REDIS_URL}\n  prefix: ${prefix}\nfeeds:\n  - { id: a, url: "https://a.example/rss" }\n`);
    const json = cli(['-c', cfg, 'status', '--json'], '', { REDIS_URL });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as { queues: { articles: { waiting: number } }; progress: { articles: { completedPerMinute: number; etaMinutes: number | null } } };
    expect(report.queues.articles.waiting).toBe(5); // jobs
    // The rate places each point on its own minute (src/queue/progress-rate.ts, round 16): 4 jobs
    // in prevTS's minute and the 4 points of the window's earlier minutes, 20 jobs over the five
    // whole minutes and the elapsed part of this one: 3.3–4 a minute, depending on the second.
    const rate = report.progress.articles.completedPerMinute;
    expect(rate).toBeGreaterThanOrEqual(3.3);
    expect(rate).toBeLessThanOrEqual(4);
    // 26 articles at that rate: 7–8 minutes (counting the 5 jobs would give 2)
    const eta = report.progress.articles.etaMinutes!;
    expect(eta).toBeGreaterThanOrEqual(Math.floor(26 / rate));
    expect(eta).toBeLessThanOrEqual(Math.ceil(26 / rate) + 1);
    expect(eta).toBeGreaterThanOrEqual(7);
    const text = cli(['-c', cfg, 'status'], '', { REDIS_URL });
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^jobs\s+waiting\s+active/m);
    expect(text.out).toMatch(/^articles\s+5\s+0\s+0\s+0\s+0\s+0$/m);
    expect(text.out).toMatch(/^articles\s+40\s+0\s+\d(\.\d)?\s+~\d+ min$/m);
    const shown = /^articles\s+40\s+0\s+(\S+)\s+~(\d+) min$/m.exec(text.out)!;
    expect(Number(shown[1])).toBeGreaterThanOrEqual(3.3);
    expect(Number(shown[2])).toBeGreaterThanOrEqual(7);
  });
});

describe('two JSONL sinks on one file', () => {
  it('are refused at config check, naming both (every record was written twice to the file)', () => {
    const cfg = join(dir, 'two-sinks.yaml');
    const file = join(dir, 'same.jsonl');
    writeFileSync(cfg, `feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${file} }\n  - { type: jsonl, path: ${join(dir, '.', 'same.jsonl').replace(dir, `${dir}/../${dir.split('/').pop()}`)}, name: archive }\n`);
    for (const args of [['config', 'check'], ['start', '--once']]) {
      const r = cli(['-c', cfg, ...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain('sinks[1].path: ');
      expect(r.err).toContain('is the file of sinks[0] too: give each JSONL sink its own file');
    }
    expect(existsSync(file)).toBe(false);
  });
});

describe('a config without any sink', () => {
  it('topics: [] is refused (exit 2, saying why): tag failed with "runTagStream needs at least one topic", exit 1', () => {
    const cfg = join(dir, 'no-topics.yaml');
    writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\ntopics: []\n');
    const r = cli(['-c', cfg, 'tag', '-'], '{"id":"a","text":"Armenia"}\n');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid config ${cfg}:\n  topics: no topic: no record could be relevant`);
    expect(r.err).not.toContain('runTagStream');
  });

  it('is refused (exit 2, saying why) instead of running: its articles were fetched, marked seen and written nowhere', () => {
    const cfg = join(dir, 'no-sinks.yaml');
    writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks: []\n');
    for (const args of [['config', 'check'], ['start', '--once']]) {
      const r = cli(['-c', cfg, ...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain(`invalid config ${cfg}:\n  sinks: no sink: every article would be fetched, marked seen`);
    }
  });
});

describe('a start that fails or is refused', () => {
  const prefix = uniquePrefix('review8-start');
  afterAll(() => dropPrefix(prefix));
  const events = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('refused before it runs (a sink path that is a folder): a worker.failed event with reason start-failed (there was no log event)', () => {
    const cfg = join(dir, 'sink-folder.yaml');
    writeFileSync(cfg, `feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${dir} }\n`);
    const r = cli(['-c', cfg, 'start', '--once']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`news-ingest: sinks[0] (jsonl): ${dir}: is a folder, not a file`);
    expect(events(r.out).filter((e) => e.event === 'worker.failed')).toEqual([expect.objectContaining({ errorClass: 'UsageError', reason: 'start-failed' })]);
  });

  it('the ops listener’s address in use: worker.failed has reason start-failed (it had no reason code)', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as AddressInfo).port;
    try {
      const cfg = join(dir, 'ops-taken.yaml');
      writeFileSync(cfg, `redis:\n  url: ${REDIS_URL}\n  prefix: ${prefix}\nfeeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${join(dir, 'ops.jsonl')} }\n`);
      const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [...CLI, '-c', cfg, 'start', '--once', '--ops-listen', `127.0.0.1:${port}`], { cwd: ROOT, env: { ...process.env, REDIS_URL } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += String(d)));
        child.stderr.on('data', (d: Buffer) => (err += String(d)));
        child.on('close', (code) => resolve({ code, out, err }));
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`news-ingest: ops listener cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      expect(events(r.out).filter((e) => e.event === 'worker.failed')).toEqual([expect.objectContaining({ reason: 'start-failed', err: `ops listener cannot listen on 127.0.0.1:${port}: EADDRINUSE` })]);
    } finally {
      taken.close();
    }
  });
});
