import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, userAgentOf, VERSION } from '../../src/config/load.js';
import { tempDir } from '../helpers/worker.js';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw, 'x.yaml', {});
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('config', () => {
  it('the shipped config/default.yaml is valid and lists real feeds with unique ids', () => {
    const cfg = loadConfig('config/default.yaml', {});
    expect(cfg.feeds.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cfg.feeds.map((f) => f.id)).size).toBe(cfg.feeds.length);
    expect(cfg.sinks).toEqual([{ type: 'jsonl', name: 'jsonl', path: 'data/articles.jsonl', only: 'all', retries: 20, backoffMs: 1000 }]); // every tagged article is stored, so retag reaches it (issue 12)
    expect(cfg.http).toMatchObject({ timeoutMs: 15000, maxBytes: 5_000_000, allowPrivateNetworks: false, perHost: { concurrency: 2, minDelayMs: 1000 } });
    expect(cfg.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'news-ingest', allowEviction: false });
    expect(cfg.worker).toMatchObject({ maxStalledCount: 3, reconcileIntervalMs: 60_000 });
  });

  it('the default feeds cover the story\'s languages, each with a time zone and a note of where its URL was confirmed', () => {
    const cfg = loadConfig('config/default.yaml', {});
    const suffix = (id: string) => /-(en|hy|az|ru|tr|fa|ka|fr|de)$/.exec(id)?.[1];
    expect(new Set(cfg.feeds.map((f) => suffix(f.id)).filter(Boolean))).toEqual(new Set(['en', 'hy', 'az', 'ru', 'tr', 'fa', 'ka', 'fr', 'de']));
    expect(cfg.feeds.filter((f) => !f.timezone).map((f) => f.id)).toEqual([]);
    // Each feed line follows a comment that starts with its id: where the URL was confirmed.
    const lines = readFileSync('config/default.yaml', 'utf8').split('\n');
    const unconfirmed = cfg.feeds.filter((f) => {
      const i = lines.findIndex((l) => l.includes(`id: ${f.id},`));
      let j = i - 1;
      while (j >= 0 && lines[j].trim().startsWith('#') && !lines[j].trim().startsWith(`# ${f.id}`)) j--;
      return !(j >= 0 && lines[j].trim().startsWith(`# ${f.id}`));
    });
    expect(unconfirmed.map((f) => f.id)).toEqual([]);
  });

  it('config/docker.yaml (docker-compose) is valid and polls the same feeds as the default', () => {
    const docker = loadConfig('config/docker.yaml', { DATABASE_URL: 'postgres://news:news@db:5432/news' });
    expect(docker.feeds).toEqual(loadConfig('config/default.yaml', {}).feeds);
    expect(docker.sinks.map((s) => s.type)).toEqual(['jsonl', 'postgres']);
    expect(docker.sinks[1]).toMatchObject({ url: 'postgres://news:news@db:5432/news', table: 'articles' });
  });

  it('names the path of every problem, one line each', () => {
    const lines = problems({
      feeds: [
        { id: 'a', url: 'https://a.example/rss' },
        { id: 'b', url: 'https://b.example/rss', intervalMinutes: -1 },
        { id: 'c', url: 'not a url' },
        { id: 'a', url: 'ftp://x.example/' },
      ],
      sinks: [{ type: 'kafka' }],
      http: { timeoutMs: 'soon' },
    });
    expect(lines).toContain('feeds[2].url: invalid URL (absolute http or https expected)');
    expect(lines).toContain('feeds[3].url: invalid URL (absolute http or https expected)');
    expect(lines.some((l) => l.startsWith('feeds[1].intervalMinutes: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('sinks[0].type: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('http.timeoutMs: '))).toBe(true);
    expect(lines).toContain('feeds[3].id: duplicate feed id "a" (also feeds[0])');
  });

  it('rejects unknown keys (a typo is an error, not a silent default)', () => {
    expect(problems({ typo_key: 1, workr: { attempts: 1 }, feeds: [{ id: 'a', url: 'https://a.example/', extra: 1 }] })).toEqual([
      'feeds[0]: Unrecognized key: "extra"',
      '(root): Unrecognized keys: "typo_key", "workr" (did you mean "worker"?)',
    ]);
  });

  it('rejects a feed timezone that is not an IANA name', () => {
    expect(problems({ feeds: [{ id: 'a', url: 'https://a.example/', timezone: 'Yerevan' }] })).toEqual([
      'feeds[0].timezone: not an IANA time zone name (e.g. Asia/Yerevan, Europe/Moscow)',
    ]);
    expect(problems({ feeds: [{ id: 'a', url: 'https://a.example/', timezone: 'Asia/Yerevan' }] })).toEqual([]);
  });

  it('rejects a feed id that BullMQ cannot use as a job id', () => {
    expect(problems({ feeds: [{ id: 'a:b', url: 'https://a.example/' }] })[0]).toMatch(/^feeds\[0\]\.id: /);
  });

  it('names a short ops.token once, from the file or from NEWS_INGEST_OPS_TOKEN', () => {
    expect(problems({ ops: { listen: '127.0.0.1:9464', token: 'short' } })).toEqual(['ops.token: at least 16 characters']);
    expect(() => parseConfig({ ops: { listen: '127.0.0.1:9464' } }, 'x', { NEWS_INGEST_OPS_TOKEN: 'short' })).toThrow(
      /NEWS_INGEST_OPS_TOKEN \(environment variable, for ops\.token\): at least 16 characters$/,
    );
  });

  it('applies REDIS_URL, LOG_LEVEL and DATABASE_URL overrides', () => {
    const cfg = parseConfig({ sinks: [{ type: 'postgres', url: 'postgres://old/db' }] }, 'x', { REDIS_URL: 'redis://10.0.0.5:6380', LOG_LEVEL: 'debug', DATABASE_URL: 'postgres://new/db' });
    expect(cfg.redis.url).toBe('redis://10.0.0.5:6380');
    expect(cfg.logLevel).toBe('debug');
    expect(cfg.sinks[0]).toMatchObject({ type: 'postgres', url: 'postgres://new/db', table: 'articles' });
  });

  it('reports unreadable files and bad YAML naming the file', () => {
    const dir = tempDir('cfg');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds: [ {id: a\n');
    expect(() => loadConfig(join(dir, 'none.yaml'), {})).toThrow(/none\.yaml:\n {2}\(file\): cannot read: ENOENT: no such file or folder$/);
    // a path from the environment says so
    expect(() => loadConfig(undefined, { NEWS_INGEST_CONFIG: join(dir, 'none.yaml') })).toThrow(/cannot read: ENOENT: no such file or folder \(the path is \$NEWS_INGEST_CONFIG\)$/);
    expect(() => loadConfig(bad, {})).toThrow(/bad\.yaml:\n {2}\(file\): not valid YAML/);
    // the line and column stay, the yaml library's trailing colon (before its code frame) goes
    writeFileSync(bad, 'feeds: [\n  - id: x\n');
    expect(() => loadConfig(bad, {})).toThrow(/not valid YAML: .*at line 2, column 3$/);
  });

  it('uses NEWS_INGEST_CONFIG when no file is given, and fills the version into the User-Agent', () => {
    const dir = tempDir('cfg');
    const f = join(dir, 'c.yaml');
    writeFileSync(f, 'redis: { prefix: from-env }\n');
    const cfg = loadConfig(undefined, { NEWS_INGEST_CONFIG: f });
    expect(cfg.redis.prefix).toBe('from-env');
    expect(userAgentOf(cfg)).toBe(`news-ingest/${VERSION} (+https://github.com/news-ingest/news-ingest)`);
    expect(Object.isFrozen(cfg.http)).toBe(true);
  });

  it('a webhook on a port fetch() refuses ("bad port" at run time) is a config error naming the sink and the port', () => {
    const found = problems({ sinks: [{ type: 'webhook', url: 'http://127.0.0.1:1/in' }, { type: 'webhook', url: 'https://hooks.example:6667/in', name: 'irc' }, { type: 'webhook', url: 'https://hooks.example:8443/in', name: 'fine' }] });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^sinks\[0\]\.url: port 1 is on the Fetch Standard's list of blocked ports/);
    expect(found[1]).toMatch(/^sinks\[1\]\.url: port 6667 /);
    // the list is the one Node's fetch applies: port 1 really is refused as "bad port"
    return fetch('http://127.0.0.1:1/').then(
      () => expect.unreachable('fetch to port 1 answered'),
      (err: Error) => expect((err.cause as Error).message).toBe('bad port'),
    );
  });

  it('names sinks: their own name, else the type, then <type>-2...; a name used twice is an error', () => {
    const cfg = parseConfig(
      {
        sinks: [
          { type: 'jsonl', path: 'a.jsonl' },
          { type: 'webhook', url: 'https://hooks.example/a' },
          { type: 'jsonl', path: 'b.jsonl' },
          { type: 'webhook', url: 'https://hooks.example/b', name: 'webhook-2' },
          { type: 'webhook', url: 'https://hooks.example/c' },
          { type: 'postgres', url: 'postgres://127.0.0.1/test', name: 'warehouse' },
        ],
      },
      '(test)',
      {},
    );
    expect(cfg.sinks.map((s) => s.name)).toEqual(['jsonl', 'webhook', 'jsonl-2', 'webhook-2', 'webhook-3', 'warehouse']);
    const bad = () => parseConfig({ sinks: [{ type: 'jsonl', name: 'main' }, { type: 'jsonl', name: 'main', path: 'x.jsonl' }, { type: 'jsonl', name: 'a:b' }] }, 'c.yaml', {});
    expect(bad).toThrow(ConfigError);
    const problems = (() => {
      try {
        bad();
      } catch (e) {
        return (e as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([expect.stringMatching(/^sinks\[2\]\.name: sink name: letters/), 'sinks[1].name: duplicate sink name "main" (also sinks[0])']);
  });
});

describe('sink defaults (issue 12: retag reaches every tagged article)', () => {
  it('stores take every record by default, a webhook only relevant ones', () => {
    const cfg = parseConfig({ sinks: [{ type: 'jsonl', path: 'x.jsonl' }, { type: 'postgres', url: 'postgres://h/db' }, { type: 'webhook', url: 'https://example.org/hook' }] }, 'x', {});
    expect(cfg.sinks.map((s) => s.only)).toEqual(['all', 'all', 'relevant']);
    expect(parseConfig({}, 'x', {}).sinks).toEqual([{ type: 'jsonl', name: 'jsonl', path: 'data/articles.jsonl', only: 'all', retries: 20, backoffMs: 1000 }]);
  });
});
