/**
 * Fetching through an HTTP(S) proxy (a feed's `proxy`, or `http.proxy` for every fetch).
 *
 * Two ways through a proxy, as curl and browsers do (RFC 9110 §7.1 and §9.3.6):
 * - an `http:` target is *forwarded*: the request goes to the proxy with the target's absolute
 *   URL as its request target (`GET http://host/path HTTP/1.1`);
 * - an `https:` target is *tunnelled*: `CONNECT host:port` to the proxy, then TLS to the
 *   target inside the tunnel (certificate and SNI checked against the target's name).
 * The proxy itself may be `http://` or `https://` (TLS to the proxy). `user:pass@` in the proxy
 * URL becomes a `Proxy-Authorization: Basic` header (RFC 7617); the URL is never logged or
 * quoted with them (`maskProxyUrl`).
 *
 * The SSRF guard with a proxy: the proxy is the operator's choice, so its own address is not
 * checked; the target's host name is resolved by the proxy (not here), so only IP-literal targets
 * are checked by the address policy (src/http/address.ts). What the proxy may reach is the
 * proxy's egress policy.
 *
 * Failures that are the proxy's are reported apart from the site's: `proxy-error` (transient:
 * the proxy cannot be reached, drops the connection before answering, or answers 5xx to
 * CONNECT) and `proxy-refused` (permanent: 407 Proxy Authentication Required, or another 4xx to
 * CONNECT).
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import { IngestError } from '../errors.js';

/**
 * The proxy a feed's fetches use, as `FetchOptions.proxy` takes it: the feed's URL; null for
 * `proxy: false` (direct even when `http.proxy` is set); undefined when the feed sets none (then
 * `http.proxy` applies) or there is no feed.
 */
export function proxyOfFeed(feed: { proxy?: string | false } | null | undefined): string | null | undefined {
  if (!feed || feed.proxy === undefined) return undefined;
  return feed.proxy === false ? null : feed.proxy;
}

/** The form a proxy URL takes, quoted in errors. */
export const PROXY_URL_FORM = 'http://[user:pass@]host:port or https://[user:pass@]host:port';

/**
 * A proxy URL with its credentials replaced by `***` (`http://***@proxy:3128`); a string that
 * is not a URL has anything before an `@` masked.
 */
export function maskProxyUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/**
 * Why `raw` is not a usable proxy URL, or null when it is: absolute `http:`/`https:`, a host,
 * no path other than `/`, no query or fragment. The reason never quotes credentials.
 */
export function proxyUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `not a URL (${PROXY_URL_FORM} expected): ${maskProxyUrl(raw)}`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `scheme ${u.protocol} is not supported (${PROXY_URL_FORM} expected; SOCKS is not supported)`;
  if (!u.hostname) return `no host (${PROXY_URL_FORM} expected)`;
  if ((u.pathname && u.pathname !== '/') || u.search || u.hash) return `a proxy URL has no path, query or fragment (${PROXY_URL_FORM} expected): ${maskProxyUrl(raw)}`;
  return null;
}

/** A parsed proxy: where to connect, and the Proxy-Authorization value (or null). */
export interface ProxyEndpoint {
  url: URL;
  /** `Basic base64(user:pass)` when the URL carries credentials (percent-decoded first). */
  authorization: string | null;
  /** The URL as quoted in messages, credentials masked. */
  label: string;
}

/**
 * Parses a proxy URL (see proxyUrlProblem).
 * @throws IngestError `bad-url` naming the masked URL when it is not usable
 */
export function parseProxy(raw: string): ProxyEndpoint {
  const problem = proxyUrlProblem(raw);
  if (problem) throw new IngestError('bad-url', `proxy: ${problem}`);
  const url = new URL(raw);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const authorization = user || pass ? `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` : null;
  return { url, authorization, label: `${url.protocol}//${user || pass ? '***@' : ''}${url.host}` };
}

function proxyPort(p: URL): number {
  return Number(p.port) || (p.protocol === 'https:' ? 443 : 80);
}

function targetPort(u: URL): number {
  return Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
}

/** `host:port` of a target for CONNECT (IPv6 literals keep their brackets, RFC 9110 §9.3.6). */
export function authorityOf(u: URL): string {
  return `${u.hostname}:${targetPort(u)}`;
}

/** The error for a failure on the way to the proxy (before it answered). */
export function proxyUnreachable(proxy: ProxyEndpoint, target: URL, err: unknown): IngestError {
  const e = err as NodeJS.ErrnoException;
  return new IngestError('proxy-error', `${target.href}: proxy ${proxy.label} failed (${e?.code ?? 'error'}: ${e?.message ?? String(err)})`, { cause: err });
}

