/**
 * The one XML reader for feeds: a small namespace-aware XML tree built with sax (the
 * streaming parser under rss-parser's xml2js) in strict mode. Each element knows its
 * namespace URI, local name, attributes, text, its mixed content in document order (markup
 * inside a title or description is kept, not split off as xml2js does), and its effective
 * `xml:base` (W3C XML Base, resolved down the tree), which an object mapping loses.
 *
 * Prefixes a feed uses without declaring them (`media:`, `dc:` are often undeclared) fall
 * back to the well-known namespace for that prefix instead of failing the document.
 */
import { setImmediate } from 'node:timers/promises';
import sax from 'sax';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  pheedo: 'http://www.pheedo.com/namespace/pheedo',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** Namespaces of the prefixes feeds often use without declaring them. */
export const WELL_KNOWN_PREFIXES: Record<string, string> = {
  atom: NS.atom, rdf: NS.rdf, dc: NS.dc, dcterms: NS.dcterms, content: NS.content, media: NS.media,
  itunes: NS.itunes, feedburner: NS.feedburner, pheedo: NS.pheedo, xhtml: NS.xhtml,
};

/** Namespaces some RSS 2.0 feeds declare as their default (UserLand's and Harvard's RSS 2.0
 * namespace URIs); RSS 2.0 itself has none, so they are read as no namespace. */
export const RSS2_NAMESPACES = new Set(['http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss', 'http://backend.userland.com/rss']);

