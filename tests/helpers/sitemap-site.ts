/**
 * A generated news site on loopback for backfill tests and the backfill bench: `pages` article
 * pages spread evenly over three years (2023-01-01 .. 2025-12-31 UTC), listed in `sitemaps`
 * sitemaps of equal size in date order, behind a nested sitemap index, with the shapes real
 * archives mix:
 * - robots.txt lists the root index (`Sitemap:`) and disallows /private/ (every 97th page lives there);
 * - the root index lists most sitemaps and one nested index holding the last ten;
 * - every fifth sitemap is a Google News sitemap: the page's date is `news:publication_date`,
 *   and its `lastmod` is 400 days later (an edit), so reading lastmod would pick wrong pages;
 * - every third sitemap is gzipped (`.xml.gz`, application/x-gzip, no Content-Encoding);
 * - dates are written in UTC, in +04:00 (Asia/Yerevan) or with a Z-less time;
 * - every 1,000th page has no date at all (undated);
 * - the index's own `lastmod` per sitemap is the newest date in it (pruning uses it).
 * Every request is counted per path (`hits`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export const SITE_START = Date.UTC(2023, 0, 1);
export const SITE_END = Date.UTC(2026, 0, 1);

/** One generated page. `date` is its publication date (epoch ms), null when the sitemap gives none. */
export interface SitePage {
  path: string;
  date: number | null;
  private: boolean;
}

export interface SitemapSite {
  origin: string;
  pages: SitePage[];
  /** Requests per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

function iso(ms: number, style: number): string {
  if (style === 0) return new Date(ms).toISOString().replace('.000Z', 'Z');
  if (style === 1) {
    const t = new Date(ms + 4 * 3600_000).toISOString().slice(0, 19);
    return `${t}+04:00`;
  }
  return new Date(ms).toISOString().slice(0, 19); // no zone: UTC by the reader's rule
}

/** The pages of a site of `n` pages (deterministic). */
export function sitePages(n: number): SitePage[] {
  const step = (SITE_END - SITE_START) / n;
  return Array.from({ length: n }, (_, i) => {
    const date = Math.floor((SITE_START + i * step) / 1000) * 1000; // whole seconds, as sitemaps write them
    const priv = i % 97 === 50;
    const d = new Date(date);
    const path = priv ? `/private/${i}.html` : `/news/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/story-${i}.html`;
    return { path, date: i % 1000 === 999 ? null : date, private: priv };
  });
}

function sitemapName(j: number): string {
  return j % 3 === 0 ? `/sitemaps/part-${j}.xml.gz` : `/sitemaps/part-${j}.xml`;
}

function sitemapXml(pages: SitePage[], j: number, origin: string): string {
  const news = j % 5 === 0;
  const head = news
    ? '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
    : '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
  const body = pages.map((p, k) => {
    const style = (j + k) % 3;
    if (p.date === null) return `  <url><loc>${origin}${p.path}</loc></url>\n`;
    if (news) {
      return `  <url><loc>${origin}${p.path}</loc><lastmod>${iso(p.date + 400 * 86_400_000, 0)}</lastmod><news:news><news:publication><news:name>Loopback Times</news:name><news:language>en</news:language></news:publication><news:publication_date>${iso(p.date, style)}</news:publication_date><news:title><![CDATA[Story ${k} & more]]></news:title></news:news></url>\n`;
    }
    return `  <url>\n    <loc>${origin}${p.path}</loc>\n    <lastmod>${iso(p.date, style)}</lastmod>\n  </url>\n`;
  });
  return `${head}${body.join('')}</urlset>\n`;
}

function lastmodOf(pages: SitePage[], j: number): number {
  const ds = pages.map((p) => (p.date === null ? 0 : j % 5 === 0 ? p.date + 400 * 86_400_000 : p.date));
  return Math.max(...ds);
}

function indexXml(entries: { loc: string; lastmod: number | null }[]): string {
  const items = entries.map((e) => `  <sitemap><loc>${e.loc}</loc>${e.lastmod === null ? '' : `<lastmod>${iso(e.lastmod, 0)}</lastmod>`}</sitemap>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}</sitemapindex>\n`;
}

/**
 * Starts the site.
 * @param opts.pages number of pages (default 50,000); opts.sitemaps number of sitemaps (default 50)
 */
export async function startSitemapSite(opts: { pages?: number; sitemaps?: number } = {}): Promise<SitemapSite> {
  const n = opts.pages ?? 50_000;
  const m = opts.sitemaps ?? 50;
  const pages = sitePages(n);
  const per = Math.ceil(n / m);
  const hits = new Map<string, number>();
  const byPath = new Map(pages.map((p, i) => [p.path, i]));
  let origin = '';
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (type: string, body: string | Buffer, status = 200) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (path === '/robots.txt') return send('text/plain', `User-agent: *\nDisallow: /private/\n\nSitemap: ${origin}/sitemap_index.xml\n`);
    const chunk = (j: number) => pages.slice(j * per, (j + 1) * per);
    if (path === '/sitemap_index.xml') {
      const direct = Array.from({ length: m - 10 }, (_, j) => ({ loc: `${origin}${sitemapName(j)}`, lastmod: lastmodOf(chunk(j), j) }));
      return send('application/xml', indexXml([...direct, { loc: `${origin}/sitemaps/recent-index.xml`, lastmod: null }]));
    }
    if (path === '/sitemaps/recent-index.xml') {
      return send('application/xml', indexXml(Array.from({ length: 10 }, (_, k) => m - 10 + k).map((j) => ({ loc: `${origin}${sitemapName(j)}`, lastmod: lastmodOf(chunk(j), j) }))));
    }
    const sm = /^\/sitemaps\/part-(\d+)\.xml(\.gz)?$/.exec(path);
    if (sm && Number(sm[1]) < m && sitemapName(Number(sm[1])) === path) {
      const j = Number(sm[1]);
      const xml = sitemapXml(chunk(j), j, origin);
      return sm[2] ? send('application/x-gzip', zlib.gzipSync(xml)) : send('application/xml; charset=utf-8', xml);
    }
    const i = byPath.get(path);
    if (i !== undefined) {
      const p = pages[i];
      const when = p.date === null ? '' : `<meta property="article:published_time" content="${new Date(p.date).toISOString()}">`;
      return send(
        'text/html; charset=utf-8',
        `<!doctype html><html lang="en"><head><title>Story ${i}</title>${when}</head><body><article><h1>Story ${i}</h1>` +
          `<p>Story number ${i} of the loopback archive reports on a council meeting about roads, schools and the budget for the coming year.</p>` +
          `<p>Residents asked questions for two hours; the council will vote next month after a second public hearing.</p></article></body></html>`,
      );
    }
    send('text/plain', 'not found', 404);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pages,
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** The paths a backfill of [since, untilExclusive) should queue: dated, in the window, not under /private/. */
export function expectedPaths(site: SitemapSite, since: number, untilExclusive: number): string[] {
  return site.pages.filter((p) => p.date !== null && !p.private && p.date >= since && p.date < untilExclusive).map((p) => p.path);
}
