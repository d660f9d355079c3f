/**
 * The one raw model every feed format is mapped onto (`RawFeed`, `RawItem`), and the
 * mappings of the XML formats from the sax tree (xml.ts): RSS 0.9x/2.0, RSS 1.0 (RDF) and
 * Atom 1.0/0.3. JSON Feed has its own mapping (jsonfeed.ts). Format detection happens once
 * (`xmlFormatOf`); each format is mapped once, as Miniflux's internal/reader/{rss,rdf,atom}
 * adapters do. parse.ts normalizes the result (links resolved, dates parsed, text cleaned).
 *
 * Field choices and their sources:
 * - Atom entry link: `rel="alternate"` (or no rel, RFC 4287 §4.2.7.2), preferring an HTML
 *   type; never `self`/`edit`/`replies` (node-feedparser#244).
 * - RSS item link: `feedburner:origLink` / `pheedo:origLink` (the publisher's URL behind an ad
 *   network's redirect) first, then `<link>`, an atom:link alternate, a permalink `<guid>`
 *   (RSS 2.0 spec: isPermaLink defaults to true; brief-rss/brief#442).
 * - Text fields keep markup written inside them (`<title>Breaking: <b>talks</b> resume</title>`,
 *   Reddit's raw `<table>` descriptions): `markupOf` serializes it and parse.ts strips it.
 * - Summary: RSS `description`, else `dc:description`, `itunes:summary`, `media:description`,
 *   `atom:summary`, then the full text; Atom `summary`, else `content`.
 * - Full text (`content`): `content:encoded`, else `atom:content` (RSS), Atom `content`; kept
 *   beside the summary, never dropped because a description exists.
 * - Dates: Atom `published` (0.3: `issued`/`created`), `updated` kept apart (rss-parser#62);
 *   RSS `pubDate`, else `dc:date`, `dcterms:issued`/`created`.
 * - Authors: `dc:creator`, `<author>` (`jo@x (Jo)` and `Jo (jo@x)` give the name),
 *   `itunes:author`, `dc:author`, Atom `author/name`.
 */
import { NS, childOf, childrenOf, markupOf, renameNamespace, type XmlNode } from './xml.js';

/** One item before normalization. URLs may be relative to `base`. */
export interface RawItem {
  guid: string | null;
  /** The link as written, or null. */
  link: string | null;
  /** A permalink guid usable as the link when `link` is null. */
  permalinkGuid: string | null;
  /** Base URL in scope for the item's URLs (xml:base or the feed URL). */
  base: string | null;
  title: string | null;
  /** True when the title is HTML (RSS titles, Atom type="html"/"xhtml", markup inside): strip and decode. */
  titleIsHtml: boolean;
  published: string | null;
  updated: string | null;
  /** Summary markup (HTML) or text. */
  summary: string | null;
  summaryIsHtml: boolean;
  /** The item's full text as the feed carries it (content:encoded, atom:content), or null. */
  content: string | null;
  contentIsHtml: boolean;
  authors: string[];
  enclosures: { url: string; type?: string; length?: string; base: string | null }[];
}

export interface RawFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | null;
  titleIsHtml: boolean;
  link: string | null;
  linkBase: string | null;
  language: string | null;
  items: RawItem[];
}

const ATOM = [NS.atom, NS.atom03] as const;
const RSS_ITEM_NS = ['', NS.rss1, NS.rss090] as const;
const DCX = [NS.dc, NS.dcterms] as const;

function text(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const t = node.text.trim();
  return t || null;
}

/** The first non-null `markupOf` among the given children, in priority order. */
function firstMarkup(node: XmlNode, pairs: [string | readonly string[], string][]): string | null {
  for (const [uris, local] of pairs) {
    for (const c of childrenOf(node, uris, local)) {
      const t = markupOf(c);
      if (t) return t;
    }
  }
  return null;
}

