import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSitemapDate, readSitemap, type SitemapEntry, type SitemapKind } from '../../src/sitemaps/parse.js';

async function read(bytes: Buffer, chunk = 7): Promise<{ kind: SitemapKind | null; entries: SitemapEntry[] }> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  let kind: SitemapKind | null = null;
  const entries: SitemapEntry[] = [];
  for await (const e of readSitemap(chunks(), (k) => (kind = k))) entries.push(e);
  return { kind, entries };
}

describe('parseSitemapDate (W3C Datetime)', () => {
  it.each([
    ['2024-03-05', Date.UTC(2024, 2, 5)],
    ['2024-03', Date.UTC(2024, 2, 1)],
    ['2024', Date.UTC(2024, 0, 1)],
    ['2024-03-05T10:20:30Z', Date.UTC(2024, 2, 5, 10, 20, 30)],
    ['2024-03-05T10:20:30+04:00', Date.UTC(2024, 2, 5, 6, 20, 30)],
    ['2024-03-05T10:20+0400', Date.UTC(2024, 2, 5, 6, 20)],
    ['2024-03-05T10:20:30.250-05:00', Date.UTC(2024, 2, 5, 15, 20, 30, 250)],
    ['2024-03-05T10:20:30', Date.UTC(2024, 2, 5, 10, 20, 30)],
    ['  2024-03-05T10:20:30Z\n', Date.UTC(2024, 2, 5, 10, 20, 30)],
  ])('%j → %d', (text, ms) => {
    expect(parseSitemapDate(text)).toBe(ms);
  });
  it.each(['', 'yesterday', 'Tue, 05 Mar 2024 10:20:30 GMT', '2024-13-45', '05.03.2024'])('%j → null', (text) => {
    expect(parseSitemapDate(text)).toBeNull();
  });
});

describe('readSitemap', () => {
  it('reads a sitemap index with nested loc and lastmod, in small chunks', async () => {
    const xml = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://ex.am/s1.xml</loc><lastmod>2024-01-02</lastmod></sitemap>
      <sitemap><loc> https://ex.am/s2.xml.gz </loc></sitemap></sitemapindex>`;
    const r = await read(Buffer.from(xml));
    expect(r.kind).toBe('index');
    expect(r.entries).toEqual([
      { kind: 'sitemap', loc: 'https://ex.am/s1.xml', lastmod: Date.UTC(2024, 0, 2), publishedAt: null, title: null },
      { kind: 'sitemap', loc: 'https://ex.am/s2.xml.gz', lastmod: null, publishedAt: null, title: null },
    ]);
  });

  it('reads a Google News sitemap: publication date and title, any prefix, CDATA and entities, multi-byte text split across chunks', async () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://ex.am/a?x=1&amp;y=2</loc><lastmod>2025-01-01T00:00:00Z</lastmod>
        <n:news><n:publication><n:name>Ex</n:name><n:language>hy</n:language></n:publication>
        <n:publication_date>2024-05-01T12:00:00+04:00</n:publication_date><n:title><![CDATA[Հայաստան & Ադրբեջան]]></n:title></n:news></url>
      <url><loc>https://ex.am/b</loc></url></urlset>`;
    const r = await read(Buffer.from(xml), 3);
    expect(r.kind).toBe('urlset');
    expect(r.entries).toEqual([
      { kind: 'url', loc: 'https://ex.am/a?x=1&y=2', lastmod: Date.UTC(2025, 0, 1), publishedAt: Date.UTC(2024, 4, 1, 8), title: 'Հայաստան & Ադրբեջան' },
      { kind: 'url', loc: 'https://ex.am/b', lastmod: null, publishedAt: null, title: null },
    ]);
  });

  it('inflates a gzipped sitemap detected by its magic bytes', async () => {
    const xml = `<urlset>${Array.from({ length: 300 }, (_, i) => `<url><loc>https://ex.am/p${i}</loc><lastmod>2024-02-0${(i % 9) + 1}</lastmod></url>`).join('')}</urlset>`;
    const r = await read(zlib.gzipSync(xml), 50);
    expect(r.kind).toBe('urlset');
    expect(r.entries).toHaveLength(300);
    expect(r.entries[299]).toMatchObject({ loc: 'https://ex.am/p299', lastmod: Date.UTC(2024, 1, 3) });
  });

  it('reads a text sitemap (one URL per line, CRLF, blank lines)', async () => {
    const r = await read(Buffer.from('\uFEFFhttps://ex.am/1\r\n\r\nhttps://ex.am/2\nhttps://ex.am/3'), 4);
    expect(r.kind).toBe('text');
    expect(r.entries.map((e) => e.loc)).toEqual(['https://ex.am/1', 'https://ex.am/2', 'https://ex.am/3']);
  });

  it('says unknown for an HTML page or an RSS feed, with no entries', async () => {
    for (const doc of ['<!doctype html><html><body><a href="/x">x</a></body></html>', '<rss version="2.0"><channel><item><link>https://ex.am/1</link></item></channel></rss>']) {
      const r = await read(Buffer.from(doc));
      expect(r.kind).toBe('unknown');
      expect(r.entries).toEqual([]);
    }
  });

  it('goes on past malformed markup (an unescaped & in a loc, an unclosed tag)', async () => {
    const xml = '<urlset><url><loc>https://ex.am/a?x=1&y=2</loc></url><url><loc>https://ex.am/b</loc><lastmod>2024-01-01</url><url><loc>https://ex.am/c</loc></url></urlset>';
    const r = await read(Buffer.from(xml));
    expect(r.entries.map((e) => e.loc)).toEqual(['https://ex.am/a?x=1&y=2', 'https://ex.am/b', 'https://ex.am/c']);
  });
});
