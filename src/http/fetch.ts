/**
 * The one HTTP module both jobs use (node:http / node:https, no global fetch):
 * - a total timeout (http.timeoutMs, across redirects, headers and body) and an idle
 *   timeout (no byte on the socket for idleTimeoutMs: slow headers, stalled body);
 * - a body cap enforced while streaming, on the decoded bytes (gzip, deflate, br);
 * - at most MAX_REDIRECTS redirects, a loop refused, the final URL kept; a `Refresh:` header
 *   or an HTML page's `<meta http-equiv="refresh">` with a URL is followed like a redirect
 *   (same limit, same SSRF guard); a run of 301/308 from the start is reported as `movedTo`;
 * - walls (src/http/walls.ts): a bot-wall challenge (`cf-mitigated: challenge`, a challenge
 *   page behind 403/503) fails with `bot-wall`, a redirect to a cookie-consent host with
 *   `consent-wall`, never stored as the resource;
 * - the SSRF guard on every hop, checked on the address actually connected to
 *   (src/http/address.ts), unless http.allowPrivateNetworks (through a proxy, IP-literal
 *   targets only: the proxy resolves names; src/http/proxy.ts);
 * - an HTTP(S) proxy per fetch (`proxy`) or for all (`http.proxy`): forwarded or CONNECT-tunnelled;
 * - content-type checks with sniffing (src/http/sniff.ts): a feed fetch accepts RSS, Atom,
 *   RDF and JSON bodies whatever the declared type, an HTML fetch accepts HTML pages;
 * - conditional GET (ETag, Last-Modified; 304 is a success with `notModified`), and the
 *   server's Retry-After and Cache-Control hints in the result.
 * - direct requests reuse kept-alive connections per origin (src/http/agents.ts), also after
 *   a redirect, a 304 or an error status (their short body is read, `release`);
 * - with `hopSlot`, a redirect to another host waits for that host's politeness slot (src/http/hops.ts).
 * Every failure is an IngestError with a reason code (src/errors.ts).
 */
import type { HttpConfig } from '../config/schema.js';
import { IngestError } from '../errors.js';
import { allowAll, assertLiteralAllowed, blockedRange, type AddressPolicy, type Resolver } from './address.js';
import { HopSlots, type HopSlotGate } from './hops.js';
import { inflateUntaggedGzip, readBody, streamBody } from './body.js';
import { botWallOf, isConsentUrl, metaRefreshOf, refreshTarget } from './walls.js';
import { cacheMaxAgeMsOf, retryAfterMsOf } from './headers.js';
import { parseProxy } from './proxy.js';
import { sniffBody, type BodyKind } from './sniff.js';
import { readHead, release, sendOnce, TimeoutError, toIngestError } from './send.js';
import { checkBody, checkDeclaredType, failStatus, header, parseHttpUrl } from './response.js';

export { RELEASE_MAX_BYTES, RELEASE_MAX_MS } from './send.js';

/** What the caller wants: `feed` (RSS/Atom/JSON Feed), `html` (an article page), `text` (anything, e.g. robots.txt). */
export type FetchKind = 'feed' | 'html' | 'text';

/** Redirects followed before `too-many-redirects` (the limit; RFC 9309 asks at least 5 for robots.txt). */
export const MAX_REDIRECTS = 5;

/** Default idle timeout when FetchOptions.idleTimeoutMs is not given, ms (capped by http.timeoutMs). */
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

