/**
 * The wire side of fetchResource (src/http/fetch.ts): one GET sent directly (kept-alive agent,
 * SSRF guard on the connected address) or through a proxy, its idle timeout and abort, the
 * mapping of low-level errors to reason codes, and the hand-back of a finished response's
 * connection to the keep-alive pool (`release`). Split out of fetch.ts unchanged.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { IngestError } from '../errors.js';
import { BlockedAddressError, guardedLookup, systemResolver, type AddressPolicy, type Resolver } from './address.js';
import { agentFor, isStaleSocketError } from './agents.js';
import { readBody, TooLargeError } from './body.js';
import { watchOverrun, type OverrunWatch } from './overrun.js';
import { proxyRefusal, proxyUnreachable, startProxiedRequest, type ProxyEndpoint } from './proxy.js';


/** A fetch's total or idle timeout ran out (`what`), after `ms` milliseconds; mapped to reason `timeout` by toIngestError. */
export class TimeoutError extends Error {
  constructor(readonly what: 'total' | 'idle', ms: number) {
    super(what === 'total' ? `not complete within ${ms} ms` : `no data for ${ms} ms`);
  }
}

/** Maps a low-level error to an IngestError with a reason code. */
export function toIngestError(err: unknown, url: string): IngestError {
  if (err instanceof IngestError) return err;
  if (err instanceof BlockedAddressError) return new IngestError('blocked-address', `${url}: ${err.message}`, { cause: err });
  if (err instanceof TooLargeError) return new IngestError('too-large', `${url}: body over ${err.limit} bytes (after decompression)`, { cause: err });
  if (err instanceof TimeoutError) return new IngestError('timeout', `${url}: ${err.message} (${err.what} timeout)`, { cause: err });
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? e?.name ?? 'error';
  // llhttp refuses headers over http.maxHeaderSize: the same server sends the same headers on
  // every retry, so this is permanent, not a network error.
  if (code === 'HPE_HEADER_OVERFLOW') return new IngestError('header-too-large', `${url}: response headers over ${http.maxHeaderSize} bytes (${code})`, { cause: err });
  const what = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'DNS lookup failed' : code.startsWith('Z_') || code.startsWith('ERR__') || code === 'ERR_BROTLI' ? 'corrupt compressed body' : 'connection failed';
  return new IngestError('network-error', `${url}: ${what} (${code}: ${e?.message ?? String(err)})`, { cause: err });
}

/** What sendOnce needs besides the URL. */
export interface SendOptions {
  headers: Record<string, string>;
  policy: AddressPolicy;
  resolver?: Resolver;
  ca?: string | Buffer;
  idleMs: number;
  abort: AbortSignal;
  onIdle: (e: Error) => void;
  /** Send through this proxy (src/http/proxy.ts); direct when null. */
  proxy: ProxyEndpoint | null;
  /** On a new connection, not a kept-alive one (the second try after a stale socket). */
  fresh?: boolean;
}

/** Destroys `req` when `abort` fires (already fired included); the listener goes with the request. */
function abortWith(req: http.ClientRequest, abort: AbortSignal): void {
  const onAbort = () => req.destroy(abort.reason instanceof Error ? abort.reason : new Error('aborted'));
  if (abort.aborted) onAbort();
  abort.addEventListener('abort', onAbort, { once: true });
  req.on('close', () => abort.removeEventListener('abort', onAbort));
}

/**
 * Sends one GET and resolves with the response once its headers are in.
 * @throws the low-level error (map it with toIngestError), BlockedAddressError, or a proxy's IngestError (`proxy-error`, `proxy-refused`)
 */
