/**
 * Extraction stage entry: `extractArticle(html, url) -> Extracted`.
 * (First version: metadata from JSON-LD/OpenGraph/<title>, text from <p> elements of the
 * densest container. The generic content-scoring pass replaces it; see issue 7.)
 */
import { load } from 'cheerio/slim';
import type { Extracted } from '../types.js';

function isoOrNull(s: string | undefined | null): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * Extracts an article from an HTML page. Never throws on bad markup: an unusable page
 * gives empty text and a warning.
 * @param html decoded page text
 * @param url the page URL (base for relative URLs)
 */
export function extractArticle(html: string, url: string): Extracted {
  const $ = load(html);
  const warnings: string[] = [];
  let ld: Record<string, unknown> | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const j = JSON.parse($(el).text());
      const arr = Array.isArray(j) ? j : j['@graph'] ?? [j];
      for (const o of arr) if (!ld && /Article/.test(String(o['@type']))) ld = o;
    } catch {
      warnings.push('bad-json-ld');
    }
  });
  const L = (ld ?? {}) as Record<string, any>;
  const meta = (sel: string) => $(`meta[${sel}]`).attr('content')?.trim() || null;
  const title = (L.headline as string) || meta('property="og:title"') || $('title').text().trim() || null;
  const authorsLd = [L.author].flat().filter(Boolean).map((a: any) => (typeof a === 'string' ? a : a.name)).filter(Boolean);
  const canon = $('link[rel="canonical"]').attr('href') || meta('property="og:url"');
  const ps: string[] = [];
  const root = $('article').first().length ? $('article').first() : $('body');
  root.find('p').each((_, el) => {
    const t = $(el).text().replace(/\s+/g, ' ').trim();
    if (t.length > 40) ps.push(t);
  });
  const text = ps.join('\n\n');
  if (!text) warnings.push('empty-text');
  return {
    title,
    authors: authorsLd.length ? authorsLd : meta('name="author"') ? [meta('name="author"')!] : [],
    publishedAt: isoOrNull(L.datePublished ?? meta('property="article:published_time"')),
    modifiedAt: isoOrNull(L.dateModified ?? meta('property="article:modified_time"')),
    language: ($('html').attr('lang') || '').split('-')[0].toLowerCase() || null,
    canonicalUrl: canon ? new URL(canon, url).toString() : null,
    summary: meta('name="description"') || meta('property="og:description"'),
    siteName: meta('property="og:site_name"'),
    leadImageUrl: meta('property="og:image"'),
    text,
    warnings,
  };
}
