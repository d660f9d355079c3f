/**
 * Format adapters: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 (and 0.3) from the sax XML tree
 * (the fallback reader; rssparser.ts applies the same rules to rss-parser's output), and
 * JSON Feed 1.0/1.1 from JSON, each mapped onto one raw shape (`RawFeed`) that parse.ts
 * normalizes (links resolved, dates parsed, duplicates skipped).
 *
 * Field choices and their sources:
 * - Atom entry link: `rel="alternate"` (or no rel, RFC 4287 §4.2.7.2), preferring an HTML
 *   type; never `self`/`edit`/`replies` (node-feedparser#244).
 * - RSS item link: `<link>`, else `feedburner:origLink` is preferred over a FeedBurner
 *   redirect link, else an atom:link alternate, else a permalink `<guid>` (RSS 2.0 spec:
 *   isPermaLink defaults to true; brief-rss/brief#442).
 * - Dates: Atom `published` (0.3: `issued`/`created`), `updated` kept apart (rss-parser#62);
 *   RSS `pubDate`, else `dc:date`.
 */
import { NS, childOf, childrenOf, innerXml, renameNamespace, type XmlNode } from './xml.js';

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
  /** True when the title is HTML (RSS titles, Atom type="html"/"xhtml"): strip and decode. */
  titleIsHtml: boolean;
  published: string | null;
  updated: string | null;
  /** Summary markup (HTML) or text. */
  summary: string | null;
  summaryIsHtml: boolean;
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

function text(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const t = node.text.trim();
  return t || null;
}

