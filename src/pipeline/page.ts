/**
 * Page → record: the stages after the fetch, in order (decode → extract → tag → normalize).
 * Used by the `ingest-article` job and by `news-ingest extract`, so both give the same record.
 */
import { IngestError } from '../errors.js';
import { decodeBody } from '../http/charset.js';
import { sniffBody } from '../http/sniff.js';
import { extractArticle } from '../extract/index.js';
import { buildRecord } from '../normalize/record.js';
import type { Topic } from '../tagging/topic.js';
import { tagArticle } from '../tagging/tag.js';
import { feedItemToRecord, hasFullText } from './feed-item.js';
import { wallOf } from './walls.js';
import { stripAmpAds } from './amp.js';
import { countWordRuns } from '../normalize/words.js';
import type { ArticleRecord, FeedItem, FeedRef, TopicMatch } from '../types.js';

/**
 * The body is not binary (PDF, image, archive) nor a feed: sniffed with src/http/sniff.ts. A fetched page
 * has had its Content-Type checked by `fetchResource` already; a file has none, so this is
 * the check that stays.
 * @throws IngestError `not-html`
 */
export function assertNotBinary(body: Buffer, url: string): void {
  const kind = sniffBody(body);
  if (kind === 'binary') throw new IngestError('not-html', `${url} is not an HTML page (binary content)`);
  if (kind === 'rss' || kind === 'atom' || kind === 'rdf') throw new IngestError('not-html', `${url} is a feed (${kind}), not an article page: try \`news-ingest feed\``);
}

/**
 * Tags with every topic; the record's language is the page's, else the tagger's guess.
 * `publishedAt` (round 16, tag16c): the article's date when known; a topic with
 * `scoring.historyBefore` finds nothing relevant published before that year.
 */
export function tagWithTopics(topics: readonly Topic[], title: string | null, text: string, language: string | null, publishedAt: string | null = null): { topics: TopicMatch[]; language: string | null } {
  let lang = language;
  const matches = topics.map((t) => {
    const { language: detected, ...m } = tagArticle({ title, text, language, publishedAt }, t);
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

/** Milliseconds spent in the stages of one `pageToRecord` call (filled in when passed; the ops metrics read it). */
export interface StageTimes {
  /** Sniff, decode and extract. */
  extractMs: number;
  /** Tagging with every topic. */
  tagMs: number;
}

/**
 * Turns fetched page bytes into a record. A page that is not the article (src/pipeline/walls.ts:
 * a consent page, a paywall stub, a JavaScript shell, a bot wall) is never stored as it: the
 * record takes the feed item's full text instead (`textSource: "feed"`, under the item's
 * link), and without one the page fails with the wall's reason. A page whose text is much
 * shorter than the item's full text also takes the feed's text.
 * @param times when given, receives the time spent extracting and tagging (ms)
 * @param opts.budgetMs extraction time budget, ms (see ExtractOptions); none when absent
 * @throws IngestError `not-html` (PDF, image, ...), `consent-wall`, `bot-wall`,
 *   `no-article-text`, `empty-article` (no text and no title anywhere), `page-too-complex` (budget spent)
 */
export function pageToRecord(page: PageInput, topics: readonly Topic[], times?: StageTimes, opts: { budgetMs?: number | null } = {}): ArticleRecord {
  const t0 = performance.now();
  assertNotBinary(page.body, page.url);
  const html = stripAmpAds(decodeBody(page.body, page.contentType, 'html').text);
  // The site rule valid when the page was fetched (the layout it was served in).
  const extracted = extractArticle(html, page.finalUrl, { budgetMs: opts.budgetMs, layoutDate: page.fetchedAt });
  const t1 = performance.now();
  if (times) times.extractMs = t1 - t0;
  const wall = wallOf(html, page.finalUrl, extracted);
  const item = page.item;
  // word counts only when the item has a full text to compare with (counted without building word lists)
  if (item && hasFullText(item) && (wall || countWordRuns(extracted.text) * 3 < countWordRuns(item.content ?? ''))) {
    const url = item.link ?? page.url;
    return feedItemToRecord({ item, feed: page.feed ?? null, url, fetchedAt: page.fetchedAt }, topics);
  }
  if (wall) throw new IngestError(wall.reason, `${page.url}: not the article (${wall.detail})`);
  const title = extracted.title ?? page.item?.title ?? null;
  if (!extracted.text && !title) throw new IngestError('empty-article', `no text and no title found in ${page.url}`);
  const tagged = tagWithTopics(topics, title, extracted.text, extracted.language, extracted.publishedAt ?? page.item?.publishedAt ?? null);
  if (times) times.tagMs = performance.now() - t1;
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
