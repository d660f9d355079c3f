/**
 * Decoding of fetched bytes to text, with iconv-lite (Node alone garbles windows-1251,
 * koi8-r and friends). Where the sources disagree, browsers' order (WHATWG Encoding §4 and
 * HTML "determining the character encoding" §13.2.3.2) with one deliberate addition:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything;
 * 2. the HTTP Content-Type `charset` parameter;
 * 3. the document's own declaration: the XML declaration for feeds (XML 1.0 §4.3.3, with the
 *    UTF-16 `<\0?\0` pattern of XML Appendix F when there is no BOM); `<meta charset>` or
 *    `<meta http-equiv="Content-Type" content="...; charset=...">` for HTML, searched in the
 *    head (first 8 KiB, comments skipped; browsers stop at 1024 bytes but real pages put
 *    long scripts before the meta tag);
 * 4. UTF-8; bytes that are not UTF-8 then get a guessed legacy charset (`sniffLegacy`:
 *    Cyrillic, Latin, East Asian double-byte; charset-sniff.ts).
 * Only labels of the WHATWG Encoding Standard count (`normalizeCharset`); any other label
 * (`utf-7`, whose decoding lets `+ADw-script+AD4-` become `<script>`) is ignored like a
 * missing one.
 * The addition: a declared legacy charset (from 2 or 3) loses to UTF-8 when the bytes are
 * valid UTF-8 containing multi-byte sequences. Text really in windows-1251 / latin-1 is
 * almost never valid UTF-8 (a lead byte 0xC0-0xF4 must be followed by 0x80-0xBF bytes),
 * while "UTF-8 page that declares latin-1" is a common misconfiguration; this is what keeps
 * it from mojibake. A UTF-16 declaration on ASCII-compatible bytes means UTF-8 (HTML §13.2.3.2).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { cyrillicOrArabic, latinVariant, sniffDoubleByte } from './charset-sniff.js';

/** Where the charset came from. */
export type CharsetSource = 'bom' | 'header' | 'declaration' | 'utf8-bytes' | 'sniffed' | 'default';

/** The decoded text (BOM removed), the charset used (lower-case label) and its source. */
export interface Decoded {
  text: string;
  charset: string;
  source: CharsetSource;
}

/**
 * The WHATWG encoding name of a label (Encoding Standard §4.2, "get an encoding"), or null for
 * a label the standard does not have (`utf-7`, `binary`, `utf-32`, ...: a browser ignores
 * those, and so do we, falling through to the next source). The label table is Node's own
 * implementation of the standard, `TextDecoder` (needs Node's ICU, present in the official
 * builds and Debian's nodejs): `latin1` and `us-ascii` give `windows-1252`, `gb2312` gives
 * `gbk`, `x-cp1251` gives `windows-1251`. The `replacement` encoding (`iso-2022-kr`, ...)
 * counts as unknown.
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '');
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** iconv-lite's names for the WHATWG names it spells differently. */
const ICONV_NAMES: Record<string, string> = { 'x-mac-cyrillic': 'maccyrillic', 'iso-8859-8-i': 'iso-8859-8' };

function bomCharset(buf: Buffer): { charset: string; skip: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1].toLowerCase() : null;
}

/** The charset a document declares for itself, or null. `head` is the first bytes as latin1. */
export function declaredCharset(head: string, kind: 'html' | 'xml'): string | null {
  if (kind === 'xml') {
    const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
    return m ? m[1].toLowerCase() : null;
  }
  const bodyAt = head.search(/<body[\s>]/i);
  const scope = (bodyAt >= 0 ? head.slice(0, bodyAt) : head).replace(/<!--[\s\S]*?(-->|$)/g, '');
  // `<meta charset=x>`, or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
  for (const m of scope.matchAll(/<meta\b[^>]*>/gi)) {
    const c = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    if (c) return c[1].toLowerCase();
  }
  return null;
}

/** UTF-16 XML without a BOM, by its first bytes `<\0?\0` / `\0<\0?` (XML 1.0 Appendix F). */
function utf16WithoutBom(buf: Buffer): string | null {
  if (buf.length < 4) return null;
  if (buf[0] === 0x3c && buf[1] === 0x00 && buf[2] === 0x3f && buf[3] === 0x00) return 'utf-16le';
  if (buf[0] === 0x00 && buf[1] === 0x3c && buf[2] === 0x00 && buf[3] === 0x3f) return 'utf-16be';
  return null;
}

/** True when every byte sequence is valid UTF-8 and at least one is multi-byte. */
export function isValidUtf8WithMultibyte(buf: Buffer): boolean {
  let multi = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    let n: number;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return false;
    // A sequence cut by the body cap at the very end still counts as valid.
    for (let j = 1; j <= n; j++) {
      if (i + j >= buf.length) return multi || j > 1;
      if ((buf[i + j] & 0xc0) !== 0x80) return false;
    }
    i += n;
    multi = true;
  }
  return multi;
}

/**
 * Decodes a fetched body (see the module comment for the order of precedence).
 * @param body raw bytes as received (after content decompression)
 * @param contentType the HTTP Content-Type header, or null
 * @param kind `xml` for feeds (reads the XML declaration), `html` for pages (reads `<meta>`)
 * @returns the text without a BOM; never throws (unknown labels fall through to the next source)
 */
