import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema, type HttpConfig } from '../../src/config/schema.js';
import { IngestError } from '../../src/errors.js';
import { fetchResource, type FetchOptions, type FetchResult } from '../../src/http/fetch.js';
import { decodeBody } from '../../src/http/charset.js';
import { backoffDelayMs, isRetryable } from '../../src/retry/policy.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { CHARSET_CASES, FEED_ETAG, FEED_LAST_MODIFIED, FEED_XML, startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { peakMemoryGrowth } from '../helpers/memory.js';
import { tempDir, testConfig } from '../helpers/worker.js';
import { showFeed } from '../../src/feeds/cli.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const MAX_BYTES = 1024 * 1024;
/** Peak memory growth allowed while a fault is fetched: far under the 50 MB / 512 MB bodies. */
const MEMORY_CAP = 24 * 1024 * 1024;
const UA = 'news-ingest-test/1.0 (+https://example.test/bot)';

let srv: FaultServer;
const http: HttpConfig = HttpConfigSchema.parse({ timeoutMs: 3000, maxBytes: MAX_BYTES, allowPrivateNetworks: true, userAgent: UA });
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http, userAgent: UA, kind: 'feed', idleTimeoutMs: 1000, ...o });

beforeAll(async () => {
  srv = await startFaultServer();
  // Build the bombs before any memory is measured.
  await fetchResource(srv.url('/bomb/gzip'), opts()).catch(() => {});
  await fetchResource(srv.url('/bomb/br'), opts()).catch(() => {});
});
afterAll(async () => {
  await srv.close();
});

async function failure(url: string, o: Partial<FetchOptions> = {}): Promise<IngestError> {
  const { result, peakBytes } = await peakMemoryGrowth(() => fetchResource(url, opts(o)));
  console.log(`fault ${url.replace(srv.origin, '')}: peak memory growth ${(peakBytes / 1e6).toFixed(1)} MB, ${result.status === 'rejected' ? (result.reason as IngestError).code : 'ok'}`);
  expect(peakBytes).toBeLessThan(MEMORY_CAP);
  if (result.status === 'fulfilled') throw new Error(`expected ${url} to fail, got HTTP ${result.value.status}`);
  expect(result.reason).toBeInstanceOf(IngestError);
  return result.reason as IngestError;
}

