/**
 * Article metadata from the page's own declarations. Sources in order of trust (issue 7):
 * JSON-LD (Article types, also inside `@graph`, arrays and `mainEntity`), OpenGraph and
 * `article:*` meta, Dublin Core and `parsely-*` / `sailthru.*` meta, `<time datetime>`, bylines
 * in the page. The title follows Mozilla Readability 0.6's `_getArticleMetadata` /
 * `_getArticleTitle` (the readability-pages truth is Readability's output), with OpenGraph
 * before Dublin Core.
 */
import { collapse, resolveUrl } from './dom.js';
import { parseDate } from './dates.js';
import type { PageScan } from './scan.js';

/** Metadata found in the page; every field null when the page does not declare it. */
export interface PageMetadata {
  title: string | null;
  byline: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  language: string | null;
  canonicalUrl: string | null;
  summary: string | null;
  siteName: string | null;
  ogImage: string | null;
  /** The page article's JSON-LD `articleBody` (or `text`), whitespace kept; null when absent. */
  articleBody: string | null;
  /** Base for relative URLs: `<base href>` resolved against the page URL, else the page URL. */
  baseUrl: string;
  warnings: string[];
}

type Json = Record<string, unknown>;

// Types whose object describes the article (schema.org, the list Readability 0.6 uses, plus WebPage-less kin).
const ARTICLE_TYPES = /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$/;

function typesOf(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:]/, ''));
}

/** The Article-typed JSON-LD objects of a page and an index of every object by `@id`. */
export interface JsonLdArticles {
  /** Article-typed objects, document order. */
  articles: Json[];
  /** Every object carrying an `@id`, by that id (authors and publishers given as references). */
  byId: Map<string, Json>;
}

/** Parses JSON-LD blocks leniently (CDATA, raw control characters in strings) and collects the Article-typed objects. */
export function findJsonLdArticles(blocks: string[], warnings: string[]): JsonLdArticles {
  const articles: Json[] = [];
  const byId = new Map<string, Json>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    if (typeof o['@id'] === 'string' && Object.keys(o).length > 1 && !byId.has(o['@id'])) byId.set(o['@id'], o);
    if (typesOf(o).some((t) => ARTICLE_TYPES.test(t))) articles.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity) visit(o.mainEntity, depth + 1);
    if (o.mainEntityOfPage && typeof o.mainEntityOfPage === 'object') visit(o.mainEntityOfPage, depth + 1);
    // People and organisations referenced by @id elsewhere in the graph.
    for (const k of ['author', 'creator', 'publisher']) if (o[k] && typeof o[k] === 'object') visit(o[k], depth + 1);
  };
  for (const raw of blocks) {
    const src = raw.replace(/^\s*(<!--|<!\[CDATA\[)|(\]\]>|-->)\s*$/g, '').trim();
    if (!src) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(src);
    } catch {
      try {
        parsed = JSON.parse(src.replace(/[\u0000-\u001f]+/g, ' '));
      } catch {
        warnings.push('bad-json-ld');
        continue;
      }
    }
    visit(parsed, 0);
  }
  return { articles, byId };
}

/** URL comparison key: no scheme, no `www.`, no fragment, no trailing slash, lower-case host. */
function urlKey(u: unknown): string | null {
  if (typeof u !== 'string' || !u.trim()) return null;
  try {
    const x = new URL(u.trim());
    return `${x.hostname.toLowerCase().replace(/^www\./, '')}${x.pathname.replace(/\/+$/, '')}${x.search}`;
  } catch {
    return null;
  }
}

/** The URLs an Article object says it describes: `url`, `@id`, `mainEntityOfPage` (a string or an object's `@id`/`url`). */
function articleUrls(o: Json): string[] {
  const out: unknown[] = [o.url, o['@id']];
  const mep = o.mainEntityOfPage;
  if (typeof mep === 'string') out.push(mep);
  else if (mep && typeof mep === 'object' && !Array.isArray(mep)) out.push((mep as Json)['@id'], (mep as Json).url);
  return out.map(urlKey).filter((x): x is string => x !== null);
}

