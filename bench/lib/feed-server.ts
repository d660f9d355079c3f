/**
 * A fast loopback server for the pipeline benchmark: feeds listing article URLs, and the
 * articles themselves, all from memory (no file I/O per request, no per-request parsing),
 * so the server costs the benchmark as little as possible.
 *
 * - `/feeds/<j>.xml`: RSS 2.0 listing articles j*perFeed .. min(N, (j+1)*perFeed)-1, built on request.
 * - `/a/<i>.html`: corpus page `i mod pages.length`, as stored (Content-Type text/html, no charset:
 *   the page declares its own, as on the web).
 * - `/robots.txt`: allows everything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorpusPage } from './corpus-pages.js';

export interface FeedServer {
  baseUrl: string;
  /** Feed URLs, in order. */
  feedUrls: string[];
  /** Requests served so far by kind. */
  served: { feeds: number; articles: number; other: number };
  close(): Promise<void>;
}

export interface FeedServerOptions {
  pages: readonly CorpusPage[];
  /** Articles listed in all feeds together. */
  articles: number;
  /** Items per feed (the last feed may hold fewer). */
  perFeed: number;
}

/** Escapes text for XML element content. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The RSS 2.0 document of feed `j`. Item dates step back one minute per article from a fixed instant. */
export function feedXml(baseUrl: string, j: number, from: number, to: number): string {
  const epoch = Date.UTC(2026, 0, 1);
  const items: string[] = [];
  for (let i = from; i < to; i++) {
    const link = `${baseUrl}/a/${i}.html`;
    items.push(
      `<item><title>${xmlText(`Bench article ${i}`)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid>` +
        `<pubDate>${new Date(epoch - i * 60_000).toUTCString()}</pubDate><description>Article ${i} of the pipeline benchmark</description></item>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${j}</title>` +
    `<link>${baseUrl}/</link><description>pipeline benchmark feed ${j}</description>${items.join('')}</channel></rss>\n`
  );
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFeedServer(opts: FeedServerOptions): Promise<FeedServer> {
  const { pages, articles, perFeed } = opts;
  const feeds = Math.ceil(articles / perFeed);
  const served = { feeds: 0, articles: 0, other: 0 };
  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let m = /^\/a\/(\d+)\.html$/.exec(path);
    if (m) {
      const i = Number(m[1]);
      if (i >= articles) return void res.writeHead(404).end();
      served.articles++;
      const body = pages[i % pages.length].body;
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length });
      return void res.end(body);
    }
    m = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (m) {
      const j = Number(m[1]);
      if (j >= feeds) return void res.writeHead(404).end();
      served.feeds++;
      const body = Buffer.from(feedXml(baseUrl, j, j * perFeed, Math.min(articles, (j + 1) * perFeed)));
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length });
      return void res.end(body);
    }
    served.other++;
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    feedUrls: Array.from({ length: feeds }, (_, j) => `${baseUrl}/feeds/${j}.xml`),
    served,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
