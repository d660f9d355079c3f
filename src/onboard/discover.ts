/**
 * `news-ingest feed discover <site-url>`: the feeds of a site, each checked. Candidates, in
 * this order (as Miniflux's subscription finder looks for them):
 * 1. `<link rel="alternate">` of the page with a feed type (RSS, Atom, RDF, JSON Feed), resolved
 *    against the page (and its `<base href>`);
 * 2. common feed paths at the origin (COMMON_FEED_PATHS), for sites that declare none;
 * 3. the `Sitemap:` lines of the origin's robots.txt (sitemaps can be polled as feeds).
 * Each candidate is fetched and read as the feed job would (feeds: readFeed; sitemaps:
 * readSitemap): `ok` with its item count, title and newest date, or its reason code.
 * No Redis needed: the requests are sent one after another, `http.perHost.minDelayMs` apart.
 */
import * as cheerio from 'cheerio';
import robotsParserModule from 'robots-parser';
import { IngestError, reasonOf } from '../errors.js';
import type { FetchOptions, FetchResult } from '../http/fetch.js';
import type { HttpConfig } from '../config/schema.js';
import { readFeed } from '../feeds/index.js';
import { readSitemap } from '../sitemaps/parse.js';
import { identifyDocument } from './identify.js';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Paths tried at the origin when the page declares no feed (the usual places of WordPress, Blogger, Hugo, Jekyll, Ghost, Drupal, Bitrix sites). */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/rss/', '/feeds/posts/default', '/?feed=rss2', '/rss/index.xml', '/news/rss'];

const FEED_TYPES = /^(application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json)|text\/xml)$/i;

/** One candidate and what checking it gave. */
export interface DiscoveredFeed {
  url: string;
  /** Where it was found: `link` (rel=alternate), `path` (a common path), `robots` (a Sitemap: line). */
  via: 'link' | 'path' | 'robots';
  /** `feed`, `sitemap`, `news-sitemap` or `sitemap-index` once checked; the declared type before. */
  type: 'feed' | 'sitemap' | 'news-sitemap' | 'sitemap-index';
  ok: boolean;
  /** `ok` or the reason code of the failure. */
  status: string;
  title: string | null;
  items: number;
  /** Newest item date, ISO 8601 UTC, or null. */
  newest: string | null;
}

