/**
 * What a document that is not a feed is, and which command takes it: a news sitemap, a
 * sitemap, a sitemap index, an OPML subscription list or an HTML page. Used by `feed` when it
 * refuses a URL or a file as `not-a-feed`, so the refusal points to the right command.
 */
import { gunzipSync } from 'node:zlib';

/** What a body is, by its root element (after the XML prolog) and, for sitemaps, its namespaces. */
export type DocumentKind = 'news-sitemap' | 'sitemap' | 'sitemap-index' | 'opml' | 'html' | 'other';

/**
 * Classifies a body by its first 8 KiB (gzip undone first).
 * @returns the kind; `other` when none of the above
 */
export function identifyDocument(body: Buffer): DocumentKind {
  let b = body;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
    try {
      b = gunzipSync(b, { maxOutputLength: 64 * 1024 * 1024 });
    } catch {
      return 'other';
    }
  }
  let s = b.subarray(0, 8192).toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '').trimStart();
  for (;;) {
    const before = s;
    s = s.replace(/^<\?[\s\S]*?\?>\s*/, '').replace(/^<!--[\s\S]*?-->\s*/, '').replace(/^<!doctype[^>[]*(\[[\s\S]*?\])?\s*>\s*/i, (m) => (/html/i.test(m) ? '<html>' : ''));
    if (s === before) break;
  }
  const root = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(s)?.[1]?.toLowerCase();
  if (root === 'urlset') return /sitemap-news|<(\w+:)?news[\s>]/i.test(s) ? 'news-sitemap' : 'sitemap';
  if (root === 'sitemapindex') return 'sitemap-index';
  if (root === 'opml') return 'opml';
  if (root && /^(html|head|body|div|meta|title|script|link)$/.test(root)) return 'html';
  return 'other';
}

/**
 * The sentence `feed` adds to a `not-a-feed` refusal for a document of this kind, or null.
 * @param where the URL or file as the user gave it
 */
export function hintFor(kind: DocumentKind, where: string): string | null {
  switch (kind) {
    case 'news-sitemap':
      return `it is a Google News sitemap: poll it as a feed with \`type: news-sitemap\` in the config, or read past pages with \`news-ingest backfill --sitemap ${where} --since DATE\``;
    case 'sitemap':
      return `it is a sitemap: poll it as a feed with \`type: sitemap\` in the config, or read past pages with \`news-ingest backfill --sitemap ${where} --since DATE\``;
    case 'sitemap-index':
      return `it is a sitemap index: read its sitemaps with \`news-ingest backfill --sitemap ${where} --since DATE\`, or configure one of its sitemaps with \`type: sitemap\``;
    case 'opml':
      return `it is an OPML subscription list: convert it to config feeds with \`news-ingest feeds import ${where}\``;
    case 'html':
      return `it is an HTML page: list the site's feeds with \`news-ingest feed discover ${where}\``;
    default:
      return null;
  }
}