export function decodeBody(body: Buffer, contentType: string | null, kind: 'html' | 'xml'): Decoded {
  const bom = bomCharset(body);
  if (bom) return { text: decodeAs(body.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };
  if (kind === 'xml') {
    const u16 = utf16WithoutBom(body);
    if (u16) return { text: iconv.decode(body, u16, { stripBOM: false }), charset: u16, source: 'declaration' };
  }
  let charset: string | null = normalizeCharset(charsetFromContentType(contentType));
  let source: CharsetSource = 'header';
  if (!charset) {
    charset = normalizeCharset(declaredCharset(body.subarray(0, 8192).toString('latin1'), kind));
    source = 'declaration';
  }
  // A UTF-16 label on bytes that were readable as ASCII cannot be right.
  if (charset && charset.startsWith('utf-16')) charset = 'utf-8';
  if (!charset) {
    charset = 'utf-8';
    source = 'default';
  }
  if (charset !== 'utf-8' && isValidUtf8WithMultibyte(body)) {
    charset = 'utf-8';
    source = 'utf8-bytes';
  }
  // windows-1252 (the label of iso-8859-1 and latin1, Apache's old default header) on bytes
  // whose words are Cyrillic, East Asian or Central European: the label was the server's or
  // the editor's default, not the text's (a Western text never passes these guesses).
  // Pure ASCII bytes decode alike in every one of these charsets and give the sniffer nothing
  // to count: skip its scans and trial decodes (round 18, ext18a).
  if (charset === 'windows-1252' && source !== 'default' && !isAscii(body)) {
    const other = sniffLegacy(body);
    if (other && other !== 'windows-1252') return { text: decodeAs(body, other), charset: other, source: 'sniffed' };
  }
  // A UTF-8 label (header or default) on bytes that are not UTF-8 (a windows-1251 page served
  // as charset=utf-8): the document's own declaration, else the bytes, say what they are.
  if (charset === 'utf-8' && source !== 'utf8-bytes' && !isUtf8(body.subarray(0, utf8SafeEnd(body)))) {
    const declared = source === 'header' ? normalizeCharset(declaredCharset(body.subarray(0, 8192).toString('latin1'), kind)) : null;
    const other = declared && declared !== 'utf-8' && !declared.startsWith('utf-16') ? declared : sniffLegacy(body);
    if (other) return { text: decodeAs(body, other), charset: other, source: declared === other ? 'declaration' : 'sniffed' };
  }
  return { text: decodeAs(body, charset), charset, source };
}

/**
 * The legacy charset of bytes that are not UTF-8 and declare none: an East Asian double-byte
 * charset when its frequent characters say so (charset-sniff.ts), else the single-byte guess,
 * with windows-1252 narrowed to the Central European charsets when their letters fit better.
 */
function sniffLegacy(body: Buffer): string | null {
  const cjk = sniffDoubleByte(body);
  if (cjk) return cjk;
  const single = sniffSingleByte(body);
  return single === 'windows-1252' ? latinVariant(body) : single;
}

/** Length of the body without a multi-byte sequence cut at its very end (by the body cap). */
function utf8SafeEnd(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    if ((buf[i] & 0xc0) === 0xc0) return i; // a lead byte: cut here
    if ((buf[i] & 0x80) === 0) return buf.length;
  }
  return buf.length;
}

/**
 * The single-byte charset of bytes that are not UTF-8, when the bytes say it clearly:
 * - Cyrillic: high bytes (0xC0-0xFF) form whole words (runs of 3+ between spaces); windows-1251
 *   when lower-case letters (0xE0-0xFF there) outnumber the rest, else KOI8-R (lower case
 *   at 0xC0-0xDF); windows-1256 instead when the words are Arabic script (charset-sniff.ts);
 * - windows-1252: high bytes scattered one or two at a time among ASCII letters (accented
 *   Latin, curly quotes beside accents), single bytes at least as often as pairs;
 * - null otherwise (CJK double-byte text: a high byte followed by an ASCII-range trail byte,
 *   or runs without spaces), and the caller keeps UTF-8 with U+FFFD.
 */
function sniffSingleByte(buf: Buffer): string | null {
  let run = 0;
  let runs = 0;
  let singles = 0;
  let pairs = 0;
  let wordRuns = 0;
  let glued = 0;
  let low = 0;
  let high = 0;
  for (let i = 0; i <= buf.length; i++) {
    const b = i < buf.length ? buf[i] : 0x20;
    if (b >= 0x80) {
      run++;
      if (b >= 0xe0) high++;
      else if (b >= 0xc0) low++;
      continue;
    }
    if (run > 0) {
      runs++;
      if (run === 1) singles++;
      else if (run === 2) pairs++;
      if (run >= 3 && run <= 24 && (b === 0x20 || b === 0x2c || b === 0x2e || b === 0x3c || b === 0x0a)) wordRuns++;
      if (b >= 0x40 && b <= 0x7e && run % 2 === 1) glued++;
    }
    run = 0;
  }
  if (!runs) return null;
  if (wordRuns >= 3 && wordRuns >= runs / 2 && glued < runs / 4) return cyrillicOrArabic(buf, high >= low ? 'windows-1251' : 'koi8-r');
  // A pair is an accented letter beside a quote mark or another accent (`l’église`).
  if (singles + pairs >= runs * 0.8 && singles >= pairs) return 'windows-1252';
  return null;
}

/**
 * Bytes to text in a WHATWG encoding. UTF-8 goes through Node's native decoder, several times
 * faster than iconv-lite's on large pages (measured in bench:extraction); the others through
 * iconv-lite, or `TextDecoder` for the few iconv-lite lacks (iso-2022-jp). Invalid sequences
 * become U+FFFD either way (WHATWG "decode").
 */
function decodeAs(body: Buffer, charset: string): string {
  if (charset === 'utf-8') return body.toString('utf8');
  const name = ICONV_NAMES[charset] ?? charset;
  if (iconv.encodingExists(name)) return iconv.decode(body, name, { stripBOM: false });
  return new TextDecoder(charset, { ignoreBOM: true }).decode(body);
}
