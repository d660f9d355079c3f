/**
 * A fault-injecting HTTP server for tests, on 127.0.0.1 (loopback only, port 0). It serves
 * the ways the real web breaks a fetcher:
 *
 * | route                         | what it does                                              |
 * |-------------------------------|-----------------------------------------------------------|
 * | /feed.xml                     | valid RSS 2.0; ETag + Last-Modified, 304 when they match; Cache-Control max-age=600 |
 * | /page.html                    | a small HTML article page                                 |
 * | /slow-headers?ms=N            | accepts, sends nothing for N ms (default: never)          |
 * | /stall-body                   | headers and half the feed, then silence                   |
 * | /slow-body?interval=N         | headers, then one byte every N ms, never ends (slowloris) |
 * | /big?mb=N[&length=0]          | N MB of body (default 50), with Content-Length unless length=0 |
 * | /bomb/gzip, /bomb/deflate, /bomb/raw-deflate, /bomb/br | small compressed, hundreds of MB expanded |
 * | /gzip/feed.xml, /br/feed.xml, /deflate/feed.xml, /raw-deflate/feed.xml | the feed, compressed |
 * | /loop/a, /loop/b              | a redirect loop a -> b -> a                               |
 * | /chain/N                      | N redirects, then the feed                                |
 * | /redirect?to=URL[&status=302] | one redirect to URL                                       |
 * | /429?after=S                  | 429 with Retry-After: S (seconds, default 2)              |
 * | /flaky?key=K&fail=N           | 503 (Retry-After: 1) for the first N hits of K (default 1), then the feed |
 * | /reset                        | destroys the connection before any response               |
 * | /reset-mid                    | headers and half a body, then destroys the connection     |
 * | /feed-as/<type>               | the valid feed with Content-Type <type> (`none` = no header) |
 * | /html-as-feed                 | an HTML page declared application/rss+xml                 |
 * | /invalid-xml                  | broken XML declared application/rss+xml                   |
 * | /truncated-feed               | a feed cut in the middle                                  |
 * | /pdf                          | a PDF                                                     |
 * | /garbage                      | a reply that is not HTTP at all                           |
 * | /bad-location                 | a redirect whose Location is not a URL                    |
 * | /status/N                     | answers status N                                          |
 * | /charset/<case>               | one of CHARSET_CASES                                      |
 * | /robots.txt                   | `server.robots` (status and body; default 404)            |
 * | /huge-header?kb=N             | the feed with one response header of N KiB (default 64)   |
 * | /gzip-no-encoding/feed.xml    | the feed gzip-compressed, without Content-Encoding (a misconfigured server) |
 * | /gzip-no-encoding/bomb        | the gzip bomb, without Content-Encoding                   |
 *
 * Every request is logged in `requests` with its arrival time (ms, monotonic clock).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

/** One request as the server saw it. */
export interface Arrival {
  path: string;
  /** Monotonic arrival time, ms (performance.now() of this process). */
  at: number;
  headers: http.IncomingHttpHeaders;
}

export interface FaultServer {
  origin: string;
  port: number;
  url(path: string): string;
  requests: Arrival[];
  /** What /robots.txt answers. */
  robots: { status: number; body: string };
  close(): Promise<void>;
}

export const FEED_ETAG = '"feed-v1"';
export const FEED_LAST_MODIFIED = 'Sat, 28 Nov 2026 10:00:00 GMT';

/** A valid RSS 2.0 feed with two items, long enough to be cut in the middle. */
export const FEED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fault feed</title><link>http://example.test/</link><description>test</description>
<item><title>Pashinyan and Aliyev meet in Abu Dhabi</title><link>http://example.test/a1</link><guid>a1</guid><pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>Talks on the peace treaty continued.</description></item>
<item><title>Border delimitation commission meets</title><link>http://example.test/a2</link><guid>a2</guid><pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate><description>The commissions met again.</description></item>
</channel></rss>
`;

export const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Talks resume</title></head><body><article><h1>Talks resume</h1><p>Armenia and Azerbaijan resumed talks on the peace treaty.</p></article></body></html>`;

/** A charset case: the bytes served, their Content-Type, and the text a correct decoder must produce. */
export interface CharsetCase {
  contentType: string | null;
  body: Buffer;
  /** A string the decoded text must contain. */
  expected: string;
  kind: 'html' | 'xml';
}

const RU = 'Переговоры Армении и Азербайджана';
const FR = 'Négociations à Genève, Zürich, façade';
const html = (head: string, text: string) => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${text}</p></body></html>`;
const rss = (decl: string, text: string) => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${text}</title><link>http://example.test/</link><description>d</description></channel></rss>`;
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

