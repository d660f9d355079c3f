/**
 * Feed parsing: decoded feed text in, normalized items out. The format is detected once from
 * the content (`readRawFeed`): RSS 0.9x/1.0/2.0 and Atom 1.0/0.3 are read with one XML
 * reader (the sax tree of xml.ts) and mapped once per format onto one raw model
 * (formats.ts); JSON Feed 1.0/1.1 has its own mapping (jsonfeed.ts). Bytes are decoded
 * before this (index.ts `readFeed`). XML that does not parse is repaired (bare `&`, unknown
 * entities, control characters, then unbalanced end tags) and read again before it is
 * called `invalid-feed`; `ParsedFeed.parsedBy` says whether a repair was needed.
 *
 * Normalization: links resolved against xml:base or the feed URL; items with no link
 * kept with `link: null` (the pipeline stores them from feed text: docs/feeds.md), later
 * items repeating a GUID and link skipped (`duplicate-guid`); dates to UTC (dates.ts), a
 * date past the fetch time + 15 min replaced by the fetch time and flagged
 * `date-in-future`; titles and summaries to plain text, HTML entities decoded once after XML
 * parsing (WordPress puts escaped HTML inside CDATA: rss-parser#30); the full text
 * (content:encoded, atom:content) to paragraphs.
 */
import { decodeHTML } from 'entities';
import { IngestError } from '../errors.js';
import { canonicalizeUrl } from '../normalize/url.js';
import type { FeedItem, ParsedFeed } from '../types.js';
import { isValidTimezone, parseFeedDate } from './dates.js';
import { fromXml, xmlFormatOf, type RawFeed, type RawItem } from './formats.js';
import { isTextOnlyItem } from './identity.js';
import { fromJsonFeed, isJsonFeed } from './jsonfeed.js';
import { balanceTags, parseXmlSliced, XmlSyntaxError, type XmlNode } from './xml.js';
import sax from 'sax';
import { setImmediate } from 'node:timers/promises';

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

/**
 * HTML to plain text that keeps its paragraphs: block-level tags become paragraph breaks
 * ("\n\n", the record's `text` convention), inline tags vanish, entities are decoded once,
 * whitespace inside a paragraph collapses. For a feed item's full text (content:encoded).
 * @returns the paragraphs joined by "\n\n", or null when no text is left
 */
export function htmlToParagraphs(s: string | null | undefined): string | null {
  if (!s) return null;
  const marked = s
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|header|footer|figure|figcaption|dd|dt|dl)\b[^>]*>/gi, '\u2029')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  const paras = decodeHTML(marked)
    .split(/\u2029|\n\s*\n/)
    .map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean);
  return paras.length ? paras.join('\n\n') : null;
}

/** Plain text (JSON Feed `content_text`) with its paragraphs kept. */
function plainParagraphs(s: string | null): string | null {
  const paras = (s ?? '').split(/\n\s*\n/).map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean);
  return paras.length ? paras.join('\n\n') : null;
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

/** A RawFeed and how it was read (ParsedFeed.parsedBy). */
interface ReadResult {
  raw: RawFeed;
  parsedBy: NonNullable<ParsedFeed['parsedBy']>;
}

/**
 * RSS/RDF/Atom: the sax tree (xml.ts), on the text as it is, else on the repaired text
 * (`repairXml`), else with its end tags balanced as well (`balanceTags`: one mismatched end
 * tag does not reject the feed, as gofeed reads it), then mapped by formats.ts. The XML is parsed
 * in slices with the event loop free between them (`parseXmlSliced`).
 * @throws IngestError `invalid-feed` (no repair helps), `not-a-feed` (another XML document)
 */
async function parseXmlFeed(text: string, url: string): Promise<ReadResult> {
  let root: XmlNode | null = null;
  let repaired: 'entities' | 'tags' | undefined;
  let first: XmlSyntaxError | null = null;
  const attempts: [typeof repaired, () => string][] = [[undefined, () => text], ['entities', () => repairXml(text)], ['tags', () => balanceTags(repairXml(text))]];
  for (const [kind, make] of attempts) {
    try {
      root = await parseXmlSliced(make(), url);
      repaired = kind;
      break;
    } catch (err) {
      if (!(err instanceof XmlSyntaxError)) throw err;
      first ??= err;
    }
  }
  if (!root) throw new IngestError('invalid-feed', `${url}: feed XML does not parse: ${first?.message}`, { cause: first });
  const format = xmlFormatOf(root);
  if (!format) throw new IngestError('not-a-feed', `${url}: XML root <${root.name}> is not RSS, RDF or Atom`);
  return { raw: fromXml(root, format), parsedBy: { parser: 'xml', ...(repaired ? { repaired } : {}) } };
}

/**
 * Reads a document as RawFeed (with the reader used), deciding the format from the content (never the extension
 * or Content-Type, which lie: MANIFEST "format not matching file extension").
 * @throws IngestError `not-a-feed` (HTML page, other XML or JSON, empty) or `invalid-feed`
 */
export async function readRawFeed(text: string, url: string): Promise<ReadResult> {
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
  return parseXmlFeed(xml, url);
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
  // An "HTML" title that is nothing but tag-like text (`&lt;/example&gt;`) keeps that text.
  return raw.titleIsHtml ? htmlToPlain(raw.title) ?? plain(raw.title) : plain(raw.title);
}