/** The first non-empty text among the given children, in priority order. */
function firstText(node: XmlNode, pairs: [string | readonly string[], string][]): string | null {
  for (const [uris, local] of pairs) {
    const t = text(childOf(node, uris, local));
    if (t) return t;
  }
  return null;
}

/**
 * An author as feeds write it, reduced to the name: "jo@example.org (Jo Smith)" and
 * "Jo Smith (jo@example.org)" give "Jo Smith" (node-feedparser, feedparser), as does
 * "Jo Smith <jo@example.org>".
 */
export function authorName(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const emailFirst = /^\S+@\S+\s*\((.+)\)$/.exec(t);
  if (emailFirst) return emailFirst[1].trim();
  const nameFirst = /^(.+?)\s*[(<]\s*(?:mailto:)?\S+@\S+?\s*[)>]$/.exec(t);
  return (nameFirst ? nameFirst[1] : t).trim();
}

export function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/** Atom text constructs: html/xhtml types, Atom 0.3 `mode="escaped"` or `type="text/html"`, or markup inside. */
function atomTextIsHtml(node: XmlNode | undefined): boolean {
  if (!node) return false;
  const type = node.attrs.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml' || node.attrs.mode === 'escaped' || node.children.length > 0;
}

/** An Atom text construct's content: markup for xhtml (and 0.3 `mode="xml"`), decoded for 0.3 `mode="base64"`. */
function atomText(node: XmlNode | undefined): string | null {
  if (!node) return null;
  if (node.attrs.mode === 'base64') {
    const t = Buffer.from(node.text.replace(/\s+/g, ''), 'base64').toString('utf8').trim();
    return t || null;
  }
  return markupOf(node);
}

function atomLink(node: XmlNode): { href: string; base: string | null } | null {
  const links = childrenOf(node, ATOM, 'link').filter((l) => l.attrs.href?.trim());
  const alternates = links.filter((l) => (l.attrs.rel ?? 'alternate').trim().toLowerCase() === 'alternate');
  const pick =
    alternates.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ??
    alternates[0] ??
    links.find((l) => !['self', 'edit', 'replies', 'enclosure', 'license', 'hub', 'next', 'previous', 'first', 'last'].includes((l.attrs.rel ?? '').toLowerCase()));
  return pick ? { href: pick.attrs.href.trim(), base: pick.base } : null;
}

function mediaEnclosures(node: XmlNode): RawItem['enclosures'] {
  const out: RawItem['enclosures'] = [];
  for (const enc of childrenOf(node, RSS_ITEM_NS, 'enclosure')) {
    if (enc.attrs.url?.trim()) out.push({ url: enc.attrs.url.trim(), type: enc.attrs.type, length: enc.attrs.length, base: enc.base });
  }
  for (const l of childrenOf(node, ATOM, 'link')) {
    if (l.attrs.rel === 'enclosure' && l.attrs.href?.trim()) out.push({ url: l.attrs.href.trim(), type: l.attrs.type, length: l.attrs.length, base: l.base });
  }
  const media = [...childrenOf(node, NS.media, 'content'), ...childrenOf(node, NS.media, 'group').flatMap((g) => childrenOf(g, NS.media, 'content'))];
  for (const m of media) {
    if (m.attrs.url?.trim()) out.push({ url: m.attrs.url.trim(), type: m.attrs.type, length: m.attrs.fileSize, base: m.base });
  }
  return out;
}

/** `media:description` on the item, in a `media:group` or a `media:content`. */
function mediaDescription(node: XmlNode): string | null {
  const holders = [node, ...childrenOf(node, NS.media, 'group'), ...childrenOf(node, NS.media, 'content')];
  for (const h of holders) {
    const t = markupOf(childOf(h, NS.media, 'description'));
    if (t) return t;
  }
  return null;
}

/** The publisher's own URL behind an ad network's redirect link. */
function origLink(node: XmlNode): string | null {
  return firstText(node, [[NS.feedburner, 'origLink'], [NS.pheedo, 'origLink']]);
}

