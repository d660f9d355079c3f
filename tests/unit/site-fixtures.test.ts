/**
 * The fixture site's pages and feeds stage by stage, without Redis: each feed fetched over
 * loopback with the real fetch code and read with readFeed (RSS 2.0 in UTF-8 and in
 * windows-1251 declared only in the XML prolog, Atom with xml:base, an item without a link);
 * each page decoded as the worker decodes it (charset from a <meta>, from the HTTP header
 * only, a BOM that contradicts the header), extracted and tagged; every value of expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { extractArticle } from '../../src/extract/index.js';
import { readFeed } from '../../src/feeds/index.js';
import { decodeBody } from '../../src/http/charset.js';
import { fetchResource } from '../../src/http/fetch.js';
import { canonicalizeUrl } from '../../src/normalize/url.js';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { expectArticleMatches, expectSignalsMatch, SITE_DIR, SITE_EXPECTED, SITE_HEADERS } from '../helpers/fixture-site.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const http = HttpConfigSchema.parse({ allowPrivateNetworks: true, timeoutMs: 5000 });
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer(SITE_DIR);
});
afterAll(() => server?.close());

describe('fixture site feeds, fetched over loopback and read as the feed job reads them', () => {
  it.each(Object.entries(SITE_EXPECTED.feeds))('%s', async (file, exp) => {
    const res = await fetchResource(`${server.baseUrl}/${file}`, { http, userAgent: 'news-ingest-test', kind: 'feed' });
    const feed = await readFeed(res.body, res.contentType, { url: `${server.baseUrl}/${file}`, fetchedAt: new Date('2026-04-01T00:00:00Z') });
    expect(feed.format).toBe(exp.format);
    expect(feed.parsedBy).toEqual({ parser: 'xml' });
    expect(feed.feed.title).toBe(exp.title);
    if (exp.language) expect(feed.feed.language).toBe(exp.language);
    // Items without a link are kept (stored from the feed's text, flagged) unless they carry no text.
    const linked = feed.items.filter((i) => i.link);
    const linkless = feed.items.filter((i) => !i.link);
    expect(linked).toHaveLength(exp.items);
    expect([...linkless.map((i) => i.flags?.[0]), ...feed.skipped.map((s) => s.reason)]).toEqual(Array(exp.skipped).fill('item-missing-link'));
    const first = feed.items[0];
    expect(first.title).toBe(exp.firstItem.title);
    expect(first.canonicalUrl).toBe(`${server.baseUrl}${exp.firstItem.canonicalPath}`);
    expect(Date.parse(first.publishedAt ?? '')).toBe(Date.parse(exp.firstItem.publishedAt));
    if (exp.firstItem.authors) expect(first.authors).toEqual(exp.firstItem.authors);
    if (exp.firstItem.summary) expect(first.summary).toBe(exp.firstItem.summary);
    // No tracking parameter survives in a canonical URL, and every link is absolute on the site.
    for (const item of linked) {
      expect(item.canonicalUrl!.startsWith(`${server.baseUrl}/`)).toBe(true);
      expect(item.canonicalUrl).not.toMatch(/[?&](utm_|fbclid)/);
    }
  });

  it('a story rewritten between two polls: new headline and GUID, one canonical URL', async () => {
    const poll = async (file: string) => {
      const res = await fetchResource(`${server.baseUrl}/${file}`, { http, userAgent: 'news-ingest-test', kind: 'feed' });
      return (await readFeed(res.body, res.contentType, { url: `${server.baseUrl}/${file}`, fetchedAt: new Date('2026-04-01T00:00:00Z') })).items[0];
    };
    const [before, after] = [await poll('feeds/edited-1.xml'), await poll('feeds/edited-2.xml')];
    expect(after.canonicalUrl).toBe(before.canonicalUrl);
    expect(after.guid).not.toBe(before.guid);
    expect(after.title).not.toBe(before.title);
  });

  it('the ru feed is windows-1251 declared only in its XML prolog, and reads as Cyrillic', () => {
    const bytes = readFileSync(join(SITE_DIR, 'feeds/ru.xml'));
    expect(bytes.subarray(0, 45).toString('latin1')).toContain('encoding="windows-1251"');
    expect(bytes.includes(Buffer.from('Вице', 'utf8'))).toBe(false);
  });
});

describe('fixture site pages, decoded, extracted and tagged', () => {
  it.each(Object.entries(SITE_EXPECTED.articles))('%s', (file, exp) => {
    const contentType = SITE_HEADERS[`/${file}`]?.headers?.['content-type'] ?? null;
    const html = decodeBody(readFileSync(join(SITE_DIR, file)), contentType, 'html').text;
    const x = extractArticle(html, `http://127.0.0.1:8080/${file}`);
    // The page's <link rel=canonical> (a mixed-case host, a tracking parameter and a fragment on the en page), canonicalized.
    expect(canonicalizeUrl(x.canonicalUrl ?? '')).toBe(exp.canonicalUrl);
    if (exp.siteName) expect(x.siteName).toBe(exp.siteName);
    expectArticleMatches(x, exp);
    const tags = tagArticle(x, topic);
    expect(tags.relevant).toBe(exp.relevant);
    expectSignalsMatch(tags.signals as unknown as Record<string, string[]>, exp);
  });

  it('the charset cases are what they claim to be', () => {
    const raw = (f: string) => readFileSync(join(SITE_DIR, 'articles', f));
    // BOM first, a header that says windows-1251: the BOM wins (WHATWG encoding sniffing).
    expect([...raw('az/bayramov-mirzoyan-ebu-dabi.html').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(SITE_HEADERS['/articles/az/bayramov-mirzoyan-ebu-dabi.html'].headers?.['content-type']).toContain('windows-1251');
    // windows-1252 named only by the header: „ and € are bytes 0x84 and 0x80, absent from ISO-8859-1.
    const de = raw('de/reise-rekordbuchungen.html');
    expect(de.toString('latin1')).not.toMatch(/charset/i);
    expect(de.includes(0x84) && de.includes(0x80)).toBe(true);
    // ISO-8859-1 named by <meta http-equiv>, windows-1251 by <meta charset>.
    expect(raw('fr/bruxelles-pourparlers.html').toString('latin1')).toContain('charset=iso-8859-1');
    expect(raw('ru/vice-premery-moskva.html').toString('latin1')).toContain('<meta charset="windows-1251">');
  });
});
