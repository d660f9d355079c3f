/**
 * Per-host politeness holds for every request the worker makes to a host, not only article
 * pages and redirect hops (docs/review.md round 9 faults): a feed poll, a robots.txt fetch and an
 * AMP page's canonical page used to go out at once, beside the article fetches of the same host
 * (a feed poll and its first article's robots.txt 2 ms apart with minDelayMs 400).
 *
 * The real worker (`news-ingest start --once`, a child process) against a private redis-server
 * and one loopback site that serves a feed, robots.txt, two article pages and an AMP page whose
 * canonical page is on the same host; `perHost: {concurrency: 1, minDelayMs: 400}`. The site
 * stamps each request's arrival before it answers: consecutive arrivals must be minDelayMs apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { tempDir } from '../helpers/worker.js';
import { runCli } from '../helpers/cli-process.js';

const MIN_DELAY_MS = 400;
const PARA = 'The foreign ministers of Armenia and Azerbaijan met again and agreed a timetable for the border commissions before the next round of peace talks. ';
const page = (title: string, extra = '', htmlAttr = '') =>
  `<!doctype html><html lang="en"${htmlAttr}><head><meta charset="utf-8"><title>${title}</title>${extra}</head><body><article><h1>${title}</h1><p>${PARA.repeat(4)}</p></article></body></html>`;

describe('per-host politeness for feed polls, robots.txt and AMP canonical pages', () => {
  let redis: PrivateRedis;
  let site: Server;
  let origin = '';
  /** Requests as the site saw them: path and arrival time (ms, performance.now), in order. */
  const arrivals: { path: string; at: number }[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    site = createServer((req, res) => {
      const path = req.url ?? '/';
      arrivals.push({ path, at: performance.now() });
      if (path === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        const items = ['/news/one.html', '/news/two.html', '/amp/three.html'].map((p, i) => `<item><title>Talks item ${i}</title><link>${origin}${p}</link><guid>g-${i}</guid></item>`).join('');
        return void res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Polite Herald</title><link>${origin}/</link>${items}</channel></rss>`);
      }
      if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('User-agent: *\nDisallow: /private/\n');
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (path === '/amp/three.html') return void res.end(page('Talks item 2 (AMP)', `<link rel="canonical" href="${origin}/news/three.html">`, ' amp'));
      if (path === '/news/three.html') return void res.end(page('Talks item 2 canonical'));
      res.end(page(`Talks page ${path}`));
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => site?.close(r));
    await redis?.stop();
  });

  it(`every request to the host, feed and robots.txt and AMP canonical included, arrives at least minDelayMs (${MIN_DELAY_MS} ms) after the one before`, async () => {
    const dir = tempDir('polite-every');
    const out = join(dir, 'articles.jsonl');
    const cfg = join(dir, 'cfg.yaml');
    writeFileSync(
      cfg,
      [
        'feeds:',
        `  - { id: polite, url: "${origin}/feed.xml" }`,
        `sinks: [ { type: jsonl, path: "${out}" } ]`,
        'http:',
        '  allowPrivateNetworks: true',
        '  respectRobots: true',
        `  perHost: { concurrency: 1, minDelayMs: ${MIN_DELAY_MS} }`,
        'worker: { extractThreads: 0 }',
        'redis: { prefix: polite-every }',
        '',
      ].join('\n'),
    );
    const r = await runCli(['-c', cfg, 'start', '--once'], { REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    expect(r.code, r.err).toBe(0);
    const paths = arrivals.map((a) => a.path);
    // what was asked, each once: the feed, robots.txt, three pages and the AMP page's canonical page
    expect([...paths].sort()).toEqual(['/amp/three.html', '/feed.xml', '/news/one.html', '/news/three.html', '/news/two.html', '/robots.txt']);
    const gaps = arrivals.slice(1).map((a, i) => ({ from: arrivals[i].path, to: a.path, ms: Math.round(a.at - arrivals[i].at) }));
    console.log(`arrivals at the host (minDelayMs ${MIN_DELAY_MS}): ${gaps.map((g) => `${g.from} → ${g.to} ${g.ms} ms`).join('; ')}`);
    // the host stamps a request before it answers and the slot is marked after the answer: the gap
    // as the host sees it is never under minDelayMs; 20 ms of margin for timer granularity
    for (const g of gaps) expect(g.ms, `${g.from} → ${g.to}`).toBeGreaterThanOrEqual(MIN_DELAY_MS - 20);
    const records = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; title: string });
    expect(records.map((x) => x.title).sort()).toEqual(['Talks item 2 canonical', 'Talks page /news/one.html', 'Talks page /news/two.html']);
  }, 120_000);
});
