/**
 * One record for a text-only item (no link, or a podcast/media item: src/feeds/identity.ts)
 * whose feed gives it a new guid at every poll.
 *
 * Such an item's record id is the hash of the feed URL and its guid, so that an edited title
 * under the same guid stays one record. A feed that stamps a new guid at every poll then made a
 * new record of every such item at every poll (duplicates in the sinks without end; found in
 * round 10, docs/review.md "Round 10 (faults, faults12)", fixed round 12). The seen-set now also
 * keeps an alias per item content: `<prefix>:seen-alias:<content key>` → the record id first
 * given to it, with the seen-set's TTL. The content key hashes the feed URL, title, date,
 * enclosure URLs and the item's text, all of which a guid-rotating feed repeats; the text is in
 * it so that two different items that share a title and date ("Press release", same minute)
 * never share a record.
 *
 * Resolution per item: its guid id when the seen-set knows it (a stable guid: an edit keeps the
 * record), else the id its content alias names (a new guid for the same content), else its guid
 * id (a new item). Items without a guid keep `itemRecordId`'s title-and-date id (no alias
 * needed). The aliases are not rebuilt after Redis loses its data (the seen-set is, from the
 * sinks): a guid-rotating item then gets one more record, once.
 */
import { createHash } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { FeedItem } from '../types.js';
import { seenKey } from './seen.js';

/** Redis key of a content alias. */
export function aliasKey(prefix: string, contentKey: string): string {
  return `${prefix}:seen-alias:${contentKey}`;
}

/**
 * The content key of a text-only item: 32 hex of sha-256 over the feed URL, title, date,
 * enclosure URLs and text (`content`, else `summary`), none of which carries the guid.
 * @param feedUrl the feed's configured URL (as `itemRecordId` takes it)
 */
export function contentKeyOf(item: Pick<FeedItem, 'title' | 'publishedAt' | 'enclosures' | 'content' | 'summary'>, feedUrl: string): string {
  const enclosures = (item.enclosures ?? []).map((e) => e.url).sort().join(' ');
  const parts = [feedUrl, item.title ?? '', item.publishedAt ?? '', enclosures, item.content ?? item.summary ?? ''];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/**
 * Resolves the record ids of text-only items that have a guid (see the module comment) and
 * writes their aliases (refreshing the TTL). One MGET and one pipeline for all of them.
 * @param items each item with its guid-based id (`itemRecordId`)
 * @param ttlSeconds the seen-set's TTL (`worker.seenTtlDays`)
 * @returns the id to use for each item, in order
 * @throws the Redis error when Redis cannot be read (the feed job then retries, as for `readSeen`)
 */
export async function resolveTextOnlyIds(redis: Redis, prefix: string, items: readonly { item: FeedItem; guidId: string; feedUrl: string }[], ttlSeconds: number): Promise<string[]> {
  if (items.length === 0) return [];
  const keys = items.map((x) => contentKeyOf(x.item, x.feedUrl));
  const values = await redis.mget([...items.map((x) => seenKey(prefix, x.guidId)), ...keys.map((k) => aliasKey(prefix, k))]);
  const ids = items.map((x, i) => (values[i] !== null ? x.guidId : (values[items.length + i] ?? x.guidId)));
  const pipe = redis.pipeline();
  keys.forEach((k, i) => pipe.set(aliasKey(prefix, k), ids[i]!, 'EX', ttlSeconds));
  await pipe.exec();
  return ids;
}
