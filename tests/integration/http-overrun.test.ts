/**
 * `fetchResource` and a body longer than its Content-Length (src/http/overrun.ts; round 10,
 * docs/review.md): a raw loopback server (node:http's server refuses a wrong length) sends
 * headers and body in one write, as a server that counts the length in characters does.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchResource } from '../../src/http/fetch.js';
import { IngestError } from '../../src/errors.js';
import { testConfig } from '../helpers/worker.js';

const http = testConfig({ feeds: [] }).http;
const BODY = `<!doctype html><html><head><meta charset="utf-8"><title>Բանակցություններ</title></head><body><p>${'Խաղաղության պայմանագիր։ '.repeat(30)}</p></body></html>`;
let server: Server | null = null;

/** Serves every request with `head(bodyBytes)` + the body + `tail`, in one write; `close` ends the connection. */
async function serve(declared: (bytes: Buffer) => number, opts: { close: boolean; tail?: string }): Promise<string> {
  server = createServer((s) => {
    s.on('error', () => {});
    s.once('data', () => {
      const bytes = Buffer.from(BODY, 'utf8');
      const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${declared(bytes)}\r\n${opts.close ? 'Connection: close\r\n' : ''}\r\n`;
      const all = Buffer.concat([Buffer.from(head, 'latin1'), bytes, Buffer.from(opts.tail ?? '', 'latin1')]);
      if (opts.close) s.end(all);
      else s.write(all);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/a.html`;
}

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

describe('a body longer than its Content-Length', () => {
  for (const close of [true, false]) {
    it(`fails with bad-content-length, not the cut body (${close ? 'Connection: close' : 'keep-alive'})`, async () => {
      const url = await serve(() => BODY.length, { close });
      const err = await fetchResource(url, { http, userAgent: 'test', kind: 'html' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('bad-content-length');
      expect((err as IngestError).retryable).toBe(false);
      expect((err as Error).message).toContain(`Content-Length ${BODY.length}`);
    });
  }
  it('a right length, and one followed by a stray CRLF (which HTTP parsers skip), are read whole', async () => {
    for (const tail of ['', '\r\n']) {
      const url = await serve((b) => b.length, { close: false, tail });
      const res = await fetchResource(url, { http, userAgent: 'test', kind: 'html' });
      expect(res.body.toString('utf8')).toBe(BODY);
      await new Promise((r) => server!.close(r));
      server = null;
    }
  });
});
