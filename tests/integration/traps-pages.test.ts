/**
 * Pages that are not the article, run end to end through the worker (`runWorker --once`,
 * the local Redis, a loopback site, a JSONL sink): consent redirects and consent pages,
 * paywall stubs, JavaScript shells, bot walls, meta refresh and Refresh redirects, AMP pages,
 * a windows-1251 page sent as charset=utf-8, and the feed's full text replacing a page that
 * is not the article. Every page and feed is written here.
 */
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const PARA = '<p>The delimitation commissions of Armenia and Azerbaijan met on the border and agreed on the next stretch of the line to be described in the draft.</p>';
const page = (title: string, body = PARA.repeat(4), head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${body}</article></body></html>`;
/** A full text of about 120 words, carried by the feed in content:encoded. */
const FULL = (topic: string) => `<p>${topic}: the full text carried by the feed.</p>` + '<p>Both delegations said the talks would continue next month in a neutral capital, and that the commissions would publish a joint summary of what was agreed.</p>'.repeat(4);
const html = { 'content-type': 'text/html; charset=utf-8' };

const CONSENT_PAGE =
  '<!doctype html><html><head><title>Before you continue</title></head><body><div class="consent"><h1>Before you continue</h1>' +
  '<p>We value your privacy. We and our partners use cookies and similar technologies to store and/or access information on a device.</p>' +
  '<p>Select Accept all to agree, Reject all to decline, or Manage preferences to choose. Some partners rely on legitimate interest.</p>' +
  '<button>Accept all</button><button>Reject all</button></div></body></html>';
const PAYWALL = page('Exclusive: the treaty draft', '<p>Officials say the draft now runs to twelve pages.</p><div class="paywall"><p>Subscribe to continue reading.</p><p>Already a subscriber? Sign in.</p></div>');
const SHELL = '<!doctype html><html><head><title>Loading</title><script src="/app.js"></script></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>';
const CHALLENGE = '<!doctype html><html><head><title>Attention Required! | Cloudflare</title></head><body><div class="cf-wrapper"><h1>Sorry, you have been blocked</h1><div id="cf-chl-widget"></div></div></body></html>';
const AMP = (canonical: string) =>
  `<!doctype html><html amp lang="en"><head><meta charset="utf-8"><title>Talks resume (AMP)</title><link rel="canonical" href="${canonical}"></head><body><article><h1>Talks resume</h1>` +
  `<p>Only the first paragraph of the story is on the AMP copy.</p><amp-ad width="300" height="250" type="adnet"><div placeholder>Advertisement loading</div><div fallback>Sponsored content unavailable</div></amp-ad>${PARA.repeat(2)}</article></body></html>`;
const CANONICAL = page('Talks resume', `<p>The whole story is on the canonical page.</p>${PARA.repeat(4)}`);
const RU = '<!doctype html><html lang="ru"><head>%META%<title>Переговоры продолжаются</title></head><body><article><h1>Переговоры продолжаются</h1>' +
  '<p>Комиссии Армении и Азербайджана по делимитации границы встретились снова и согласовали следующий участок линии.</p>'.repeat(4) + '</article></body></html>';

describe('pages that are not the article', () => {
  const prefix = uniquePrefix('traps-pages');
  const out = join(tempDir('traps-pages'), 'articles.jsonl');
  let server: SiteServer;
  let cfg: Config;
  let lines: Record<string, unknown>[] = [];
  let records: ArticleRecord[] = [];
  const link = (p: string) => `${server.baseUrl}${p}`;
  const byUrl = (p: string) => records.find((r) => r.url === link(p));
  const failedReason = (p: string) => lines.find((l) => l.event === 'job.end' && l.queue === 'articles' && l.url === link(p) && l.outcome === 'failed')?.reason;

  beforeAll(async () => {
    const item = (path: string, title: string, full?: string) =>
      `<item><title>${title}</title><link>${path}</link><guid>${path}</guid><description>Short summary of ${title}.</description>${full ? `<content:encoded><![CDATA[${full}]]></content:encoded>` : ''}</item>`;
    const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Walls</title><link>/</link>
      ${item('/p/consent-redirect', 'Consent redirect with feed text', FULL('Consent redirect'))}
      ${item('/p/consent-redirect-bare', 'Consent redirect without feed text')}
      ${item('/p/consent-inline', 'Consent page in front')}
      ${item('/p/paywall', 'Paywall stub with feed text', FULL('Paywall'))}
      ${item('/p/shell', 'JavaScript shell')}
      ${item('/p/meta', 'Meta refresh')}
      ${item('/p/refresh-header', 'Refresh header')}
      ${item('/p/amp', 'AMP copy')}
      ${item('/p/amp-canonical', 'Canonical of the AMP copy')}
      ${item('/p/amp-only', 'AMP copy whose canonical page is not in the feed')}
      ${item('/p/cp1251', 'Windows-1251 page labelled UTF-8, meta says so')}
      ${item('/p/cp1251-bare', 'Windows-1251 page labelled UTF-8, no meta')}
      ${item('/p/blocked', 'Bot wall')}
    </channel></rss>`;
    server = await startSiteServer(null, {
      '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: feed },
      '/p/consent-redirect': { status: 302, headers: { location: '/consent?continue=%2Fp%2Fconsent-redirect' } },
      '/p/consent-redirect-bare': { status: 302, headers: { location: '/consent?continue=%2Fp%2Fconsent-redirect-bare' } },
      '/consent': { headers: html, body: CONSENT_PAGE },
      '/p/consent-inline': { headers: html, body: CONSENT_PAGE },
      '/p/paywall': { headers: html, body: PAYWALL },
      '/p/shell': { headers: html, body: SHELL },
      '/p/meta': { headers: html, body: '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=/p/meta-target"><title>Redirecting...</title></head><body>Redirecting...</body></html>' },
      '/p/meta-target': { headers: html, body: page('Meta refresh target') },
      '/p/refresh-header': { headers: { ...html, refresh: '0;url=/p/header-target' }, body: '<html><body>Redirecting...</body></html>' },
      '/p/header-target': { headers: html, body: page('Refresh header target') },
      '/p/amp': { handle: (_req, res) => void res.writeHead(200, html).end(AMP(link('/p/amp-canonical'))) },
      '/p/amp-canonical': { headers: html, body: CANONICAL },
      '/p/amp-only': { handle: (_req, res) => void res.writeHead(200, html).end(AMP(link('/p/amp-only-story'))) },
      '/p/amp-only-story': { headers: html, body: CANONICAL.replace('Talks resume', 'Second story') },
      '/p/cp1251': { headers: html, body: iconv.encode(RU.replace('%META%', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), 'windows-1251') },
      '/p/cp1251-bare': { headers: html, body: iconv.encode(RU.replace('%META%', ''), 'windows-1251') },
      '/p/blocked': { status: 403, headers: html, body: CHALLENGE },
    });
    cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'walls', url: `${server.baseUrl}/feed.xml` }],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      worker: { attempts: 3, backoffMs: 20 },
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    const cap = captureLogger('debug');
    await runWorker({ config: cfg, log: cap.log, once: true });
    lines = cap.lines;
    records = await readJsonlRecords(out);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it('a redirect to a consent page: the feed full text is stored under the item link, never the consent page', () => {
    const r = byUrl('/p/consent-redirect')!;
    expect(r).toMatchObject({ textSource: 'feed', canonicalUrl: link('/p/consent-redirect'), title: 'Consent redirect with feed text' });
    expect(r.text).toContain('Consent redirect: the full text carried by the feed.');
    expect(r.text.split('\n\n').length).toBeGreaterThan(3);
    expect(records.filter((x) => new URL(x.canonicalUrl).pathname.startsWith('/consent') || /Before you continue|Accept all/.test(x.text)).map((x) => [x.url, x.text.slice(0, 200)])).toEqual([]);
  });

  it('a consent redirect or a consent page without feed text: consent-wall, nothing stored', () => {
    expect(failedReason('/p/consent-redirect-bare')).toBe('consent-wall');
    expect(failedReason('/p/consent-inline')).toBe('consent-wall');
    expect(byUrl('/p/consent-redirect-bare')).toBeUndefined();
    expect(byUrl('/p/consent-inline')).toBeUndefined();
  });

  it('a paywall stub takes the feed text; a JavaScript shell is no-article-text', () => {
    expect(byUrl('/p/paywall')).toMatchObject({ textSource: 'feed' });
    expect(byUrl('/p/paywall')!.text).not.toContain('Subscribe to continue');
    expect(failedReason('/p/shell')).toBe('no-article-text');
  });

  it('meta refresh and the Refresh header are followed like redirects', () => {
    expect(byUrl('/p/meta')).toMatchObject({ title: 'Meta refresh target' });
    expect(byUrl('/p/meta')!.text).not.toContain('Redirecting');
    expect(byUrl('/p/refresh-header')).toMatchObject({ title: 'Refresh header target' });
    expect(server.requests).toContain('/p/meta-target');
    expect(server.requests).toContain('/p/header-target');
  });

  it('AMP: the canonical page is stored, never the ad placeholders; both links give the same text', () => {
    const amp = byUrl('/p/amp');
    const canon = byUrl('/p/amp-canonical');
    // One record id (the canonical URL): whichever job wrote last, the text is the canonical page's.
    const same = records.filter((r) => r.canonicalUrl === link('/p/amp-canonical'));
    expect(same.length).toBe(1);
    const r = amp ?? canon!;
    expect(r.text).toContain('The whole story is on the canonical page.');
    expect(r.text).not.toMatch(/Advertisement loading|Sponsored content unavailable|Only the first paragraph/);
    // Only the AMP copy is in the feed: its canonical page is fetched and stored.
    const only = byUrl('/p/amp-only')!;
    expect(only).toMatchObject({ canonicalUrl: link('/p/amp-only-story'), title: 'Second story' });
    expect(only.text).toContain('The whole story is on the canonical page.');
    expect(only.text).not.toMatch(/Advertisement loading|Sponsored content unavailable|Only the first paragraph/);
  });

  it('a windows-1251 page sent as charset=utf-8 is decoded from its meta, or by sniffing', () => {
    for (const p of ['/p/cp1251', '/p/cp1251-bare']) {
      const r = byUrl(p)!;
      expect(r.title).toBe('Переговоры продолжаются');
      expect(r.text).toContain('Комиссии Армении и Азербайджана');
      expect(r.text).not.toContain('\uFFFD');
    }
  });

  it('a bot wall behind 403 is bot-wall, one request, no retries', () => {
    expect(failedReason('/p/blocked')).toBe('bot-wall');
    expect(server.requests.filter((p) => p === '/p/blocked')).toHaveLength(1);
  });

  it('status shows the walls per host', async () => {
    const redis = createRedis(REDIS_URL);
    const queues = openQueues(cfg, redis);
    try {
      const st = await collectStatus(cfg, redis, queues, 20);
      const host = new URL(server.baseUrl).host;
      expect(st.pageWalls).toEqual([{ host, reasons: { 'consent-wall': 3, 'no-article-text': 1, 'bot-wall': 1, 'text-from-feed': 2 } }]);
      expect(formatStatus(st)).toContain(`${host}  consent-wall 3`);
    } finally {
      await queues.close();
      redis.disconnect();
    }
  });
});
