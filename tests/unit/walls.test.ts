/**
 * The wall checks alone: bot walls from the response (src/http/walls.ts), consent URLs,
 * pages that are not the article after extraction (src/pipeline/walls.ts), and AMP pages
 * (src/pipeline/amp.ts). Every page here is written for the test; each kind has a near miss
 * that must not be called a wall.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { botWallOf, isConsentUrl, metaRefreshOf } from '../../src/http/walls.js';
import { ampCanonicalOf, stripAmpAds } from '../../src/pipeline/amp.js';
import { wallOf } from '../../src/pipeline/walls.js';

const wall = (html: string, url = 'https://news.example.org/2025/05/12/story') => wallOf(html, url, extractArticle(html, url))?.reason ?? null;
const para = (n: number) => '<p>The two foreign ministers met for four hours and agreed to instruct the border commissions to finish the next section before the summer.</p>'.repeat(n);
const BANNER = '<div id="cookie-banner"><p>We value your privacy. We and our partners use cookies to store and/or access information on a device.</p><button>Accept all</button><button>Reject all</button><a>Manage preferences</a></div>';

describe('bot walls from the response', () => {
  it('headers and challenge pages behind 403/503; a challenge-only page on a 200', () => {
    expect(botWallOf(200, { 'cf-mitigated': 'challenge' }, '')).toBe('cf-mitigated: challenge');
    expect(botWallOf(405, { 'x-amzn-waf-action': 'captcha' }, '')).toMatch(/x-amzn-waf-action/);
    expect(botWallOf(403, { 'x-datadome': 'protected' }, '')).toMatch(/x-datadome/);
    expect(botWallOf(503, {}, '<html><title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>')).toMatch(/503/);
    expect(botWallOf(403, {}, '<html><body>Access Denied. Reference #18.2f3c1402.1715520000.4a1b2c</body></html>')).toMatch(/403/);
    expect(botWallOf(200, {}, '<html><head><title>Verify you are human</title></head><body></body></html>')).toBe('challenge page');
  });

  it('not walls: a plain 503, a protected site\'s ordinary page, DataDome\'s header on a 200', () => {
    expect(botWallOf(503, {}, '<html><body>Service temporarily unavailable</body></html>')).toBeNull();
    expect(botWallOf(200, {}, `<html><head><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></head><body><article>${para(3)}</article></body></html>`)).toBeNull();
    expect(botWallOf(200, { 'x-datadome': 'protected' }, '<html></html>')).toBeNull();
  });
});

describe('consent URLs', () => {
  it.each([
    'https://consent.google.com/ml?continue=https://news.example.org/a',
    'https://consent.yahoo.com/v2/collectConsent?sessionId=1',
    'https://guce.example-portal.com/consent?brandType=nonEu',
    'https://myprivacy.example-media.be/consent?callbackUrl=x',
    'https://news.example.org/privacy-gate?return=/a',
    'https://news.example.org/privacy/consent?redirect=/a',
    'https://news.example.org/de/cookiewall?ref=/a',
  ])('%s is a consent page', (u) => expect(isConsentUrl(new URL(u))).toBe(true));

  it.each(['https://news.example.org/2025/05/12/consent-decree-signed', 'https://news.example.org/politics/consensus-on-border', 'https://consensus.example.org/a'])(
    '%s is not',
    (u) => expect(isConsentUrl(new URL(u))).toBe(false),
  );
});

describe('pages that are not the article', () => {
  it('consent pages in front of the article, in English and German', () => {
    expect(wall(`<html><head><title>Before you continue</title></head><body>${BANNER}</body></html>`)).toBe('consent-wall');
    expect(
      wall('<html><head><title>Datenschutz</title></head><body><div><p>Wir und unsere Partner verwenden Cookies. Mit Alle akzeptieren stimmen Sie zu.</p><p>Datenschutzeinstellungen anpassen</p><button>Alle akzeptieren</button><p>Accept all</p></div></body></html>'),
    ).toBe('consent-wall');
  });

  it('an article with a cookie banner is the article, even a short one', () => {
    expect(wall(`<html><head><title>Talks</title></head><body>${BANNER}<article><h1>Ministers meet</h1>${para(8)}</article></body></html>`)).toBeNull();
    expect(wall(`<html><head><title>Brief</title></head><body>${BANNER}<article><h1>Brief</h1>${para(3)}</article></body></html>`)).toBeNull();
  });

  it('a paywall stub and a JavaScript shell are no-article-text; a short article without those signs is not', () => {
    expect(wall('<html><body><article><h1>Exclusive</h1><p>The draft runs to twelve pages, officials say.</p><div>Subscribe to continue reading. Already a subscriber? Sign in.</div></article></body></html>')).toBe('no-article-text');
    expect(wall('<html><head><title>App</title></head><body><div id="root"></div><noscript>Please enable JavaScript to read this page.</noscript></body></html>')).toBe('no-article-text');
    expect(wall(`<html><body><article><h1>Short</h1>${para(2)}</article></body></html>`)).toBeNull();
  });

  it('a challenge page served with 200 is bot-wall', () => {
    expect(wall('<html><head><title>Just a moment...</title></head><body><p>Checking if the site connection is secure</p></body></html>')).toBe('bot-wall');
  });
});

describe('meta refresh and AMP', () => {
  it('finds a meta refresh with its URL', () => {
    expect(metaRefreshOf('<head><meta content="0;url=/x?a=1&amp;b=2" http-equiv="REFRESH"></head>')).toBe('0;url=/x?a=1&b=2');
    expect(metaRefreshOf('<head><meta name="refresh" content="0;url=/x"></head>')).toBeNull();
  });

  it('an AMP page gives its canonical page; a canonical page gives none', () => {
    const amp = (html: string) => ampCanonicalOf(Buffer.from(html), 'https://news.example.org/amp/story');
    expect(amp('<!doctype html><html ⚡ lang="en"><head><link rel="canonical" href="/story"></head></html>')).toBe('https://news.example.org/story');
    expect(amp('<!doctype html><html amp><head><link href="https://news.example.org/story?x=1&amp;y=2" rel="canonical"></head></html>')).toBe('https://news.example.org/story?x=1&y=2');
    expect(amp('<!doctype html><html lang="en"><head><link rel="canonical" href="/story"></head></html>')).toBeNull();
    expect(amp('<!doctype html><html amp><head><link rel="canonical" href="/amp/story"></head></html>')).toBeNull();
  });

  it('AMP ad elements and their placeholders are removed before extraction', () => {
    const html = `<html amp><body><article><h1>Story</h1>${para(3)}<amp-ad width="300" height="250"><div placeholder>Advertisement loading</div><div fallback>Sponsored content unavailable</div></amp-ad>${para(2)}</article></body></html>`;
    const text = extractArticle(stripAmpAds(html), 'https://news.example.org/amp/story').text;
    expect(text).toContain('The two foreign ministers met');
    expect(text).not.toMatch(/Advertisement loading|Sponsored content unavailable/);
  });
});
