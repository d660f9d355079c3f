/**
 * The feed stage's entry: fetched bytes in, a ParsedFeed out. The fetch-feed job and the
 * `feed` CLI command both call `readFeed`, so an operator sees what the job sees.
 */
import iconv from 'iconv-lite';
import { IngestError } from '../errors.js';
import { inflateUntaggedGzip, TooLargeError } from '../http/body.js';
import { decodeBody } from '../http/charset.js';
import type { ParsedFeed } from '../types.js';
import { parseFeed, type ParseFeedOptions } from './parse.js';

export { parseFeed, htmlToPlain, type ParseFeedOptions } from './parse.js';
export { parseFeedDate } from './dates.js';

/** Largest body a gzip-magic feed may inflate to: 50 MB (ten times http.maxBytes' default). */
const MAX_INFLATED_BYTES = 50_000_000;

/**
 * UTF-16/32 read from the first bytes of an XML document (XML 1.0 Appendix F): a UTF-32 BOM
 * (which a UTF-16 BOM check mistakes for UTF-16LE), or no BOM and `<` / `<?` written in 2 or
 * 4 bytes. These bytes can only be that encoding, whatever a header says.
 * @returns the iconv-lite charset and the BOM length to skip, or null for every other case
 */
export function sniffWideXml(b: Buffer): { charset: string; skip: number } | null {
  if (b.length < 4) return null;
  const [b0, b1, b2, b3] = b;
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { charset: 'utf-32le', skip: 4 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { charset: 'utf-32be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { charset: 'utf-32le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && (b3 === 0x3f || b3 === 0x72 || b3 === 0x66 || b3 === 0x21)) return { charset: 'utf-16be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && (b2 === 0x3f || b2 === 0x72 || b2 === 0x66 || b2 === 0x21) && b3 === 0x00) return { charset: 'utf-16le', skip: 0 };
  return null;
}

/**
 * Decodes and parses a fetched feed.
 * 1. A body that starts with the gzip magic bytes 1F 8B is inflated even without a
 *    Content-Encoding header (`inflateUntaggedGzip`, src/http/body.ts: the same function the
 *    fetch uses, so the worker and `news-ingest feed <file>` read the same bytes alike).
 * 2. Bytes to text: UTF-16/32 without a BOM, or with a UTF-32 BOM, by XML 1.0 Appendix F
 *    (`sniffWideXml`); else `decodeBody(body, contentType, 'xml')` (BOM > header charset >
 *    XML declaration > UTF-8).
 * 3. Format sniffed from the content (RSS/RDF/Atom vs JSON Feed vs anything else) and parsed.
 * @param bytes the body as received (after any Content-Encoding was undone)
 * @param contentType the response's Content-Type header, or null (a file)
 * @throws IngestError `not-a-feed` (HTML page, other document) or `invalid-feed`
 */
export async function readFeed(bytes: Buffer, contentType: string | null, opts: ParseFeedOptions): Promise<ParsedFeed> {
  let body: Buffer;
  try {
    body = inflateUntaggedGzip(bytes, MAX_INFLATED_BYTES);
  } catch (err) {
    if (err instanceof TooLargeError) throw new IngestError('too-large', `${opts.url}: gzip body inflates to more than ${MAX_INFLATED_BYTES} bytes`, { cause: err });
    throw new IngestError('invalid-feed', `${opts.url}: gzip body does not inflate: ${(err as Error).message}`, { cause: err });
  }
  const wide = sniffWideXml(body);
  const text = wide ? iconv.decode(body.subarray(wide.skip), wide.charset).replace(/^\uFEFF/, '') : decodeBody(body, contentType, 'xml').text;
  return parseFeed(text, opts);
}
