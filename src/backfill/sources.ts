/**
 * Where a backfill gets its sitemaps: robots.txt `Sitemap:` lines of a site, and sitemap
 * documents downloaded politely (per-host slot, robots.txt) to a temporary file, so the
 * host's slot is held only for the transfer and the SAX pass runs from disk at its own pace
 * (a 50 MB sitemap never sits in memory, and slow parsing never trips the idle timeout).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import robotsParserModule from 'robots-parser';
import type { Config } from '../config/schema.js';
import { IngestError } from '../errors.js';
import { fetchResource, type FetchOptions, type FetchResult } from '../http/fetch.js';
import { acquireHostSlot } from '../state/politeness.js';
import { redisRobotsCache } from '../state/robots-cache.js';
import { robotsVerdict } from '../http/robots.js';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Largest sitemap read, bytes after decompression (sitemaps.org: 50 MB uncompressed; the gzip file itself is counted here). */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** Total time for one sitemap download, ms (a large sitemap on a slow link). */
export const SITEMAP_TIMEOUT_MS = 5 * 60_000;

/** What fetching needs. `fetch` replaces fetchResource in tests. */
export interface SourceDeps {
  config: Config;
  redis: Redis;
  userAgent: string;
  signal?: AbortSignal;
  fetch?: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  /** The proxy of `--feed`'s feed (`proxyOfFeed`), for robots.txt and sitemaps; undefined: `http.proxy`. */
  proxy?: string | null;
  /** Told the bytes of a sitemap written to disk so far, at every chunk (progress reports). */
  onBytes?: (bytes: number) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `fn` holding a politeness slot of the URL's host (src/http/politeness.ts: the same
 * budget the worker's article fetches use), waiting while the host is busy.
 * @throws IngestError `network-error` when the signal aborts while waiting; fn's errors
 */
export async function politely<T>(url: string, deps: SourceDeps, fn: (started: () => Promise<void>) => Promise<T>): Promise<T> {
  const host = new URL(url).host;
  for (;;) {
    if (deps.signal?.aborted) throw new IngestError('network-error', `${url}: stopped before fetching`);
    const slot = await acquireHostSlot(deps.redis, deps.config.redis.prefix, host, deps.config.http.perHost);
    if (slot.ok) {
      try {
        return await fn(slot.started);
      } finally {
        await slot.release();
      }
    }
    await sleep(slot.waitMs, deps.signal);
  }
}

/**
 * The sitemaps a site declares in its robots.txt (`Sitemap:` lines, RFC 9309 §2.2.4); when
 * it declares none (or has no robots.txt), `<origin>/sitemap.xml`.
 * @param site any URL of the site (its origin is used)
 * @throws IngestError `bad-url`, or a fetch error other than 4xx (5xx, network, timeout)
 */
export async function sitemapsOfSite(site: string, deps: SourceDeps): Promise<string[]> {
  let origin: string;
  try {
    origin = new URL(site).origin;
  } catch {
    throw new IngestError('bad-url', `--site: not an absolute URL: ${site}`);
  }
  if (!/^https?:/.test(origin)) throw new IngestError('bad-url', `--site: only http and https sites: ${site}`);
  const url = `${origin}/robots.txt`;
  try {
    const res = await politely(url, deps, (started) =>
      (deps.fetch ?? fetchResource)(url, { http: deps.config.http, userAgent: deps.userAgent, kind: 'text', maxBytes: 500 * 1024, truncate: true, onResponseStart: started, signal: deps.signal, proxy: deps.proxy }),
    );
    const listed = robotsParser(url, res.body.toString('utf8')).getSitemaps();
    if (listed.length) return [...new Set(listed)];
  } catch (err) {
    if (!(err instanceof IngestError) || !(err.code === 'not-found' || err.code === 'http-4xx')) throw err;
  }
  return [`${origin}/sitemap.xml`];
}

/** A downloaded sitemap on disk; `open()` streams its bytes, `dispose()` deletes it. */
export interface DownloadedSitemap {
  finalUrl: string;
  bytes: number;
  open(): AsyncIterable<Buffer>;
  dispose(): Promise<void>;
}

/**
 * Downloads one sitemap to a temporary file: robots.txt checked first (a disallowed sitemap
 * is `robots-disallowed`), then a GET under the host's politeness slot, body streamed to disk
 * (Content-Encoding undone; a gzip file stays gzip, the reader inflates it).
 * @throws IngestError with the fetch's reason code, `robots-disallowed`, `robots-unreachable`
 */
export async function downloadSitemap(url: string, deps: SourceDeps): Promise<DownloadedSitemap> {
  const { config } = deps;
  const verdict = await robotsVerdict(url, { cache: redisRobotsCache(deps.redis, config.redis.prefix), http: config.http, userAgent: deps.userAgent, fetch: deps.fetch });
  if (!verdict.allowed) {
    throw verdict.basis === 'unreachable'
      ? new IngestError('robots-unreachable', `robots.txt of ${new URL(url).host} cannot be fetched; ${url} waits`)
      : new IngestError('robots-disallowed', `robots.txt of ${new URL(url).host} disallows ${url}`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-sitemap-'));
  const file = path.join(dir, 'sitemap');
  let bytes = 0;
  try {
    const res = await politely(url, deps, (started) =>
      (deps.fetch ?? fetchResource)(url, {
        http: { ...config.http, timeoutMs: Math.max(config.http.timeoutMs, SITEMAP_TIMEOUT_MS) },
        userAgent: deps.userAgent,
        kind: 'text',
        maxBytes: SITEMAP_MAX_BYTES,
        proxy: deps.proxy,
        onResponseStart: started,
        signal: deps.signal,
        onBody: async (chunks) => {
          await pipeline(
            Readable.from(
              (async function* () {
                for await (const c of chunks) {
                  bytes += c.length;
                  deps.onBytes?.(bytes);
                  yield c;
                }
              })(),
            ),
            createWriteStream(file),
          );
        },
      }),
    );
    return { finalUrl: res.finalUrl, bytes, open: () => createReadStream(file, { highWaterMark: 64 * 1024 }), dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