/** The error for a proxy that answered a refusal (407, another 4xx, a 5xx to CONNECT). */
export function proxyRefusal(proxy: ProxyEndpoint, target: URL, status: number, how: 'CONNECT' | 'GET'): IngestError {
  const what = status === 407 ? 'asks for authentication (407; check user:pass in the proxy URL)' : `answered ${status} to ${how}`;
  return new IngestError(status >= 500 ? 'proxy-error' : 'proxy-refused', `${target.href}: proxy ${proxy.label} ${what}`, { httpStatus: status });
}

/** What sending through the proxy needs from fetch.ts. */
export interface ProxySendOptions {
  proxy: ProxyEndpoint;
  /** The request headers for the target (Host is set from the target). */
  headers: Record<string, string>;
  /** Socket idle timeout, ms: the request's `timeout` event. */
  idleMs: number;
  /** Extra CA certificates for the target's TLS (tests). */
  ca?: string | Buffer;
  /** Aborts the CONNECT (total timeout, shutdown); the abort's reason is then the error, not `proxy-error`. */
  abort: AbortSignal;
}

/**
 * Starts a GET for `target` through the proxy: forwarded for http, tunnelled for https.
 * Resolves with the request, not yet ended (its `response` and `error` events are the
 * caller's; an error before the forwarding proxy answered is the proxy's: `proxyUnreachable`).
 * A failure while opening a tunnel (proxy unreachable, CONNECT refused) rejects with
 * `proxy-error` / `proxy-refused`.
 */
export async function startProxiedRequest(target: URL, o: ProxySendOptions): Promise<http.ClientRequest> {
  const p = o.proxy.url;
  const viaTls = p.protocol === 'https:';
  const proxyAuth: Record<string, string> = o.proxy.authorization ? { 'proxy-authorization': o.proxy.authorization } : {};
  if (target.protocol === 'http:') {
    const req = (viaTls ? https : http).request({
      host: p.hostname.replace(/^\[|\]$/g, ''),
      port: proxyPort(p),
      method: 'GET',
      path: target.href,
      headers: { ...o.headers, host: target.host, ...proxyAuth },
      agent: false,
      timeout: o.idleMs,
      ...(viaTls ? { servername: net.isIP(p.hostname) ? undefined : p.hostname } : {}),
    });
    return req;
  }
  const socket = await openTunnel(target, o, proxyAuth, viaTls);
  const servername = net.isIP(target.hostname.replace(/^\[|\]$/g, '')) ? undefined : target.hostname;
  return https.request(target, {
    method: 'GET',
    headers: o.headers,
    timeout: o.idleMs,
    createConnection: () => tls.connect({ socket, servername, ...(o.ca ? { ca: o.ca } : {}) }),
  });
}

/** CONNECT target:port through the proxy; resolves with the tunnel's socket on a 2xx. */
function openTunnel(target: URL, o: ProxySendOptions, proxyAuth: Record<string, string>, viaTls: boolean): Promise<Socket> {
  const p = o.proxy.url;
  const authority = authorityOf(target);
  return new Promise((resolve, reject) => {
    const req = (viaTls ? https : http).request({
      host: p.hostname.replace(/^\[|\]$/g, ''),
      port: proxyPort(p),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuth },
      agent: false,
      timeout: o.idleMs,
      ...(viaTls ? { servername: net.isIP(p.hostname) ? undefined : p.hostname } : {}),
    });
    const onAbort = () => req.destroy(o.abort.reason instanceof Error ? o.abort.reason : new Error('aborted'));
    if (o.abort.aborted) onAbort();
    o.abort.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => o.abort.removeEventListener('abort', onAbort));
    req.once('connect', (res: IncomingMessage, socket: Socket) => {
      const st = res.statusCode ?? 0;
      if (st >= 200 && st < 300) {
        socket.setTimeout(0); // the target's request sets its own idle timeout on the TLS socket
        return resolve(socket);
      }
      socket.destroy();
      reject(proxyRefusal(o.proxy, target, st, 'CONNECT'));
    });
    // A proxy that answers CONNECT with a plain response (no upgrade) refused it.
    req.once('response', (res: IncomingMessage) => {
      res.destroy();
      reject(proxyRefusal(o.proxy, target, res.statusCode ?? 0, 'CONNECT'));
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error(`no answer to CONNECT within ${o.idleMs} ms`), { code: 'ETIMEDOUT' })));
    req.once('error', (err) => reject(err instanceof IngestError || o.abort.aborted ? err : proxyUnreachable(o.proxy, target, err)));
    req.end();
  });
}
