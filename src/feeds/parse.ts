/**
 * Feed parsing: decoded feed text in, normalized items out (RSS 0.9x/1.0/2.0 and Atom via
 * rss-parser's `parseString`; we fetch and decode the bytes ourselves because `parseURL`
 * only knows Node's charsets — DESIGN.md "Known pitfalls").
 */
import Parser from 'rss-parser';
import { IngestError } from '../errors.js';
import { canonicalizeUrl } from '../normalize/url.js';
import type { FeedItem, ParsedFeed } from '../types.js';

const parser = new Parser({ customFields: { item: [['dc:creator', 'dcCreator'], ['author', 'author']] } });

export interface ParseFeedOptions {
  /** The URL the feed was fetched from: the base for relative links. */
  url: string;
  /** IANA zone for dates without a zone (default UTC). */
  timezone?: string;
  /** Fetch time; dates more than 15 min after it are replaced by it and flagged. */
  fetchedAt?: Date;
}

/** Strips tags and collapses whitespace: feed summaries are stored as plain text. */
export function htmlToPlain(s: string | undefined | null): string | null {
  if (!s) return null;
  const t = s.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return t || null;
}

function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  return /<(rss|feed|rdf:RDF|channel)[\s>]/i.test(head);
}

function toIso(d: string | undefined, fetchedAt: Date, flags: string[]): string | null {
  if (!d) return null;
  const t = Date.parse(d);
  if (Number.isNaN(t)) return null;
  if (t > fetchedAt.getTime() + 15 * 60_000) {
    flags.push('date-in-future');
    return fetchedAt.toISOString();
  }
  return new Date(t).toISOString();
}

/**
 * Parses a feed document.
 * @throws IngestError `not-a-feed` (e.g. an HTML page) or `invalid-feed` (broken XML)
 */
export async function parseFeed(text: string, opts: ParseFeedOptions): Promise<ParsedFeed> {
  if (!looksLikeFeed(text)) {
    const what = /<html[\s>]/i.test(text.slice(0, 4096)) ? 'an HTML page' : 'not RSS or Atom';
    throw new IngestError('not-a-feed', `${opts.url} is ${what}, not a feed`);
  }
  let out: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    out = await parser.parseString(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new IngestError('invalid-feed', `${opts.url}: feed does not parse: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const fetchedAt = opts.fetchedAt ?? new Date();
  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  for (const it of out.items ?? []) {
    const raw = it as Record<string, unknown> & typeof it;
    const guid = (raw.guid as string | undefined) ?? (raw.id as string | undefined) ?? null;
    if (!it.link) {
      skipped.push({ reason: 'item-missing-link', guid, title: it.title ?? null });
      continue;
    }
    let link: string;
    let canonicalUrl: string;
    try {
      link = new URL(it.link.trim(), opts.url).toString();
      canonicalUrl = canonicalizeUrl(link);
    } catch {
      skipped.push({ reason: 'item-bad-link', guid, title: it.title ?? null });
      continue;
    }
    const flags: string[] = [];
    const author = (raw.dcCreator as string | undefined) ?? it.creator ?? (typeof raw.author === 'string' ? raw.author : undefined);
    items.push({
      guid: typeof guid === 'string' ? guid : null,
      link,
      canonicalUrl,
      title: htmlToPlain(it.title),
      publishedAt: toIso(it.isoDate ?? it.pubDate, fetchedAt, flags),
      summary: htmlToPlain(it.contentSnippet ?? it.summary ?? it.content),
      authors: author ? [author.trim()] : [],
      enclosures: it.enclosure?.url ? [{ url: it.enclosure.url, type: it.enclosure.type, length: it.enclosure.length ? Number(it.enclosure.length) : undefined }] : [],
      ...(flags.length ? { flags } : {}),
    });
  }
  return { feed: { title: out.title ?? null, link: out.link ?? null, language: (out as { language?: string }).language ?? null }, items, skipped };
}
