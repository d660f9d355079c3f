/**
 * Feed parsing: decoded feed text in, normalized items out. Formats: RSS 0.9x/1.0/2.0 and
 * Atom 1.0/0.3, read with rss-parser's parseString (rssparser.ts) and, for the documents it
 * cannot read as we need (an Atom date it throws on, a bare <channel> root, items beside
 * the channel, xhtml text, ...), with the sax adapter (xml.ts + formats.ts) as a fallback;
 * `ParsedFeed.parsedBy` says which. JSON Feed 1.0/1.1 (which rss-parser does not read) has
 * its own adapter. Bytes are decoded before this (index.ts `readFeed`).
 *
 * Normalization: links resolved against xml:base or the feed URL; items with no link
 * skipped (`item-missing-link`), later items repeating a GUID and link skipped (`duplicate-guid`);
 * dates to UTC (dates.ts), a date past the fetch time + 15 min replaced by the fetch time
 * and flagged `date-in-future`; titles and summaries to plain text, HTML entities decoded
 * once after XML parsing (WordPress puts escaped HTML inside CDATA: rss-parser#30).
 */
import { decodeHTML } from 'entities';
import { IngestError } from '../errors.js';
import { canonicalizeUrl } from '../normalize/url.js';
import type { FeedItem, ParsedFeed } from '../types.js';
import { isValidTimezone, parseFeedDate } from './dates.js';
import { fromJsonFeed, fromXml, isJsonFeed, xmlFormatOf, type RawFeed, type RawItem } from './formats.js';
import { readWithRssParser } from './rssparser.js';
import { parseXml, XmlSyntaxError, type XmlNode } from './xml.js';
import sax from 'sax';

/** sax's entity table (XML's five plus HTML's named entities); present at run time, missing from @types/sax. */
const SAX_ENTITIES = (sax as unknown as { ENTITIES: Record<string, unknown> }).ENTITIES;

/** Allowed clock skew before a feed date counts as in the future: 15 minutes (issue 4). */
export const FUTURE_SKEW_MS = 15 * 60_000;

export interface ParseFeedOptions {
  /** The URL the feed was fetched from: the base for relative links. */
  url: string;
  /** IANA zone for dates without a zone (default UTC). */
  timezone?: string;
  /** Fetch time; dates more than 15 min after it are replaced by it and flagged. */
  fetchedAt?: Date;
  /** Receives one call per skipped item (the fetch-feed job passes its pino logger). */
  log?: { info: (obj: Record<string, unknown>, msg: string) => void };
  /** `sax` reads RSS/RDF/Atom with the sax adapter only (the equivalence test and bench
   * compare both readers); default: rss-parser, with the sax adapter as fallback. */
  xmlReader?: 'rss-parser' | 'sax';
}

/** Strips tags, decodes HTML entities once and collapses whitespace: summaries are stored as plain text. */
export function htmlToPlain(s: string | undefined | null): string | null {
  if (!s) return null;
  const noTags = s
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Block-level tags separate words; inline tags (<a>, <b>, <em>) do not.
    .replace(/<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|section|article|header|footer|figure|figcaption|img|dd|dt|dl)\b[^>]*>/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  const t = decodeHTML(noTags).replace(/[\s\u00a0]+/g, ' ').trim();
  return t || null;
}

/** A plain-text field (no markup expected): HTML entities decoded once, since publishers
 * double-escape plain text too (`&amp;amp;` in JSON Feed titles, rss-parser#30), and
 * whitespace collapsed. Tags are kept: in plain text `<b>` is literal. */
function plain(s: string | null): string | null {
  const t = s ? decodeHTML(s).replace(/[\s\u00a0]+/g, ' ').trim() : null;
  return t || null;
}

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)/i;

/** The document's root element name (prolog, comments, PIs and doctype skipped), or null. */
function rootNameOf(text: string): string | null {
  const m = PROLOG.exec(text.slice(0, 65_536));
  return m ? m[1] : null;
}

/** sax strict mode rejects bare `&`, unknown entities and control characters, all common in
 * real feeds (gofeed issue_305_bare_ampersand); this escapes them for a second attempt. */
function repairXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&(?!#\d+;|#x[0-9a-f]+;|([A-Za-z][A-Za-z0-9]*);)/gi, '&amp;')
    .replace(/&([A-Za-z][A-Za-z0-9]*);/g, (m, name: string) => (name in SAX_ENTITIES ? m : `&amp;${name};`))
    // A document cut before its last '>' (`</rss` at EOF).
    .replace(/<\/([\w:.-]+)\s*$/, '</$1>');
}

/** The sax adapter: namespace-aware tree with xml:base (xml.ts), mapped by formats.ts. The
 * fallback for documents rss-parser cannot read as we need (rssparser.ts lists when). */
