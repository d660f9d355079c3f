/**
 * A body delimited by the connection's close (no Content-Length, not chunked: HTTP/1.0 style)
 * that drips past `http.timeoutMs` or stalls past the idle timeout fails with `timeout` (retried).
 * Before round 12 (review13) the abort destroyed the request, Node ended the response stream
 * quietly, and the bytes so far came back as a whole body: a feed failed for good as
 * `not-a-feed`, a page would be stored cut. A raw TCP server on loopback (node:http would
 * chunk such a body).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';
import { isRetryable } from '../../src/retry/policy.js';

const http = HttpConfigSchema.parse({ timeoutMs: 1200, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 'news-ingest-test/1' });
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http, userAgent: 'news-ingest-test/1', kind: 'feed', idleTimeoutMs: 1000, ...o });
const sockets = new Set<net.Socket>();
let server: net.Server;
let base = '';

beforeAll(async () => {
  server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.once('data', (d) => {
      const path = d.toString('latin1').split(' ')[1] ?? '/';
      const type = path.startsWith('/page') ? 'text/html; charset=utf-8' : 'application/rss+xml';
      s.write(`HTTP/1.1 200 OK\r\ncontent-type: ${type}\r\nconnection: close\r\n\r\n`);
      const first = path.startsWith('/page') ? '<html><head><title>Talks</title></head><body><article><p>The ministers met' : '<?xml version="1.0"?><rss version="2.0"><channel><title>Drip</title>';
      s.write(first);
      if (path.endsWith('/stall')) return; // nothing more, never closes
      const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(' ')), 150);
      s.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

describe('a close-delimited body cut by a timeout', () => {
  it.each([
    ['a feed dripping past the total timeout', '/feed/drip', {}, /total timeout/],
    ['a page dripping past the total timeout', '/page/drip', { kind: 'html' as const }, /total timeout/],
    ['a feed stalling past the idle timeout', '/feed/stall', { idleTimeoutMs: 300 }, /idle timeout/],
  ])('%s fails with timeout, retried (not the bytes so far as the whole body)', async (_name, path, o, message) => {
    const err = await fetchResource(`${base}${path}`, opts(o)).then(
      (r) => new Error(`resolved with a ${r.body.length}-byte body`),
      (e: unknown) => e as Error,
    );
    expect(err).toMatchObject({ code: 'timeout' });
    expect(err.message).toMatch(message);
    expect(isRetryable(err)).toBe(true);
  });
});