describe('fetchResource: success paths', () => {
  it('fetches a feed with validators, cache hints and the configured User-Agent', async () => {
    const res = await fetchResource(srv.url('/feed.xml'), opts());
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(FEED_XML);
    expect(res).toMatchObject({ etag: FEED_ETAG, lastModified: FEED_LAST_MODIFIED, cacheMaxAgeMs: 600_000, sniffed: 'rss', notModified: false, redirects: [] });
    const seen = srv.requests.filter((r) => r.path === '/feed.xml').at(-1);
    expect(seen?.headers['user-agent']).toBe(UA);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('conditional GET: a matching ETag or Last-Modified gives a 304 success with an empty body', async () => {
    const byEtag = await fetchResource(srv.url('/feed.xml'), opts({ etag: FEED_ETAG }));
    expect(byEtag).toMatchObject({ status: 304, notModified: true });
    expect(byEtag.body.length).toBe(0);
    const byDate = await fetchResource(srv.url('/feed.xml'), opts({ lastModified: FEED_LAST_MODIFIED }));
    expect(byDate.notModified).toBe(true);
    const stale = await fetchResource(srv.url('/feed.xml'), opts({ etag: '"old"' }));
    expect(stale.notModified).toBe(false);
  });

  it('reads a gzip feed served without Content-Encoding as the feed CLI reads the same bytes from a file', async () => {
    const res = await fetchResource(srv.url('/gzip-no-encoding/feed.xml'), opts());
    expect(res.sniffed).toBe('rss');
    expect(res.body.subarray(0, 5).toString()).toBe('<?xml');
    // `news-ingest feed` on the URL (the worker's fetch) and on the same gzip bytes saved to a file.
    const file = join(tempDir('gzip-feed'), 'feed.xml.gz');
    writeFileSync(file, gzipSync(res.body));
    const config = testConfig({});
    const fetchBytes = (u: string) => fetchResource(u, opts());
    const viaUrl = JSON.parse(await showFeed(srv.url('/gzip-no-encoding/feed.xml'), { json: true, config, fetchBytes })) as { items: { link: string }[] };
    const viaFile = JSON.parse(await showFeed(file, { json: true, url: srv.url('/gzip-no-encoding/feed.xml'), config, fetchBytes })) as { items: { link: string }[] };
    expect(viaUrl.items.length).toBeGreaterThan(0);
    expect(viaFile).toEqual(viaUrl);
  });

  it.each(['gzip', 'br', 'deflate', 'raw-deflate'])('decodes a %s-encoded feed', async (enc) => {
    const res = await fetchResource(srv.url(`/${enc}/feed.xml`), opts());
    expect(res.body.toString('utf8')).toBe(FEED_XML);
  });

  it('follows 5 redirects and keeps the final URL', async () => {
    const res = await fetchResource(srv.url('/chain/5'), opts());
    expect(res.finalUrl).toBe(srv.url('/chain/0'));
    expect(res.redirects).toEqual([4, 3, 2, 1, 0].map((n) => srv.url(`/chain/${n}`)));
    expect(res.body.toString('utf8')).toBe(FEED_XML);
  });

  it.each(['text/html', 'text/plain', 'application/octet-stream', 'none'])('sniffs a feed served as %s', async (type) => {
    const res = await fetchResource(srv.url(`/feed-as/${encodeURIComponent(type)}`), opts());
    expect(res.sniffed).toBe('rss');
    expect(res.contentType).toBe(type === 'none' ? null : type);
  });

  it('accepts an HTML page for an article fetch', async () => {
    const res = await fetchResource(srv.url('/page.html'), opts({ kind: 'html' }));
    expect(res.sniffed).toBe('html');
  });
});

describe('fetchResource: faults (reason code, retried or not, memory under the cap)', () => {
  const cases: Array<[string, string, string, boolean, Partial<FetchOptions>?]> = [
    ['slow headers', '/slow-headers', 'timeout', true, { idleTimeoutMs: 300 }],
    ['a body that stalls', '/stall-body', 'timeout', true, { idleTimeoutMs: 300 }],
    ['slow body (slowloris)', '/slow-body?interval=50', 'timeout', true, { http: { ...http, timeoutMs: 800 }, idleTimeoutMs: 400 }],
    ['a 50 MB body with Content-Length', '/big?mb=50', 'too-large', false],
    ['a 50 MB body without Content-Length', '/big?mb=50&length=0', 'too-large', false],
    ['a gzip bomb (512 MB expanded)', '/bomb/gzip', 'too-large', false],
    ['a deflate bomb', '/bomb/deflate', 'too-large', false],
    ['a raw-deflate bomb', '/bomb/raw-deflate', 'too-large', false],
    ['a brotli bomb', '/bomb/br', 'too-large', false],
    ['a redirect loop', '/loop/a', 'too-many-redirects', false],
    ['6 redirects', '/chain/6', 'too-many-redirects', false],
    ['a reset connection', '/reset', 'network-error', true],
    ['a connection reset mid-body', '/reset-mid', 'network-error', true],
    ['an HTML page as a feed', '/html-as-feed', 'not-a-feed', false],
    ['a PDF as a feed', '/pdf', 'not-a-feed', false],
    ['a PDF as an article', '/pdf', 'not-html', false, { kind: 'html' }],
    ['a feed as an article', '/feed.xml', 'not-html', false, { kind: 'html' }],
    ['404', '/status/404', 'not-found', false],
    ['410', '/status/410', 'not-found', false],
    ['401', '/status/401', 'http-4xx', false],
    ['403', '/status/403', 'http-4xx', false],
    ['500', '/status/500', 'http-5xx', true],
    ['a redirect to file:', '/redirect?to=file:///etc/passwd', 'bad-url', false],
    ['a redirect to a malformed URL', '/bad-location', 'bad-url', false],
    ['a reply that is not HTTP', '/garbage', 'network-error', true],
    ['plain text as a feed', '/status/200', 'not-a-feed', false],
    ['a 64 KiB response header', '/huge-header?kb=64', 'header-too-large', false],
    ['a gzip bomb without Content-Encoding', '/gzip-no-encoding/bomb', 'too-large', false],
  ];
  it.each(cases)('%s', async (_name, path, code, retried, o) => {
    const err = await failure(srv.url(path), o);
    expect(err.code).toBe(code);
    expect(isRetryable(err)).toBe(retried);
  });

  it('the slowloris body is cut by the total timeout, the silent server by the idle timeout', async () => {
    expect((await failure(srv.url('/slow-body?interval=50'), { http: { ...http, timeoutMs: 800 }, idleTimeoutMs: 400 })).message).toMatch(/total timeout/);
    expect((await failure(srv.url('/slow-headers'), { idleTimeoutMs: 300 })).message).toMatch(/idle timeout/);
    expect((await failure(srv.url('/stall-body'), { idleTimeoutMs: 300 })).message).toMatch(/idle timeout/);
  });

  it('429 carries the Retry-After delay and is retried', async () => {
    const err = await failure(srv.url('/429?after=7'));
    expect(err).toMatchObject({ code: 'rate-limited', retryAfterMs: 7000, httpStatus: 429 });
    expect(isRetryable(err)).toBe(true);
    expect(backoffDelayMs(1, 100, err, () => 0)).toBe(7000);
  });

  it('503 then 200: retried after the Retry-After, then succeeds', async () => {
    const url = srv.url('/flaky?key=fetch-test&fail=1');
    let res: FetchResult | null = null;
    const errors: string[] = [];
    for (let attempt = 1; attempt <= 3 && !res; attempt++) {
      try {
        res = await fetchResource(url, opts());
      } catch (err) {
        expect(isRetryable(err)).toBe(true);
        errors.push((err as IngestError).code);
        const delay = backoffDelayMs(attempt, 50, err);
        expect(delay).toBeGreaterThanOrEqual(1000);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    expect(errors).toEqual(['http-5xx']);
    expect(res?.body.toString('utf8')).toBe(FEED_XML);
  });

  it('broken XML and a truncated feed pass the fetch; a mismatched end tag is repaired, the truncated feed is invalid-feed', async () => {
    const read = async (path: string) => {
      const res = await fetchResource(srv.url(path), opts());
      expect(res.sniffed).toBe('rss');
      return parseFeed(decodeBody(res.body, res.contentType, 'xml').text, { url: res.finalUrl });
    };
    // `<title>a</titel>` and a bare `&`: read as gofeed reads it (issue 14), with the repair named.
    const broken = await read('/invalid-xml');
    expect([broken.parsedBy, broken.feed.title, broken.items.map((i) => i.title)]).toEqual([{ parser: 'xml', repaired: 'tags' }, 'Broken & bad', ['a']]);
    await expect(read('/truncated-feed')).rejects.toMatchObject({ code: 'invalid-feed' });
  });

  it('a malformed URL or a non-http scheme is bad-url', async () => {
    for (const url of ['not a url', 'ftp://127.0.0.1/x', 'file:///etc/passwd']) {
      await expect(fetchResource(url, opts())).rejects.toMatchObject({ code: 'bad-url' });
    }
  });
});

describe('fetchResource: charsets end to end', () => {
  it.each(Object.keys(CHARSET_CASES))('%s decodes without mojibake', async (name) => {
    const c = CHARSET_CASES[name];
    const res = await fetchResource(srv.url(`/charset/${name}`), opts({ kind: c.kind === 'xml' ? 'feed' : 'html' }));
    const { text } = decodeBody(res.body, res.contentType, c.kind);
    expect(text).toContain(c.expected);
    expect(text).not.toContain('\uFFFD');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });
});
