import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { blockedRange, type Resolver } from '../../src/http/address.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';
import { FEED_XML } from '../helpers/fault-server.js';

/** HTTPS through the same code path: a self-signed loopback server (cert made with openssl). */
let dir: string;
let server: https.Server;
let port = 0;
let cert = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=secure.test', '-addext', 'subjectAltName=DNS:secure.test,IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-encoding': 'gzip' });
    res.end(zlib.gzipSync(FEED_XML));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
const onlyTestServer = (a: string) => (a === '127.0.0.1' ? null : blockedRange(a));
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http: HttpConfigSchema.parse({ timeoutMs: 3000 }), userAgent: 'test', kind: 'feed', resolver: toLoopback, addressPolicy: onlyTestServer, ca: cert, ...o });

describe('fetchResource over HTTPS', () => {
  it('fetches and decodes through TLS, by host name (SNI and certificate checked)', async () => {
    const res = await fetchResource(`https://secure.test:${port}/feed.xml`, opts());
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(FEED_XML);
  });

  it('an untrusted certificate is a network-error', async () => {
    const err = await fetchResource(`https://secure.test:${port}/feed.xml`, opts({ ca: undefined })).catch((e) => e);
    expect(err).toMatchObject({ code: 'network-error' });
    expect(err.message).toMatch(/SELF_SIGNED|self.signed/i);
  });

  it('the SSRF guard holds for https and for a redirect from https', async () => {
    await expect(fetchResource(`https://secure.test:${port}/feed.xml`, opts({ addressPolicy: undefined }))).rejects.toMatchObject({ code: 'blocked-address' });
    await expect(fetchResource(`https://secure.test:${port}/redirect`, opts())).rejects.toMatchObject({ code: 'blocked-address' });
  });
});
