/**
 * Plain data passed between the pipeline's stages. Every stage takes and returns these
 * shapes, never a Redis handle or an HTTP response, so each stage can be tested alone.
 *
 * Dates are ISO 8601 strings in UTC (`2023-06-29T18:14:00.000Z`) or null; sizes are bytes;
 * durations are milliseconds.
 */

/** Topic signals, each value a canonical English name ("Ararat Mirzoyan" for Мирзоян). */
export interface TopicSignals {
  countries: string[];
  actors: string[];
  places: string[];
  mediators: string[];
  terms: string[];
}

/** The tagger's verdict for one topic (`tagArticle` in src/tagging). */
export interface TopicMatch {
  /** Topic id, the file name of `config/topics/<id>.yaml`. */
  id: string;
  relevant: boolean;
  /** Relevance score in 0..1; `relevant` is `score >= threshold` plus the topic's hard rules. */
  score: number;
  signals: TopicSignals;
}

/** One item of a feed, normalized (`parseFeed` in src/feeds). */
export interface FeedItem {
  /** `<guid>` / Atom `<id>` / JSON Feed `id`, or null when the feed gives none. */
  guid: string | null;
  /** The item's link, absolute (resolved against the feed's base); null when the item has
   * none (or only an unusable one): such items are stored from the feed's text. */
  link: string | null;
  /** `canonicalizeUrl(link)` (src/normalize/url.ts), null with `link`. */
  canonicalUrl: string | null;
  title: string | null;
  /** UTC ISO string or null. */
  publishedAt: string | null;
  /** Last-modified date (Atom `updated`, JSON Feed `date_modified`), UTC ISO string or null. */
  updatedAt?: string | null;
  /** Plain text (HTML stripped) or null. */
  summary: string | null;
  /** The full text the feed carries (content:encoded, atom:content, JSON Feed content_*),
   * as paragraphs joined by "\n\n"; absent when the item has none. */
  content?: string | null;
  authors: string[];
  enclosures: { url: string; type?: string; length?: number }[];
  /** Notes on normalization, e.g. `date-in-future` when the date was replaced by the fetch time. */
  flags?: string[];
}

/** A parsed feed: its channel-level data and its items in feed order. */
export interface ParsedFeed {
  feed: { title: string | null; link: string | null; language: string | null };
  items: FeedItem[];
  /** Items dropped during parsing, with the reason (`item-missing-link`, ...). */
  skipped: { reason: string; guid?: string | null; title?: string | null }[];
  /** The format the content was sniffed as. */
  format?: 'rss' | 'rdf' | 'atom' | 'json';
  /** Which reader parsed the document: rss-parser (RSS/RDF/Atom), the sax fallback with its
   * reason (docs/feeds.md), or the JSON Feed adapter. */
  parsedBy?: { parser: 'xml' | 'json-feed'; repaired?: 'entities' | 'tags' };
}

/** What the extractor finds in one HTML page (`extractArticle` in src/extract). */
export interface Extracted {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  /** BCP 47 primary code ("en", "ru", "hy", "az") from the page's declarations, or null. */
  language: string | null;
  /** `<link rel=canonical>` / og:url resolved against the page URL, or null. */
  canonicalUrl: string | null;
  /** Meta/OpenGraph description as plain text, or null. */
  summary: string | null;
  siteName: string | null;
  leadImageUrl: string | null;
  /** Main text: paragraphs joined by "\n\n". */
  text: string;
  /** Non-fatal problems (`empty-text`, `frameset`, ...). */
  warnings: string[];
  /** The byline as the page states it ("A and B"), or null. Optional; added by issue 7. */
  byline?: string | null;
  /** The paragraphs of `text`, in order (headings, list items, cells are their own entries). Optional; added by issue 7. */
  paragraphs?: string[];
  /** Absolute URLs of the article's images (lazy sources and <noscript> resolved, pixels dropped). Optional; added by issue 7. */
  images?: string[];
}

/** Reference to the feed an article came from, as stored in the record. */
export interface FeedRef {
  id: string;
  url: string;
  title: string | null;
}

/**
 * The record, schema version 1 (schema/record.v1.json, DESIGN.md "The record").
 */
export interface ArticleRecord {
  schemaVersion: 1;
  /** First 32 hex chars of sha-256(canonicalUrl). */
  id: string;
  /** The link as found in the feed (or given to `reingest url`). */
  url: string;
  canonicalUrl: string;
  feed: FeedRef | null;
  source: { name: string | null; domain: string | null };
  title: string;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  fetchedAt: string;
  language: string | null;
  summary: string | null;
  /**
   * The article's lead image: absolute http(s) URL (og:image / twitter:image / JSON-LD image,
   * else the first image of the article, else an image enclosure of the feed item), or null.
   * Optional in schema version 1 (added by issue 13): records written before it have no `image`.
   */
  image?: string | null;
  text: string;
  wordCount: number;
  /** Hex sha-256 of the normalized text. */
  contentHash: string;
  topics: TopicMatch[];
  /** Where `text` comes from: `page` (extracted, the default when absent) or `feed` (the feed
   * item's own text: no link, a media item, or a page that was not the article). Optional. */
  textSource?: 'page' | 'feed';
  /** The feed item's enclosures (podcast audio, video), when it has any. Optional. */
  enclosures?: { url: string; type?: string; length?: number }[];
  /** The story (event) the article belongs to (src/stories). Optional; added by issue 15. */
  storyId?: string;
  /** Id of the first record this article is a copy of (near-duplicate), or null. Optional; added by issue 15. */
  duplicateOf?: string | null;
  /**
   * On the article that bridged stories (round 11, src/stories/merge.ts): the story ids merged
   * into its `storyId`. Records delivered earlier keep those ids; readers resolve them through
   * this field (`RecordStore.storyAliases`). Optional; absent when it merged none.
   */
  mergedStories?: string[];
  /** On an original: the outlets and feeds that carried it, itself first. Optional; added by issue 15. */
  carriedBy?: Carrier[];
}

/** One outlet/feed that carried an article (`ArticleRecord.carriedBy`). */
export interface Carrier {
  /** Source domain (or name when no domain), or null. */
  source: string | null;
  feedId: string | null;
  url: string;
  /** ISO 8601 UTC or null. */
  publishedAt: string | null;
}
