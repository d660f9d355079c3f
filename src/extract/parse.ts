/**
 * HTML → domhandler tree in time linear in page size and nesting depth, under a time budget.
 *
 * htmlparser2 10 keeps its open-element stack with `unshift`/`shift` (newest first), so each
 * opened element costs O(depth): a page of 300,000 nested `<div>`s costs ~4.5·10^10 steps
 * (77 s seen in production, issue 11). We parse with the same Parser and DomHandler that
 * `cheerio/slim` uses (same options, same tree), with two changes:
 * - depth bound: past `maxDepth` open elements, further non-void start tags are not opened (their
 *   text and attributes-free content goes to the deepest open element), and as many matching
 *   end tags are swallowed, so the tree keeps its shape below the bound. No real page nests
 *   anywhere near 1,000 (the deepest of the Zyte and readability-pages sets: under 100);
 * - budget: the page is fed in 1 MiB chunks and the deadline is checked between chunks.
 */
import { DomHandler, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { IngestError } from '../errors.js';
import { detachedString } from './names.js';
import { SkippingTokenizer } from './tokenizer.js';

/** Deepest nesting of elements the tree keeps (see module doc). */
export const MAX_DEPTH = 1000;

/** Characters fed to the parser between two deadline checks. */
const CHUNK = 1024 * 1024;

/** htmlparser2's Parser internals used here (stable across 8.x–10.x, not in its typings). */
interface ParserInternals {
  stack: string[];
  cbs: { onclosetag?(name: string, isImplied: boolean): void };
  startIndex: number;
  endIndex: number;
  openTagStart: number;
  tagname: string;
  attribs: Record<string, string> | null;
  lowerCaseTagNames: boolean;
  lowerCaseAttributeNames: boolean;
  attribname: string;
  isVoidElement(name: string): boolean;
  emitOpenTag(name: string): void;
  onclosetag(start: number, endIndex: number): void;
  getSlice(start: number, end: number): string;
  onopentagname(start: number, endIndex: number): void;
  onattribname(start: number, endIndex: number): void;
  buffers: string[];
  bufferOffset: number;
}

/** Inline elements a `<p>`, `<li>`, `<dd>`/`<dt>` start tag closes on its way to the open one (HTML §13.2.6.4.7). */
const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'blink', 'cite', 'code', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'u', 'var']);
/** Start tags that close an open `<p>` (htmlparser2's own list: those that imply closing `p`). */
const CLOSES_P = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul', 'center', 'dir', 'menu']);
/** Open elements looked through for the element a start tag closes: a bound keeps each tag O(1). */
const CLOSE_SCAN = 32;

/**
 * How many open elements (newest first) a start tag closes before htmlparser2's own implied
 * closing runs, as a browser's tree builder does (HTML §13.2.6.4.7): `<p>` and the blocks
 * closing it close an open `<p>` through inline elements left open inside it (`<p><font>text<p>`,
 * common in old pages: htmlparser2 alone nests each paragraph inside the previous one);
 * `<li>`, `<dd>`, `<dt>` close the open item through inline elements, `<div>` and `<p>`;
 * `<td>`, `<th>`, `<tr>` close the open cell through anything short of a nested `<table>`
 * (`<td><font>menu<td>story`: the story's cell is not nested in the menu's). 0 when nothing
 * to close is found within `CLOSE_SCAN` elements.
 */