function parseXmlFeedWithSax(text: string, url: string): RawFeed {
  let root: XmlNode;
  try {
    root = parseXml(text, url);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    try {
      root = parseXml(repairXml(text), url);
    } catch {
      throw new IngestError('invalid-feed', `${url}: feed XML does not parse: ${err.message}`, { cause: err });
    }
  }
  const format = xmlFormatOf(root);
  if (!format) throw new IngestError('not-a-feed', `${url}: XML root <${root.name}> is not RSS, RDF or Atom`);
  return fromXml(root, format);
}

/** A RawFeed and the reader that produced it (ParsedFeed.parsedBy). */
interface ReadResult {
  raw: RawFeed;
  parsedBy: NonNullable<ParsedFeed['parsedBy']>;
}

/**
 * RSS/RDF/Atom: rss-parser's parseString first (on the text, then once more on the repaired
 * text when the XML does not parse, as the sax adapter does); the sax adapter when rss-parser
 * cannot read the document as we need (a `fallback` reason) or throws.
 */
async function parseXmlFeed(xml: string, root: 'rss' | 'rdf' | 'atom' | null, url: string): Promise<ReadResult> {
  let reason = 'root';
  if (root) {
    let res = await readWithRssParser(xml, root, url);
    if ('fallback' in res && res.fallback === 'xml-error') {
      const repaired = repairXml(xml);
      if (repaired !== xml) res = await readWithRssParser(repaired, root, url);
    }
    if ('raw' in res) return { raw: res.raw, parsedBy: { parser: 'rss-parser' } };
    reason = res.fallback;
  }
  return { raw: parseXmlFeedWithSax(xml, url), parsedBy: { parser: 'sax', fallback: reason } };
}

/**
 * Reads a document as RawFeed (with the reader used), deciding the format from the content (never the extension
 * or Content-Type, which lie: MANIFEST "format not matching file extension").
 * @throws IngestError `not-a-feed` (HTML page, other XML or JSON, empty) or `invalid-feed`
 */
export async function readRawFeed(text: string, url: string, xmlReader: ParseFeedOptions['xmlReader'] = 'rss-parser'): Promise<ReadResult> {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.search(/\S/);
  if (start < 0) throw new IngestError('not-a-feed', `${url}: empty body`);
  const first = body[start];
  if (first === '{' || first === '[') {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (err) {
      const head = body.slice(0, 4096);
      if (/jsonfeed\.org\/version/i.test(head) || (/"items"\s*:/.test(head) && /"(feed_url|home_page_url)"\s*:/.test(head))) {
        throw new IngestError('invalid-feed', `${url}: JSON Feed does not parse: ${(err as Error).message}`, { cause: err });
      }
      throw new IngestError('not-a-feed', `${url}: not RSS, Atom or JSON Feed (broken JSON)`, { cause: err });
    }
    if (!isJsonFeed(doc)) throw new IngestError('not-a-feed', `${url}: JSON but not a JSON Feed (no version/items)`);
    return { raw: fromJsonFeed(doc, url), parsedBy: { parser: 'json-feed' } };
  }
  // Junk before the first tag (a PHP warning, a stray word) is dropped: sax would refuse it.
  const xmlStart = body.indexOf('<');
  if (xmlStart < 0) throw new IngestError('not-a-feed', `${url}: not RSS, Atom or JSON Feed (no markup)`);
  const xml = body.slice(xmlStart);
  const root = rootNameOf(xml);
  const local = root?.replace(/^.*:/, '').toLowerCase() ?? null;
  if (local === 'html' || (!root && /<html[\s>]/i.test(xml.slice(0, 4096)))) throw new IngestError('not-a-feed', `${url} is an HTML page, not a feed`);
  if (local !== 'rss' && local !== 'feed' && local !== 'rdf' && local !== 'channel') {
    throw new IngestError('not-a-feed', `${url}: ${root ? `XML root <${root}>` : 'no root element'}, not RSS, RDF or Atom`);
  }
  // rss-parser reads the roots it knows (`rss`, `rdf:RDF`, `feed`); a bare `<channel>` or a
  // prefixed root goes to the sax adapter, which decides.
  const known = root === 'rss' ? 'rss' : root === 'rdf:RDF' ? 'rdf' : root === 'feed' ? 'atom' : null;
  if (xmlReader === 'sax') return { raw: parseXmlFeedWithSax(xml, url), parsedBy: { parser: 'sax', fallback: 'requested' } };
  return parseXmlFeed(xml, known, url);
}

