/**
 * The one HTTP module both jobs use (minimal first version: timeouts, size cap while
 * streaming, redirects followed by fetch, conditional GET headers). Errors are IngestErrors
 * with reason codes (src/errors.ts).
 */
import type { HttpConfig } from '../config/schema.js';
import { IngestError } from '../errors.js';

/** What the caller wants: `feed` sends a feed Accept header, `html` an HTML one. */
export type FetchKind = 'feed' | 'html';

export interface FetchOptions {
  http: HttpConfig;
  userAgent: string;
  kind: FetchKind;
  /** Validators from the previous fetch, for a conditional GET (feeds). */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

/** A completed response. `notModified` is true on 304, and `body` is then empty. */
export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Body bytes, decompressed, at most http.maxBytes. */
  body: Buffer;
}

const ACCEPT: Record<FetchKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
};

/**
 * GETs a URL.
 * @throws IngestError: `bad-url`, `timeout`, `network-error`, `http-5xx`, `rate-limited`,
 *   `not-found`, `http-4xx`, `too-large`
 */
export async function fetchResource(url: string, opts: FetchOptions): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IngestError('bad-url', `not an absolute URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new IngestError('bad-url', `only http and https are fetched: ${url}`);
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: ACCEPT[opts.kind] };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const timeout = AbortSignal.timeout(opts.http.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(parsed, { headers, signal, redirect: 'follow' });
  } catch (err) {
    if (timeout.aborted) throw new IngestError('timeout', `no response within ${opts.http.timeoutMs} ms: ${url}`, { cause: err });
    throw new IngestError('network-error', `cannot reach ${url}: ${(err as Error).cause ?? (err as Error).message}`, { cause: err });
  }
  const base = { url, finalUrl: res.url || url, status: res.status, contentType: res.headers.get('content-type'), etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
  if (res.status === 304) return { ...base, notModified: true, body: Buffer.alloc(0) };
  if (res.status >= 400) {
    await res.body?.cancel().catch(() => {});
    const st = res.status;
    if (st === 404 || st === 410) throw new IngestError('not-found', `HTTP ${st} for ${url}`, { httpStatus: st });
    if (st === 429) throw new IngestError('rate-limited', `HTTP 429 for ${url}`, { httpStatus: st });
    if (st >= 500) throw new IngestError('http-5xx', `HTTP ${st} for ${url}`, { httpStatus: st });
    throw new IngestError('http-4xx', `HTTP ${st} for ${url}`, { httpStatus: st });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body ?? []) {
      total += chunk.length;
      if (total > opts.http.maxBytes) {
        throw new IngestError('too-large', `body over ${opts.http.maxBytes} bytes: ${url}`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (timeout.aborted) throw new IngestError('timeout', `body not complete within ${opts.http.timeoutMs} ms: ${url}`, { cause: err });
    throw new IngestError('network-error', `connection lost while reading ${url}`, { cause: err });
  }
  return { ...base, notModified: false, body: Buffer.concat(chunks) };
}