/** Every charset case from the issue, served under /charset/<name>. */
export const CHARSET_CASES: Record<string, CharsetCase> = {
  'windows-1251-header': { contentType: 'text/html; charset=windows-1251', body: iconv.encode(html('', RU), 'windows-1251'), expected: RU, kind: 'html' },
  'windows-1251-meta': { contentType: 'text/html', body: iconv.encode(html('<meta charset="windows-1251">', RU), 'windows-1251'), expected: RU, kind: 'html' },
  'windows-1251-http-equiv': { contentType: 'text/html', body: iconv.encode(html('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', RU), 'windows-1251'), expected: RU, kind: 'html' },
  'windows-1251-xml-decl': { contentType: 'application/rss+xml', body: iconv.encode(rss(' encoding="windows-1251"', RU), 'windows-1251'), expected: RU, kind: 'xml' },
  'koi8-r-meta': { contentType: 'text/html', body: iconv.encode(html('<meta http-equiv="content-type" content="text/html;charset=koi8-r">', RU), 'koi8-r'), expected: RU, kind: 'html' },
  'iso-8859-1-header': { contentType: 'text/html; charset=ISO-8859-1', body: iconv.encode(html('', FR), 'latin1'), expected: FR, kind: 'html' },
  'iso-8859-1-xml-decl': { contentType: 'text/xml', body: iconv.encode(rss(' encoding="ISO-8859-1"', FR), 'latin1'), expected: FR, kind: 'xml' },
  'utf-16le-bom': { contentType: 'application/rss+xml', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss(' encoding="UTF-16"', RU), 'utf16le')]), expected: RU, kind: 'xml' },
  'utf-16be-bom': { contentType: 'application/rss+xml', body: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(rss(' encoding="UTF-16"', RU))]), expected: RU, kind: 'xml' },
  'utf-8-declares-latin1-header': { contentType: 'text/html; charset=iso-8859-1', body: Buffer.from(html('', FR + ' ' + RU)), expected: FR + ' ' + RU, kind: 'html' },
  'utf-8-declares-latin1-meta': { contentType: 'text/html', body: Buffer.from(html('<meta charset="iso-8859-1">', FR)), expected: FR, kind: 'html' },
  'utf-8-bom-vs-header': { contentType: 'text/html; charset=windows-1251', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html('', RU))]), expected: RU, kind: 'html' },
  'header-vs-meta': { contentType: 'text/html; charset=windows-1251', body: iconv.encode(html('<meta charset="utf-8">', RU), 'windows-1251'), expected: RU, kind: 'html' },
  'header-vs-xml-decl': { contentType: 'application/xml; charset=windows-1251', body: iconv.encode(rss(' encoding="utf-8"', RU), 'windows-1251'), expected: RU, kind: 'xml' },
  'utf-8-no-declaration': { contentType: 'text/html', body: Buffer.from(html('', RU)), expected: RU, kind: 'html' },
};

let bombs: Record<string, Buffer> | null = null;
/** Compressed bodies that expand to hundreds of MB (built once, in 8-64 MB pieces to keep the test process small). */
function getBombs(): Record<string, Buffer> {
  if (bombs) return bombs;
  const zeros = Buffer.alloc(8 * 1024 * 1024);
  const member = zlib.gzipSync(zeros, { level: 9 });
  // 64 gzip members, 512 MB expanded (a gzip stream may hold several members, RFC 1952 §2.2).
  const gzip = Buffer.concat(Array.from({ length: 64 }, () => member));
  const big = Buffer.alloc(64 * 1024 * 1024);
  bombs = {
    gzip,
    deflate: zlib.deflateSync(big, { level: 9 }),
    'raw-deflate': zlib.deflateRawSync(big, { level: 9 }),
    br: zlib.brotliCompressSync(big, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  };
  return bombs;
}

const ENCODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  br: (b) => zlib.brotliCompressSync(b),
  deflate: (b) => zlib.deflateSync(b),
  'raw-deflate': (b) => zlib.deflateRawSync(b),
};