function openElementsToClose(stack: string[], name: string): number {
  const n = Math.min(stack.length, CLOSE_SCAN);
  if (n < 2) return 0;
  // One plain loop per kind of start tag: no per-tag arrays or closures (this runs for every
  // start tag of the page; round 18, ext18a).
  // stack[0] is the newest element; htmlparser2 itself closes a target at stack[0].
  if (CLOSES_P.has(name)) {
    for (let i = 1; i < n; i++) {
      if (!INLINE.has(stack[i - 1])) return 0;
      if (stack[i] === 'p') return i;
    }
  } else if (name === 'li' || name === 'dd' || name === 'dt') {
    const item = name === 'li';
    for (let i = 1; i < n; i++) {
      const prev = stack[i - 1];
      if (!(INLINE.has(prev) || prev === 'div' || prev === 'p' || prev === 'address')) return 0;
      const el = stack[i];
      if (item ? el === 'li' : el === 'dd' || el === 'dt') return i;
    }
  } else if (name === 'td' || name === 'th' || name === 'tr') {
    const row = name === 'tr';
    for (let i = 1; i < n; i++) {
      const prev = stack[i - 1];
      if (prev === 'table' || prev === 'body' || prev === 'html') return 0;
      const el = stack[i];
      if (el === 'td' || el === 'th' || (row && el === 'tr')) return i;
    }
  }
  return 0;
}

// A subclass, not instance patches: overriding methods on the instance changes the parser's
// shape and slows htmlparser2's hot paths by about 70% (measured on the Zyte pages).
const ParserBase = Parser as unknown as new (cbs: DomHandler, opts: { xmlMode: boolean; decodeEntities: boolean; Tokenizer?: unknown }) => ParserInternals & { write(chunk: string): void; end(chunk?: string): void };

/** Longest tag or attribute name kept in `NAMES`. */
const NAME_MAX = 40;
/** Names `NAMES` holds at most (a page of generated names cannot grow it past this). */
const NAMES_MAX = 4096;
/**
 * Tag and attribute names seen so far in this thread, lower-cased, by a hash of their lower-cased
 * characters (`nameAt`). htmlparser2 slices every start tag's, end tag's and attribute's name
 * out of the page and lower-cases it: ~8 % of the garbage a page makes while its DOM is alive
 * (issue 17 round 20, cost20). A name already seen is handed out from here instead, the same
 * characters, so the tree is the same.
 */
const NAMES = new Map<number, string>();

/**
 * The lower-cased name at `s`..`e` of `buf` from `NAMES`, learning it when new; null when it
 * is not a short ASCII name or its hash is taken by another name (the caller slices then).
 */
function nameAt(buf: string, s: number, e: number): string | null {
  const n = e - s;
  if (n <= 0 || n > NAME_MAX) return null;
  let h = n;
  for (let i = s; i < e; i++) {
    let c = buf.charCodeAt(i);
    if (c > 127) return null;
    if (c >= 65 && c <= 90) c |= 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  const known = NAMES.get(h);
  if (known !== undefined) {
    if (known.length !== n) return null;
    for (let i = 0; i < n; i++) {
      let c = buf.charCodeAt(s + i);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== known.charCodeAt(i)) return null;
    }
    return known;
  }
  if (NAMES.size >= NAMES_MAX) return null;
  // A flat copy: a slice of 13+ characters would keep the whole page alive (names.ts detachedString).
  const name = detachedString(buf.slice(s, e).toLowerCase());
  NAMES.set(h, name);
  return name;
}

/** htmlparser2's Parser with the depth bound (see the module doc). */
class BoundedParser extends ParserBase {
  droppedTags = 0;
  private readonly skipped = new Map<string, number>();
  /** Set while htmlparser2 reads an end tag's name: its next `getSlice` is that name. */
  private readingName = false;

  // An end tag's name (`onclosetag` below): htmlparser2 lower-cases the name it slices (HTML
  // mode); `nameAt` hands out the lower-cased name, whose `toLowerCase()` is the same characters.
  override getSlice(start: number, end: number): string {
    if (this.readingName) {
      this.readingName = false;
      const name = this.knownName(start, end);
      if (name !== null) return name;
    }
    return super.getSlice(start, end);
  }

