/**
 * fetchResource on walls and written redirects: a meta refresh or Refresh header is followed
 * like a redirect (SSRF-checked, counted in the redirect limit, a reload is not followed),
 * a redirect to a consent page fails with `consent-wall`, bot walls with `bot-wall` (one
 * request), and `movedTo` reports only a chain of 301/308 from the start.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { blockedRange } from '../../src/http/address.js';
import { fetchResource, type FetchOptions } from '../../src/http/fetch.js';
import { refreshTarget } from '../../src/http/walls.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

const html = { 'content-type': 'text/html; charset=utf-8' };
const ARTICLE = '<!doctype html><html><head><title>Article</title></head><body><article><p>The article itself.</p></article></body></html>';
const meta = (content: string, extra = '') => `<!doctype html><html><head><meta http-equiv="Refresh" content="${content}">${extra}<title>Redirecting...</title></head><body>Redirecting...</body></html>`;

let srv: SiteServer;
beforeAll(async () => {
  const chain: Record<string, { headers: Record<string, string>; body: string }> = {};
  for (let i = 0; i < 7; i++) chain[`/chain/${i}`] = { headers: html, body: meta(`0;url=/chain/${i + 1}`) };
  srv = await startSiteServer(null, {
    ...chain,
    '/meta': { headers: html, body: meta("0; URL='/article'") },
    '/meta-private': { headers: html, body: meta('0;url=http://10.20.30.40/admin') },
    '/meta-reload': { headers: html, body: meta('300').replace('Redirecting...</body>', 'Live blog page that reloads itself every five minutes.</body>') },
    '/meta-noscript': { headers: html, body: `<!doctype html><html><head><noscript><meta http-equiv="refresh" content="0;url=/nojs"></noscript><title>App</title></head><body><article><p>Text.</p></article></body></html>` },
    '/refresh': { headers: { ...html, refresh: '1; url=/article' }, body: 'wait' },
    '/article': { headers: html, body: ARTICLE },
    '/to-consent': { status: 302, headers: { location: '/privacy-gate?return=%2Farticle' } },
    '/perm1': { status: 301, headers: { location: '/perm2' } },
    '/perm2': { status: 308, headers: { location: '/article' } },
    '/perm-then-temp': { status: 301, headers: { location: '/temp' } },
    '/temp': { status: 302, headers: { location: '/article' } },
    '/temp-first': { status: 302, headers: { location: '/perm2' } },
    '/challenge-503': { status: 503, headers: html, body: '<html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>' },
    '/plain-503': { status: 503, headers: html, body: '<html><body>Service unavailable</body></html>' },
    '/challenge-200': { headers: { ...html, 'cf-mitigated': 'challenge' }, body: '<html><body>challenge</body></html>' },
    '/protected-article': {
      handle: (_req: IncomingMessage, res: ServerResponse) =>
        void res.writeHead(200, html).end('<!doctype html><html><head><title>Story</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></head><body><article><p>A normal page on a protected site.</p></article></body></html>'),
    },
  });
});
afterAll(async () => {
  await srv.close();
});

const http = HttpConfigSchema.parse({ timeoutMs: 3000 });
const onlyTestServer = (addr: string) => (addr === '127.0.0.1' ? null : blockedRange(addr));
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ http, userAgent: 'test', kind: 'html', addressPolicy: onlyTestServer, ...o });

describe('written redirects', () => {
  it('a meta refresh and a Refresh header are followed, and listed as redirects', async () => {
    const a = await fetchResource(`${srv.baseUrl}/meta`, opts());
    expect([a.finalUrl, a.redirects, a.body.toString()]).toEqual([`${srv.baseUrl}/article`, [`${srv.baseUrl}/article`], ARTICLE]);
    const b = await fetchResource(`${srv.baseUrl}/refresh`, opts());
    expect(b.finalUrl).toBe(`${srv.baseUrl}/article`);
    expect(b.movedTo).toBeNull();
  });

  it('a meta refresh to a private address is refused by the SSRF guard', async () => {
    await expect(fetchResource(`${srv.baseUrl}/meta-private`, opts())).rejects.toMatchObject({ code: 'blocked-address' });
  });

  it('meta refreshes count in the redirect limit', async () => {
    await expect(fetchResource(`${srv.baseUrl}/chain/0`, opts())).rejects.toMatchObject({ code: 'too-many-redirects' });
  });

  it('a reload (no URL, or a long delay) and a refresh inside <noscript> are not followed', async () => {
    expect((await fetchResource(`${srv.baseUrl}/meta-reload`, opts())).redirects).toEqual([]);
    expect((await fetchResource(`${srv.baseUrl}/meta-noscript`, opts())).redirects).toEqual([]);
    expect([refreshTarget('5'), refreshTarget('600; url=/x'), refreshTarget('0;URL="/x"'), refreshTarget('url=/y')]).toEqual([null, null, '/x', '/y']);
  });
});

describe('walls recognised from the response', () => {
  it('a redirect to a consent page is consent-wall', async () => {
    await expect(fetchResource(`${srv.baseUrl}/to-consent`, opts())).rejects.toMatchObject({ code: 'consent-wall', retryable: false });
  });

  it('a challenge page behind 503 and a cf-mitigated header are bot-wall, not retried; a plain 503 stays http-5xx', async () => {
    const before = srv.requests.length;
    await expect(fetchResource(`${srv.baseUrl}/challenge-503`, opts({ kind: 'feed' }))).rejects.toMatchObject({ code: 'bot-wall', retryable: false, httpStatus: 503 });
    await expect(fetchResource(`${srv.baseUrl}/challenge-200`, opts())).rejects.toMatchObject({ code: 'bot-wall' });
    expect(srv.requests.length - before).toBe(2);
    await expect(fetchResource(`${srv.baseUrl}/plain-503`, opts())).rejects.toMatchObject({ code: 'http-5xx', retryable: true });
  });

  it("a protected site's ordinary page (Cloudflare's bot script in it) is not a wall", async () => {
    const r = await fetchResource(`${srv.baseUrl}/protected-article`, opts());
    expect(r.status).toBe(200);
  });
});

describe('movedTo', () => {
  it('a run of 301/308 from the start is a move; a temporary hop ends it', async () => {
    expect((await fetchResource(`${srv.baseUrl}/perm1`, opts())).movedTo).toBe(`${srv.baseUrl}/article`);
    expect((await fetchResource(`${srv.baseUrl}/perm-then-temp`, opts())).movedTo).toBe(`${srv.baseUrl}/temp`);
    expect((await fetchResource(`${srv.baseUrl}/temp-first`, opts())).movedTo).toBeNull();
    expect((await fetchResource(`${srv.baseUrl}/article`, opts())).movedTo).toBeNull();
  });
});