function authorsOf(node: XmlNode): string[] {
  return uniq([
    ...childrenOf(node, DCX, 'creator').map((n) => authorName(n.text)),
    ...childrenOf(node, RSS_ITEM_NS, 'author').map((n) => authorName(text(childOf(n, [...RSS_ITEM_NS, ...ATOM], 'name')) ?? n.text)),
    // Atom: the name, else the e-mail (an author with only an address), else the element's text.
    ...childrenOf(node, ATOM, 'author').map((a) => authorName(text(childOf(a, ATOM, 'name')) ?? text(childOf(a, ATOM, 'email')) ?? text(a) ?? '')),
    ...childrenOf(node, NS.itunes, 'author').map((n) => authorName(n.text)),
    ...childrenOf(node, DCX, 'author').map((n) => authorName(n.text)),
  ]);
}

function rssItem(node: XmlNode, channelAuthors: string[]): RawItem {
  const own = authorsOf(node);
  const guidNode = childOf(node, RSS_ITEM_NS, 'guid');
  const guid = text(guidNode) ?? node.attrs['rdf:about']?.trim() ?? null;
  const isPermaLink = guidNode ? (guidNode.attrs.isPermaLink ?? 'true').trim().toLowerCase() !== 'false' : false;
  const linkNode = childOf(node, RSS_ITEM_NS, 'link');
  const orig = origLink(node);
  const alt = atomLink(node);
  const link = orig ?? text(linkNode) ?? alt?.href ?? null;
  const linkBase = orig ? node.base : linkNode && text(linkNode) ? linkNode.base : alt?.base ?? node.base;
  const atomContentNode = childOf(node, ATOM, 'content');
  const content = markupOf(childOf(node, NS.content, 'encoded')) ?? atomText(atomContentNode);
  const summary =
    firstMarkup(node, [[RSS_ITEM_NS, 'description'], [DCX, 'description'], [NS.itunes, 'summary']]) ??
    mediaDescription(node) ??
    atomText(childOf(node, ATOM, 'summary')) ??
    content;
  return {
    guid,
    link,
    permalinkGuid: isPermaLink && guid ? guid : null,
    base: linkBase,
    title: firstMarkup(node, [[RSS_ITEM_NS, 'title'], [NS.dc, 'title'], [NS.media, 'title'], [ATOM, 'title']]),
    titleIsHtml: true,
    published: firstText(node, [[RSS_ITEM_NS, 'pubDate'], [DCX, 'date'], [NS.dcterms, 'issued'], [NS.dcterms, 'created'], [ATOM, 'published']]),
    updated: firstText(node, [[NS.dcterms, 'modified'], [ATOM, 'updated']]),
    summary,
    summaryIsHtml: true,
    content,
    contentIsHtml: true,
    authors: own.length ? own : channelAuthors,
    enclosures: mediaEnclosures(node),
  };
}

