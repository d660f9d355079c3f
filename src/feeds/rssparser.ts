/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom read with rss-parser's `parseString` (the design's
 * required feed parser; DESIGN.md: "Fetch the bytes yourself, decode them, and call
 * parseString"), mapped onto the same raw shape (`RawFeed`) as the other adapters.
 *
 * rss-parser parses the XML (xml2js over sax), recognises the format (RSS 2.0 / 0.9x / 1.0,
 * Atom; `defaultRSS: 2` for an `<rss>` without a version) and finds the channel and the items.
 * Every field is then read from the raw xml2js elements it copies through `customFields` with
 * `keepArray: true` (documented rss-parser option), with the same rules as the sax adapter in
 * formats.ts, because its own mapped fields differ from them:
 * - every Atom `link` with its attributes, so rel="alternate" is chosen here (rss-parser takes
 *   link[0] when no alternate is marked: node-feedparser#244);
 * - `guid` with `isPermaLink`, `feedburner:origLink`, `atom:link` inside RSS items;
 * - raw date strings (`pubDate`, `dc:date`, `published`, `updated`, ...) so dates go through
 *   parseFeedDate, never rss-parser's `isoDate` (`new Date()` in the process zone);
 * - every enclosure and `media:content` (rss-parser keeps the first `enclosure` only);
 * - `dc:creator`, RSS `author`, Atom `author/name`.
 *
 * xml2js keys elements by their written prefix (`atom10:link`), not their namespace, and
 * drops `xml:base`. A scan of the document's tags first finds the prefixes bound to each
 * namespace we read (so FeedBurner's `atom10:` is Atom and a `media:` bound to another URI
 * is not media RSS, as in the sax adapter) and the root's `xml:base`; bases below the root
 * are read from the raw elements' `$` attributes (W3C XML Base, resolved down the tree).
 *
 * `readWithRssParser` returns `{ fallback: reason }` for the documents this mapping cannot
 * read the way the sax adapter does; parse.ts then reads them with sax (docs/feeds.md,
 * "How rss-parser is used and where we fall back"). Reasons:
 * - `atom-xhtml`: an entry title or summary (or content read as the summary) of
 *   `type="xhtml"`, whose mixed content xml2js groups by element name;
 * - `namespaces`: one prefix bound to two URIs, a foreign default namespace declared on an
 *   element we read, or an undeclared well-known prefix in another case (`DC:creator`);
 * - `item-count`: rss-parser found fewer or more items than the document's `<item>`/`<entry>`
 *   tags (items beside the channel, prefixed items, nested items);
 * - `rss-parser-shape`: parseString threw a TypeError (an `<rss>` without a `<channel>`);
 * - `rss-parser-date`: parseString threw a RangeError (an Atom date `new Date()` cannot read);
 * - `rss-parser-rejected`: "Feed not recognized";
 * - `xml-error`: the XML does not parse (parse.ts retries once on the repaired text first).
 */
import { decodeHTML } from 'entities';
import Parser from 'rss-parser';
import type { RawFeed, RawItem } from './formats.js';
import { NS, RSS2_NAMESPACES, WELL_KNOWN_PREFIXES, resolveBase } from './xml.js';

type XFormat = Exclude<RawFeed['format'], 'json'>;
/** An xml2js element as rss-parser passes it on: a string, or `{ _: text, $: attrs, child: [...] }`. */
type XVal = unknown;
type XObj = Record<string, unknown>;
/** Namespace URIs ('' = none) and a local name: the elements one lookup reads. */
type Group = readonly string[];

/** The result: the mapped feed, or why the sax adapter must read this document. */
export type RssParserResult = { raw: RawFeed } | { fallback: string };

const RSSNS: Group = ['', NS.rss1, NS.rss090];
const ATOM: Group = [NS.atom, NS.atom03];
const DC: Group = [NS.dc];
const DCT: Group = [NS.dcterms];
const DCX: Group = [NS.dc, NS.dcterms];
const MEDIA: Group = [NS.media];
const FB: Group = [NS.feedburner];

/** Item children read raw (customFields `[key, 'x:' + key, {keepArray: true}]`), per format. */
const ITEM_FIELDS: [Group, string][] = [
  [RSSNS, 'guid'], [RSSNS, 'link'], [RSSNS, 'title'], [RSSNS, 'pubDate'], [RSSNS, 'description'], [RSSNS, 'author'],
  [RSSNS, 'enclosure'], [FB, 'origLink'], [DC, 'title'], [MEDIA, 'title'], [DCX, 'date'], [DCT, 'issued'],
  [DCT, 'modified'], [[NS.content], 'encoded'], [DCX, 'creator'], [MEDIA, 'content'], [MEDIA, 'group'],
  ...['link', 'title', 'id', 'published', 'updated', 'issued', 'created', 'modified', 'summary', 'content', 'author'].map((l): [Group, string] => [ATOM, l]),
];
/** Channel (RSS/RDF) or root (Atom) children read raw. */
const FEED_FIELDS: [Group, string][] = [[RSSNS, 'title'], [RSSNS, 'link'], [RSSNS, 'language'], [DC, 'title'], [DC, 'language'], [ATOM, 'title'], [ATOM, 'link']];
/** Local names of every element the mapping reads or walks through. */
const READ_NAMES = new Set([...ITEM_FIELDS, ...FEED_FIELDS].map(([, l]) => l).concat(['rss', 'RDF', 'feed', 'channel', 'item', 'entry', 'name']));
/** Default namespaces under which unprefixed names are the format's own elements (as in xml.ts/formats.ts). */
const DEFAULT_NS: Record<XFormat, string[]> = { atom: [NS.atom, NS.atom03], rss: ['', ...RSS2_NAMESPACES], rdf: ['', NS.rss1, NS.rss090] };

const RAW = 'x:';

interface Scan {
  reason: string | null;
  itemTags: number;
  /** Keys (`local` or `prefix:local`) under which xml2js holds a group's elements. */
  keys: (g: Group, local: string) => string[];
  /** The root element's xml:base attribute value, or null. */
  rootXmlBase: string | null;
}

/**
 * Scans the document's real tags (CDATA and comments removed): namespace declarations, the
 * root's xml:base, `item`/`entry` tags. Sets `reason` when the rss-parser mapping cannot
 * follow the document.
 */
function scan(text: string, format: XFormat): Scan {
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const itemName = format === 'atom' ? 'entry' : 'item';
  const declared = new Map<string, string>();
  let itemTags = 0;
  let reason: string | null = null;
  let rootXmlBase: string | null = null;
  let root = true;
  const usedPrefixes = new Set<string>();
  for (const m of markup.matchAll(/<([A-Za-z_][\w.:-]*)([^<>]*)>/g)) {
    const [, name, rest] = m;
    const local = name.replace(/^.*:/, '');
    if (local === itemName) itemTags++;
    const prefix = local === name ? '' : name.slice(0, name.length - local.length - 1);
    // xml.ts reads an undeclared `DC:` or `Media:` as the well-known namespace; xml2js keys are case-sensitive.
    if (prefix && prefix !== prefix.toLowerCase() && WELL_KNOWN_PREFIXES[prefix.toLowerCase()]) usedPrefixes.add(prefix);
    if (rest.includes('=')) {
      if (root) rootXmlBase = /\sxml:base\s*=\s*(["'])(.*?)\1/.exec(rest)?.[2] ?? null;
      for (const d of rest.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g)) {
        const [p, uri] = [d[1] ?? '', decodeHTML(d[3])];
        if (p === '') {
          if (!DEFAULT_NS[format].includes(uri) && READ_NAMES.has(local)) reason ??= 'namespaces';
        } else if (declared.has(p) && declared.get(p) !== uri) reason ??= 'namespaces';
        else declared.set(p, uri);
      }
    }
    root = false;
  }
  if ([...usedPrefixes].some((p) => !declared.has(p))) reason ??= 'namespaces';
  const prefixes = new Map<string, string[]>();
  const bind = (p: string, uri: string) => prefixes.set(uri, [...(prefixes.get(uri) ?? []), p]);
  for (const [p, uri] of declared) bind(p, RSS2_NAMESPACES.has(uri) ? '' : uri);
  for (const [p, uri] of Object.entries(WELL_KNOWN_PREFIXES)) if (!declared.has(p)) bind(p, uri);
  const own = format === 'atom' ? ATOM : RSSNS;
  const keys = (g: Group, local: string): string[] => {
    const out = g.some((u) => own.includes(u)) ? [local] : [];
    for (const u of g) for (const p of prefixes.get(u) ?? []) out.push(`${p}:${local}`);
    return out;
  };
  return { reason, itemTags, keys, rootXmlBase: rootXmlBase === null ? null : decodeHTML(rootXmlBase) };
}

function textOf(v: XVal): string | null {
  const s = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as XObj)._ === 'string' ? ((v as XObj)._ as string) : '';
  return s.trim() || null;
}

function attrsOf(v: XVal): Record<string, string> {
  return v && typeof v === 'object' && (v as XObj).$ ? ((v as XObj).$ as Record<string, string>) : {};
}

/** The base of an element: its xml:base resolved against its parent's base. */
function baseOf(attrs: Record<string, string>, parentBase: string | null): string | null {
  return attrs['xml:base'] !== undefined ? resolveBase(attrs['xml:base'], parentBase) : parentBase;
}

/** Reads one rss-parser item (or feed) object, or one xml2js element, through a Scan's keys. */
class Reader {
  constructor(private readonly s: Scan) {}

  /** The elements of a group (raw: the `x:` fields rss-parser copied through customFields). */
  all(o: XVal, g: Group, local: string, raw = true): XVal[] {
    if (!o || typeof o !== 'object') return [];
    return this.s.keys(g, local).flatMap((k) => {
      const v = (o as XObj)[raw ? RAW + k : k];
      return Array.isArray(v) ? v : [];
    });
  }

  /** Text of the first such element (formats.ts `text(childOf(...))`). */
  first(o: XVal, g: Group, local: string, raw = true): string | null {
    const v = this.all(o, g, local, raw);
    return v.length ? textOf(v[0]) : null;
  }

  /** The first non-null `first` among [group, local] pairs, in priority order. */
  firstOf(o: XVal, pairs: [Group, string][]): string | null {
    for (const [g, l] of pairs) {
      const t = this.first(o, g, l);
      if (t) return t;
    }
    return null;
  }

  /** formats.ts `atomLink`: rel="alternate" (or none) preferring an HTML type; never self/edit/replies. */
  atomLink(o: XVal, base: string | null): { href: string; base: string | null } | null {
    const links = this.all(o, ATOM, 'link').filter((l) => attrsOf(l).href?.trim());
    const rel = (l: XVal) => attrsOf(l).rel;
    const alternates = links.filter((l) => (rel(l) ?? 'alternate').trim().toLowerCase() === 'alternate');
    const pick =
      alternates.find((l) => !attrsOf(l).type || /html/i.test(attrsOf(l).type)) ??
      alternates[0] ??
      links.find((l) => !['self', 'edit', 'replies', 'enclosure', 'license', 'hub', 'next', 'previous', 'first', 'last'].includes((rel(l) ?? '').toLowerCase()));
    return pick ? { href: attrsOf(pick).href.trim(), base: baseOf(attrsOf(pick), base) } : null;
  }

  enclosures(it: XObj, base: string | null): RawItem['enclosures'] {
    const out: RawItem['enclosures'] = [];
    for (const e of this.all(it, RSSNS, 'enclosure')) {
      const a = attrsOf(e);
      if (a.url?.trim()) out.push({ url: a.url.trim(), type: a.type, length: a.length, base: baseOf(a, base) });
    }
    for (const l of this.all(it, ATOM, 'link')) {
      const a = attrsOf(l);
      if (a.rel === 'enclosure' && a.href?.trim()) out.push({ url: a.href.trim(), type: a.type, length: a.length, base: baseOf(a, base) });
    }
    const media = [
      ...this.all(it, MEDIA, 'content').map((m) => ({ m, parent: base })),
      ...this.all(it, MEDIA, 'group').flatMap((g) => this.all(g, MEDIA, 'content', false).map((m) => ({ m, parent: baseOf(attrsOf(g), base) }))),
    ];
    for (const { m, parent } of media) {
      const a = attrsOf(m);
      if (a.url?.trim()) out.push({ url: a.url.trim(), type: a.type, length: a.fileSize, base: baseOf(a, parent) });
    }
    return out;
  }

  authorNames(it: XObj, withText: boolean): string[] {
    return this.all(it, ATOM, 'author').map((a) => this.first(a, ATOM, 'name', false) ?? (withText ? textOf(a) : null) ?? '');
  }

  /** formats.ts `rssItem` over an rss-parser item. */
  rssItem(it: XObj, parentBase: string | null): RawItem {
    const base = baseOf(attrsOf({ $: it[RAW + '$'] }), parentBase);
    const guidEl = this.all(it, RSSNS, 'guid')[0];
    const guid = textOf(guidEl) ?? attrsOf({ $: it[RAW + '$'] })['rdf:about']?.trim() ?? null;
    const isPermaLink = guidEl !== undefined && (attrsOf(guidEl).isPermaLink ?? 'true').trim().toLowerCase() !== 'false';
    const origLink = this.first(it, FB, 'origLink');
    const linkEl = this.all(it, RSSNS, 'link')[0];
    const alt = this.atomLink(it, base);
    const description = this.first(it, RSSNS, 'description');
    return {
      guid,
      link: origLink ?? textOf(linkEl) ?? alt?.href ?? null,
      permalinkGuid: isPermaLink && guid ? guid : null,
      base: origLink ? base : textOf(linkEl) ? baseOf(attrsOf(linkEl), base) : alt?.base ?? base,
      title: this.firstOf(it, [[RSSNS, 'title'], [DC, 'title'], [MEDIA, 'title']]),
      titleIsHtml: true,
      published: this.firstOf(it, [[RSSNS, 'pubDate'], [DCX, 'date'], [DCT, 'issued'], [ATOM, 'published']]),
      updated: this.firstOf(it, [[DCT, 'modified'], [ATOM, 'updated']]),
      summary: description ?? this.first(it, [NS.content], 'encoded'),
      summaryIsHtml: true,
      authors: uniq([
        ...this.all(it, DCX, 'creator').map((v) => textOf(v) ?? ''),
        ...this.all(it, RSSNS, 'author').map((v) => rssAuthor(textOf(v) ?? '')),
        ...this.authorNames(it, false),
      ]),
      enclosures: this.enclosures(it, base),
    };
  }

  /** formats.ts `atomEntry` over an rss-parser item (no xhtml text: `atom-xhtml` falls back). */
  atomEntry(it: XObj, parentBase: string | null): RawItem {
    const base = baseOf(attrsOf({ $: it[RAW + '$'] }), parentBase);
    const link = this.atomLink(it, base);
    const origLink = this.first(it, FB, 'origLink');
    const titleEl = this.all(it, ATOM, 'title')[0];
    const summaryEl = this.all(it, ATOM, 'summary')[0] ?? this.all(it, ATOM, 'content')[0]; // never xhtml here
    return {
      guid: this.first(it, ATOM, 'id'),
      link: origLink ?? link?.href ?? null,
      permalinkGuid: null,
      base: origLink ? base : link?.base ?? base,
      title: textOf(titleEl),
      titleIsHtml: atomTextIsHtml(titleEl),
      published: this.firstOf(it, [[ATOM, 'published'], [ATOM, 'issued'], [ATOM, 'created'], [DCX, 'date']]),
      updated: this.firstOf(it, [[ATOM, 'updated'], [ATOM, 'modified']]),
      summary: textOf(summaryEl),
      summaryIsHtml: atomTextIsHtml(summaryEl),
      authors: uniq([...this.authorNames(it, true), ...this.all(it, DCX, 'creator').map((v) => textOf(v) ?? '')]),
      enclosures: this.enclosures(it, base),
    };
  }
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/** RSS `<author>` is an e-mail address, often "jo@example.org (Jo Smith)": keep the name. */
function rssAuthor(s: string): string {
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(s);
  return (m ? m[1] : s).trim();
}

function atomTextIsHtml(v: XVal | undefined): boolean {
  const a = attrsOf(v);
  const type = a.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html' || a.mode === 'escaped';
}

/** Maps what parseString threw to a fallback reason (module comment). */
function errorReason(err: unknown): string {
  if (err instanceof RangeError) return 'rss-parser-date';
  if (err instanceof TypeError) return 'rss-parser-shape';
  if (err instanceof Error && /Feed not recognized/.test(err.message)) return 'rss-parser-rejected';
  return 'xml-error';
}

/**
 * Reads an RSS, RDF or Atom document with rss-parser's `parseString`.
 * @param text the XML (junk before the first `<` already dropped)
 * @param format the format the root element names (parse.ts sniffs it)
 * @param url the feed URL: the base of relative links under any xml:base
 * @returns `{ raw }`, or `{ fallback: reason }` when the sax adapter must read the document
 *   (reasons in the module comment); never throws for a document's content
 */
export async function readWithRssParser(text: string, format: XFormat, url: string): Promise<RssParserResult> {
  const s = scan(text, format);
  if (s.reason) return { fallback: s.reason };
  const field = (k: string) => [k, RAW + k, { keepArray: true }];
  const keys = (fields: [Group, string][]) => ['$', ...new Set(fields.flatMap(([g, l]) => s.keys(g, l)))].map(field);
  // An <rss> root without a version is read as RSS 2.0 (rss-parser's documented defaultRSS).
  // Cast: rss-parser's typings omit the `[from, to, {keepArray}]` form for feed fields, which
  // its copyFromXML accepts.
  const options = { defaultRSS: 2, customFields: { feed: keys(FEED_FIELDS), item: keys(ITEM_FIELDS) } } as unknown as Parser.ParserOptions<XObj, XObj>;
  let out: XObj & { items: XObj[] };
  try {
    out = (await new Parser(options).parseString(text)) as unknown as XObj & { items: XObj[] };
  } catch (err) {
    return { fallback: errorReason(err) };
  }
  if (out.items.length !== s.itemTags) return { fallback: 'item-count' };
  const r = new Reader(s);
  // formats.ts serializes an entry's xhtml title or summary in document order; xml2js has
  // grouped its children by name, so those documents go to the sax adapter.
  const xhtml = (v: XVal) => attrsOf(v).type?.toLowerCase() === 'xhtml';
  const summaryEl = (it: XObj) => r.all(it, ATOM, 'summary')[0] ?? r.all(it, ATOM, 'content')[0];
  if (format === 'atom' && out.items.some((it) => xhtml(r.all(it, ATOM, 'title')[0]) || xhtml(summaryEl(it)))) return { fallback: 'atom-xhtml' };
  const rootBase = s.rootXmlBase === null ? url : resolveBase(s.rootXmlBase, url);
  // Atom: `out`'s raw fields are the root's; RSS/RDF: the channel's (rss-parser copies them).
  const feedBase = format === 'atom' ? rootBase : baseOf(attrsOf({ $: out[RAW + '$'] }), rootBase);
  if (format === 'atom') {
    const titleEl = r.all(out, ATOM, 'title')[0];
    const link = r.atomLink(out, feedBase);
    return {
      raw: {
        format,
        title: textOf(titleEl),
        titleIsHtml: atomTextIsHtml(titleEl),
        link: link?.href ?? null,
        linkBase: link?.base ?? feedBase,
        language: attrsOf({ $: out[RAW + '$'] })['xml:lang']?.trim() || null,
        items: out.items.map((it) => r.atomEntry(it, feedBase)),
      },
    };
  }
  const linkEl = r.all(out, RSSNS, 'link')[0];
  // RSS 2.0 items sit in the channel; RSS 1.0 items beside it, under the root.
  const itemBase = format === 'rdf' ? rootBase : feedBase;
  return {
    raw: {
      format,
      title: r.firstOf(out, [[RSSNS, 'title'], [DC, 'title']]),
      titleIsHtml: true,
      link: textOf(linkEl) ?? r.atomLink(out, feedBase)?.href ?? null,
      linkBase: linkEl ? baseOf(attrsOf(linkEl), feedBase) : feedBase,
      language: r.firstOf(out, [[RSSNS, 'language'], [DC, 'language']]),
      items: out.items.map((it) => r.rssItem(it, itemBase)),
    },
  };
}
