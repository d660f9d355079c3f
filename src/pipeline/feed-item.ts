/**
 * Feed item → record, without a page: for items that have no link, podcast/media items
 * (src/feeds/identity.ts), and pages that turned out not to be the article (a consent page,
 * a paywall stub, a JavaScript shell) when the item carries its full text. The record's
 * `textSource` is `"feed"`.
 */
import { buildRecord } from '../normalize/record.js';
import type { Topic } from '../tagging/index.js';
import type { ArticleRecord, FeedItem, FeedRef } from '../types.js';
import { tagWithTopics } from './page.js';
export { hasFullText, MIN_FEED_TEXT_WORDS } from './feed-text.js';

/** Longest title made from an item's text, characters (cut at a word, with an ellipsis). */
export const MAX_TITLE_FROM_TEXT = 100;

/** The first sentence or line of a text, at most MAX_TITLE_FROM_TEXT characters, or null. */
export function titleFromText(text: string): string | null {
  const first = text.split(/\n|(?<=[.!?])\s/)[0]?.trim() ?? '';
  if (!first) return null;
  if (first.length <= MAX_TITLE_FROM_TEXT) return first;
  return `${first.slice(0, MAX_TITLE_FROM_TEXT).replace(/\s+\S*$/, '')}…`;
}

export interface FeedItemInput {
  item: FeedItem;
  feed: FeedRef | null;
  /** The record's url: the item's link, else the feed's URL. */
  url: string;
  /** Overrides the id (text-only items: `itemRecordId`); default: the hash of the canonical URL. */
  id?: string;
  fetchedAt: Date;
}

/**
 * Builds a record from the feed item's own text: its full text (content:encoded,
 * atom:content), else its summary, else its title; enclosures kept.
 * @throws Error when the item has no title and no text at all (parse.ts skips those)
 */
export function feedItemToRecord(input: FeedItemInput, topics: readonly Topic[]): ArticleRecord {
  const { item } = input;
  const text = item.content ?? item.summary ?? '';
  if (!text && !item.title) throw new Error(`feed item ${item.guid ?? input.url} has no title and no text`);
  // An item without a title is named by the start of its text (a live-blog entry, a status update).
  const title = item.title ?? titleFromText(text);
  const tagged = tagWithTopics(topics, title, text, null, item.publishedAt ?? null);
  const record = buildRecord({
    url: input.url,
    extracted: {
      title,
      authors: item.authors,
      publishedAt: item.publishedAt,
      modifiedAt: item.updatedAt ?? null,
      language: tagged.language,
      canonicalUrl: null,
      summary: item.content && item.summary ? item.summary : null,
      siteName: null,
      leadImageUrl: null,
      text,
      warnings: [],
    },
    item,
    feed: input.feed,
    topics: tagged.topics,
    fetchedAt: input.fetchedAt,
  });
  return {
    ...record,
    ...(input.id ? { id: input.id } : {}),
    textSource: 'feed',
    ...(item.enclosures.length ? { enclosures: item.enclosures } : {}),
  };
}
