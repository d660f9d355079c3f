/**
 * Onboarding: `feed discover` on two loopback sites (one declaring its feeds with
 * <link rel=alternate>, one declaring none), `feed` naming what a non-feed is (a news sitemap,
 * a home page, an OPML file), and `feeds import` / `feeds export` round-tripping through OPML.
 * The CLI runs as a child process (the real command line).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { discoverFeeds } from '../../src/onboard/discover.js';
import { fetchResource } from '../../src/http/fetch.js';
import { parseOpml } from '../../src/onboard/opml.js';
import { REPO_ROOT } from '../helpers/crash-fixture.js';
import { tempDir, testConfig } from '../helpers/worker.js';

const rss = (title: string, n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link>${Array.from({ length: n }, (_, i) => `<item><title>T${i}</title><link>http://x/${i}</link><pubDate>Mon, 0${i + 1} Dec 2025 10:00:00 GMT</pubDate></item>`).join('')}</channel></rss>`;
const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom side</title><id>urn:x</id><updated>2025-12-01T00:00:00Z</updated><entry><title>A</title><id>urn:a</id><link href="http://x/a"/><updated>2025-12-03T00:00:00Z</updated></entry></feed>`;
const newsSitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://x/n1</loc><news:news><news:publication_date>2025-12-04T08:00:00Z</news:publication_date><news:title>N1</news:title></news:news></url></urlset>`;

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, NEWS_INGEST_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('onboarding', () => {
  let server: http.Server;
  let a = '';
  const dir = tempDir('onboard');
  const cfgFile = join(dir, 'config.yaml');

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const host = req.headers.host ?? '';
      const site = host.startsWith('localhost') ? 'b' : 'a'; // same server, two sites by host name
      const p = req.url ?? '/';
      const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
      if (p === '/robots.txt') return send('text/plain', `User-agent: *\nAllow: /\nSitemap: http://${host}/news-sitemap.xml\n`);
      if (p === '/news-sitemap.xml') return send('application/xml', newsSitemap);
      if (site === 'a') {
        if (p === '/') return send('text/html', `<html><head><base href="/sub/"><link rel="alternate" type="application/rss+xml" title="Main" href="main.rss"><link rel="Alternate" type="application/atom+xml" href="http://${host}/atom"><link rel="stylesheet" href="x.css"><link rel="alternate" hreflang="fr" href="/fr/"></head><body>home</body></html>`);
        if (p === '/sub/main.rss') return send('application/rss+xml', rss('Main side', 3));
        if (p === '/atom') return send('application/atom+xml', atom);
      } else {
        if (p === '/') return send('text/html', '<html><head><title>B</title></head><body>no feeds declared</body></html>');
        if (p === '/feed') return send('text/xml', rss('B feed', 2));
        if (p === '/rss') return send('text/html', '<html><body>soft 404</body></html>');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    a = `http://127.0.0.1:${port}`;
    writeFileSync(
      cfgFile,
      `# my feeds\nredis:\n  prefix: onboard-test\nhttp:\n  allowPrivateNetworks: true\n  perHost: { minDelayMs: 0 }\nfeeds:\n  # the first one\n  - id: main\n    url: ${a}/sub/main.rss\n    title: Main & Co\n`,
    );
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('discovers declared feeds (link rel=alternate, <base href>) and robots.txt sitemaps, each checked', async () => {
    const cfg = testConfig({ http: { perHost: { minDelayMs: 0 } } });
    const found = await discoverFeeds(`${a}/`, { http: cfg.http, userAgent: 'test', fetch: fetchResource });
    expect(found.map((f) => [f.via, f.type, f.url.replace(a, ''), f.ok, f.items])).toEqual([
      ['link', 'feed', '/sub/main.rss', true, 3],
      ['link', 'feed', '/atom', true, 1],
      ['robots', 'news-sitemap', '/news-sitemap.xml', true, 1],
    ]);
    expect(found[0]).toMatchObject({ title: 'Main side', newest: '2025-12-03T10:00:00.000Z' });
  });

  it('finds the feed of a site that declares none at a common path; a soft 404 is not listed; the CLI prints a config snippet', async () => {
    const b = a.replace('127.0.0.1', 'localhost');
    const r = await run(['feed', 'discover', `${b}/`, '--allow-private-networks', '-c', cfgFile]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok +feed +path +http:\/\/localhost:\d+\/feed +2 items, newest 2025-12-02 +"B feed"$/m);
    expect(r.out).not.toContain('/rss ');
    const snippet = parse(r.out.slice(r.out.indexOf('feeds:'))) as { feeds: { id: string; url: string; type?: string }[] };
    expect(snippet.feeds.map((f) => f.type ?? 'feed')).toEqual(['feed', 'news-sitemap']);
    expect(snippet.feeds[0].id).toBe('localhost-feed');
  }, 120_000);

  it('`feed` says what a news sitemap, a home page and an OPML file are, and which command takes each', async () => {
    const opml = join(dir, 'subs.opml');
    writeFileSync(opml, '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="News"><outline text="One" type="rss" xmlUrl="https://one.example/rss"/></outline></body></opml>');
    const sm = await run(['feed', `${a}/news-sitemap.xml`, '--allow-private-networks', '-c', cfgFile]);
    expect(sm.code).toBe(1);
    expect(sm.err).toContain('[not-a-feed]');
    expect(sm.err).toContain('it is a Google News sitemap: poll it as a feed with `type: news-sitemap`');
    const home = await run(['feed', `${a}/`, '--allow-private-networks', '-c', cfgFile]);
    expect(home.err).toContain(`it is an HTML page: list the site's feeds with \`news-ingest feed discover ${a}/\``);
    const file = await run(['feed', opml, '-c', cfgFile]);
    expect(file.err).toContain(`it is an OPML subscription list: convert it to config feeds with \`news-ingest feeds import ${opml}\``);
  }, 120_000);

  it('feeds import adds the new feeds to the config (comments kept, known URLs skipped); feeds export writes OPML 2.0 that imports back', async () => {
    const opml = join(dir, 'import.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Reader</title></head><body>
        <outline text="Caucasus" title="Caucasus">
          <outline type="rss" text="Civil &amp; Net" xmlUrl="https://www.civilnet.example/feed/" htmlUrl="https://www.civilnet.example/"/>
          <outline type="rss" text="Same again" xmlUrl="https://www.civilnet.example/feed/"/>
          <outline type="rss" text="Already" xmlUrl="${a}/sub/main.rss"/>
          <outline type="news-sitemap" text="News map" xmlUrl="https://news.example/sitemap-news.xml"/>
          <outline type="rss" text="Mail" xmlUrl="mailto:x@y.z"/>
        </outline></body></opml>`,
    );
    const dry = await run(['feeds', 'import', opml, '-c', cfgFile]);
    expect(dry.code).toBe(0);
    expect(parse(dry.out)).toEqual({
      feeds: [
        { id: 'civilnet-example-feed', url: 'https://www.civilnet.example/feed/', title: 'Civil & Net' },
        { id: 'news-example-sitemap-news-xml', url: 'https://news.example/sitemap-news.xml', title: 'News map', type: 'news-sitemap' },
      ],
    });
    expect(dry.out).toContain('(already-configured)');
    expect(dry.out).toContain('(duplicate)');
    expect(dry.out).toContain('mailto:x@y.z (bad-url)');
    const wrote = await run(['feeds', 'import', opml, '--write', '-c', cfgFile]);
    expect(wrote.code).toBe(0);
    const text = readFileSync(cfgFile, 'utf8');
    expect(text).toContain('# my feeds');
    expect(text).toContain('# the first one');
    const cfg = loadConfig(cfgFile, {});
    expect(cfg.feeds.map((f) => f.id)).toEqual(['main', 'civilnet-example-feed', 'news-example-sitemap-news-xml']);

    const exp = await run(['feeds', 'export', '-c', cfgFile]);
    expect(exp.code).toBe(0);
    expect(exp.out).toContain('<opml version="2.0">');
    expect(exp.out).toContain('text="Main &amp; Co"');
    expect(parseOpml(exp.out).map((o) => [o.xmlUrl, o.type, o.title])).toEqual([
      [`${a}/sub/main.rss`, 'rss', 'Main & Co'],
      ['https://www.civilnet.example/feed/', 'rss', 'Civil & Net'],
      ['https://news.example/sitemap-news.xml', 'news-sitemap', 'News map'],
    ]);
  }, 120_000);
});