function atomEntry(node: XmlNode, feedAuthors: string[]): RawItem {
  const link = atomLink(node);
  const id = text(childOf(node, ATOM, 'id'));
  const authors = authorsOf(node);
  const titleNode = childOf(node, ATOM, 'title');
  const summaryNode = childOf(node, ATOM, 'summary');
  const contentNode = childOf(node, ATOM, 'content');
  const orig = origLink(node);
  // Reddit and others put the whole entry in <content>; a summary of markup only (an
  // image table) gives no text, so the content is the summary then (parse.ts checks text).
  const summaryText = atomText(summaryNode);
  const contentText = atomText(contentNode);
  const summary = summaryText ?? contentText ?? firstMarkup(node, [[NS.media, 'description'], [DCX, 'description']]) ?? mediaDescription(node);
  return {
    guid: id,
    link: orig ?? link?.href ?? null,
    // An entry without a link whose id is an http(s) URL: the id is its permalink (as an RSS guid).
    permalinkGuid: id && /^https?:\/\//i.test(id) ? id : null,
    base: orig ? node.base : link?.base ?? node.base,
    title: atomText(titleNode),
    titleIsHtml: atomTextIsHtml(titleNode),
    published: firstText(node, [[ATOM, 'published'], [ATOM, 'issued'], [ATOM, 'created'], [DCX, 'date'], [NS.dcterms, 'created']]),
    updated: firstText(node, [[ATOM, 'updated'], [ATOM, 'modified']]),
    summary,
    summaryIsHtml: summaryText ? atomTextIsHtml(summaryNode) : contentText ? atomTextIsHtml(contentNode) : true,
    content: contentText,
    contentIsHtml: atomTextIsHtml(contentNode),
    // RFC 4287 §4.2.1: an entry without an author has the feed's.
    authors: authors.length ? authors : feedAuthors,
    enclosures: mediaEnclosures(node),
  };
}

/** Which XML feed format a root element is, or null when it is not a feed. */
export function xmlFormatOf(root: XmlNode): Exclude<RawFeed['format'], 'json'> | null {
  if (root.local === 'feed' && (ATOM as readonly string[]).concat(['']).includes(root.uri)) return 'atom';
  if (root.local === 'rss' && root.uri === '') return 'rss';
  if (root.local === 'RDF' && (root.uri === NS.rdf || root.uri === 'rdf')) return 'rdf';
  // Some RSS 0.9x documents have <channel> as the root element.
  if (root.local === 'channel' && root.uri === '') return 'rss';
  return null;
}

/** Maps an RSS, RDF or Atom tree to a RawFeed. `format` comes from xmlFormatOf. */
export function fromXml(root: XmlNode, format: Exclude<RawFeed['format'], 'json'>): RawFeed {
  if (format === 'atom') {
    if (root.uri === '') renameNamespace(root, '', NS.atom);
    const link = atomLink(root);
    const titleNode = childOf(root, ATOM, 'title');
    return {
      format,
      title: atomText(titleNode),
      titleIsHtml: atomTextIsHtml(titleNode),
      link: link?.href ?? null,
      linkBase: link?.base ?? root.base,
      language: root.attrs['xml:lang']?.trim() || null,
      items: childrenOf(root, ATOM, 'entry').map((e) => atomEntry(e, authorsOf(root))),
    };
  }
  const channel = root.local === 'channel' ? root : childOf(root, RSS_ITEM_NS, 'channel');
  // RSS 1.0 puts items beside the channel; some RSS 0.9x feeds do too.
  const itemNodes = [...(channel && channel !== root ? childrenOf(channel, RSS_ITEM_NS, 'item') : []), ...childrenOf(root, RSS_ITEM_NS, 'item')];
  const linkNode = channel ? childOf(channel, RSS_ITEM_NS, 'link') : undefined;
  // The channel's own author (podcasts: itunes:author; dc:creator) for items without one;
  // never managingEditor/webMaster or a bare address: those are where to write, not bylines.
  const channelAuthors = channel
    ? uniq([...childrenOf(channel, NS.itunes, 'author'), ...childrenOf(channel, DCX, 'creator')].map((a) => authorName(a.text))).filter((a) => !/^\S+@\S+$/.test(a))
    : [];
  return {
    format,
    title: channel ? firstMarkup(channel, [[RSS_ITEM_NS, 'title'], [NS.dc, 'title']]) : null,
    titleIsHtml: true,
    link: text(linkNode) ?? (channel ? atomLink(channel)?.href ?? null : null),
    linkBase: linkNode?.base ?? channel?.base ?? root.base,
    language: channel ? firstText(channel, [[RSS_ITEM_NS, 'language'], [[NS.dc], 'language']]) : null,
    items: itemNodes.map((n) => rssItem(n, channelAuthors)),
  };
}