  // A start tag's and an attribute's name: htmlparser2's own two methods (Parser.js 10.x
  // `onopentagname`, `onattribname`) with the name from `NAMES`, skipping `toLowerCase()`,
  // which copies even a lower-case name. Any other name goes the base way.
  override onopentagname(start: number, endIndex: number): void {
    const name = this.lowerCaseTagNames ? this.knownName(start, endIndex) : null;
    if (name === null) return super.onopentagname(start, endIndex);
    this.endIndex = endIndex;
    this.emitOpenTag(name);
  }

  override onattribname(start: number, endIndex: number): void {
    const name = this.lowerCaseAttributeNames ? this.knownName(start, endIndex) : null;
    if (name === null) return super.onattribname(start, endIndex);
    this.startIndex = start;
    this.attribname = name;
  }

  /** The lower-cased name at `start`..`end` of the page from `NAMES`, or null (the base slices it). */
  private knownName(start: number, end: number): string | null {
    const s = start - this.bufferOffset;
    const buf = this.buffers[0];
    return buf !== undefined && s >= 0 && end - this.bufferOffset <= buf.length ? nameAt(buf, s, end - this.bufferOffset) : null;
  }

  constructor(handler: DomHandler, private readonly maxDepth: number) {
    super(handler, { xmlMode: false, decodeEntities: true, Tokenizer: SkippingTokenizer });
  }

  override emitOpenTag(name: string): void {
    if (this.stack.length >= this.maxDepth && !this.isVoidElement(name)) {
      // Not opened: no element, no attributes; the tokenizer's attribute and end-of-tag
      // callbacks then find `attribs` null and do nothing.
      this.openTagStart = this.startIndex;
      this.tagname = name;
      this.attribs = null;
      this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
      this.droppedTags++;
      return;
    }
    const close = openElementsToClose(this.stack, name);
    for (let i = 0; i < close; i++) this.cbs.onclosetag?.(this.stack.shift() as string, true);
    super.emitOpenTag(name);
  }

  override onclosetag(start: number, endIndex: number): void {
    if (this.skipped.size) {
      this.readingName = this.lowerCaseTagNames;
      let name = this.getSlice(start, endIndex);
      if (this.lowerCaseTagNames) name = name.toLowerCase();
      const n = this.skipped.get(name);
      if (n) {
        if (n === 1) this.skipped.delete(name);
        else this.skipped.set(name, n - 1);
        this.endIndex = endIndex;
        this.startIndex = endIndex + 1;
        return;
      }
    }
    this.readingName = this.lowerCaseTagNames;
    super.onclosetag(start, endIndex);
  }
}

/**
 * Throws `page-too-complex` when `deadline` (ms since epoch, `Date.now()` clock) has passed.
 * @param deadline null: no budget
 * @param what the stage, for the message
 */
export function checkDeadline(deadline: number | null | undefined, what: string, url: string): void {
  if (deadline != null && Date.now() > deadline) {
    throw new IngestError('page-too-complex', `extraction of ${url} ran out of its time budget during ${what}`);
  }
}

/**
 * Parses an HTML page as `cheerio/slim`'s `load(html, null, true)` does (htmlparser2, HTML mode,
 * entities decoded), with the depth bound and the time budget.
 * @param html decoded page text
 * @param opts.maxDepth depth bound (default MAX_DEPTH); opts.deadline `Date.now()` value after which parsing stops
 * @returns the document root and how many start tags the depth bound dropped
 * @throws IngestError `page-too-complex` when the deadline passes
 */
export function parseHtml(html: string, opts: { maxDepth?: number; deadline?: number | null; url?: string } = {}): { document: Document; droppedTags: number } {
  const handler = new DomHandler(undefined, { xmlMode: false });
  const parser = new BoundedParser(handler, opts.maxDepth ?? MAX_DEPTH);
  for (let i = 0; i < html.length; i += CHUNK) {
    checkDeadline(opts.deadline, 'parsing', opts.url ?? 'the page');
    parser.write(html.slice(i, i + CHUNK));
  }
  parser.end();
  return { document: handler.root, droppedTags: parser.droppedTags };
}
