/**
 * Which items are fetched as pages and under which id each is stored.
 *
 * An item with a page link is an article: its record id is the hash of its canonical URL
 * (`recordIdOf`, the seen-set and the sinks' key). Two kinds are stored from the feed's own
 * text instead, without fetching anything:
 * - items without a (usable) link (brief-rss/brief#442, spaRSS#221);
 * - podcast and media items, whose link is the media file itself, or the show's home page
 *   shared by every episode (fetching either as an article page stores junk).
 * Their id is stable across fetches: a hash of the feed URL and the guid, else of the feed
 * URL, title and date (then summary), so a second identical fetch adds nothing.
 */
import { createHash } from 'node:crypto';
import { recordIdOf } from '../normalize/url.js';
import type { FeedItem } from '../types.js';

/** File extensions of audio and video files: never article pages (documents and images are fetched and fail with `not-html`). */
const MEDIA_EXT = /\.(?:mp3|m4a|m4b|aac|ogg|oga|opus|wav|flac|mp4|m4v|mov|webm|mkv|avi|mpe?g|3gp)(?:$|[?#])/i;
const MEDIA_TYPE = /^(?:audio|video)\//i;

/** True when a URL names a media file or document by its extension. */
export function isMediaUrl(url: string): boolean {
  try {
    return MEDIA_EXT.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/**
 * True when an item is a podcast/media item to store from its text: it has an audio or video
 * enclosure (or its link is a media file) and its link is missing, is a media file, is one of
 * its enclosures, or is the feed's home page.
 * @param feedLink the feed's own home-page link (ParsedFeed.feed.link), or null
 */
export function isMediaItem(item: FeedItem, feedLink: string | null): boolean {
  const linkIsMedia = !!item.link && (isMediaUrl(item.link) || item.enclosures.some((e) => e.url === item.link));
  if (linkIsMedia) return true;
  const hasMedia = item.enclosures.some((e) => (e.type ? MEDIA_TYPE.test(e.type) : isMediaUrl(e.url)));
  if (!hasMedia) return false;
  const home = (u: string) => u.replace(/[#?].*$/, '').replace(/\/+$/, '');
  return !item.link || (!!feedLink && home(item.link) === home(feedLink));
}

/** True when the item is stored from the feed's text, without a page fetch. */
export function isTextOnlyItem(item: FeedItem, feedLink: string | null): boolean {
  return !item.link || isMediaItem(item, feedLink);
}

/**
 * The record id of an item: `recordIdOf(canonicalUrl)` for an article page; for a text-only
 * item, 32 hex of sha-256 over the feed URL and the guid (unless flagged `guid-shared`: one
 * guid on several items of the document), else the title and the date, else the summary.
 * @param feedUrl the feed's configured URL (stable across moves and redirects)
 */
export function itemRecordId(item: FeedItem, feedUrl: string, feedLink: string | null): string {
  if (!isTextOnlyItem(item, feedLink) && item.canonicalUrl) return recordIdOf(item.canonicalUrl);
  // A guid the feed gives to several items (flag `guid-shared`, src/feeds/parse.ts) names none of them.
  const guid = item.flags?.includes('guid-shared') ? null : item.guid;
  const key = guid ? `guid\n${guid}` : item.title || item.publishedAt ? `title\n${item.title ?? ''}\n${item.publishedAt ?? ''}` : `summary\n${item.summary ?? item.content ?? ''}`;
  return createHash('sha256').update(`${feedUrl}\n${key}`).digest('hex').slice(0, 32);
}