/** Letters and digits of a title, lower-cased, for comparing headlines. */
const titleKey = (s: unknown): string => (typeof s === 'string' ? (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ') : '');

/**
 * The Article object that describes this page: with several on a page (related stories, a
 * list), the one whose `url`, `@id` or `mainEntityOfPage` is the page URL or its canonical URL;
 * else, when no URL matches (an AMP or tracking URL, objects without URLs), the one whose
 * `headline` or `name` (≥ 3 words) is the page's headline: a title given in `pageTitles` equals it
 * or starts with it (a `<title>` adds the site name); else the first (the usual single-article page).
 * @param pageUrls the page URL and its canonical URL (null entries ignored)
 * @param pageTitles the page's own titles: its `<h1>` texts, og:title, `<title>` (null entries ignored)
 */
export function pickPageArticle(articles: Json[], pageUrls: (string | null)[], pageTitles: (string | null)[] = []): Json | null {
  if (articles.length <= 1) return articles[0] ?? null;
  const keys = new Set(pageUrls.map(urlKey).filter((x): x is string => x !== null));
  const byUrl = articles.find((a) => articleUrls(a).some((k) => keys.has(k)));
  if (byUrl) return byUrl;
  const titles = pageTitles.map(titleKey).filter(Boolean);
  const named = (a: Json): boolean => [a.headline, a.name].some((h) => {
    const k = titleKey(h);
    return k.split(' ').length >= 3 && titles.some((t) => t === k || t.startsWith(`${k} `));
  });
  return articles.find(named) ?? articles[0];
}

/** Replaces `{ "@id": ... }` references by the objects they name (one level). */
function resolveRefs(v: unknown, byId: Map<string, Json>): unknown {
  const one = (x: unknown): unknown => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const o = x as Json;
      if (typeof o['@id'] === 'string' && typeof o.name !== 'string') return byId.get(o['@id']) ?? o;
    }
    return x;
  };
  return Array.isArray(v) ? v.map(one) : one(v);
}

// Parts of a byline that are not a name: dates, times, "Updated ...", reading times.
const NOT_A_NAME = /\d|^(updated|published|posted|modified|last updated|min read|read)\b/i;

/**
 * An author name cleaned of the date and status parts that bylines carry
 * ("Staff Analyst · 29 June 2023 · Updated 30/06/2023" -> "Staff Analyst"); null when no part is a name.
 */
export function cleanAuthorName(s: string): string | null {
  const parts = s.split(/\s*[·•|]\s*|\s+[-–—]\s+/).map((p) => p.trim()).filter(Boolean);
  // A sentence is not a name: an author bio caught as a byline ("X covers the towns ... .").
  const named = parts.filter((p) => !NOT_A_NAME.test(p) && p.split(/\s+/).length <= 6 && !/[.!?]$/.test(p));
  return named[0] ?? null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes entities left in meta values by double escaping (`&amp;quot;`), as Readability does. */
export function unescapeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/&(quot|amp|apos|lt|gt|nbsp);/g, (_, n: string) => ENTITIES[n])
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string, dec: string) => {
      const cp = hex ? parseInt(hex, 16) : parseInt(dec, 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : ' ';
    });
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return collapse(unescapeEntities(v)) || null;
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

