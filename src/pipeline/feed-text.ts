/**
 * Whether a feed item carries its full text (used by the article job on the worker's main thread,
 * which loads neither the extraction nor the tagging modules when pages are extracted in threads:
 * so this test lives apart from feed-item.ts, which imports them).
 */
import { countWordRuns } from '../normalize/words.js';
import type { FeedItem } from '../types.js';

/** Fewest words of an item's full text that make it usable as the article's text. */
export const MIN_FEED_TEXT_WORDS = 60;

/** True when the item carries a full text worth storing instead of a page's (MIN_FEED_TEXT_WORDS). */
export function hasFullText(item: FeedItem | null | undefined): boolean {
  return item?.content ? countWordRuns(item.content) >= MIN_FEED_TEXT_WORDS : false;
}
