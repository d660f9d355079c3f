/**
 * A loopback news site built from a labeled stories set (tests/fixtures/stories/*.jsonl): one
 * HTML page per article (`/a/<id>.html`, with its language, publication time, site name and
 * canonical link) and one RSS feed per source (`/feed-<source>.xml`), so the real worker can
 * fetch, extract, tag, group and store them.
 */
import { readFileSync } from 'node:fs';
import type { Route } from './site-server.js';

/** One labeled article. */
export interface LabeledArticle {
  id: string;
  title: string;
  text: string;
  language: string;
  publishedAt: string;
  source: string;
  story: string;
  copy: string;
}

/** Reads a labeled set. */
export function readLabeled(path: string): LabeledArticle[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabeledArticle);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Routes of the site; `{{BASE_URL}}` is not used: `base` is passed in after the server starts (see `siteRoutes`). */
export function siteRoutes(articles: LabeledArticle[], base: () => string): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const a of articles) {
    routes[`/a/${a.id}.html`] = {
      handle: (_req, res) => {
        const paras = a.text.split('\n\n').map((p) => `<p>${esc(p)}</p>`).join('\n');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="${a.language}"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<link rel="canonical" href="${base()}/a/${a.id}.html"><meta property="og:site_name" content="${esc(a.source)}">
<meta property="article:published_time" content="${a.publishedAt}"></head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<article><h1>${esc(a.title)}</h1><time datetime="${a.publishedAt}">${a.publishedAt}</time>
${paras}
</article><footer>© ${esc(a.source)}</footer></body></html>`);
      },
    };
  }
  const sources = [...new Set(articles.map((a) => a.source))];
  for (const s of sources) {
    routes[`/feed-${s}.xml`] = {
      handle: (_req, res) => {
        const items = articles
          .filter((a) => a.source === s)
          .map((a) => `<item><title>${esc(a.title)}</title><link>${base()}/a/${a.id}.html</link><guid>${a.id}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate></item>`)
          .join('\n');
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${esc(s)}</title><link>${base()}/</link>${items}</channel></rss>`);
      },
    };
  }
  return routes;
}

/** The feed ids and URLs of the site (one per source). */
export function siteFeeds(articles: LabeledArticle[], base: string): { id: string; url: string }[] {
  return [...new Set(articles.map((a) => a.source))].map((s) => ({ id: s.replace(/[^A-Za-z0-9._-]/g, '-'), url: `${base}/feed-${s}.xml` }));
}

/** Runs the real worker once over the site of `file` with the given sinks; returns the site (close it) and the summary. */
export async function runWorkerOnLabeledSite(file: string, prefix: string, sinks: Record<string, unknown>[], worker: Record<string, unknown> = {}) {
  const { startSiteServer } = await import('./site-server.js');
  const { runWorker } = await import('../../src/queue/worker.js');
  const { captureLogger, REDIS_URL, testConfig } = await import('./worker.js');
  const articles = readLabeled(file);
  let baseUrl = '';
  const site = await startSiteServer(null, siteRoutes(articles, () => baseUrl));
  baseUrl = site.baseUrl;
  const config = testConfig({
    redis: { url: REDIS_URL, prefix },
    feeds: siteFeeds(articles, baseUrl),
    sinks,
    http: { perHost: { concurrency: 4, minDelayMs: 0 }, respectRobots: false },
    worker,
  });
  const { log, lines } = captureLogger('info');
  const summary = await runWorker({ config, log, once: true });
  return { site, summary, articles, lines };
}
