/**
 * The feed stage's entry: fetched bytes in, a ParsedFeed out. The fetch-feed job and the
 * `feed` CLI command both call `readFeed`, so an operator sees what the job sees.
 */
import { gunzipSync } from 'node:zlib';
import { IngestError } from '../errors.js';
import { decodeBody } from '../http/charset.js';
import type { ParsedFeed } from '../types.js';
import { parseFeed, type ParseFeedOptions } from './parse.js';

export { parseFeed, htmlToPlain, type ParseFeedOptions } from './parse.js';
export { parseFeedDate } from './dates.js';

/** Largest body a gzip-magic feed may inflate to: 50 MB (ten times http.maxBytes' default). */
const MAX_INFLATED_BYTES = 50_000_000;

/**
 * Decodes and parses a fetched feed.
 * 1. A body that starts with the gzip magic bytes 1F 8B is inflated even without a
 *    Content-Encoding header (servers that gzip files on disk: rss-parser#280,
 *    node-feedparser compressed.xml).
 * 2. Bytes to text with `decodeBody(body, contentType, 'xml')` (BOM > header charset >
 *    XML declaration > UTF-8).
 * 3. Format sniffed from the content (RSS/RDF/Atom vs JSON Feed vs anything else) and parsed.
 * @param bytes the body as received (after any Content-Encoding was undone)
 * @param contentType the response's Content-Type header, or null (a file)
 * @throws IngestError `not-a-feed` (HTML page, other document) or `invalid-feed`
 */
export async function readFeed(bytes: Buffer, contentType: string | null, opts: ParseFeedOptions): Promise<ParsedFeed> {
  let body = bytes;
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch (err) {
      throw new IngestError('invalid-feed', `${opts.url}: gzip body does not inflate: ${(err as Error).message}`, { cause: err });
    }
  }
  const { text } = decodeBody(body, contentType, 'xml');
  return parseFeed(text, opts);
}