/** What discovery needs: the HTTP settings and User-Agent, and the fetch function (fetchResource). */
export interface DiscoverDeps {
  http: HttpConfig;
  userAgent: string;
  fetch: (url: string, opts: FetchOptions) => Promise<FetchResult>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function checkFeed(url: string, deps: DiscoverDeps): Promise<Pick<DiscoveredFeed, 'ok' | 'status' | 'title' | 'items' | 'newest' | 'type'> & { finalUrl: string }> {
  try {
    const res = await deps.fetch(url, { http: deps.http, userAgent: deps.userAgent, kind: 'text' });
    const kind = identifyDocument(res.body);
    if (kind === 'sitemap' || kind === 'news-sitemap' || kind === 'sitemap-index') {
      let items = 0;
      let newest: number | null = null;
      async function* one() {
        yield res.body;
      }
      for await (const e of readSitemap(one())) {
        items++;
        const d = e.publishedAt ?? e.lastmod;
        if (d !== null && (newest === null || d > newest)) newest = d;
      }
      return { ok: true, status: 'ok', title: null, items, newest: newest === null ? null : new Date(newest).toISOString(), type: kind, finalUrl: res.finalUrl };
    }
    const parsed = await readFeed(res.body, res.contentType, { url: res.finalUrl, fetchedAt: new Date() });
    const newest = parsed.items.map((i) => i.publishedAt).filter((d): d is string => d !== null).sort().at(-1) ?? null;
    return { ok: true, status: 'ok', title: parsed.feed.title, items: parsed.items.length, newest, type: 'feed', finalUrl: res.finalUrl };
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    return { ok: false, status: reasonOf(err), title: null, items: 0, newest: null, type: 'feed', finalUrl: url };
  }
}

/**
 * Lists and checks the feeds of a site.
 * @param site the site's home page (or any page of it)
 * @returns the candidates that answered (a common path answering 404 is left out), links first
 * @throws IngestError `bad-url` for a URL that is not http(s)
 */
export async function discoverFeeds(site: string, deps: DiscoverDeps): Promise<DiscoveredFeed[]> {
  let page: URL;
  try {
    page = new URL(site);
  } catch {
    throw new IngestError('bad-url', `not an absolute URL: ${site}`);
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') throw new IngestError('bad-url', `only http and https sites: ${site}`);
  const candidates: { url: string; via: DiscoveredFeed['via'] }[] = [];
  const add = (url: string, via: DiscoveredFeed['via']) => {
    if (!candidates.some((c) => c.url === url)) candidates.push({ url, via });
  };
  const pause = () => sleep(deps.http.perHost.minDelayMs);
  try {
    const res = await deps.fetch(page.href, { http: deps.http, userAgent: deps.userAgent, kind: 'html' });
    const $ = cheerio.load(res.body.toString('utf8'));
    let base = res.finalUrl;
    const baseHref = $('base[href]').attr('href');
    if (baseHref) {
      try {
        base = new URL(baseHref, res.finalUrl).href;
      } catch {
        // a broken <base> is ignored, as browsers do
      }
    }
    $('link[rel][href]').each((_, el) => {
      const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
      const type = ($(el).attr('type') ?? '').trim();
      if (!rel.includes('alternate') || !FEED_TYPES.test(type)) return;
      try {
        add(new URL($(el).attr('href')!.trim(), base).href, 'link');
      } catch {
        // an href that is no URL is skipped
      }
    });
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    // The home page may fail (a wall, not HTML) while its feeds work: go on with the paths.
  }
  const out: DiscoveredFeed[] = [];
  const seenFinal = new Set<string>();
  const check = async (c: { url: string; via: DiscoveredFeed['via'] }, declared: DiscoveredFeed['type']) => {
    await pause();
    const r = await checkFeed(c.url, deps);
    // A common path that does not exist (or redirects to a feed already listed) is no candidate.
    if (c.via === 'path' && (!r.ok || seenFinal.has(r.finalUrl))) return;
    seenFinal.add(r.finalUrl);
    out.push({ url: c.url, via: c.via, type: r.ok ? r.type : declared, ok: r.ok, status: r.status, title: r.title, items: r.items, newest: r.newest });
  };
  for (const c of candidates) await check(c, 'feed');
  if (!out.some((f) => f.ok && f.type === 'feed')) for (const p of COMMON_FEED_PATHS) await check({ url: new URL(p, page.origin).href, via: 'path' }, 'feed');
  try {
    await pause();
    const robotsUrl = `${page.origin}/robots.txt`;
    const res = await deps.fetch(robotsUrl, { http: deps.http, userAgent: deps.userAgent, kind: 'text', maxBytes: 500 * 1024, truncate: true });
    for (const sm of robotsParser(robotsUrl, res.body.toString('utf8')).getSitemaps()) await check({ url: sm, via: 'robots' }, 'sitemap');
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
  }
  return out;
}

/** A feed id from a URL's host and path: `civilnet-am-feed`. */
export function feedIdOf(url: string): string {
  const u = new URL(url);
  const raw = `${u.hostname.replace(/^www\./, '')}${u.pathname}`.toLowerCase();
  return raw.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'feed';
}

/** The table `feed discover` prints, and a config snippet for the working candidates. */
export function formatDiscovered(site: string, found: DiscoveredFeed[]): string {
  if (!found.length) return `no feed or sitemap found for ${site}\n`;
  const lines = found.map((f) => `${f.ok ? 'ok  ' : 'FAIL'}  ${f.type.padEnd(13)} ${f.via.padEnd(6)} ${f.url}  ${f.ok ? `${f.items} items${f.newest ? `, newest ${f.newest.slice(0, 10)}` : ''}${f.title ? `  "${f.title}"` : ''}` : `[${f.status}]`}`);
  const usable = found.filter((f) => f.ok && f.type !== 'sitemap-index');
  const snippet = usable.length
    ? `\nfeeds:\n${usable.map((f) => `  - id: ${feedIdOf(f.url)}\n    url: ${f.url}${f.type === 'feed' ? '' : `\n    type: ${f.type}`}`).join('\n')}\n`
    : '';
  return `${lines.join('\n')}\n${snippet}`;
}