function normalizeItem(it: RawItem, opts: ParseFeedOptions, timezone: string, fetchedAt: Date): FeedItem | { skip: string } {
  const linkRaw = it.link ?? (it.permalinkGuid && /^https?:\/\//i.test(it.permalinkGuid) ? it.permalinkGuid : null);
  const flags: string[] = [];
  const link = linkRaw ? resolveUrl(linkRaw, it.link ? it.base : null, opts.url) : null;
  // An item without a usable link is kept (stored from the feed's text by the pipeline),
  // unless it carries nothing to store.
  if (!link) flags.push(linkRaw ? 'item-bad-link' : 'item-missing-link');
  const title = titleOf(it);
  const summary = it.summaryIsHtml ? htmlToPlain(it.summary) : plain(it.summary);
  const content = it.contentIsHtml ? htmlToParagraphs(it.content) : plainParagraphs(it.content);
  if (!link && !title && !summary && !content && !it.enclosures.length) return { skip: linkRaw ? 'item-bad-link' : 'item-missing-link' };
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
    canonicalUrl: link ? canonicalizeUrl(link) : null,
    title,
    publishedAt,
    updatedAt,
    summary,
    ...(content ? { content } : {}),
    authors: it.authors.map((a) => htmlToPlain(a)).filter((a): a is string => !!a),
    enclosures,
    ...(flags.length ? { flags } : {}),
  };
}

/**
 * Whether an item repeats an earlier one of the same feed: same GUID and same canonical URL
 * gives `duplicate-guid` (a feed listing an entry twice). A text-only item (no link, or a
 * podcast item: src/feeds/identity.ts) has no page URL to tell it apart, so its key is its
 * title, date and enclosure URLs: a feed that gives every item one GUID (a CMS writing the
 * feed's own URL or `0` as each guid) lists different items, not one item repeated. The same GUID on another canonical
 * URL is kept and flagged `guid-collision` (a publisher reusing a GUID for different articles;
 * Miniflux keeps colliding GUIDs for the same reason). Items that share a canonical URL under
 * different GUIDs are all kept: podcast feeds link every episode to the home page, and
 * collapsing by canonical URL is the pipeline's identity rule, not the parser's.
 */
function isDuplicate(item: FeedItem, guids: Map<string, Set<string | null>>, feedLink: string | null): boolean {
  return !!item.guid && !!guids.get(item.guid)?.has(duplicateKey(item, feedLink));
}

/** What two items under one GUID must share to be one item listed twice (see `isDuplicate`). */
function duplicateKey(item: FeedItem, feedLink: string | null): string | null {
  if (!isTextOnlyItem(item, feedLink)) return item.canonicalUrl;
  return `text\n${item.title ?? ''}\n${item.publishedAt ?? ''}\n${item.enclosures.map((e) => e.url).join(' ')}`;
}

/**
 * Flags `guid-shared` every text-only item whose GUID another kept text-only item of the same
 * document carries: `itemRecordId` then keys it by title and date, not by the GUID they share
 * (else all of them would get the first one's record id and the rest be dropped as seen).
 */
function flagSharedGuids(items: FeedItem[], feedLink: string | null): void {
  const count = new Map<string, number>();
  const textOnly = items.filter((i) => i.guid && isTextOnlyItem(i, feedLink));
  for (const i of textOnly) count.set(i.guid!, (count.get(i.guid!) ?? 0) + 1);
  for (const i of textOnly) if (count.get(i.guid!)! > 1) i.flags = [...(i.flags ?? []), 'guid-shared'];
}

/**
 * Items normalised per slice of `parseFeed` before it yields to the event loop (measured for
 * issue 17: ~0.4 ms per item cold under load, so a slice holds the loop ~10 ms).
 */
export const ITEMS_PER_SLICE = 25;

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
  const { raw, parsedBy } = await readRawFeed(text, opts.url);
  const fetchedAt = opts.fetchedAt ?? new Date();
  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const guids = new Map<string, Set<string | null>>();
  const feedLink = raw.link ? resolveUrl(raw.link, raw.linkBase, opts.url) : null;
  let n = 0;
  for (const it of raw.items) {
    // A 500-item feed costs 0.2-0.5 s of normalising on a cold start (htmlToPlain, dates, URLs):
    // other jobs' callbacks run between slices, so the worker's event loop is not held that long.
    if (++n % ITEMS_PER_SLICE === 0) await setImmediate();
    const title = titleOf(it);
    const out = normalizeItem(it, opts, timezone, fetchedAt);
    const reason = 'skip' in out ? out.skip : isDuplicate(out, guids, feedLink) ? 'duplicate-guid' : null;
    if (reason) {
      skipped.push({ reason, guid: it.guid, title });
      opts.log?.info({ event: 'item.skipped', url: opts.url, reason, guid: it.guid, title }, 'feed item skipped');
      continue;
    }
    const item = out as FeedItem;
    if (item.guid) {
      if (guids.has(item.guid)) item.flags = [...(item.flags ?? []), 'guid-collision'];
      else guids.set(item.guid, new Set());
      guids.get(item.guid)!.add(duplicateKey(item, feedLink));
    }
    items.push(item);
  }
  flagSharedGuids(items, feedLink);
  return {
    feed: { title: titleOf(raw), link: feedLink, language: raw.language },
    items,
    skipped,
    format: raw.format,
    parsedBy,
  };
}
