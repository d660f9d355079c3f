/**
 * A feed's `proxy` through the real worker (`start --once` semantics), with a real proxy
 * process (tests/helpers/proxy-process.mjs) that records what went through it. Two loopback
 * sites, so each has its own robots.txt: the proxied feed's feed, robots.txt and article go
 * through the proxy (with its credentials); the other feed's do not. A feed whose proxy is dead
 * fails with `proxy-error`: in the job.end log line, in the feed's `lastStatus` in `status`, and
 * the password is in none of them nor in `config check`. A bad proxy URL names the feed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/cli/config-check.js';
import { parseConfig, ConfigError } from '../../src/config/load.js';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus } from '../../src/queue/status.js';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { closedPort, startProxyProcess, type ProxyProcess } from '../helpers/proxy.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

interface Site {
  server: http.Server;
  origin: string;
  seen: { path: string; via: string | null }[];
}

/** A site with robots.txt (all allowed), one feed `/feed.xml` of one story `/story`. */
async function startSite(name: string): Promise<Site> {
  const site: Site = { server: http.createServer(), origin: '', seen: [] };
  site.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const p = req.url ?? '/';
    site.seen.push({ path: p, via: (req.headers.via as string | undefined) ?? null });
    if (p === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (p === '/feed.xml')
      return res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>${site.origin}/</link><item><title>${name} story</title><link>${site.origin}/story</link></item></channel></rss>`);
    if (p === '/story') return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>${name} story</title></head><body><article><p>The ${name} council met again to agree the budget for the roads of the district next year, after a long debate.</p></article></body></html>`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', () => r()));
  site.origin = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  return site;
}

describe('a feed behind a proxy', () => {
  const prefix = uniquePrefix('feed-proxy');
  const out = join(tempDir('feed-proxy'), 'a.jsonl');
  let proxied: Site;
  let direct: Site;
  let proxy: ProxyProcess;
  let deadPort = 0;

  beforeAll(async () => {
    proxied = await startSite('proxied');
    direct = await startSite('direct');
    proxy = await startProxyProcess({ auth: 'agent:pw-7f3k' });
    deadPort = await closedPort();
  });
  afterAll(async () => {
    await proxy?.stop();
    for (const s of [proxied, direct]) {
      s?.server.closeAllConnections();
      await new Promise((r) => s?.server.close(r));
    }
    await dropPrefix(prefix);
  });

  it('sends the feed, its robots.txt and its article through the proxy, and nothing of the other feed', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'proxied', url: `${proxied.origin}/feed.xml`, proxy: `http://agent:pw-7f3k@127.0.0.1:${proxy.port}` },
        { id: 'direct', url: `${direct.origin}/feed.xml` },
      ],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { perHost: { concurrency: 2, minDelayMs: 0 } },
      worker: { attempts: 1 },
    });
    const { log } = captureLogger('info');
    const summary = await runWorker({ config: cfg, log, once: true });
    expect(summary.feeds).toMatchObject({ completed: 2, failed: 0 });
    expect(summary.articles).toMatchObject({ completed: 2, failed: 0 });
    expect(readJsonlRecords(out).map((r) => r.canonicalUrl).sort()).toEqual([`${direct.origin}/story`, `${proxied.origin}/story`].sort());
    expect(proxy.requests.map((r) => `${r.method} ${r.target} ${r.auth}`).sort()).toEqual(
      ['/feed.xml', '/robots.txt', '/story'].map((p) => `GET ${proxied.origin}${p} agent:pw-7f3k`).sort(),
    );
    expect(proxied.seen.map((s) => `${s.path} ${s.via}`).sort()).toEqual(['/feed.xml 1.1 test-proxy', '/robots.txt 1.1 test-proxy', '/story 1.1 test-proxy']);
    expect(direct.seen.map((s) => `${s.path} ${s.via}`).sort()).toEqual(['/feed.xml null', '/robots.txt null', '/story null']);
  }, 120_000);

  it('a dead proxy: proxy-error in the log and in status, the password nowhere', async () => {
    const prefix2 = `${prefix}-dead`;
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix: prefix2 },
      feeds: [{ id: 'behind-dead', url: `${proxied.origin}/feed.xml`, proxy: `http://agent:pw-7f3k@127.0.0.1:${deadPort}` }],
      sinks: [{ type: 'jsonl', path: join(tempDir('feed-proxy-dead'), 'a.jsonl'), only: 'all' }],
      worker: { attempts: 1 },
    });
    const before = proxied.seen.length;
    const { log, lines } = captureLogger('info');
    const redis = createRedis(REDIS_URL, 'test-feed-proxy');
    const queues = openQueues(cfg, redis);
    try {
      const summary = await runWorker({ config: cfg, log, once: true });
      expect(summary.feeds).toMatchObject({ completed: 0, failed: 1 });
      expect(proxied.seen.length).toBe(before);
      const end = lines.find((l) => l.event === 'job.end' && l.feedId === 'behind-dead');
      expect(end).toMatchObject({ outcome: 'failed', reason: 'proxy-error' });
      expect(String(end!.err)).toContain(`proxy http://***@127.0.0.1:${deadPort} failed (ECONNREFUSED`);
      const report = await collectStatus(cfg, redis, queues);
      expect(report.feeds.find((f) => f.id === 'behind-dead')).toMatchObject({ lastStatus: 'proxy-error', consecutiveFailures: 1 });
      const everything = JSON.stringify(lines) + JSON.stringify(report) + JSON.stringify(maskSecrets(cfg));
      expect(everything).not.toContain('pw-7f3k');
      expect((maskSecrets(cfg) as { feeds: { proxy: string }[] }).feeds[0].proxy).toBe(`http://***@127.0.0.1:${deadPort}`);
    } finally {
      await queues.close();
      redis.disconnect();
      await dropPrefix(prefix2);
    }
  }, 120_000);

  it('a bad proxy URL is a config error naming the feed, without its password', () => {
    const err = (() => {
      try {
        parseConfig({ feeds: [{ id: 'ok', url: 'https://example.org/rss' }, { id: 'wire', url: 'https://example.org/w', proxy: 'socks5://agent:pw-7f3k@10.0.0.1:1080' }] }, 'c.yaml', {});
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual(['feeds[1].proxy: invalid proxy URL for feed "wire": scheme socks5: is not supported (http://[user:pass@]host:port or https://[user:pass@]host:port expected; SOCKS is not supported)']);
    expect(() => parseConfig({ http: { proxy: 'http://proxy.example:3128/x' } }, 'c.yaml', {})).toThrow(/http\.proxy: invalid proxy URL: a proxy URL has no path/);
  });
});
