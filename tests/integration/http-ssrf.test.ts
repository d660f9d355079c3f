import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { blockedRange, type Resolver } from '../../src/http/address.js';
import { closeIdleConnections } from '../../src/http/agents.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';

let srv: FaultServer;
beforeAll(async () => {
  srv = await startFaultServer();
});
afterAll(async () => {
  await srv.close();
});

/** The default config: allowPrivateNetworks false. */
const guarded = HttpConfigSchema.parse({ timeoutMs: 3000 });
const base = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http: guarded, userAgent: 'test', kind: 'feed', ...o });

/** A policy that lets the test reach its own server at 127.0.0.1 and nothing else private. */
const onlyTestServer = (addr: string) => (addr === '127.0.0.1' ? null : blockedRange(addr));

describe('SSRF guard (default config)', () => {
  it('refuses loopback by IP literal, by name, IPv6 and IPv4-mapped IPv6, without a request reaching the server', async () => {
    const before = srv.requests.length;
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '2130706433', '0x7f.1']) {
      const err = await fetchResource(`http://${host}:${srv.port}/feed.xml`, base()).catch((e) => e);
      expect(err, host).toMatchObject({ code: 'blocked-address', retryable: false });
    }
    expect(srv.requests.length).toBe(before);
  });

  it('refuses every IPv6 form that embeds an IPv4 address, without a request reaching the server', async () => {
    const before = srv.requests.length;
    const forms: [string, string][] = [
      ['[::7f00:1]', 'ipv4-compatible'], // ::127.0.0.1, deprecated IPv4-compatible
      ['[::a00:1]', 'ipv4-compatible'],
      ['[::ffff:7f00:1]', 'ipv4-mapped'],
      ['[::ffff:808:808]', 'ipv4-mapped'], // even a public IPv4 inside
      ['[::ffff:0:7f00:1]', 'ipv4-translated'],
      ['[2002:7f00:1::1]', '6to4'],
      ['[2002:a9fe:a9fe::1]', '6to4'], // 169.254.169.254 inside
      ['[64:ff9b::7f00:1]', 'nat64'],
      ['[64:ff9b:1::a9fe:a9fe]', 'nat64'],
      ['[2001:0:4136:e378:8000:63bf:80ff:fffe]', 'teredo'], // client 127.0.0.1 (inverted bits)
    ];
    for (const [host, range] of forms) {
      const err = await fetchResource(`http://${host}:${srv.port}/feed.xml`, base()).catch((e) => e);
      expect(err, host).toMatchObject({ code: 'blocked-address', retryable: false });
      expect(err.message, host).toContain(`(${range})`);
    }
    expect(srv.requests.length).toBe(before);
    // Ordinary global addresses still pass the policy.
    expect(['8.8.8.8', '2a00:1450:4001:80b::200e', '2606:4700::6810:85e5'].map(blockedRange)).toEqual([null, null, null]);
  });

  it('refuses the cloud metadata address, private, link-local, multicast and unspecified literals', async () => {
    for (const host of ['169.254.169.254', '10.0.0.1', '192.168.1.1', '172.16.0.1', '100.64.0.1', '0.0.0.0', '224.0.0.1', '[fe80::1]', '[fc00::1]', '[ff02::1]', '[::]']) {
      await expect(fetchResource(`http://${host}/latest/meta-data/`, base()), host).rejects.toMatchObject({ code: 'blocked-address' });
    }
  });

  it('checks every redirect hop: a redirect to the metadata address is refused', async () => {
    const to = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    await expect(fetchResource(srv.url(`/redirect?to=${to}`), base({ addressPolicy: onlyTestServer }))).rejects.toMatchObject({ code: 'blocked-address' });
    const viaName = encodeURIComponent('http://metadata.test/latest/');
    const resolver: Resolver = async (h) => (h === 'metadata.test' ? [{ address: '169.254.169.254', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    await expect(fetchResource(srv.url(`/redirect?to=${viaName}`), base({ addressPolicy: onlyTestServer, resolver }))).rejects.toMatchObject({ code: 'blocked-address' });
  });

  it('checks the address actually connected to: a DNS answer that rebinds to a private address is refused', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.7', family: 4 }]);
    const url = `http://rebind.test:${srv.port}/feed.xml`;
    const first = await fetchResource(url, base({ addressPolicy: onlyTestServer, resolver: rebinding }));
    expect(first.status).toBe(200);
    // The kept-alive connection is to the address checked above (src/http/agents.ts); once it is
    // gone, the next fetch resolves again and gets the rebound answer.
    closeIdleConnections();
    await expect(fetchResource(url, base({ addressPolicy: onlyTestServer, resolver: rebinding }))).rejects.toMatchObject({ code: 'blocked-address' });
  });

  it('drops blocked addresses from a mixed answer and connects to an allowed one', async () => {
    const mixed: Resolver = async () => [
      { address: '10.1.1.1', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const res = await fetchResource(`http://mixed.test:${srv.port}/feed.xml`, base({ addressPolicy: onlyTestServer, resolver: mixed }));
    expect(res.status).toBe(200);
  });

  it('a name that does not resolve is a transient network-error', async () => {
    const nx: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nx.test'), { code: 'ENOTFOUND' });
    };
    await expect(fetchResource('http://nx.test/feed.xml', base({ resolver: nx }))).rejects.toMatchObject({ code: 'network-error', retryable: true });
  });

  it('http.allowPrivateNetworks: true lifts the guard', async () => {
    const res = await fetchResource(srv.url('/feed.xml'), base({ http: { ...guarded, allowPrivateNetworks: true } }));
    expect(res.status).toBe(200);
  });
});

describe('blockedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.2.3.4', 'private'],
    ['fd00::1', 'uniqueLocal'],
    ['239.1.1.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['8.8.8.8', null],
    ['2a00:1450:4001:80b::200e', null],
  ])('%s -> %s', (addr, range) => {
    expect(blockedRange(addr)).toBe(range);
  });
});
