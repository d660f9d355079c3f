/**
 * fetchResource through a real proxy process (tests/helpers/proxy-process.mjs) on loopback:
 * an http target is forwarded (absolute URI), an https target is tunnelled with CONNECT (TLS to
 * the target inside; its name is resolved by the proxy, not here), credentials travel as
 * Proxy-Authorization and never appear in messages, `proxy: null` goes direct even with
 * `http.proxy` set, a wrong password is `proxy-refused`, a dead proxy `proxy-error`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { IngestError } from '../../src/errors.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';
import { maskProxyUrl, proxyUrlProblem } from '../../src/http/proxy.js';
import { FEED_XML } from '../helpers/fault-server.js';
import { closedPort, startProxyProcess, type ProxyProcess } from '../helpers/proxy.js';

let dir: string;
let plain: http.Server;
let secure: https.Server;
let plainOrigin = '';
let securePort = 0;
let cert = '';
let proxy: ProxyProcess;
let deadPort = 0;
const seenByPlain: { path: string; via: string | null }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-proxy-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=secure.test', '-addext', 'subjectAltName=DNS:secure.test', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  secure = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert }, (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(FEED_XML));
  plain = http.createServer((req, res) => {
    seenByPlain.push({ path: req.url ?? '', via: (req.headers.via as string | undefined) ?? null });
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(FEED_XML);
  });
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
  securePort = (secure.address() as AddressInfo).port;
  plainOrigin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  proxy = await startProxyProcess({ auth: 'reader:s3cret', map: ['secure.test'] });
  deadPort = await closedPort();
});
afterAll(async () => {
  await proxy?.stop();
  for (const s of [plain, secure]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const opts = (o: Partial<FetchOptions> = {}, http: Record<string, unknown> = {}): FetchOptions => ({
  http: HttpConfigSchema.parse({ timeoutMs: 5000, allowPrivateNetworks: true, ...http }),
  userAgent: 'test',
  kind: 'feed',
  ca: cert,
  ...o,
});
const proxyUrl = (auth = 'reader:s3cret') => `http://${auth}@127.0.0.1:${proxy.port}`;

async function failure(p: Promise<unknown>): Promise<IngestError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

describe('fetchResource through a proxy', () => {
  it('forwards an http target to the proxy with its absolute URL and the credentials', async () => {
    const before = proxy.requests.length;
    const res = await fetchResource(`${plainOrigin}/feed.xml?x=1`, opts({ proxy: proxyUrl() }));
    expect(res.body.toString('utf8')).toBe(FEED_XML);
    expect(proxy.requests.slice(before)).toEqual([{ method: 'GET', target: `${plainOrigin}/feed.xml?x=1`, auth: 'reader:s3cret' }]);
    expect(seenByPlain.at(-1)).toEqual({ path: '/feed.xml?x=1', via: '1.1 test-proxy' });
  });

  it('tunnels an https target with CONNECT; the proxy resolves the name, TLS is checked against it', async () => {
    const before = proxy.requests.length;
    const res = await fetchResource(`https://secure.test:${securePort}/feed.xml`, opts({ proxy: proxyUrl() }));
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(FEED_XML);
    expect(proxy.requests.slice(before)).toEqual([{ method: 'CONNECT', target: `secure.test:${securePort}`, auth: 'reader:s3cret' }]);
    // Without the proxy the name does not resolve here: the proxy did the lookup.
    const direct = await failure(fetchResource(`https://secure.test:${securePort}/feed.xml`, opts()));
    expect(direct.code).toBe('network-error');
  });

  it('uses http.proxy by default, and goes direct with proxy: null', async () => {
    const before = proxy.requests.length;
    await fetchResource(`${plainOrigin}/default.xml`, opts({}, { proxy: proxyUrl() }));
    expect(proxy.requests.slice(before).map((r) => r.target)).toEqual([`${plainOrigin}/default.xml`]);
    await fetchResource(`${plainOrigin}/direct.xml`, opts({ proxy: null }, { proxy: proxyUrl() }));
    expect(proxy.requests.slice(before).map((r) => r.target)).toEqual([`${plainOrigin}/default.xml`]);
    expect(seenByPlain.at(-1)).toEqual({ path: '/direct.xml', via: null });
  });

  it('a wrong password is proxy-refused (407), for forwarding and for CONNECT, and the message masks it', async () => {
    const fwd = await failure(fetchResource(`${plainOrigin}/feed.xml`, opts({ proxy: proxyUrl('reader:wrong') })));
    expect(fwd.code).toBe('proxy-refused');
    expect(fwd.retryable).toBe(false);
    const tunnel = await failure(fetchResource(`https://secure.test:${securePort}/feed.xml`, opts({ proxy: proxyUrl('reader:wrong') })));
    expect(tunnel.code).toBe('proxy-refused');
    for (const e of [fwd, tunnel]) {
      expect(e.message).toContain(`proxy http://***@127.0.0.1:${proxy.port}`);
      expect(e.message).not.toContain('wrong');
    }
  });

  it('a dead proxy is proxy-error (retried), for http and https targets, credentials masked', async () => {
    const dead = `http://reader:s3cret@127.0.0.1:${deadPort}`;
    for (const url of [`${plainOrigin}/feed.xml`, `https://secure.test:${securePort}/feed.xml`]) {
      const err = await failure(fetchResource(url, opts({ proxy: dead })));
      expect(err.code).toBe('proxy-error');
      expect(err.retryable).toBe(true);
      expect(err.message).toContain('ECONNREFUSED');
      expect(err.message).not.toContain('s3cret');
    }
  });

  it('the SSRF guard still refuses an IP-literal target through a proxy; the loopback proxy itself is allowed', async () => {
    const before = proxy.requests.length;
    const guarded = (o: Partial<FetchOptions>) => opts(o, { allowPrivateNetworks: false });
    const err = await failure(fetchResource('http://169.254.169.254/latest/meta-data/', guarded({ proxy: proxyUrl() })));
    expect(err.code).toBe('blocked-address');
    expect(proxy.requests.length).toBe(before);
    // A public-looking name goes to the proxy (on 127.0.0.1) unchecked here: the proxy resolves it.
    const res = await fetchResource(`https://secure.test:${securePort}/feed.xml`, guarded({ proxy: proxyUrl() }));
    expect(res.status).toBe(200);
  });

  it('refuses a proxy URL that is not one, without quoting its credentials', async () => {
    expect(proxyUrlProblem('socks5://u:p@127.0.0.1:1080')).toMatch(/socks5: is not supported/);
    expect(proxyUrlProblem('http://u:p@proxy.example:3128/path')).toBe('a proxy URL has no path, query or fragment (http://[user:pass@]host:port or https://[user:pass@]host:port expected): http://***@proxy.example:3128/path');
    expect(proxyUrlProblem('proxy.example:3128')).toMatch(/^(not a URL|scheme)/);
    expect(proxyUrlProblem('http://proxy.example:3128')).toBeNull();
    expect(maskProxyUrl('http://user:pa@ss@proxy.example:3128')).toBe('http://***@proxy.example:3128');
    const err = await failure(fetchResource(`${plainOrigin}/feed.xml`, opts({ proxy: 'ftp://u:secret@127.0.0.1:21' })));
    expect(err.code).toBe('bad-url');
    expect(err.message).not.toContain('secret');
  });
});
