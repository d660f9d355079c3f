/**
 * A loopback HTTP server over a folder (the fixture site in tests/fixtures/site), for tests,
 * the demo and benchmarks. Bytes are served as stored, with `{{BASE_URL}}` replaced by the
 * server's base URL (an ASCII substitution, so legacy-encoded files stay intact).
 * Content-Type comes from the extension, without a charset (most pages declare theirs in the
 * document). A `_site.json` at the folder's root maps a path to `{status, headers, body}`
 * (what a file alone cannot say: a charset only in the header, a 410); `routes` override
 * paths for one test's fault cases.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Custom handler; wins over the other fields. */
  handle?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SiteServer {
  baseUrl: string;
  /** Paths requested so far, in order (with query strings). */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.xml': 'application/xml',
  '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** The repository's own fixture site: feeds and article pages in six languages (its README.md). */
export const SITE_DIR = resolve(import.meta.dirname, '../../tests/fixtures/site');

/**
 * Path of the third-party corpora (../shared next to the repo root; env `NEWS_INGEST_SHARED_DIR`
 * names it for a compiled copy of the benchmarks elsewhere), or null when absent.
 */
export const SHARED_DIR: string | null = (() => {
  const dir = process.env.NEWS_INGEST_SHARED_DIR ?? resolve(import.meta.dirname, '../../../shared');
  return existsSync(join(dir, 'corpus')) ? dir : null;
})();

/** Starts the server on 127.0.0.1 and a free port. */
export async function startSiteServer(root: string | null, routes: Record<string, Route> = {}): Promise<SiteServer> {
  const requests: string[] = [];
  const siteFile = root ? join(root, '_site.json') : '';
  const site = (siteFile && existsSync(siteFile) ? JSON.parse(readFileSync(siteFile, 'utf8')) : {}) as Record<string, Route>;
  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const path = url.split('?')[0];
    const route = routes[path];
    if (route?.handle) return route.handle(req, res);
    if (route) {
      res.writeHead(route.status ?? 200, route.headers ?? {});
      return res.end(route.body ?? '');
    }
    const answer = site[path];
    if (answer?.body !== undefined) {
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      return res.end(answer.body);
    }
    const file = root ? normalize(join(root, decodeURIComponent(path))) : '';
    if (!root || !file.startsWith(resolve(root)) || !existsSync(file) || !file.includes('.') || path.startsWith('/_')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    let body = readFileSync(file);
    if (body.includes('{{BASE_URL}}')) body = Buffer.from(body.toString('latin1').replaceAll('{{BASE_URL}}', baseUrl), 'latin1');
    res.writeHead(answer?.status ?? 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...answer?.headers, 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