function names(v: unknown): string[] {
  const out: string[] = [];
  for (const x of Array.isArray(v) ? v : [v]) {
    if (typeof x === 'string') out.push(x);
    else if (x && typeof x === 'object' && typeof (x as Json).name === 'string') out.push((x as Json).name as string);
  }
  return out.map((s) => collapse(unescapeEntities(s))).filter((s) => s && !/^https?:\/\//.test(s));
}

function tokens(s: string): string[] {
  // Letters and digits of any script (`\W` would drop Cyrillic or Armenian titles whole).
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Readability's `_textSimilarity`: share of B's token text also present in A. */
function similarity(a: string, b: string): number {
  const ta = new Set(tokens(a));
  const tb = tokens(b);
  if (!tb.length) return 0;
  const uniq = tb.filter((t) => !ta.has(t));
  return 1 - uniq.join(' ').length / tb.join(' ').length;
}

const wordCount = (s: string) => s.split(/\s+/).length;

/** Readability 0.6's `_getArticleTitle`: the document title with a site-name part removed. */
export function titleFromDocument(docTitle: string, headings: { tag: string; text: string }[]): string {
  const orig = collapse(docTitle);
  let cur = orig;
  let hierarchical = false;
  if (/ [|\-\\/>»–] /.test(cur)) {
    hierarchical = / [\\/>»] /.test(cur);
    const seps = [...orig.matchAll(/ [|\-\\/>»–] /g)];
    cur = orig.substring(0, seps[seps.length - 1].index);
    if (wordCount(cur) < 3) cur = orig.replace(/^[^|\-\\/>»]*[|\-\\/>»]/, '');
  } else if (cur.includes(': ')) {
    if (!headings.some((h) => h.text === cur)) {
      cur = orig.substring(orig.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = orig.substring(orig.indexOf(':') + 1);
      else if (wordCount(orig.substring(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if (cur.length > 150 || cur.length < 15) {
    const h1 = headings.filter((h) => h.tag === 'h1');
    if (h1.length === 1) cur = h1[0].text;
  }
  cur = collapse(cur);
  const n = wordCount(cur);
  if (n <= 4 && (!hierarchical || n !== wordCount(orig.replace(/[|\-\\/>»]+/g, '')) - 1)) cur = orig;
  return cur;
}

function primaryLang(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /^\s*([a-z]{2,3})(?:[-_]|\b)/i.exec(v);
  return m ? m[1].toLowerCase() : null;
}

/** Splits a byline string into author names ("A, B and C" -> three names; "By" dropped). */
export function splitAuthors(byline: string): string[] {
  return byline
    .replace(/^\s*((posted|written|words) by|by|from|von|par|автор[ы]?:?)\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&|\bи\b)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && s.length < 80);
}

/**
 * Reads the metadata of a page.
 * @param scan the one-walk scan of the page (scan.ts)
 * @param url the page URL, base for relative URLs
 */
export function extractMetadata(scan: PageScan, url: string): PageMetadata {
  const warnings: string[] = [];
  const m = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = scan.meta.get(k);
      if (v && v.trim()) return collapse(unescapeEntities(v));
    }
    return null;
  };
  let baseUrl = url;
  const b = resolveUrl(scan.baseHref, url);
  if (b) baseUrl = b;
  const canonicalUrl = resolveUrl(scan.canonical, baseUrl) ?? resolveUrl(m('og:url'), baseUrl);
  const jsonLd = findJsonLdArticles(scan.jsonLd, warnings);
  const pageTitles = [...scan.headings.filter((h) => h.tag === 'h1').map((h) => h.text), m('og:title'), scan.title];
  const ld = pickPageArticle(jsonLd.articles, [url, canonicalUrl], pageTitles) ?? {};
  const ldAuthor = resolveRefs(ld.author, jsonLd.byId);
  const docTitle = scan.title ? titleFromDocument(scan.title, scan.headings) : null;

  // Title: JSON-LD name/headline (Readability's disambiguation against the document title), then meta.
  let ldTitle: string | null = null;
  const ldName = str(ld.name);
  const ldHeadline = str(ld.headline);
  if (ldName && ldHeadline && ldName !== ldHeadline) {
    const t = docTitle ?? '';
    ldTitle = similarity(ldHeadline, t) > 0.75 && !(similarity(ldName, t) > 0.75) ? ldHeadline : ldName;
  } else ldTitle = ldName ?? ldHeadline;
  // When Readability's rule keeps a site part ("Photo report: talks venue - Example Daily") and
  // the page's one <h1> is that title without it, the <h1> is the headline (html-lazy-images-noscript).
  const h1 = scan.headings.filter((h) => h.tag === 'h1' && h.text);
  const unstripped = !!docTitle && docTitle === collapse(scan.title ?? '') && / [|\-–—»] /.test(docTitle);
  const docOrH1 = docTitle && unstripped && h1.length === 1 && h1[0].text !== docTitle && h1[0].text.length > 10 && similarity(scan.title ?? '', h1[0].text) >= 0.75 ? h1[0].text : docTitle;
  const title = ldTitle ?? m('dc:title', 'dc.title', 'dcterm:title', 'dcterms.title', 'og:title', 'weibo:article:title', 'weibo:webpage:title', 'title', 'twitter:title', 'parsely-title', 'sailthru.title') ?? docOrH1 ?? null;

  // Byline as Readability 0.6 states it: JSON-LD author objects' names, then meta, then the
  // first byline element of the page. `authors` also takes JSON-LD authors given as strings.
  const ldAuthorObjects = names((Array.isArray(ldAuthor) ? ldAuthor : [ldAuthor]).filter((a) => a && typeof a === 'object'));
  const ldAuthors = names(ldAuthor ?? resolveRefs(ld.creator, jsonLd.byId));
  const metaAuthor = m('dc:creator', 'dc.creator', 'dcterm:creator', 'dcterms.creator', 'author', 'parsely-author', 'sailthru.author');
  const artAuthor = scan.meta.get('prop:article:author') ?? null;
  const metaByline = metaAuthor ?? (artAuthor && !/^https?:\/\//.test(artAuthor) ? collapse(artAuthor) : null);
  const pageByline = scan.bylines[0] ?? null;
  const byline = ldAuthorObjects.length ? ldAuthorObjects.join(', ') : metaByline ?? pageByline;
  const authors = [...new Set((ldAuthors.length ? ldAuthors : byline ? splitAuthors(byline) : []).map(cleanAuthorName).filter((x): x is string => x !== null))];

  const publishedAt = parseDate(str(ld.datePublished) ?? str(ld.dateCreated))
    ?? parseDate(m('article:published_time', 'og:published_time', 'article:published', 'parsely-pub-date', 'sailthru.date', 'datepublished',
      'dc.date.issued', 'dcterms.issued', 'dc:date', 'dc.date', 'dcterms.created', 'dcterms.date', 'pubdate', 'publishdate', 'publish-date',
      'publication_date', 'citation_publication_date', 'date'))
    ?? scan.times.map(parseDate).find((d) => d !== null) ?? null;
  const modifiedAt = parseDate(str(ld.dateModified)) ?? parseDate(m('article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'));

  const language = primaryLang(scan.htmlLang) ?? primaryLang(m('content-language', 'language', 'dc.language', 'dc:language', 'og:locale')) ?? primaryLang(str(ld.inLanguage));

  const summary = str(ld.description) ?? m('dc:description', 'dc.description', 'dcterm:description', 'dcterms.description', 'og:description', 'weibo:article:description', 'description', 'twitter:description');
  const publisher = resolveRefs(ld.publisher, jsonLd.byId) as Json | undefined;
  const siteName = (publisher && typeof publisher === 'object' ? str(publisher.name) : null) ?? m('og:site_name', 'application-name');

  const ldImage = ld.image as unknown;
  const ldImageUrl = typeof ldImage === 'string' ? ldImage : Array.isArray(ldImage) ? (typeof ldImage[0] === 'string' ? ldImage[0] : str((ldImage[0] as Json)?.url)) : ldImage && typeof ldImage === 'object' ? str((ldImage as Json).url) : null;
  const ogImage = resolveUrl(m('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'), baseUrl) ?? resolveUrl(ldImageUrl, baseUrl);

  const body = typeof ld.articleBody === 'string' ? ld.articleBody : typeof ld.text === 'string' ? ld.text : liveBlogBody(ld);
  const articleBody = body && body.trim() ? unescapeEntities(body) : null;
  return { title: title || null, byline: byline || null, authors, publishedAt, modifiedAt, language, canonicalUrl, summary, siteName, ogImage, articleBody, baseUrl, warnings };
}

/** Most updates of a live blog read as its text (a day's coverage; the newest come first). */
const LIVE_BLOG_UPDATES_MAX = 200;

/**
 * The text of a live blog carried only as data: a `LiveBlogPosting` without `articleBody` whose
 * `liveBlogUpdate` entries (schema.org: BlogPosting objects, one per update) each carry a
 * `headline` and an `articleBody`/`text`. Returns the updates in the order given, each as its
 * headline and body separated by blank lines (the page lists them the same way), or null when
 * no update has a body. Script-rendered live pages ship the updates only there.
 */
function liveBlogBody(ld: Json): string | null {
  const u = ld.liveBlogUpdate;
  const updates = Array.isArray(u) ? u : u && typeof u === 'object' ? [u] : [];
  const parts: string[] = [];
  for (const x of updates.slice(0, LIVE_BLOG_UPDATES_MAX)) {
    if (!x || typeof x !== 'object') continue;
    const o = x as Json;
    const b = typeof o.articleBody === 'string' ? o.articleBody : typeof o.text === 'string' ? o.text : '';
    if (!b.trim()) continue;
    const h = str(o.headline);
    parts.push(h && !b.trim().startsWith(h) ? `${h}\n\n${b.trim()}` : b.trim());
  }
  return parts.length ? parts.join('\n\n') : null;
}

