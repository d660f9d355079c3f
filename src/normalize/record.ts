/**
 * Normalization: extracted page + feed item + tags -> the record (schema v1).
 * Rules: titles and text are Unicode NFC; runs of spaces/tabs collapse to one space inside a
 * line; paragraphs are separated by exactly "\n\n"; control characters other than "\n" are
 * removed (they break JSON consumers and PostgreSQL text columns).
 */
import { createHash } from 'node:crypto';
import { parse as parseDomain } from 'tldts';
import type { ArticleRecord, Extracted, FeedItem, FeedRef, TopicMatch } from '../types.js';
import { canonicalizeUrl, recordIdOf, stripCredentials } from './url.js';
import { countWordRuns } from './words.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

/** Collapses whitespace to single spaces and applies NFC; for one-line fields (title). */
export function normalizeLine(s: string): string {
  return s.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Text that `normalizeText` would give back unchanged once in NFC: any other whitespace than a
 * space and "\n" (tabs, CR, NBSP, U+2028...), any control character that CONTROL removes, two
 * spaces, a space beside a line break, three line breaks (an empty line inside a paragraph or an
 * empty paragraph), or a space or line break at either end. None of them: the paragraphs are
 * already split by exactly "\n\n", their lines by one "\n", each line already trimmed with single
 * spaces. (Issue 17 round 14: extraction's text is already in this form, and the split, the
 * per-line replaces and the joins made ~6 passes and two arrays per record to rebuild it.)
 */
// eslint-disable-next-line no-control-regex
const NOT_NORMAL = /[^\S \n]|[\u0000-\u0009\u000b-\u001f\u007f]| {2}| \n|\n |\n{3}|^[ \n]|[ \n]$/;

/** Normalizes body text: NFC, spaces collapsed per line, blank-line separated paragraphs. */
export function normalizeText(s: string): string {
  const nfc = s.normalize('NFC');
  if (!NOT_NORMAL.test(nfc)) return nfc;
  return nfc
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n\n');
}

/** Words: maximal runs of Unicode letters or digits (the same unit in every script). */
export function countWords(text: string): number {
  // = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu).length, without the array (src/normalize/words.ts)
  return countWordRuns(text, true);
}

/** Hex sha-256 of a string. */
export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface BuildRecordInput {
  /** The link as found in the feed, or given to `reingest url` / `extract`. */
  url: string;
  /** The URL the page was finally fetched from (after redirects); default `url`. */
  finalUrl?: string;
  extracted: Extracted;
  item?: FeedItem | null;
  feed?: FeedRef | null;
  topics: TopicMatch[];
  fetchedAt: Date;
}

/**
 * Builds a schema-v1 record. Precedence for dates: the page (JSON-LD > meta > <time>) over
 * the feed item; the canonical URL: the page's `<link rel=canonical>`/og:url when it is on
 * an http(s) URL, else the feed link, canonicalized (src/normalize/url.ts).
 */
/** The record's `image`: the page's lead image, else the feed item's first image enclosure; only absolute http(s) URLs. */
export function leadImage(pageImage: string | null | undefined, item: FeedItem | null | undefined): string | null {
  const candidates = [pageImage, item?.enclosures?.find((e) => (e.type ?? '').startsWith('image/'))?.url];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const u = new URL(c);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
    } catch {
      // not a URL: next candidate
    }
  }
  return null;
}

export function buildRecord(input: BuildRecordInput): ArticleRecord {
  const { extracted: ex, item } = input;
  let canonicalUrl: string;
  try {
    canonicalUrl = canonicalizeUrl(ex.canonicalUrl ?? input.finalUrl ?? input.url);
  } catch {
    canonicalUrl = canonicalizeUrl(input.url);
  }
  const text = normalizeText(ex.text);
  const host = new URL(canonicalUrl).hostname;
  const domain = parseDomain(host).domain ?? host;
  return {
    schemaVersion: 1,
    id: recordIdOf(canonicalUrl),
    // Credentials of a feed URL (and of links resolved against it) stay in the job, never in the record.
    url: stripCredentials(input.url),
    canonicalUrl,
    feed: input.feed ? { ...input.feed, url: stripCredentials(input.feed.url) } : null,
    source: { name: ex.siteName ? normalizeLine(ex.siteName) : input.feed?.title ?? null, domain },
    title: normalizeLine(ex.title ?? item?.title ?? ''),
    authors: (ex.authors.length ? ex.authors : item?.authors ?? []).map(normalizeLine).filter(Boolean),
    publishedAt: ex.publishedAt ?? item?.publishedAt ?? null,
    modifiedAt: ex.modifiedAt ?? null,
    fetchedAt: input.fetchedAt.toISOString(),
    language: ex.language ?? null,
    summary: ex.summary ? normalizeLine(ex.summary) : item?.summary ?? null,
    image: leadImage(ex.leadImageUrl, item),
    text,
    wordCount: countWords(text),
    contentHash: sha256Hex(text),
    topics: input.topics,
  };
}
