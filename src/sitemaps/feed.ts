/**
 * A sitemap polled as a feed (`type: sitemap` or `type: news-sitemap` on a configured feed),
 * for outlets without RSS: the fetch-feed job reads the sitemap's pages as items, and the
 * seen-set turns the URLs it has not seen into article jobs, like any feed.
 *
 * - An item's date is `news:publication_date`, else `lastmod`; its version (the seen-set's
 *   `updatedAt`) is `lastmod`, so a page whose lastmod changes is fetched again.
 * - Entries older than the feed's `maxAgeDays` (default 2: a Google News sitemap lists the
 *   last two days) are skipped as `item-too-old`, so a plain sitemap of a whole archive does
 *   not enqueue the archive on its first poll: `backfill` is the tool for that.
 * - A sitemap index is refused (`not-a-sitemap`, naming it): configure one of its sitemaps
 *   (usually the news or the newest one), or run `backfill --sitemap`.
 */
import { IngestError } from '../errors.js';
import { canonicalizeUrl } from '../normalize/url.js';
import type { FeedItem, ParsedFeed } from '../types.js';
import { readSitemap, type SitemapKind } from './parse.js';

/** Default `maxAgeDays` of a sitemap feed: Google News sitemaps list the last 2 days (Google's news sitemap guidelines). */
export const DEFAULT_SITEMAP_MAX_AGE_DAYS = 2;

/** Options of `readSitemapFeed`. */
export interface SitemapFeedOptions {
  /** The sitemap's URL after redirects: the base for relative `<loc>`s. */
  url: string;
  fetchedAt: Date;
  /** Entries dated before fetchedAt minus this many days are skipped (default 2). */
  maxAgeDays?: number;
  /** Most bytes of a gzipped body once inflated (the feed's `http.maxBytes`, as for a body sent with Content-Encoding); default 50 MiB. */
  maxBytes?: number;
}

/**
 * Reads a sitemap body (gzipped or not) as a feed.
 * @returns the pages as items (newest date first), the skipped ones with their reason
 *   (`item-too-old`, `item-bad-link`)
 * @throws IngestError `not-a-sitemap` for a sitemap index or a document that is no sitemap;
 *   `too-large` for a gzipped body over `opts.maxBytes` once inflated
 */
export async function readSitemapFeed(body: Buffer, opts: SitemapFeedOptions): Promise<ParsedFeed> {
  let kind = 'unknown' as SitemapKind;
  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const oldest = opts.fetchedAt.getTime() - (opts.maxAgeDays ?? DEFAULT_SITEMAP_MAX_AGE_DAYS) * 86_400_000;
  let children = 0;
  async function* one() {
    yield body;
  }
  for await (const e of readSitemap(one(), (k) => (kind = k), { maxBytes: opts.maxBytes })) {
    if (e.kind === 'sitemap') {
      children++;
      continue;
    }
    const date = e.publishedAt ?? e.lastmod;
    if (date !== null && date < oldest) {
      skipped.push({ reason: 'item-too-old', title: e.title });
      continue;
    }
    let link: string;
    let canonicalUrl: string;
    try {
      link = new URL(e.loc, opts.url).href;
      canonicalUrl = canonicalizeUrl(link);
    } catch {
      skipped.push({ reason: 'item-bad-link', title: e.title });
      continue;
    }
    // A date in the future (clock skew, scheduled posts) is replaced by the fetch time, as feed dates are.
    const pub = date === null ? null : Math.min(date, opts.fetchedAt.getTime());
    items.push({
      guid: null,
      link,
      canonicalUrl,
      title: e.title,
      publishedAt: pub === null ? null : new Date(pub).toISOString(),
      updatedAt: e.lastmod === null ? null : new Date(e.lastmod).toISOString(),
      summary: null,
      authors: [],
      enclosures: [],
      ...(date !== null && pub !== date ? { flags: ['date-in-future'] } : {}),
    });
  }
  if (kind === 'index') throw new IngestError('not-a-sitemap', `${opts.url} is a sitemap index (${children} sitemaps): configure one of its sitemaps as the feed, or read them all with \`news-ingest backfill --sitemap ${opts.url}\``);
  if (kind !== 'urlset' && kind !== 'text') throw new IngestError('not-a-sitemap', `${opts.url} is not a sitemap (no <urlset> root, not a text list of URLs)`);
  items.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  return { feed: { title: null, link: null, language: null }, items, skipped };
}
