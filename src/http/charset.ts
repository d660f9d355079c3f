/**
 * Decoding of fetched bytes to text. Precedence where sources disagree, as browsers do
 * (WHATWG Encoding / HTML "determining the character encoding"): BOM, then the HTTP
 * Content-Type charset, then the document's own declaration (XML declaration for feeds,
 * `<meta charset>` / `http-equiv` in the first 1024 bytes for HTML), then UTF-8.
 * Legacy charsets (windows-1251, koi8-r, ...) are decoded with iconv-lite.
 */
import iconv from 'iconv-lite';

/** The decoded text and the charset that was used (lower-case label). */
export interface Decoded {
  text: string;
  charset: string;
}

function bomCharset(buf: Buffer): { charset: string; skip: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1].toLowerCase() : null;
}

function declaredCharset(head: string, kind: 'html' | 'xml'): string | null {
  if (kind === 'xml') {
    const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
    if (m) return m[1].toLowerCase();
  }
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1].toLowerCase() : null;
}

function usable(label: string | null): string | null {
  if (!label) return null;
  // HTML spec: a page that declares latin-1 / us-ascii is decoded as windows-1252.
  const l = label === 'iso-8859-1' || label === 'latin1' || label === 'us-ascii' || label === 'ascii' ? 'windows-1252' : label;
  return iconv.encodingExists(l) ? l : null;
}

/**
 * Decodes a fetched body.
 * @param body raw bytes as received (after content decompression)
 * @param contentType the HTTP Content-Type header, or null
 * @param kind `xml` for feeds (reads the XML declaration), `html` for pages
 */
export function decodeBody(body: Buffer, contentType: string | null, kind: 'html' | 'xml'): Decoded {
  const bom = bomCharset(body);
  if (bom) return { text: iconv.decode(body.subarray(bom.skip), bom.charset), charset: bom.charset };
  const head = body.subarray(0, 2048).toString('latin1');
  let charset = usable(charsetFromContentType(contentType)) ?? usable(declaredCharset(head, kind)) ?? 'utf-8';
  // A page that declares a legacy charset but is valid UTF-8 with non-ASCII bytes is UTF-8.
  if (charset === 'windows-1252' && isValidUtf8WithMultibyte(body)) charset = 'utf-8';
  return { text: iconv.decode(body, charset), charset };
}

function isValidUtf8WithMultibyte(buf: Buffer): boolean {
  let multi = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    let n = 0;
    if ((b & 0xe0) === 0xc0) n = 1;
    else if ((b & 0xf0) === 0xe0) n = 2;
    else if ((b & 0xf8) === 0xf0) n = 3;
    else return false;
    for (let j = 1; j <= n; j++) if (i + j >= buf.length || (buf[i + j] & 0xc0) !== 0x80) return false;
    i += n;
    multi = true;
  }
  return multi;
}