function resolveUrl(raw: string, base: string | null, feedUrl: string): string | null {
  try {
    // Spaces inside URLs are common (rome issue-20): WHATWG parsing percent-encodes them.
    const u = new URL(raw.trim(), base ?? feedUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function toIso(raw: string | null, timezone: string, fetchedAt: Date, flags: string[]): string | null {
  const d = parseFeedDate(raw, timezone);
  if (!d) return null;
  if (d.getTime() > fetchedAt.getTime() + FUTURE_SKEW_MS) {
    if (!flags.includes('date-in-future')) flags.push('date-in-future');
    return fetchedAt.toISOString();
  }
  return d.toISOString();
}

function titleOf(raw: { title: string | null; titleIsHtml: boolean }): string | null {
  return raw.titleIsHtml ? htmlToPlain(raw.title) : plain(raw.title);
}

function normalizeItem(it: RawItem, opts: ParseFeedOptions, timezone: string, fetchedAt: Date): FeedItem | { skip: string } {
  const linkRaw = it.link ?? (it.permalinkGuid && /^https?:\/\//i.test(it.permalinkGuid) ? it.permalinkGuid : null);
  if (!linkRaw) return { skip: 'item-missing-link' };
  const link = resolveUrl(linkRaw, it.link ? it.base : null, opts.url);
  if (!link) return { skip: 'item-bad-link' };
  const flags: string[] = [];
  const publishedAt = toIso(it.published, timezone, fetchedAt, flags) ?? toIso(it.updated, timezone, fetchedAt, flags);
  const updatedAt = toIso(it.updated, timezone, fetchedAt, flags);
  const seen = new Set<string>();
  const enclosures: FeedItem['enclosures'] = [];
  for (const e of it.enclosures) {
    const url = resolveUrl(e.url, e.base, opts.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const length = e.length && /^\d+$/.test(e.length.trim()) ? Number(e.length.trim()) : undefined;
    enclosures.push({ url, ...(e.type ? { type: e.type.trim() } : {}), ...(length !== undefined ? { length } : {}) });
  }
  return {
    guid: it.guid,
    link,
    canonicalUrl: canonicalizeUrl(link),
    title: titleOf(it),
    publishedAt,
    updatedAt,
    summary: it.summaryIsHtml ? htmlToPlain(it.summary) : plain(it.summary),
    authors: it.authors.map((a) => htmlToPlain(a)).filter((a): a is string => !!a),
    enclosures,
    ...(flags.length ? { flags } : {}),
  };
}

/**
 * Whether an item repeats an earlier one of the same feed: same GUID and same canonical URL
 * gives `duplicate-guid` (a feed listing an entry twice). The same GUID on another canonical
 * URL is kept and flagged `guid-collision` (a publisher reusing a GUID for different articles;
 * Miniflux keeps colliding GUIDs for the same reason). Items that share a canonical URL under
 * different GUIDs are all kept: podcast feeds link every episode to the home page, and
 * collapsing by canonical URL is the pipeline's identity rule, not the parser's.
 */
function isDuplicate(item: FeedItem, guids: Map<string, Set<string>>): boolean {
  return !!item.guid && !!guids.get(item.guid)?.has(item.canonicalUrl);
}

/**
 * Parses a feed document (RSS, RDF, Atom or JSON Feed, sniffed from the content).
 * @param text decoded document text (a leading BOM is ignored)
 * @returns channel data, items in feed order, and the items skipped with their reason
 * @throws IngestError `not-a-feed` (e.g. an HTML page) or `invalid-feed` (broken XML/JSON);
 *   RangeError when `opts.timezone` is not an IANA zone name (a config error)
 */
export async function parseFeed(text: string, opts: ParseFeedOptions): Promise<ParsedFeed> {
  const timezone = opts.timezone ?? 'UTC';
  // A config mistake, not a feed fault: fail loudly rather than read dates in the wrong zone.
  if (!isValidTimezone(timezone)) throw new RangeError(`feed timezone "${timezone}" is not an IANA zone name (e.g. "Asia/Yerevan")`);
  const { raw, parsedBy } = await readRawFeed(text, opts.url, opts.xmlReader);
  const fetchedAt = opts.fetchedAt ?? new Date();
  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const guids = new Map<string, Set<string>>();
  for (const it of raw.items) {
    const title = titleOf(it);
    const out = normalizeItem(it, opts, timezone, fetchedAt);
    const reason = 'skip' in out ? out.skip : isDuplicate(out, guids) ? 'duplicate-guid' : null;
    if (reason) {
      skipped.push({ reason, guid: it.guid, title });
      opts.log?.info({ url: opts.url, reason, guid: it.guid, title }, 'feed item skipped');
      continue;
    }
    const item = out as FeedItem;
    if (item.guid) {
      if (guids.has(item.guid)) item.flags = [...(item.flags ?? []), 'guid-collision'];
      else guids.set(item.guid, new Set());
      guids.get(item.guid)!.add(item.canonicalUrl);
    }
    items.push(item);
  }
  const feedLink = raw.link ? resolveUrl(raw.link, raw.linkBase, opts.url) : null;
  return {
    feed: { title: titleOf(raw), link: feedLink, language: raw.language },
    items,
    skipped,
    format: raw.format,
    parsedBy,
  };
}