/** RSS `<author>` is an e-mail address, often "jo@example.org (Jo Smith)": keep the name. */
function rssAuthor(s: string): string {
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(s);
  return (m ? m[1] : s).trim();
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

function atomTextIsHtml(node: XmlNode | undefined): boolean {
  const type = node?.attrs.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html' || node?.attrs.mode === 'escaped';
}

function atomContent(node: XmlNode | undefined): string | null {
  if (!node) return null;
  if (node.attrs.type?.toLowerCase() === 'xhtml') return innerXml(node).trim() || null;
  return text(node);
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

function rssItem(node: XmlNode): RawItem {
  const guidNode = childOf(node, RSS_ITEM_NS, 'guid');
  const guid = text(guidNode) ?? node.attrs['rdf:about']?.trim() ?? null;
  const isPermaLink = guidNode ? (guidNode.attrs.isPermaLink ?? 'true').trim().toLowerCase() !== 'false' : false;
  const linkNode = childOf(node, RSS_ITEM_NS, 'link');
  const origLink = text(childOf(node, NS.feedburner, 'origLink'));
  const alt = atomLink(node);
  const link = origLink ?? text(linkNode) ?? alt?.href ?? null;
  const linkBase = origLink ? node.base : linkNode && text(linkNode) ? linkNode.base : alt?.base ?? node.base;
  const description = text(childOf(node, RSS_ITEM_NS, 'description'));
  const encoded = text(childOf(node, NS.content, 'encoded'));
  const authors = uniq([
    ...childrenOf(node, [NS.dc, NS.dcterms], 'creator').map((n) => n.text),
    ...childrenOf(node, RSS_ITEM_NS, 'author').map((n) => rssAuthor(n.text)),
    ...childrenOf(node, ATOM, 'author').map((a) => text(childOf(a, ATOM, 'name')) ?? ''),
  ]);
  return {
    guid,
    link,
    permalinkGuid: isPermaLink && guid ? guid : null,
    base: linkBase,
    title: text(childOf(node, RSS_ITEM_NS, 'title')) ?? text(childOf(node, [NS.dc], 'title')) ?? text(childOf(node, NS.media, 'title')),
    titleIsHtml: true,
    published: text(childOf(node, RSS_ITEM_NS, 'pubDate')) ?? text(childOf(node, [NS.dc, NS.dcterms], 'date')) ?? text(childOf(node, NS.dcterms, 'issued')) ?? text(childOf(node, ATOM, 'published')),
    updated: text(childOf(node, NS.dcterms, 'modified')) ?? text(childOf(node, ATOM, 'updated')),
    summary: description ?? encoded,
    summaryIsHtml: true,
    authors,
    enclosures: mediaEnclosures(node),
  };
}

function atomEntry(node: XmlNode): RawItem {
  const link = atomLink(node);
  const titleNode = childOf(node, ATOM, 'title');
  const summaryNode = childOf(node, ATOM, 'summary') ?? childOf(node, ATOM, 'content');
  const origLink = text(childOf(node, NS.feedburner, 'origLink'));
  const id = text(childOf(node, ATOM, 'id'));
  return {
    guid: id,
    link: origLink ?? link?.href ?? null,
    permalinkGuid: null,
    base: origLink ? node.base : link?.base ?? node.base,
    title: titleNode ? (titleNode.attrs.type?.toLowerCase() === 'xhtml' ? innerXml(titleNode).trim() || null : text(titleNode)) : null,
    titleIsHtml: atomTextIsHtml(titleNode),
    published:
      text(childOf(node, ATOM, 'published')) ?? text(childOf(node, ATOM, 'issued')) ?? text(childOf(node, ATOM, 'created')) ?? text(childOf(node, [NS.dc, NS.dcterms], 'date')),
    updated: text(childOf(node, ATOM, 'updated')) ?? text(childOf(node, ATOM, 'modified')),
    summary: atomContent(summaryNode),
    summaryIsHtml: atomTextIsHtml(summaryNode) || summaryNode?.attrs.type?.toLowerCase() === 'xhtml',
    authors: uniq([
      ...childrenOf(node, ATOM, 'author').map((a) => text(childOf(a, ATOM, 'name')) ?? text(a) ?? ''),
      ...childrenOf(node, [NS.dc, NS.dcterms], 'creator').map((n) => n.text),
    ]),
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
      title: text(titleNode),
      titleIsHtml: atomTextIsHtml(titleNode),
      link: link?.href ?? null,
      linkBase: link?.base ?? root.base,
      language: root.attrs['xml:lang']?.trim() || null,
      items: childrenOf(root, ATOM, 'entry').map(atomEntry),
    };
  }
  const channel = root.local === 'channel' ? root : childOf(root, RSS_ITEM_NS, 'channel');
  // RSS 1.0 puts items beside the channel; some RSS 0.9x feeds do too.
  const itemNodes = [...(channel && channel !== root ? childrenOf(channel, RSS_ITEM_NS, 'item') : []), ...childrenOf(root, RSS_ITEM_NS, 'item')];
  const linkNode = channel ? childOf(channel, RSS_ITEM_NS, 'link') : undefined;
  return {
    format,
    title: channel ? text(childOf(channel, RSS_ITEM_NS, 'title')) ?? text(childOf(channel, NS.dc, 'title')) : null,
    titleIsHtml: true,
    link: text(linkNode) ?? (channel ? atomLink(channel)?.href ?? null : null),
    linkBase: linkNode?.base ?? channel?.base ?? root.base,
    language: channel ? text(childOf(channel, RSS_ITEM_NS, 'language')) ?? text(childOf(channel, [NS.dc], 'language')) : null,
    items: itemNodes.map(rssItem),
  };
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** True when a parsed JSON value is a JSON Feed (https://jsonfeed.org/version/1.1). */
export function isJsonFeed(doc: unknown): doc is Json {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Json;
  return (typeof d.version === 'string' && /jsonfeed\.org\/version\//i.test(d.version)) || (Array.isArray(d.items) && typeof d.title === 'string');
}

/** Maps a JSON Feed 1.0/1.1 document to a RawFeed (`author` of 1.0 and `authors` of 1.1 both read). */
export function fromJsonFeed(doc: Json, feedUrl: string | null): RawFeed {
  const names = (o: Json): string[] => {
    const list = Array.isArray(o.authors) ? o.authors : o.author ? [o.author] : [];
    return uniq(list.map((a) => (a && typeof a === 'object' ? str((a as Json).name) ?? '' : str(a) ?? '')));
  };
  const items = (Array.isArray(doc.items) ? doc.items : []).filter((i): i is Json => !!i && typeof i === 'object');
  return {
    format: 'json',
    title: str(doc.title),
    titleIsHtml: false,
    link: str(doc.home_page_url),
    linkBase: feedUrl,
    language: str(doc.language),
    items: items.map((it) => {
      const html = str(it.content_html);
      return {
        guid: str(it.id),
        link: str(it.url) ?? str(it.external_url),
        // JSON Feed 1.1: `id` may be the item's URL; used as a permalink like an RSS guid.
        permalinkGuid: str(it.id),
        base: feedUrl,
        title: str(it.title),
        titleIsHtml: false,
        published: str(it.date_published),
        updated: str(it.date_modified),
        summary: str(it.summary) ?? html ?? str(it.content_text),
        summaryIsHtml: !str(it.summary) && !!html,
        authors: names(it).length ? names(it) : [],
        enclosures: (Array.isArray(it.attachments) ? it.attachments : [])
          .filter((a): a is Json => !!a && typeof a === 'object' && !!str((a as Json).url))
          .map((a) => ({ url: str(a.url)!, type: str(a.mime_type) ?? undefined, length: str(a.size_in_bytes) ?? undefined, base: feedUrl })),
      };
    }),
  };
}
