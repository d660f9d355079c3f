/**
 * Response checks of fetchResource (src/http/fetch.ts): a header as one string, the reason code of
 * a failed status, the content-type checks before and after sniffing the body, and the URL check
 * of the request and of each redirect. Split out of fetch.ts unchanged.
 */
import type { IncomingMessage } from 'node:http';
import { IngestError } from '../errors.js';
import { retryAfterMsOf } from './headers.js';
import { isBinaryType, isFeedKind, isFeedType, isGenericType, isHtmlType, type BodyKind } from './sniff.js';
import type { FetchKind } from './fetch.js';

/** A response header as one string (repeated ones joined by ", "), or null when absent. */
export function header(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

/** The IngestError of a failed HTTP status: 404/410 `not-found`, 429 `rate-limited`, 408 `timeout`, 5xx `http-5xx` (with Retry-After), else `http-4xx`. */
export function failStatus(res: IncomingMessage, url: string): IngestError {
  const st = res.statusCode ?? 0;
  const retryAfterMs = retryAfterMsOf(res.headers) ?? undefined;
  if (st === 404 || st === 410) return new IngestError('not-found', `HTTP ${st} for ${url}`, { httpStatus: st });
  if (st === 429) return new IngestError('rate-limited', `HTTP 429 for ${url}`, { httpStatus: st, retryAfterMs });
  if (st === 408) return new IngestError('timeout', `HTTP 408 for ${url}`, { httpStatus: st });
  if (st >= 500) return new IngestError('http-5xx', `HTTP ${st} for ${url}`, { httpStatus: st, retryAfterMs });
  return new IngestError('http-4xx', `HTTP ${st} for ${url}`, { httpStatus: st });
}

/** Content-type checks before the body is read (cheap rejections). */
export function checkDeclaredType(kind: FetchKind, contentType: string | null, url: string): void {
  if (kind === 'html' && contentType && !isHtmlType(contentType) && !isGenericType(contentType)) {
    throw new IngestError('not-html', `${url} is not an HTML page (Content-Type ${contentType})`);
  }
  if (kind === 'feed' && isBinaryType(contentType)) {
    throw new IngestError('not-a-feed', `${url} is not a feed (Content-Type ${contentType})`);
  }
}

/** Content-type checks on the body (sniffing). */
export function checkBody(kind: FetchKind, contentType: string | null, sniffed: BodyKind, url: string): void {
  if (kind === 'feed') {
    // A feed root or JSON passes whatever the declared type; other XML or text only when declared a feed (the parser decides).
    const ok = (isFeedKind(sniffed) && sniffed !== 'xml') || ((sniffed === 'xml' || sniffed === 'text') && isFeedType(contentType));
    if (!ok) {
      throw new IngestError('not-a-feed', `${url} is not a feed (body looks like ${sniffed}, Content-Type ${contentType ?? 'none'})`);
    }
  } else if (kind === 'html') {
    const ok = sniffed !== 'binary' && (isHtmlType(contentType) || sniffed === 'html' || sniffed === 'xml');
    if (!ok) throw new IngestError('not-html', `${url} is not an HTML page (body looks like ${sniffed}, Content-Type ${contentType ?? 'none'})`);
  }
}

/**
 * Parses `raw` (against `base` for a redirect) as an http(s) URL without its fragment.
 * @throws IngestError `bad-url` naming the URL (and the original one for a redirect)
 */
export function parseHttpUrl(raw: string, original: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new IngestError('bad-url', `not a valid URL: ${raw}${base ? ` (redirect from ${original})` : ''}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new IngestError('bad-url', `only http and https are fetched: ${u.href}${base ? ` (redirect from ${original})` : ''}`);
  u.hash = '';
  return u;
}
