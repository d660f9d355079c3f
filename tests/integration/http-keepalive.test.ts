/**
 * Kept-alive connections of direct fetches (src/http/agents.ts, issue 17 round 8): a loopback
 * server counts the TCP connections and the requests on each, so each test sees whether a GET
 * went on a reused connection, a new one, or none at all.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { closeIdleConnections } from '../../src/http/agents.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';

const PAGE = `<!doctype html><html><head><title>t</title></head><body><article><p>${'Words of an article. '.repeat(40)}</p></article></body></html>`;

interface Counting {
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  /** Connections closed so far (by either side). */
  closed: number;
  /** Requests so far, and the most in flight at once. */
  requests: number;
  maxInFlight: number;
  /** Path → handler; default: the page. */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse, nthOnSocket: number) => void>;
  server: Server;
}

let srv: Counting;
beforeAll(async () => {
  const perSocket = new WeakMap<Socket, number>();
  let inFlight = 0;
  const c: Counting = { port: 0, connections: 0, closed: 0, requests: 0, maxInFlight: 0, routes: {}, server: null as unknown as Server };
  c.server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    c.requests++;
    c.maxInFlight = Math.max(c.maxInFlight, ++inFlight);
    res.on('close', () => inFlight--);
    const route = c.routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) return route(req, res, n);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  c.server.keepAliveTimeout = 30_000;
  c.server.on('connection', (s: Socket) => {
    c.connections++;
    s.on('close', () => c.closed++);
  });
  await new Promise<void>((r) => c.server.listen(0, '127.0.0.1', () => r()));
  c.port = (c.server.address() as AddressInfo).port;
  srv = c;
});
afterEach(() => {
  closeIdleConnections();
  srv.routes = {};
});
afterAll(async () => {
  srv.server.closeAllConnections();
  await new Promise<void>((r) => srv.server.close(() => r()));
});

const open = HttpConfigSchema.parse({ timeoutMs: 5000, allowPrivateNetworks: true });
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http: open, userAgent: 'test', kind: 'html', ...o });
const url = (path: string) => `http://127.0.0.1:${srv.port}${path}`;
const settle = () => new Promise((r) => setTimeout(r, 50));

/**
 * Resolves once `cond` holds, checked on every turn of the event loop (a socket's `close` is an
 * I/O event: a fixed wait could run out first on a loaded machine); throws naming `what` after
 * `ms` (a bound for a product that never gets there, not a timing).
 */
async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('kept-alive connections', () => {
  it('sends consecutive GETs to one origin on one connection, each with its own full body', async () => {
    closeIdleConnections();
    await settle();
    const before = { connections: srv.connections, requests: srv.requests };
    for (let i = 0; i < 5; i++) {
      const r = await fetchResource(url(`/a/${i}.html`), opts());
      expect(r.status).toBe(200);
      expect(r.body.toString('utf8')).toBe(PAGE);
    }
    expect(srv.requests - before.requests).toBe(5);
    expect(srv.connections - before.connections).toBe(1);
  });

  it('does not queue or serialize GETs in flight at once: the per-host gate decides how many there are', async () => {
    // Each answer waits until the four are in the server at once (up to 3 s, so a client that
    // sends them one after the other still gets its answers, and fails the count below). Before:
    // a 150 ms timer each, so on a loaded machine the first could be answered before the fourth
    // arrived, and maxInFlight read 3 with nothing serialized.
    const held: ServerResponse[] = [];
    const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    srv.routes['/slow'] = (_req, res) => {
      held.push(res);
      if (held.length === 4) held.splice(0).forEach(answer);
      else setTimeout(() => held.includes(res) && (held.splice(held.indexOf(res), 1), answer(res)), 3000);
    };
    srv.maxInFlight = 0;
    const rs = await Promise.all([1, 2, 3, 4].map(() => fetchResource(url('/slow'), opts())));
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(srv.maxInFlight).toBe(4);
  });

  it('keeps the idle timeout on a reused connection: a stalled body fails with timeout', async () => {
    srv.routes['/stall'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first bytes');
    };
    await fetchResource(url('/warm.html'), opts());
    const connections = srv.connections;
    const err = await fetchResource(url('/stall'), opts({ idleTimeoutMs: 300 })).catch((e) => e);
    expect(err).toMatchObject({ code: 'timeout' });
    expect(err.message).toContain('idle timeout');
    expect(srv.connections).toBe(connections); // the stalled GET went on the kept-alive connection
    // The stalled connection is destroyed, not given to the next GET.
    const next = await fetchResource(url('/after.html'), opts());
    expect(next.status).toBe(200);
    expect(srv.connections).toBe(connections + 1);
  });

  it('sends a GET again on a new connection when the server drops the kept-alive one as it arrives', async () => {
    await fetchResource(url('/warm.html'), opts());
    // The second request on a connection is dropped unanswered (a server closing an idle socket just then).
    srv.routes['/dropped'] = (req, res, nth) => {
      if (nth > 1) return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    };
    const before = { connections: srv.connections, requests: srv.requests };
    const r = await fetchResource(url('/dropped'), opts());
    expect(r.status).toBe(200);
    expect(r.body.toString('utf8')).toBe(PAGE);
    expect(srv.requests - before.requests).toBe(2); // the dropped one and the one sent again
    expect(srv.connections - before.connections).toBe(1);
  });

  it('does not send again a GET the server answered: an error after the response is the fetch error', async () => {
    await fetchResource(url('/warm.html'), opts());
    srv.routes['/cut'] = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<html><body>');
      setTimeout(() => req.socket.destroy(), 20);
    };
    const before = srv.requests;
    const err = await fetchResource(url('/cut'), opts()).catch((e) => e);
    expect(err).toMatchObject({ code: 'network-error' });
    expect(srv.requests - before).toBe(1);
  });

  it('never reuses a connection made under another address policy: the SSRF guard still refuses', async () => {
    const byName = `http://localhost:${srv.port}/a.html`;
    const ok = await fetchResource(byName, opts());
    expect(ok.status).toBe(200);
    const requests = srv.requests;
    const guarded = HttpConfigSchema.parse({ timeoutMs: 5000 });
    await expect(fetchResource(byName, opts({ http: guarded }))).rejects.toMatchObject({ code: 'blocked-address' });
    expect(srv.requests).toBe(requests);
  });

  it('closeIdleConnections closes the idle kept-alive connections', async () => {
    await fetchResource(url('/a.html'), opts());
    // the earlier tests' connections were closed by afterEach; the server sees each close as an
    // I/O event, so wait until the one kept alive by this fetch is all that is open (before: a
    // 50 ms sleep, and a late close of an earlier test's connection could pass this test alone)
    await until('one open connection at the server', () => srv.connections - srv.closed === 1);
    expect(closeIdleConnections()).toBeGreaterThanOrEqual(1);
    await until('the server sees the idle connection closed', () => srv.connections - srv.closed === 0);
  });
});
