import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { backoffDelayMs, isRetryable, MAX_RETRY_DELAY_MS } from '../../src/retry/policy.js';
import { cacheMaxAgeMsOf, retryAfterMsOf } from '../../src/http/headers.js';
import { sniffBody } from '../../src/http/sniff.js';
import { feedBackoffMs, isFeedDue, isUnhealthy, MAX_FEED_BACKOFF_MS } from '../../src/state/feed-state.js';

describe('backoffDelayMs', () => {
  it('doubles per attempt, jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, undefined, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, undefined, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('is capped', () => {
    expect(backoffDelayMs(40, 1000, undefined, () => 0.999999)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    expect(backoffDelayMs(40, 1000, undefined, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });
  it('never retries before the Retry-After', () => {
    const err = new IngestError('rate-limited', '429', { retryAfterMs: 30_000 });
    expect(backoffDelayMs(1, 1000, err, () => 0)).toBe(30_000);
    expect(backoffDelayMs(8, 1000, err, () => 0)).toBe(64_000);
  });
});

describe('isRetryable', () => {
  it('transient codes retry, permanent ones do not, unknown errors do', () => {
    for (const c of ['network-error', 'timeout', 'http-5xx', 'rate-limited'] as const) expect(isRetryable(new IngestError(c, c))).toBe(true);
    for (const c of ['not-found', 'http-4xx', 'not-a-feed', 'too-large', 'robots-disallowed', 'blocked-address', 'too-many-redirects'] as const) expect(isRetryable(new IngestError(c, c))).toBe(false);
    expect(isRetryable(new TypeError('bug'))).toBe(true);
  });
});

describe('response hints', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  it('Retry-After: seconds or an HTTP-date', () => {
    expect(retryAfterMsOf({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMsOf({ 'retry-after': 'Sun, 29 Nov 2026 10:01:30 GMT' }, now)).toBe(90_000);
    expect(retryAfterMsOf({ 'retry-after': 'Sun, 29 Nov 2026 09:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterMsOf({ 'retry-after': 'soon' }, now)).toBeNull();
    expect(retryAfterMsOf({}, now)).toBeNull();
  });
  it('Cache-Control max-age (minus Age) beats Expires; no-cache is 0', () => {
    expect(cacheMaxAgeMsOf({ 'cache-control': 'public, max-age=300', age: '100' }, now)).toBe(200_000);
    expect(cacheMaxAgeMsOf({ 'cache-control': 'max-age=300', expires: 'Sun, 29 Nov 2026 12:00:00 GMT' }, now)).toBe(300_000);
    expect(cacheMaxAgeMsOf({ expires: 'Sun, 29 Nov 2026 10:10:00 GMT', date: 'Sun, 29 Nov 2026 10:00:00 GMT' }, now)).toBe(600_000);
    expect(cacheMaxAgeMsOf({ expires: '0' }, now)).toBe(0);
    expect(cacheMaxAgeMsOf({ 'cache-control': 'no-cache, max-age=300' }, now)).toBe(0);
    expect(cacheMaxAgeMsOf({}, now)).toBeNull();
  });
});

describe('sniffBody', () => {
  it.each([
    ['<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', 'rss'],
    ['\uFEFF<feed xmlns="http://www.w3.org/2005/Atom">', 'atom'],
    ['<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', 'rdf'],
    ['  {"version": "https://jsonfeed.org/version/1.1"}', 'json'],
    ['<!DOCTYPE html><html><head>', 'html'],
    ['<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><html>', 'html'],
    ['<html><body>', 'html'],
    ['<?xml version="1.0"?><sitemap>', 'xml'],
    ['%PDF-1.7', 'binary'],
    ['hello', 'text'],
    ['', 'empty'],
  ])('%j -> %s', (text, kind) => {
    expect(sniffBody(Buffer.from(text))).toBe(kind);
  });
  it('reads UTF-16 bodies', () => {
    expect(sniffBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0"?><rss>', 'utf16le')]))).toBe('rss');
    expect(sniffBody(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<feed>', 'utf16le').swap16()]))).toBe('atom');
  });
});

describe('feed backoff', () => {
  it('stretches the cadence 2, 4, 8... intervals, to a ceiling', () => {
    expect([0, 1, 2, 3, 4].map((n) => feedBackoffMs(n, 15) / 60_000)).toEqual([0, 0, 15, 45, 105]);
    expect(feedBackoffMs(20, 15)).toBe(MAX_FEED_BACKOFF_MS);
    expect(feedBackoffMs(1000, 60)).toBe(MAX_FEED_BACKOFF_MS);
  });
  it('unhealthy from 3 failures in a row', () => {
    expect([0, 2, 3, 9].map((n) => isUnhealthy({ consecutiveFailures: n }))).toEqual([false, false, true, true]);
  });
  it('a run is due at nextAttemptAt, with a tolerance of a tenth of the interval', () => {
    const next = '2026-11-29T10:15:00.000Z';
    expect(isFeedDue({ nextAttemptAt: null }, new Date('2026-11-29T10:00:00Z'), 15)).toBe(true);
    expect(isFeedDue({ nextAttemptAt: next }, new Date('2026-11-29T10:10:00Z'), 15)).toBe(false);
    expect(isFeedDue({ nextAttemptAt: next }, new Date('2026-11-29T10:14:30Z'), 15)).toBe(true);
    expect(isFeedDue({ nextAttemptAt: next }, new Date('2026-11-29T10:15:01Z'), 15)).toBe(true);
  });
});
