/**
 * Keep-alive connections for direct fetches (issue 17, round 8). Before, every GET opened its
 * own TCP (and TLS) connection (`agent: false`): on the pipeline benchmark's single host that was
 * `internalConnect`, `removeSocket` and `close` on the worker's main thread (~2.5 % of its
 * samples) plus an accept per article on the server. Now a response read to its end leaves its
 * socket with an `http.Agent` (keep-alive) for the next GET to the same origin.
 *
 * What does not change:
 * - **Politeness**: the per-host gate (src/state/politeness.ts) grants a fetch before it starts,
 *   whatever connection it then uses; the agent never queues a request (`maxSockets` unlimited),
 *   so the number of requests in flight to a host is still the gate's.
 * - **SSRF guard**: a socket is checked when it connects (src/http/address.ts's lookup and the
 *   peer check in fetch.ts). Agents are kept per address policy and resolver, so a socket
 *   connected under one policy is never reused by a fetch under another (a test's allow-all
 *   socket by a production fetch, say).
 * - **Timeouts**: the request's idle timeout is set on the socket for the request's life (node's
 *   `setRequestSocket`), and the fetch's total timeout and abort signal destroy the request, and
 *   with it the socket, as before.
 *
 * Limits: an idle socket is kept at most `FREE_SOCKET_TIMEOUT_MS` (or 1 s less than the
 * server's own `Keep-Alive: timeout=` hint, node's rule), at most `MAX_FREE_SOCKETS_PER_ORIGIN`
 * per origin; idle sockets are unref'd (they never keep the process alive). A server may still
 * close an idle socket just as a request is written on it: fetch.ts sends such a GET again once on
 * a new connection (`isStaleSocketError`), as node's documentation advises for keep-alive.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressPolicy, Resolver } from './address.js';

/** How long an idle connection is kept for reuse, ms: below the 5 s keep-alive timeout of node's and many other servers. */
export const FREE_SOCKET_TIMEOUT_MS = 4_000;

/** Idle connections kept per origin (host:port and TLS options); the rest are closed when their response ends. */
export const MAX_FREE_SOCKETS_PER_ORIGIN = 8;

type Agents = { http: http.Agent; https: https.Agent };
const byPolicy = new WeakMap<AddressPolicy, WeakMap<Resolver, Agents>>();
/** Agents made since the start (for closeIdleConnections), weakly: a test's resolver and its agents can go. */
const all = new Set<WeakRef<http.Agent>>();

/**
 * The keep-alive agent for a direct fetch of `protocol` ('http:' or 'https:') under address
 * `policy` and `resolver` (the same objects give the same agent).
 * @returns an http.Agent or https.Agent with keepAlive on
 */
export function agentFor(protocol: string, policy: AddressPolicy, resolver: Resolver): http.Agent {
  let byResolver = byPolicy.get(policy);
  if (!byResolver) byPolicy.set(policy, (byResolver = new WeakMap()));
  let agents = byResolver.get(resolver);
  if (!agents) {
    const options = { keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS, maxFreeSockets: MAX_FREE_SOCKETS_PER_ORIGIN, scheduling: 'lifo' as const };
    agents = { http: new http.Agent(options), https: new https.Agent(options) };
    byResolver.set(resolver, agents);
    all.add(new WeakRef(agents.http)).add(new WeakRef(agents.https));
  }
  return protocol === 'https:' ? agents.https : agents.http;
}

/**
 * True for the error a GET gets when it was written on a reused keep-alive socket that the server
 * had just closed (ECONNRESET, EPIPE, or node's "socket hang up") before any response: the server
 * never took the request, and it may be sent again on a new connection.
 */
export function isStaleSocketError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Closes every idle kept-alive connection (the worker calls it when it stops); connections in
 * use are left to their requests. Agents stay usable.
 * @returns the number of sockets closed
 */
export function closeIdleConnections(): number {
  let n = 0;
  for (const ref of all) {
    const agent = ref.deref();
    if (!agent) {
      all.delete(ref);
      continue;
    }
    for (const list of Object.values(agent.freeSockets)) {
      for (const socket of list ?? []) {
        socket.destroy();
        n++;
      }
    }
  }
  return n;
}