export interface FetchOptions {
  http: HttpConfig;
  userAgent: string;
  kind: FetchKind;
  /** Validators from the previous fetch, for a conditional GET (feeds). */
  etag?: string | null;
  lastModified?: string | null;
  /** Aborts the fetch (shutdown); reported as `network-error`. */
  signal?: AbortSignal;
  /** No byte received for this long fails with `timeout`, ms. Default min(http.timeoutMs, 10000). */
  idleTimeoutMs?: number;
  /** Overrides http.maxBytes, bytes (robots.txt uses 500 KiB). */
  maxBytes?: number;
  /** Keep the first maxBytes bytes instead of failing with `too-large` (robots.txt, RFC 9309 §2.5). */
  truncate?: boolean;
  /** Host name resolver (default: the OS resolver). Tests use it to simulate DNS answers. */
  resolver?: Resolver;
  /** Extra trusted CA certificates, PEM (tests with a self-signed server). Default: Node's bundled CAs. */
  ca?: string | Buffer;
  /** Address policy (default: blockedRange, or allow-all with http.allowPrivateNetworks). */
  addressPolicy?: AddressPolicy;
  /**
   * Called once, when the first response's status line and headers have arrived: proof that
   * the host has the request. Wire the politeness slot's `started` here, so minDelayMs counts
   * from a moment the host has already seen, whatever the connect, scheduling or network lag.
   * Its errors are ignored; the fetch does not wait for it.
   */
  onResponseStart?: () => void | Promise<void>;
  /** Per-host politeness for redirect hops to other hosts (src/http/hops.ts); its `host-busy` is thrown as is. */
  hopSlot?: HopSlotGate;
  /**
   * Streams the decoded body (Content-Encoding undone, at most maxBytes) to this consumer
   * instead of buffering it: `body` of the result is then empty and no body sniffing is done.
   * For large documents read with a streaming parser (sitemaps, src/sitemaps). Its errors
   * propagate (an IngestError as is).
   */
  onBody?: (chunks: AsyncIterable<Buffer>) => Promise<void>;
  /** Extra request headers (a feed's `headers`); a `User-Agent` here replaces `userAgent`. */
  headers?: Readonly<Record<string, string>>;
  /**
   * HTTP(S) proxy URL for this fetch (a feed's `proxy`, src/http/proxy.ts); null: direct even when
   * `http.proxy` is set; undefined: `http.proxy` (direct when that is unset too).
   */
  proxy?: string | null;
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
  /** Body bytes, decompressed, at most maxBytes. */
  body: Buffer;
  /** Every URL redirected to, in order (empty when there was no redirect). */
  redirects: string[];
  /** Where the resource moved for good: the URL reached by the 301/308 redirects that
   * started the chain, or null when the first hop was not permanent (or there was none). */
  movedTo: string | null;
  /** The server's Retry-After, ms, or null. */
  retryAfterMs: number | null;
  /** How long the response may be reused (Cache-Control max-age / Expires), ms, or null. */
  cacheMaxAgeMs: number | null;
  /** What the body looks like (see sniff.ts); `empty` on 304. */
  sniffed: BodyKind;
  /** True when the body was cut at maxBytes (only with `truncate`). */
  truncated: boolean;
  /**
   * The body's first 64 KiB decoded as UTF-8, when the fetch decoded them for its own checks (a
   * page sniffed as HTML: bot wall, meta refresh); absent otherwise. Callers reading the head
   * again (the AMP check, src/pipeline/amp.ts) take it from here instead of decoding it twice
   * (issue 17 round 20, cost20).
   */
  head?: string;
}

/** Bytes of an HTML page read for the bot-wall and meta-refresh checks (`FetchResult.head`). */
export const HEAD_BYTES = 65_536;

const ACCEPT: Record<FetchKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  text: 'text/plain, */*;q=0.5',
};

/**
 * Throws the abort's reason (a TimeoutError: mapped to `timeout`) when the fetch was aborted
 * while its body was read. Node's `ClientRequest.destroy()` ends the response stream quietly
 * (`res._dump()`): the body read so far came back as if whole, so a page or feed dripping
 * bytes past `http.timeoutMs` was stored cut, or failed for good as `not-a-feed` instead of
 * being retried (docs/review.md round 12, review13).
 */
function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * GETs a URL (see the module comment for what is enforced).
 * @param url absolute http(s) URL
 * @returns the response; on 304 `notModified` is true and `body` empty
 * @throws IngestError: `bad-url`, `blocked-address`, `timeout`, `network-error`, `http-5xx`,
 *   `rate-limited` (with retryAfterMs), `not-found`, `http-4xx`, `too-large`,
 *   `too-many-redirects`, `not-a-feed`, `not-html`, `bot-wall`, `consent-wall`; through a proxy
 *   also `proxy-error` (unreachable, 5xx to CONNECT) and `proxy-refused` (407, 4xx to CONNECT)
 */