/** Starts the server on 127.0.0.1, a free port. */
export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const flaky = new Map<string, number>();
  const state: FaultServer = {
    origin: '',
    port: 0,
    url: (p) => `${state.origin}${p}`,
    requests: [],
    robots: { status: 404, body: '' },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const sendFeed = (req: http.IncomingMessage, res: http.ServerResponse, contentType: string | null = 'application/rss+xml; charset=utf-8') => {
    if (req.headers['if-none-match'] === FEED_ETAG || req.headers['if-modified-since'] === FEED_LAST_MODIFIED) {
      res.writeHead(304, { etag: FEED_ETAG, 'last-modified': FEED_LAST_MODIFIED });
      return res.end();
    }
    const h: http.OutgoingHttpHeaders = { etag: FEED_ETAG, 'last-modified': FEED_LAST_MODIFIED, 'cache-control': 'max-age=600' };
    if (contentType) h['content-type'] = contentType;
    res.writeHead(200, h);
    res.end(FEED_XML);
  };

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const p = u.pathname;
    state.requests.push({ path: req.url ?? '/', at: performance.now(), headers: req.headers });
    const q = (k: string, d: number) => (u.searchParams.has(k) ? Number(u.searchParams.get(k)) : d);

    if (p === '/feed.xml') return sendFeed(req, res);
    if (p === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(PAGE_HTML);
    }
    if (p === '/huge-header') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'x-filler': 'a'.repeat(q('kb', 64) * 1024) });
      return void res.end(FEED_XML);
    }
    if (p === '/gzip-no-encoding/bomb') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(getBombs().gzip);
    }
    if (p === '/gzip-no-encoding/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(zlib.gzipSync(FEED_XML));
    }
    if (p === '/slow-headers') {
      const ms = q('ms', -1);
      if (ms >= 0) later(ms, () => sendFeed(req, res));
      return;
    }
    if (p === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': FEED_XML.length });
      res.write(FEED_XML.slice(0, 200));
      return;
    }
    if (p === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<');
      const interval = q('interval', 200);
      const tick = () => {
        if (res.destroyed) return;
        res.write(' ');
        later(interval, tick);
      };
      later(interval, tick);
      return;
    }
    if (p === '/big') {
      const total = q('mb', 50) * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const h: http.OutgoingHttpHeaders = { 'content-type': 'text/html' };
      if (u.searchParams.get('length') !== '0') h['content-length'] = total;
      res.writeHead(200, h);
      res.write('<html><body>');
      let sent = 12;
      const pump = () => {
        while (sent < total && !res.destroyed) {
          const c = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += c.length;
          if (!res.write(c)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      return pump();
    }
    const bomb = /^\/bomb\/(gzip|deflate|raw-deflate|br)$/.exec(p);
    if (bomb) {
      const enc = bomb[1];
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': enc === 'raw-deflate' ? 'deflate' : enc });
      return res.end(getBombs()[enc]);
    }
    const compressed = /^\/(gzip|br|deflate|raw-deflate)\/feed\.xml$/.exec(p);
    if (compressed) {
      const enc = compressed[1];
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': enc === 'raw-deflate' ? 'deflate' : enc });
      return res.end(ENCODERS[enc](Buffer.from(FEED_XML)));
    }
    if (p === '/loop/a' || p === '/loop/b') {
      res.writeHead(302, { location: p === '/loop/a' ? '/loop/b' : '/loop/a' });
      return res.end();
    }
    const chain = /^\/chain\/(\d+)$/.exec(p);
    if (chain) {
      const n = Number(chain[1]);
      res.writeHead(n > 0 ? 301 : 200, n > 0 ? { location: `/chain/${n - 1}` } : { 'content-type': 'application/rss+xml' });
      return res.end(n > 0 ? '' : FEED_XML);
    }
    if (p === '/redirect') {
      res.writeHead(q('status', 302), { location: u.searchParams.get('to') ?? '/feed.xml' });
      return res.end();
    }
    if (p === '/429') {
      res.writeHead(429, { 'retry-after': String(q('after', 2)) });
      return res.end('slow down');
    }
    if (p === '/flaky') {
      const key = u.searchParams.get('key') ?? '';
      const hits = (flaky.get(key) ?? 0) + 1;
      flaky.set(key, hits);
      if (hits <= q('fail', 1)) {
        res.writeHead(503, { 'retry-after': '1' });
        return res.end('busy');
      }
      return sendFeed(req, res);
    }
    if (p === '/reset') return req.socket.destroy();
    if (p === '/reset-mid') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': FEED_XML.length });
      res.write(FEED_XML.slice(0, 200));
      return later(20, () => req.socket.destroy());
    }
    const feedAs = /^\/feed-as\/(.+)$/.exec(p);
    if (feedAs) {
      const t = decodeURIComponent(feedAs[1]);
      return sendFeed(req, res, t === 'none' ? null : t);
    }
    if (p === '/html-as-feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(PAGE_HTML);
    }
    if (p === '/invalid-xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & bad</title><item><title>a</titel></item></channel></rss>');
    }
    if (p === '/truncated-feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(FEED_XML.slice(0, Math.floor(FEED_XML.length / 2)));
    }
    if (p === '/garbage') {
      req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 not http\r\n\r\n');
      return;
    }
    if (p === '/bad-location') {
      res.writeHead(302, { location: 'http://[not-an-ip/x' });
      return res.end();
    }
    if (p === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n');
    }
    const status = /^\/status\/(\d{3})$/.exec(p);
    if (status) {
      res.writeHead(Number(status[1]), { 'content-type': 'text/plain' });
      return res.end(`status ${status[1]}`);
    }
    const cs = /^\/charset\/(.+)$/.exec(p);
    if (cs && CHARSET_CASES[cs[1]]) {
      const c = CHARSET_CASES[cs[1]];
      res.writeHead(200, c.contentType ? { 'content-type': c.contentType } : {});
      return res.end(c.body);
    }
    if (p === '/robots.txt') {
      res.writeHead(state.robots.status, { 'content-type': 'text/plain' });
      return res.end(state.robots.body);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${state.port}`;
  return state;
}
