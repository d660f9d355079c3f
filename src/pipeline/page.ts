/**
 * Page → record: the stages after the fetch, in order (decode → extract → tag → normalize).
 * Used by the `ingest-article` job and by `news-ingest extract`, so both give the same record.
 */
import { IngestError } from '../errors.js';
import { decodeBody } from '../http/charset.js';
import { extractArticle } from '../extract/index.js';
import { buildRecord } from '../normalize/record.js';
import { tagArticle, type Topic } from '../tagging/index.js';
import type { ArticleRecord, FeedItem, FeedRef, TopicMatch } from '../types.js';

/** Media types accepted as an article page. */
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
/** Types that say nothing about the content: sniff instead. */
const GENERIC_TYPES = /^(text\/plain|application\/octet-stream|application\/xml|text\/xml)\b/i;

/**
 * The page is HTML: by its Content-Type, or by sniffing when the type is missing or generic
 * (WHATWG MIME Sniffing: `%PDF-`, PNG/GIF/JPEG/WebP/ZIP magic numbers are never HTML).
 * @throws IngestError `not-html`
 */
export function assertHtml(body: Buffer, contentType: string | null, url: string): void {
  const head = body.subarray(0, 16).toString('latin1');
  if (/^%PDF-|^\x89PNG|^GIF8|^\xFF\xD8\xFF|^RIFF....WEBP|^PK\x03\x04/.test(head)) {
    throw new IngestError('not-html', `${url} is not an HTML page (binary ${contentType ?? 'content'})`);
  }
  if (contentType && !HTML_TYPES.test(contentType) && !GENERIC_TYPES.test(contentType)) {
    throw new IngestError('not-html', `${url} is not an HTML page (Content-Type ${contentType})`);
  }
}

/** Tags with every topic; the record's language is the page's, else the tagger's guess. */
export function tagWithTopics(topics: readonly Topic[], title: string | null, text: string, language: string | null): { topics: TopicMatch[]; language: string | null } {
  let lang = language;
  const matches = topics.map((t) => {
    const { language: detected, ...m } = tagArticle({ title, text, language }, t);
    lang ??= detected;
    return m;
  });
  return { topics: matches, language: lang };
}

export interface PageInput {
  body: Buffer;
  contentType: string | null;
  /** The link as found in the feed / given by the operator. */
  url: string;
  /** Where the page was finally fetched from (after redirects). */
  finalUrl: string;
  fetchedAt: Date;
  item?: FeedItem | null;
  feed?: FeedRef | null;
}

/**
 * Turns fetched page bytes into a record.
 * @throws IngestError `not-html` (PDF, image, ...), `empty-article` (no text and no title anywhere)
 */
export function pageToRecord(page: PageInput, topics: readonly Topic[]): ArticleRecord {
  assertHtml(page.body, page.contentType, page.url);
  const { text: html } = decodeBody(page.body, page.contentType, 'html');
  const extracted = extractArticle(html, page.finalUrl);
  const title = extracted.title ?? page.item?.title ?? null;
  if (!extracted.text && !title) throw new IngestError('empty-article', `no text and no title found in ${page.url}`);
  const tagged = tagWithTopics(topics, title, extracted.text, extracted.language);
  return buildRecord({
    url: page.url,
    finalUrl: page.finalUrl,
    extracted: { ...extracted, language: tagged.language },
    item: page.item,
    feed: page.feed,
    topics: tagged.topics,
    fetchedAt: page.fetchedAt,
  });
}