export async function fetchResource(url: string, opts: FetchOptions): Promise<FetchResult> {
  const timeoutMs = opts.http.timeoutMs;
  const idleMs = Math.min(opts.idleTimeoutMs ?? opts.http.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, timeoutMs);
  const maxBytes = opts.maxBytes ?? opts.http.maxBytes;
  const policy = opts.addressPolicy ?? (opts.http.allowPrivateNetworks ? allowAll : blockedRange);
  const proxyUrl = opts.proxy === undefined ? (opts.http.proxy ?? null) : opts.proxy;
  const proxy = proxyUrl ? parseProxy(proxyUrl) : null;
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new TimeoutError('total', timeoutMs)), timeoutMs);
  const onOuterAbort = () => ac.abort(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted by caller'));
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: ACCEPT[opts.kind], 'accept-encoding': 'gzip, deflate, br' };
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  let current = parseHttpUrl(url, url);
  const visited = new Set([current.href]);
  const redirects: string[] = [];
  let movedTo: string | null = null;
  let permanentRun = true;
  const hops = new HopSlots(current.host, opts.hopSlot, ac.signal, Date.now() + timeoutMs);
  /** Follows a redirect (a 3xx Location, a Refresh header, a meta refresh): limit, loop, consent host. */
  const follow = (target: string, st: number, permanent: boolean) => {
    const next = parseHttpUrl(target, url, current);
    if (redirects.length >= MAX_REDIRECTS) throw new IngestError('too-many-redirects', `${url}: more than ${MAX_REDIRECTS} redirects`, { httpStatus: st });
    if (visited.has(next.href)) throw new IngestError('too-many-redirects', `${url}: redirect loop at ${next.href}`, { httpStatus: st });
    // The page behind a consent interstitial is not what the consent host serves.
    if (isConsentUrl(next) && !isConsentUrl(current)) throw new IngestError('consent-wall', `${url}: redirected to the cookie-consent page ${next.origin}${next.pathname}`, { httpStatus: st });
    permanentRun &&= permanent;
    if (permanentRun) movedTo = next.href;
    visited.add(next.href);
    redirects.push(next.href);
    current = next;
  };
  try {
    for (;;) {
      assertLiteralAllowed(current.hostname, policy);
      const hopStarted = await hops.enter(current.host);
      const { res, overrun } = await sendOnce(current, { headers, policy, resolver: opts.resolver, ca: opts.ca, idleMs, abort: ac.signal, onIdle: (e) => ac.abort(e), proxy });
      if (redirects.length === 0 && opts.onResponseStart) void Promise.resolve().then(opts.onResponseStart).catch(() => {});
      hopStarted?.();
      const st = res.statusCode ?? 0;
      const location = header(res, 'location');
      if (st >= 300 && st < 400 && st !== 304 && location) {
        // before the next hop, which may go to the same origin on this kept-alive connection
        await release(res);
        follow(location, st, st === 301 || st === 308);
        continue;
      }
      const refresh = st >= 200 && st < 300 ? refreshTarget(header(res, 'refresh')) : null;
      if (refresh) {
        await release(res);
        follow(refresh, st, false);
        continue;
      }
      const base = {
        url,
        finalUrl: current.href,
        status: st,
        contentType: header(res, 'content-type'),
        etag: header(res, 'etag'),
        lastModified: header(res, 'last-modified'),
        redirects,
        movedTo,
        retryAfterMs: retryAfterMsOf(res.headers),
        cacheMaxAgeMs: cacheMaxAgeMsOf(res.headers),
      };
      if (st === 304) {
        await release(res);
        // A 304 answers a conditional request only: without a validator there is no copy to
        // keep, and taking it as "unchanged" would hide every new item of a feed for good (a
        // cache in front of the site answering 304 to all; docs/review.md round 9 faults).
        if (!headers['if-none-match'] && !headers['if-modified-since']) {
          throw new IngestError('unasked-not-modified', `${url}: 304 Not Modified to a request without If-None-Match or If-Modified-Since`, { httpStatus: st });
        }
        return { ...base, notModified: true, body: Buffer.alloc(0), sniffed: 'empty', truncated: false };
      }
      if (st < 200 || st >= 300) {
        // A challenge page's body is read (64 KiB at most) to tell a bot wall from a plain error.
        const wall = botWallOf(st, res.headers, st === 403 || st === 503 || st === 429 ? await readHead(res, url) : '');
        await release(res);
        if (wall) throw new IngestError('bot-wall', `${url}: bot wall (${wall})`, { httpStatus: st });
        throw failStatus(res, url);
      }
      const headerWall = botWallOf(st, res.headers, '');
      if (headerWall) {
        res.destroy();
        throw new IngestError('bot-wall', `${url}: bot wall (${headerWall})`, { httpStatus: st });
      }
      checkDeclaredType(opts.kind, base.contentType, url);
      if (opts.onBody) {
        await streamBody(res, url, maxBytes, opts.onBody);
        throwIfAborted(ac.signal);
        return { ...base, notModified: false, body: Buffer.alloc(0), sniffed: 'empty', truncated: false };
      }
      const read = await readBody(res, url, maxBytes, opts.truncate ?? false);
      throwIfAborted(ac.signal);
      // a Content-Length shorter than the body: the body read is cut (src/http/overrun.ts)
      if (!read.truncated) overrun.check(url);
      // gzip served without Content-Encoding: inflated here, as `readFeed` does for files.
      const body = read.truncated ? read.body : inflateUntaggedGzip(read.body, maxBytes);
      const truncated = read.truncated;
      const sniffed = sniffBody(body);
      let head: string | undefined;
      if (sniffed === 'html' && opts.kind !== 'text') {
        head = body.subarray(0, HEAD_BYTES).toString('utf8');
        const wall = botWallOf(st, res.headers, head);
        if (wall) throw new IngestError('bot-wall', `${url}: bot wall (${wall})`, { httpStatus: st });
        // Only a page that says "refresh" somewhere can have a meta refresh: most pages skip the scans.
        const meta = /refresh/i.test(head) ? refreshTarget(metaRefreshOf(head.replace(/<noscript\b[\s\S]*?<\/noscript\s*>/gi, ''))) : null;
        if (meta) {
          follow(meta, st, false);
          continue;
        }
      }
      checkBody(opts.kind, base.contentType, sniffed, url);
      return head === undefined ? { ...base, notModified: false, body, sniffed, truncated } : { ...base, notModified: false, body, sniffed, truncated, head };
    }
  } catch (err) {
    if (hops.gateError !== null && err === hops.gateError) throw err;
    // An abort surfaces as whatever the stream saw; the abort reason is the real cause.
    throw toIngestError(ac.signal.aborted && !(err instanceof IngestError) ? ac.signal.reason : err, url);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await hops.leave();
  }
}
