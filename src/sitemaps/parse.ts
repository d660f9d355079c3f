/**
 * Streaming sitemap reader (sitemaps.org protocol 0.9, Google News sitemaps, text sitemaps):
 * bytes in, entries out, never the whole document in memory. A SAX parser (`sax`, lenient
 * mode: real sitemaps carry stray bytes) turns each chunk into the entries it completes.
 *
 * - `<sitemapindex><sitemap><loc/><lastmod/></sitemap>` → `{kind: 'sitemap'}` entries;
 * - `<urlset><url><loc/><lastmod/><news:news><news:publication_date/><news:title/>` →
 *   `{kind: 'url'}` entries (element names are matched by their local part, so any prefix
 *   the publisher chose works);
 * - gzip (a `.xml.gz` served as application/gzip, without Content-Encoding) is detected by its
 *   magic bytes (RFC 1952: 1f 8b) and inflated on the fly;
 * - a body that does not start with `<` is a text sitemap: one URL per line (sitemaps.org
 *   "Text file"), with no date.
 */
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import sax from 'sax';
import { IngestError } from '../errors.js';

/**
 * Most bytes of a sitemap read after gzip is undone (sitemaps.org: "no larger than 50MB
 * (52,428,800 bytes)" uncompressed). The fetch caps the bytes it receives, but a `.xml.gz`
 * served without Content-Encoding is inflated here: 160 KB of gzip held 78 MB of XML in the
 * review15 trial (about 1:1000 is possible), read to the end without a limit.
 */
export const SITEMAP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

/** One entry of a sitemap: a page (`url`) or a child sitemap of an index (`sitemap`). */
export interface SitemapEntry {
  kind: 'url' | 'sitemap';
  /** The `<loc>` as written (trimmed); not yet validated. */
  loc: string;
  /** `<lastmod>`, epoch ms, or null when absent or not a W3C datetime. */
  lastmod: number | null;
  /** `<news:publication_date>`, epoch ms, or null. */
  publishedAt: number | null;
  /** `<news:title>`, or null. */
  title: string | null;
}

/** What the document turned out to be: `index`, `urlset`, `text`, or `unknown` (another root: not a sitemap). */
export type SitemapKind = 'index' | 'urlset' | 'text' | 'unknown';

/** W3C Datetime (the profile sitemaps use): YYYY, YYYY-MM, YYYY-MM-DD, with optional time and zone. */
const W3C = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Parses a sitemap date (W3C Datetime, sitemaps.org `lastmod`, Google News
 * `publication_date`). A date without a zone is read as UTC; a time without a zone too.
 * @returns epoch ms, or null when the text is not such a date
 */
export function parseSitemapDate(text: string | null | undefined): number | null {
  if (!text) return null;
  let t = text.trim();
  if (!W3C.test(t)) return null;
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  t = t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(t.length === 4 ? `${t}-01-01` : t);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Undoes gzip when the first bytes are gzip's magic number; passes other bytes through.
 * @throws IngestError `too-large` once the inflated bytes pass `maxBytes`
 */
async function* gunzipIfNeeded(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* rest(): AsyncGenerator<Buffer> {
    yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  const head = first.value;
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    let inflated = 0;
    for await (const c of Readable.from(rest()).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>) {
      inflated += c.length;
      if (inflated > maxBytes) throw new IngestError('too-large', `gzipped sitemap over ${maxBytes} bytes after gunzip (sitemaps.org: 50 MB uncompressed at most)`);
      yield c;
    }
  } else {
    yield* rest();
  }
}

const local = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/**
 * Reads a sitemap from a stream of bytes and yields its entries, a chunk's worth at a time.
 * @param chunks the body (gzipped or not)
 * @param onKind called once with what the document is, as soon as it is known
 * @param opts.maxBytes most bytes of a gzipped body once inflated (default SITEMAP_MAX_UNCOMPRESSED_BYTES;
 *   a body that is not gzip is held to its fetch's cap)
 * @throws Error on a corrupt gzip stream; IngestError `too-large` past `maxBytes` inflated; XML
 *   errors are tolerated (lenient parser)
 */
export async function* readSitemap(chunks: AsyncIterable<Buffer>, onKind?: (k: SitemapKind) => void, opts: { maxBytes?: number } = {}): AsyncGenerator<SitemapEntry> {
  let kind: SitemapKind | null = null;
  const setKind = (k: SitemapKind) => {
    if (kind === null) {
      kind = k;
      onKind?.(k);
    }
  };
  const out: SitemapEntry[] = [];
  let cur: { loc: string; lastmod: string; pub: string; title: string } | null = null;
  let field: 'loc' | 'lastmod' | 'pub' | 'title' | null = null;
  const parser = sax.parser(false, { lowercase: true, trim: false });
  parser.onerror = () => {
    // Lenient: clear the error and go on (sax stops at the first error otherwise).
    (parser as unknown as { error: unknown }).error = null;
    parser.resume();
  };
  parser.onopentag = (node) => {
    const n = local(node.name);
    if (kind === null) setKind(n === 'sitemapindex' ? 'index' : n === 'urlset' ? 'urlset' : 'unknown');
    if (n === 'url' || n === 'sitemap') cur = { loc: '', lastmod: '', pub: '', title: '' };
    else if (cur && n === 'loc') field = 'loc';
    else if (cur && n === 'lastmod') field = 'lastmod';
    else if (cur && n === 'publication_date') field = 'pub';
    else if (cur && n === 'title' && node.name.includes(':')) field = 'title';
  };
  const onText = (t: string) => {
    if (cur && field) cur[field] += t;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = (name) => {
    const n = local(name);
    if ((n === 'url' || n === 'sitemap') && cur) {
      const loc = cur.loc.trim();
      if (loc) out.push({ kind: n, loc, lastmod: parseSitemapDate(cur.lastmod), publishedAt: parseSitemapDate(cur.pub), title: cur.title.trim() || null });
      cur = null;
    }
    field = null;
  };

  let textTail: string | null = null;
  let sniffed = false;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of gunzipIfNeeded(chunks, opts.maxBytes ?? SITEMAP_MAX_UNCOMPRESSED_BYTES)) {
    if (!sniffed) {
      // The first non-blank byte decides: `<` is XML, anything else a text sitemap.
      const s = chunk.toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '').trimStart();
      if (s.length > 0) {
        sniffed = true;
        if (!s.startsWith('<')) {
          setKind('text');
          textTail = '';
        }
      }
    }
    if (textTail !== null) {
      const lines: string[] = (textTail + decoder.decode(chunk, { stream: true })).split(/\r?\n/);
      textTail = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) yield { kind: 'url', loc: l.trim(), lastmod: null, publishedAt: null, title: null };
      continue;
    }
    // Sitemaps are UTF-8 (sitemaps.org); a streaming decoder keeps characters split across chunks whole.
    parser.write(decoder.decode(chunk, { stream: true }));
    for (const e of out.splice(0)) yield e;
  }
  if (textTail !== null) {
    const last = textTail + decoder.decode();
    if (last.trim()) yield { kind: 'url', loc: last.trim(), lastmod: null, publishedAt: null, title: null };
    return;
  }
  parser.write(decoder.decode());
  parser.close();
  for (const e of out.splice(0)) yield e;
  if (kind === null) setKind('unknown');
}