/** One element. `text` is the concatenated text and CDATA of its direct children. */
export interface XmlNode {
  /** The qualified name as written (`dc:creator`). */
  name: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Local name (`creator`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  /** Text runs and child elements in document order (mixed content, e.g. Atom xhtml). */
  parts: (string | XmlNode)[];
  /** Effective xml:base (absolute when it could be resolved), or null when none is in scope. */
  base: string | null;
  parent: XmlNode | null;
}

/** Thrown by `parseXml` with sax's message (line and column included). */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** The effective xml:base of an element: its `xml:base` value resolved against the parent's
 * base (W3C XML Base); the parent's base when the value does not resolve. */
export function resolveBase(value: string, parentBase: string | null): string {
  try {
    return new URL(value, parentBase ?? undefined).toString();
  } catch {
    return parentBase ?? value;
  }
}


/**
 * Characters of a document given to sax at a time; `parseXmlSliced` yields to the event loop
 * between slices. sax reads a document written in pieces as it reads it whole (a tag, an entity
 * or a CDATA section may span two slices). 64 Ki characters take ~5-15 ms to parse (issue 17,
 * round 7: a 500-item feed held the worker's event loop 0.2-0.5 s in one `write`).
 */
export const XML_SLICE_CHARS = 65_536;

/** The steps of `parseXml`: one sax write per slice of `XML_SLICE_CHARS`, then the tree. */
function* xmlSteps(text: string, rootBase: string | null): Generator<void, XmlNode> {
  const parser = sax.parser(true, { xmlns: false, position: true, trim: false, normalize: false });
  const nsStack: Record<string, string>[] = [{ xml: 'http://www.w3.org/XML/1998/namespace' }];
  let root: XmlNode | null = null;
  let cur: XmlNode | null = null;
  let error: Error | null = null;

  parser.onerror = (e) => {
    error = error ?? e;
    throw e;
  };
  parser.onopentag = (tag) => {
    const attrs: Record<string, string> = {};
    const scope: Record<string, string> = { ...nsStack[nsStack.length - 1] };
    for (const [k, v] of Object.entries(tag.attributes)) {
      const value = typeof v === 'string' ? v : v.value;
      attrs[k] = value;
      if (k === 'xmlns') scope[''] = value;
      else if (k.startsWith('xmlns:')) scope[k.slice(6)] = value;
    }
    nsStack.push(scope);
    const colon = tag.name.indexOf(':');
    const prefix = colon > 0 ? tag.name.slice(0, colon) : '';
    const local = colon > 0 ? tag.name.slice(colon + 1) : tag.name;
    const declared = scope[prefix] ?? WELL_KNOWN_PREFIXES[prefix.toLowerCase()] ?? prefix;
    const uri = RSS2_NAMESPACES.has(declared) ? '' : declared;
    const parentBase = cur ? cur.base : rootBase;
    const node: XmlNode = {
      name: tag.name, uri, local, attrs, children: [], text: '', parts: [],
      base: attrs['xml:base'] !== undefined ? resolveBase(attrs['xml:base'], parentBase) : parentBase,
      parent: cur,
    };
    if (cur) {
      cur.children.push(node);
      cur.parts.push(node);
    }
    else if (!root) root = node;
    cur = node;
  };
  parser.onclosetag = () => {
    nsStack.pop();
    cur = cur?.parent ?? null;
  };
  const addText = (t: string) => {
    if (!cur) return;
    cur.text += t;
    cur.parts.push(t);
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  const fail = (e: unknown) => new XmlSyntaxError(((error ?? e) as Error).message.replace(/\s+/g, ' ').trim());
  for (let at = 0; at < text.length; at += XML_SLICE_CHARS) {
    if (at > 0) yield; // a document of one slice is parsed without yielding
    try {
      parser.write(at === 0 && text.length <= XML_SLICE_CHARS ? text : text.slice(at, at + XML_SLICE_CHARS));
    } catch (e) {
      throw fail(e);
    }
  }
  try {
    parser.close();
  } catch (e) {
    throw fail(e);
  }
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

/**
 * Parses an XML document to a tree.
 * @param text decoded document text
 * @param rootBase the base URL of the document (the feed's URL), or null
 * @throws XmlSyntaxError on malformed XML (sax strict mode; HTML named entities are accepted)
 */
export function parseXml(text: string, rootBase: string | null): XmlNode {
  const steps = xmlSteps(text, rootBase);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `parseXml` that yields to the event loop (setImmediate) after each slice of `XML_SLICE_CHARS`,
 * so other jobs' callbacks, lock renewals and heartbeats run while a large feed parses.
 * Same result and errors as `parseXml`.
 * @throws XmlSyntaxError on malformed XML
 */
export async function parseXmlSliced(text: string, rootBase: string | null): Promise<XmlNode> {
  const steps = xmlSteps(text, rootBase);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await setImmediate();
  }
}

/** Moves every element in namespace `from` to namespace `to` (an Atom document that forgot
 * its xmlns is read as Atom). */
export function renameNamespace(node: XmlNode, from: string, to: string): void {
  if (node.uri === from) node.uri = to;
  for (const c of node.children) renameNamespace(c, from, to);
}

/** Direct children with a given namespace URI (or any of several) and local name. */
export function childrenOf(node: XmlNode, uris: string | readonly string[], local: string): XmlNode[] {
  const set = typeof uris === 'string' ? [uris] : uris;
  return node.children.filter((c) => c.local === local && set.includes(c.uri));
}

/** The first such child, or undefined. */
export function childOf(node: XmlNode, uris: string | readonly string[], local: string): XmlNode | undefined {
  return childrenOf(node, uris, local)[0];
}

/** Serializes an element's content back to markup, in document order (Atom `type="xhtml"`);
 * `rawText` joins text runs as they are (they are HTML source already). */
export function innerXml(node: XmlNode, rawText = false): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return node.parts
    .map((p) => {
      if (typeof p === 'string') return rawText ? p : esc(p);
      const attrs = Object.entries(p.attrs).map(([k, v]) => ` ${k}="${esc(v).replace(/"/g, '&quot;')}"`).join('');
      return `<${p.local}${attrs}>${innerXml(p, rawText)}</${p.local}>`;
    })
    .join('');
}

/**
 * An element's content as markup: its serialized children in document order when it has
 * child elements (raw markup inside an RSS `<title>` or `<description>`, Atom xhtml), else its
 * text. Callers treat the result as HTML.
 */
export function markupOf(node: XmlNode | undefined): string | null {
  if (!node) return null;
  // In xhtml content text is text (escaped when serialized); elsewhere an element's text is
  // HTML source (RSS escapes its HTML), so raw markup beside it joins it unescaped.
  const xhtml = node.attrs.type?.toLowerCase() === 'xhtml' || node.attrs.mode === 'xml';
  const t = (node.children.length ? innerXml(node, !xhtml) : node.text).trim();
  return t || null;
}

/**
 * Repairs unbalanced tags the way a lenient reader (gofeed over Go's non-strict
 * encoding/xml) recovers: an end tag naming an element further up closes the elements
 * opened since; an end tag naming no open element closes the innermost one (a misspelt
 * `</titel>`) unless that element is closed properly next, and then it is a stray and is
 * dropped (`</content>` with no `<content>` open). A document cut short (elements still open at its end) is returned unchanged:
 * its last item would be partial. CDATA, comments, PIs and the doctype pass through untouched.
 * @param text decoded XML text
 * @returns the text with end tags that balance (unchanged when they already did)
 */
export function balanceTags(text: string): string {
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(\/)?>/g;
  const out: string[] = [];
  const stack: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const [tok, close, open, selfClosing] = m;
    if (open && !selfClosing) stack.push(open);
    if (!close) continue;
    const at = stack.lastIndexOf(close);
    // A stray end tag (no such element open) where the innermost element is closed properly
    // next (`<entry>…</content></entry>`), or after the root: dropped.
    if (at < 0 && (!stack.length || nextOpenEndTag(text, m.index + tok.length, stack) === stack[stack.length - 1])) {
      out.push(text.slice(last, m.index));
      last = m.index + tok.length;
      continue;
    }
    const depth = at < 0 ? stack.length - 1 : at;
    out.push(text.slice(last, m.index));
    for (let k = stack.length - 1; k >= depth; k--) out.push(`</${stack[k]}>`);
    stack.length = depth;
    last = m.index + tok.length;
  }
  // A document cut short (elements still open at the end) is not repaired: its last item is partial.
  if (stack.length) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** The name of the next end tag after `from` that names an element in `stack`, or null. */
function nextOpenEndTag(text: string, from: number, stack: string[]): string | null {
  const re = /<\/([A-Za-z_][\w.:-]*)\s*>/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) if (stack.includes(m[1])) return m[1];
  return null;
}
