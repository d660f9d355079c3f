/**
 * Content-type checks and body sniffing: is this a feed, an HTML page, or something else?
 * Servers often send feeds as text/html or text/plain and pages as octet-stream, so the
 * declared type alone does not decide (in the spirit of WHATWG MIME Sniffing §7, and of feed
 * readers that look at the root element: Miniflux's parser detects the format by content).
 */

/** What the first bytes of a body look like. */
export type BodyKind = 'rss' | 'atom' | 'rdf' | 'json' | 'html' | 'xml' | 'binary' | 'text' | 'empty';

/** Declared media types that are a feed (RSS, Atom, RDF, JSON Feed, generic XML/JSON). */
const FEED_TYPES = /^(application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json|xml|x-rss\+xml)|text\/(xml|rss\+xml|atom\+xml))\b/i;
/** Declared media types that are an HTML page. */
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
/** Declared types too generic to believe either way: sniff. */
const GENERIC_TYPES = /^(text\/plain|application\/octet-stream|binary\/octet-stream)\b/i;
/** Declared types that are certainly neither (rejected at the headers, before the body). */
const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(pdf|zip|gzip|x-gzip|msword|vnd\.|x-tar|x-7z|octet-stream-binary)/i;

/** True when the Content-Type is a feed type. */
export function isFeedType(contentType: string | null): boolean {
  return !!contentType && FEED_TYPES.test(contentType.trim());
}

/** True when the Content-Type is an HTML type. */
export function isHtmlType(contentType: string | null): boolean {
  return !!contentType && HTML_TYPES.test(contentType.trim());
}

/** True when the Content-Type says the body is binary (image, PDF, archive, ...). */
export function isBinaryType(contentType: string | null): boolean {
  return !!contentType && BINARY_TYPES.test(contentType.trim());
}

/** True when the Content-Type is missing or generic. */
export function isGenericType(contentType: string | null): boolean {
  return !contentType || !contentType.trim() || GENERIC_TYPES.test(contentType.trim());
}

/**
 * Share of a body's head that may be control characters (NUL and the other C0 controls but
 * tab, LF, FF, CR, ESC) before it counts as binary: 1/32. Binary formats are full of them (a
 * JPEG or ZIP header has dozens in its first KiB); a page or feed with a stray NUL from a
 * broken CMS template is still text (the HTML parser reads NUL as a parse error, not as the end
 * of the document, WHATWG HTML §13.2.5.1; the record builder drops it). WHATWG MIME Sniffing's
 * rule (any "binary data byte" means binary) is meant for bodies with no declared type at all.
 */
export const MAX_CONTROL_SHARE = 1 / 32;

/** True when control characters make up more than MAX_CONTROL_SHARE of `head` (see there). */
export function isMostlyControl(head: string): boolean {
  const controls = head.match(/[\x00-\x08\x0B\x0E-\x1A\x1C-\x1F]/g)?.length ?? 0;
  return controls > head.length * MAX_CONTROL_SHARE;
}

/** The first `n` bytes as text: UTF-16 (by BOM or the `<\0` pattern) or latin1 (byte = char). */
function headText(body: Buffer, n: number): string {
  const b = body.subarray(0, n);
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00))) return b.toString('utf16le');
  if (b.length >= 2 && ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c))) {
    const sw = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
    return sw.swap16().toString('utf16le');
  }
  return b.toString('latin1');
}

/**
 * Classifies a body by its first 4 KiB: binary magic numbers (PDF, PNG, GIF, JPEG, WebP,
 * ZIP, gzip), then the root element after the XML declaration, comments, doctype and
 * processing instructions (`rss`, `feed`, `rdf:RDF`, `html`), `{`/`[` for JSON, `<!doctype
 * html` and the HTML tags WHATWG MIME Sniffing §7.1 lists for HTML.
 */
export function sniffBody(body: Buffer): BodyKind {
  if (body.length === 0) return 'empty';
  const magic = body.subarray(0, 16).toString('latin1');
  if (/^(%PDF-|\x89PNG|GIF8|\xFF\xD8\xFF|RIFF....WEBP|PK\x03\x04|\x1F\x8B)/.test(magic)) return 'binary';
  let s = headText(body, 4096).replace(/^\uFEFF|^\u00EF\u00BB\u00BF|^\u00FE\u00FF|^\u00FF\u00FE/, '');
  s = s.replace(/^\s+/, '');
  if (s.length === 0) return 'empty';
  if (s[0] === '{' || s[0] === '[') return 'json';
  // Skip the prolog: XML declaration, processing instructions, comments, doctype.
  for (;;) {
    const before = s;
    s = s.replace(/^<\?[\s\S]*?\?>\s*/, '').replace(/^<!--[\s\S]*?-->\s*/, '');
    if (/^<!doctype\s+html\b/i.test(s)) return 'html';
    s = s.replace(/^<!doctype[^>[]*(\[[\s\S]*?\])?\s*>\s*/i, '');
    if (s === before) break;
  }
  const root = /^<([A-Za-z][\w.-]*(?::[\w.-]+)?)/.exec(s);
  if (root) {
    const name = root[1].toLowerCase();
    if (name === 'rss') return 'rss';
    if (name === 'feed') return 'atom';
    if (name === 'rdf:rdf' || name.endsWith(':rdf') || name === 'rdf') return 'rdf';
    if (/^(html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)$/.test(name)) return 'html';
    return 'xml';
  }
  // Control bytes other than whitespace in more than a stray place mean binary.
  if (isMostlyControl(s.slice(0, 512))) return 'binary';
  return 'text';
}

/** True when a sniffed kind can be a feed (the parser decides the rest). */
export function isFeedKind(kind: BodyKind): boolean {
  return kind === 'rss' || kind === 'atom' || kind === 'rdf' || kind === 'json' || kind === 'xml';
}
