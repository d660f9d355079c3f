/**
 * JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) mapped onto the one raw model
 * (`RawFeed`, formats.ts) that parse.ts normalizes.
 */
import { uniq, type RawFeed } from './formats.js';

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** True when a parsed JSON value is a JSON Feed (https://jsonfeed.org/version/1.1). */
export function isJsonFeed(doc: unknown): doc is Json {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Json;
  return (typeof d.version === 'string' && /jsonfeed\.org\/version\//i.test(d.version)) || (Array.isArray(d.items) && typeof d.title === 'string');
}

/** Maps a JSON Feed 1.0/1.1 document to a RawFeed (`author` of 1.0 and `authors` of 1.1 both read). */
export function fromJsonFeed(doc: Json, feedUrl: string | null): RawFeed {
  // 1.1 `authors` (an array; some feeds write one object) and 1.0 `author`, both read.
  const names = (o: Json): string[] => {
    const list = [...(Array.isArray(o.authors) ? o.authors : o.authors ? [o.authors] : []), ...(o.author ? [o.author] : [])];
    return uniq(list.map((a) => (a && typeof a === 'object' ? str((a as Json).name) ?? '' : str(a) ?? '')));
  };
  const items = (Array.isArray(doc.items) ? doc.items : []).filter((i): i is Json => !!i && typeof i === 'object');
  return {
    format: 'json',
    title: str(doc.title),
    titleIsHtml: false,
    link: str(doc.home_page_url),
    linkBase: feedUrl,
    language: str(doc.language),
    items: items.map((it) => {
      const html = str(it.content_html);
      const content = html ?? str(it.content_text);
      return {
        guid: str(it.id),
        link: str(it.url) ?? str(it.external_url),
        // JSON Feed 1.1: `id` may be the item's URL; used as a permalink like an RSS guid.
        permalinkGuid: str(it.id),
        base: feedUrl,
        title: str(it.title),
        titleIsHtml: false,
        published: str(it.date_published),
        updated: str(it.date_modified),
        summary: str(it.summary) ?? html ?? str(it.content_text),
        summaryIsHtml: !str(it.summary) && !!html,
        content,
        contentIsHtml: !!html,
        // JSON Feed 1.1: an item without authors has the feed's.
        authors: names(it).length ? names(it) : names(doc),
        enclosures: (Array.isArray(it.attachments) ? it.attachments : [])
          .filter((a): a is Json => !!a && typeof a === 'object' && !!str((a as Json).url))
          .map((a) => ({ url: str(a.url)!, type: str(a.mime_type) ?? undefined, length: str(a.size_in_bytes) ?? undefined, base: feedUrl })),
      };
    }),
  };
}