export async function sendOnce(u: URL, o: SendOptions): Promise<{ res: IncomingMessage; req: http.ClientRequest; overrun: OverrunWatch }> {
  const { headers, policy, idleMs, abort, onIdle, proxy } = o;
  let req: http.ClientRequest;
  if (proxy) {
    // The proxy is the operator's choice and resolves the target's name itself: no address guard on this socket.
    req = await startProxiedRequest(u, { proxy, headers, idleMs, ca: o.ca, abort });
  } else {
    // A kept-alive connection of this policy and resolver when one is idle (src/http/agents.ts);
    // a new one for the second try after a stale kept-alive socket.
    const resolver = o.resolver ?? systemResolver;
    const agent = o.fresh ? false : agentFor(u.protocol, policy, resolver);
    const common = { method: 'GET', headers, agent, lookup: guardedLookup(policy, resolver) as never, timeout: idleMs };
    req = u.protocol === 'https:' ? https.request(u, { ...common, ...(o.ca ? { ca: o.ca } : {}) }) : http.request(u, common);
    req.on('socket', (socket: Socket) => {
      // Belt and braces: check the peer the socket really reached (once, when it connects: a
      // reused socket was checked then).
      if (!socket.connecting) return;
      socket.once('connect', () => {
        const peer = socket.remoteAddress;
        const range = peer ? policy(peer) : null;
        if (peer && range !== null) socket.destroy(new BlockedAddressError(u.hostname, peer, range));
      });
    });
  }
  return new Promise((resolve, reject) => {
    abortWith(req, abort);
    // Through the shared abort signal, so a stall in the body (after this promise resolved)
    // is still reported as a timeout and not as the "aborted" the response stream then sees.
    req.on('timeout', () => onIdle(new TimeoutError('idle', idleMs)));
    let answered = false;
    req.on('error', (err) => {
      // A kept-alive socket the server closed as the GET was written: the server never took the
      // request; send it again, once, on a new connection (src/http/agents.ts).
      if (!proxy && !answered && req.reusedSocket && !o.fresh && !abort.aborted && isStaleSocketError(err)) return resolve(sendOnce(u, { ...o, fresh: true }));
      // Before a forwarding proxy answers, a failed connection is the proxy's (a tunnel is up by now).
      reject(proxy && !answered && u.protocol === 'http:' && !abort.aborted ? proxyUnreachable(proxy, u, err) : err);
    });
    req.on('response', (res) => {
      answered = true;
      // A forwarding proxy's own refusal (407) is not the site's answer.
      if (proxy && u.protocol === 'http:' && res.statusCode === 407) {
        res.destroy();
        return reject(proxyRefusal(proxy, u, 407, 'GET'));
      }
      // before the body is parsed: bytes past its declared end are reported in this turn
      resolve({ res, req, overrun: watchOverrun(req, res) });
    });
    req.end();
  });
}

/** Largest rest of a body `release` reads to keep the connection, bytes. */
export const RELEASE_MAX_BYTES = 65_536;
/** Longest `release` waits for that rest, ms. */
export const RELEASE_MAX_MS = 500;

/**
 * Hands a response's connection back to the keep-alive pool (src/http/agents.ts) instead of
 * destroying it: the rest of a short body (a redirect's, a 304's, an error page's) is read and
 * dropped, then Node frees the socket for the next request to the origin. A body announced or
 * found longer than RELEASE_MAX_BYTES, or not done within RELEASE_MAX_MS, destroys the socket
 * as before (reading it would cost more than a new connection). Never throws.
 */
export function release(res: IncomingMessage): Promise<void> {
  // Node frees the socket at the response's 'end', which needs the body read even when the
  // parser has it all already (`complete`): only a body read to its end needs nothing more.
  if (res.readableEnded) return Promise.resolve();
  const declared = Number(res.headers['content-length']);
  if (res.destroyed || (Number.isFinite(declared) && declared > RELEASE_MAX_BYTES)) {
    res.destroy();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let bytes = 0;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      res.destroy();
      done();
    }, RELEASE_MAX_MS);
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > RELEASE_MAX_BYTES) {
        res.destroy();
        done();
      }
    });
    res.once('end', done);
    res.once('close', done);
    res.once('error', done);
    res.resume();
  });
}

/** The first 64 KiB of an error response's body as text ('' when it cannot be read). */
export async function readHead(res: IncomingMessage, url: string): Promise<string> {
  try {
    const { body } = await readBody(res, url, 65_536, true);
    return body.toString('utf8');
  } catch {
    return '';
  }
}
