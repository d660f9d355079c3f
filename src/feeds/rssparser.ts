/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom read with rss-parser's `parseString` (the design's
 * required feed parser; DESIGN.md: "Fetch the bytes yourself, decode them, and call
 * parseString"), mapped onto the same raw shape (`RawFeed`) as the other adapters.
 *
 * rss-parser finds the format, the channel and the items (xml2js over sax). Its own field
 * mapping is kept where it matches our rules; where it does not, the raw xml2js elements are
 * taken through `customFields` with `keepArray: true` (documented rss-parser option) and
 * mapped here with the same rules as the sax adapter in formats.ts:
 * - every Atom `link` with its attributes, so rel="alternate" is chosen here (rss-parser takes
 *   link[0] when no alternate is marked: node-feedparser#244);
 * - `guid` with `isPermaLink`, `feedburner:origLink`, `atom:link` inside RSS items;
 * - raw date strings (`pubDate`, `dc:date`, `published`, `updated`, ...) so dates go through
 *   parseFeedDate, never rss-parser's `isoDate` (`new Date()` in the process zone);
 * - every enclosure and `media:content` (rss-parser keeps the first `enclosure` only);
 * - `dc:creator`, RSS `author`, Atom `author/name`.
 *
 * `readWithRssParser` returns `{ fallback: reason }` for the documents this mapping cannot
 * read the way the sax adapter does; parse.ts then reads them with sax (docs/feeds.md,
 * "How rss-parser is used and where we fall back"). Reasons:
 * - `xml-base`: the document uses xml:base, which rss-parser ignores;
 * - `atom-xhtml`: Atom `type="xhtml"` text, whose mixed content xml2js reorders;
 * - `namespaces`: a feed namespace bound to an unusual prefix, or a common prefix bound to
 *   another URI (xml2js keys elements by their written prefix, not their namespace);
 * - `item-count`: rss-parser found fewer or more items than the document's `<item>`/`<entry>`
 *   tags (items beside the channel, prefixed items, nested items);
 * - `rss-parser-error`: parseString threw (XML error, "Feed not recognized" for a bare
 *   `<channel>` root, RangeError for an unparseable Atom date).
 */
import Parser from 'rss-parser';
import type { RawFeed, RawItem } from './formats.js';
import { NS } from './xml.js';

type XFormat = Exclude<RawFeed['format'], 'json'>;
/** An xml2js element as rss-parser passes it on: a string, or `{ _: text, $: attrs, child: [...] }`. */
type XVal = unknown;
type XObj = Record<string, unknown>;

/** The result: the mapped feed, or why the sax adapter must read this document. */
export type RssParserResult = { raw: RawFeed } | { fallback: string };

const RAW = 'x:';
/** Item children read raw (customFields `[name, 'x:' + name, {keepArray: true}]`). */
const ITEM_KEYS = [
  'guid', 'link', 'atom:link', 'feedburner:origLink', 'title', 'atom:title', 'dc:title', 'media:title',
  'pubDate', 'dc:date', 'dcterms:date', 'dcterms:issued', 'dcterms:modified', 'published', 'atom:published',
  'updated', 'atom:updated', 'issued', 'created', 'modified', 'id', 'atom:id', 'description', 'content:encoded',
  'summary', 'atom:summary', 'content', 'atom:content', 'dc:creator', 'dcterms:creator', 'author', 'atom:author',
  'enclosure', 'media:content', 'media:group',
];
/** Channel (RSS) or root (Atom) children read raw. */
const FEED_KEYS = ['$', 'title', 'atom:title', 'dc:title', 'link', 'atom:link', 'language', 'dc:language'];

const field = (k: string) => [k, RAW + k, { keepArray: true }];
const OPTIONS = {
  // An <rss> root without a version is read as RSS 2.0 (rss-parser's documented defaultRSS).
  defaultRSS: 2,
  customFields: { feed: FEED_KEYS.map(field), item: ITEM_KEYS.map(field) },
};

/** The prefix under which xml2js keys must find each namespace this mapping reads. */
const CANONICAL_PREFIX: Record<string, string> = {
  [NS.atom]: 'atom', [NS.atom03]: 'atom', [NS.rdf]: 'rdf', [NS.dc]: 'dc', [NS.dcterms]: 'dcterms',
  [NS.content]: 'content', [NS.media]: 'media', [NS.feedburner]: 'feedburner',
};
const PREFIX_URIS: Record<string, string[]> = {};
for (const [uri, p] of Object.entries(CANONICAL_PREFIX)) (PREFIX_URIS[p] ??= []).push(uri);
/** Default namespaces under which unprefixed names mean the format's own elements (as in formats.ts). */
const DEFAULT_NS: Record<XFormat, string[]> = {
  atom: ['', NS.atom, NS.atom03],
  rss: ['', 'http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss', 'http://backend.userland.com/rss'],
  rdf: ['', NS.rss1, NS.rss090],
};

/**
 * Scans the document's real tags (CDATA and comments removed) for what the rss-parser
 * mapping cannot follow. Returns the fallback reason, or null when the mapping applies, with
 * the number of `item` (RSS/RDF) or `entry` (Atom) tags for the item-count check.
 */
function precheck(text: string, format: XFormat): { reason: string | null; itemTags: number } {
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const itemName = format === 'atom' ? 'entry' : 'item';
  let itemTags = 0;
  let reason: string | null = null;
  for (const m of markup.matchAll(/<([A-Za-z_][\w.:-]*)([^<>]*)>/g)) {
    const [, name, rest] = m;
    if (name.replace(/^.*:/, '') === itemName) itemTags++;
    if (reason || !rest.includes('=')) continue;
    if (/\sxml:base\s*=/.test(rest)) reason = 'xml-base';
    else if (format === 'atom' && /\stype\s*=\s*["']\s*xhtml\s*["']/i.test(rest)) reason = 'atom-xhtml';
    else {
      for (const d of rest.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g)) {
        const [prefix, uri] = [d[1] ?? '', d[3].trim()];
        const ok = prefix === ''
          ? DEFAULT_NS[format].includes(uri) || uri === NS.xhtml
          : CANONICAL_PREFIX[uri] ? CANONICAL_PREFIX[uri] === prefix : !PREFIX_URIS[prefix];
        if (!ok) reason = 'namespaces';
      }
    }
  }
  return { reason, itemTags };
}

function textOf(v: XVal): string | null {
  const s = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as XObj)._ === 'string' ? ((v as XObj)._ as string) : '';
  return s.trim() || null;
}

function attrsOf(v: XVal): Record<string, string> {
  return v && typeof v === 'object' && (v as XObj).$ ? ((v as XObj).$ as Record<string, string>) : {};
}

/** The elements under the given keys of an xml2js element (or of an rss-parser item's raw fields). */
function all(o: XVal, keys: string[], raw = false): XVal[] {
  if (!o || typeof o !== 'object') return [];
  return keys.flatMap((k) => {
    const v = (o as XObj)[raw ? RAW + k : k];
    return Array.isArray(v) ? v : [];
  });
}

const first = (o: XVal, keys: string[], raw = false): string | null => {
  for (const v of all(o, keys, raw)) return textOf(v);
  return null;
};

/** The first non-empty text among several fields, in priority order. */
const firstOf = (o: XVal, groups: string[][], raw = false): string | null => {
  for (const g of groups) {
    const t = first(o, g, raw);
    if (t) return t;
  }
  return null;
};

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/** RSS `<author>` is an e-mail address, often "jo@example.org (Jo Smith)": keep the name. */
function rssAuthor(s: string): string {
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(s);
  return (m ? m[1] : s).trim();
}

/** Same rule as formats.ts `atomLink`: rel="alternate" (or none) preferring an HTML type. */
function atomLink(links: XVal[]): string | null {
  const withHref = links.map(attrsOf).filter((a) => a.href?.trim());
  const alternates = withHref.filter((a) => (a.rel ?? 'alternate').trim().toLowerCase() === 'alternate');
  const pick =
    alternates.find((a) => !a.type || /html/i.test(a.type)) ??
    alternates[0] ??
    withHref.find((a) => !['self', 'edit', 'replies', 'enclosure', 'license', 'hub', 'next', 'previous', 'first', 'last'].includes((a.rel ?? '').toLowerCase()));
  return pick ? pick.href.trim() : null;
}

function atomTextIsHtml(v: XVal | undefined): boolean {
  const a = attrsOf(v);
  const type = a.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html' || a.mode === 'escaped';
}

function enclosures(item: XObj, atomLinks: string[], ownEnclosures: boolean, base: string): RawItem['enclosures'] {
  const out: RawItem['enclosures'] = [];
  for (const a of (ownEnclosures ? all(item, ['enclosure'], true) : []).map(attrsOf)) {
    if (a.url?.trim()) out.push({ url: a.url.trim(), type: a.type, length: a.length, base });
  }
  for (const a of all(item, atomLinks, true).map(attrsOf)) {
    if (a.rel === 'enclosure' && a.href?.trim()) out.push({ url: a.href.trim(), type: a.type, length: a.length, base });
  }
  const media = [...all(item, ['media:content'], true), ...all(item, ['media:group'], true).flatMap((g) => all(g, ['media:content']))];
  for (const a of media.map(attrsOf)) {
    if (a.url?.trim()) out.push({ url: a.url.trim(), type: a.type, length: a.fileSize, base });
  }
  return out;
}

function rssItem(it: XObj, base: string): RawItem {
  const guidEl = all(it, ['guid'], true)[0];
  const about = typeof it['rdf:about'] === 'string' ? it['rdf:about'].trim() : '';
  const guid = textOf(guidEl) ?? (about || null);
  const isPermaLink = guidEl !== undefined && (attrsOf(guidEl).isPermaLink ?? 'true').trim().toLowerCase() !== 'false';
  const link = first(it, ['feedburner:origLink'], true) ?? first(it, ['link'], true) ?? atomLink(all(it, ['atom:link'], true));
  return {
    guid,
    link,
    permalinkGuid: isPermaLink && guid ? guid : null,
    base,
    title: firstOf(it, [['title'], ['dc:title'], ['media:title']], true),
    titleIsHtml: true,
    published: firstOf(it, [['pubDate'], ['dc:date', 'dcterms:date'], ['dcterms:issued'], ['atom:published']], true),
    updated: firstOf(it, [['dcterms:modified'], ['atom:updated']], true),
    summary: first(it, ['description'], true) ?? first(it, ['content:encoded'], true),
    summaryIsHtml: true,
    authors: uniq([
      ...all(it, ['dc:creator', 'dcterms:creator'], true).map((v) => textOf(v) ?? ''),
      ...all(it, ['author'], true).map((v) => rssAuthor(textOf(v) ?? '')),
      ...all(it, ['atom:author'], true).map((a) => first(a, ['name', 'atom:name']) ?? ''),
    ]),
    enclosures: enclosures(it, ['atom:link'], true, base),
  };
}

function atomEntry(it: XObj, base: string): RawItem {
  const A = (k: string) => [k, `atom:${k}`];
  const titleEl = all(it, A('title'), true)[0];
  const summaryEl = all(it, A('summary'), true)[0] ?? all(it, A('content'), true)[0];
  return {
    guid: first(it, A('id'), true),
    link: first(it, ['feedburner:origLink'], true) ?? atomLink(all(it, A('link'), true)),
    permalinkGuid: null,
    base,
    title: textOf(titleEl),
    titleIsHtml: atomTextIsHtml(titleEl),
    published: firstOf(it, [A('published'), ['issued'], ['created'], ['dc:date', 'dcterms:date']], true),
    updated: firstOf(it, [A('updated'), ['modified']], true),
    summary: textOf(summaryEl),
    summaryIsHtml: atomTextIsHtml(summaryEl),
    authors: uniq([
      ...all(it, A('author'), true).map((a) => first(a, ['name', 'atom:name']) ?? textOf(a) ?? ''),
      ...all(it, ['dc:creator', 'dcterms:creator'], true).map((v) => textOf(v) ?? ''),
    ]),
    enclosures: enclosures(it, A('link'), false, base),
  };
}

/**
 * Reads an RSS, RDF or Atom document with rss-parser's `parseString`.
 * @param text the XML (junk before the first `<` already dropped)
 * @param format the format the root element names (parse.ts sniffs it)
 * @param url the feed URL, the base of relative links (no xml:base on this path)
 * @returns `{ raw }`, or `{ fallback: reason }` when the sax adapter must read the document
 *   (reasons in the module comment); never throws for a document's content
 */
export async function readWithRssParser(text: string, format: XFormat, url: string): Promise<RssParserResult> {
  const { reason, itemTags } = precheck(text, format);
  if (reason) return { fallback: reason };
  let out: Parser.Output<XObj> & XObj;
  try {
    // Cloned: the constructor writes into its options. Cast: rss-parser's typings omit the
    // `[from, to, {keepArray}]` form for feed fields, which its copyFromXML accepts.
    const parser = new Parser(structuredClone(OPTIONS) as unknown as Parser.ParserOptions<XObj, XObj>);
    out = (await parser.parseString(text)) as Parser.Output<XObj> & XObj;
  } catch {
    return { fallback: 'rss-parser-error' };
  }
  if (out.items.length !== itemTags) return { fallback: 'item-count' };
  const items = out.items as unknown as XObj[];
  if (format === 'atom') {
    return {
      raw: {
        format,
        title: first(out, ['title', 'atom:title'], true),
        titleIsHtml: atomTextIsHtml(all(out, ['title', 'atom:title'], true)[0]),
        link: atomLink(all(out, ['link', 'atom:link'], true)),
        linkBase: url,
        language: attrsOf({ $: out[RAW + '$'] })['xml:lang']?.trim() || null,
        items: items.map((it) => atomEntry(it, url)),
      },
    };
  }
  return {
    raw: {
      format,
      title: firstOf(out, [['title'], ['dc:title']], true),
      titleIsHtml: true,
      link: first(out, ['link'], true) ?? atomLink(all(out, ['atom:link'], true)),
      linkBase: url,
      language: firstOf(out, [['language'], ['dc:language']], true),
      items: items.map((it) => rssItem(it, url)),
    },
  };
}
