/**
 * A gzipped sitemap (`.xml.gz` served without Content-Encoding) is inflated by the sitemap
 * reader, after the fetch's byte cap: review15 read 160 KB of gzip holding 78 MB of XML to
 * its end (backfill), and a `type: sitemap` feed would have held all its entries in memory.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSitemap, SITEMAP_MAX_UNCOMPRESSED_BYTES } from '../../src/sitemaps/parse.js';
import { readSitemapFeed } from '../../src/sitemaps/feed.js';

/** A urlset of `n` entries, each a distinct page dated the given day. */
function urlset(n: number, day = '2026-12-05'): string {
  let out = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
  for (let i = 0; i < n; i++) out += `<url><loc>https://news.example.az/politics/${i}-border-talks</loc><lastmod>${day}</lastmod></url>`;
  return `${out}</urlset>`;
}

async function count(body: Buffer, maxBytes?: number): Promise<number> {
  let n = 0;
  async function* one() {
    yield body;
  }
  for await (const e of readSitemap(one(), undefined, { maxBytes })) if (e.kind === 'url') n++;
  return n;
}

describe('gzipped sitemap: a cap on the inflated bytes', () => {
  it('reads a gzipped sitemap under the cap whole', async () => {
    const xml = urlset(2000);
    expect(await count(gzipSync(xml), xml.length)).toBe(2000);
  });

  it('refuses one over the cap as too-large, after reading no more than the cap', async () => {
    const xml = urlset(2000);
    const err = await count(gzipSync(xml), Math.floor(xml.length / 2)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'too-large' });
    expect(String((err as Error).message)).toContain(String(Math.floor(xml.length / 2)));
  });

  it('holds a gzip file past 50 MiB inflated to the default cap (sitemaps.org), with no cap given', async () => {
    const xml = urlset(Math.ceil((SITEMAP_MAX_UNCOMPRESSED_BYTES + 1024 * 1024) / 100));
    expect(xml.length).toBeGreaterThan(SITEMAP_MAX_UNCOMPRESSED_BYTES);
    const gz = gzipSync(xml, { level: 1 });
    expect(gz.length).toBeLessThan(xml.length / 10);
    await expect(count(gz)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('a sitemap polled as a feed is held to the cap it is given (the feed\'s http.maxBytes)', async () => {
    const xml = urlset(3000);
    const opts = { url: 'https://news.example.az/sitemap.xml.gz', fetchedAt: new Date('2026-12-06T00:00:00Z') };
    expect((await readSitemapFeed(gzipSync(xml), { ...opts, maxBytes: xml.length })).items).toHaveLength(3000);
    await expect(readSitemapFeed(gzipSync(xml), { ...opts, maxBytes: 100_000 })).rejects.toMatchObject({ code: 'too-large' });
  });
});
