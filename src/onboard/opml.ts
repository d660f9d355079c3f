/**
 * OPML 2.0 (http://opml.org/spec2.opml) to and from the feeds of a config file:
 * `news-ingest feeds import <file.opml> [--write]` and `news-ingest feeds export`.
 * - Import reads every `<outline>` with an `xmlUrl` (nested category outlines flattened),
 *   skips URLs the config already has, and gives each new feed an id from its host and path
 *   (unique in the config). `type="sitemap"` / `"news-sitemap"` outlines (as `export` writes
 *   sitemap feeds) keep their type. With `--write` the config file is edited in place through
 *   the YAML document model, so its comments and order stay, and so do its byte order mark and
 *   CRLF line breaks (a file saved by a Windows editor is not rewritten line by line).
 * - The OPML file is read as XML says (XML 1.0 §4.3.3 and Appendix F, as a fetched feed is:
 *   `decodeBody`): a byte order mark (UTF-8, UTF-16), else the declaration's `encoding`
 *   (`windows-1251`, `ISO-8859-9`: readers such as old Windows ones export so), else UTF-8.
 *   Read as UTF-8 alone, a windows-1251 file's titles became U+FFFD in the config and a UTF-16
 *   one was "not a well-formed OPML file" (docs/review.md "Round 13 (review14)").
 * - Export writes one `<outline type="rss">` per feed (`text`/`title` = the feed's title or id).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import sax from 'sax';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { Config, FeedConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { decodeBody } from '../http/charset.js';
import { feedIdOf } from './discover.js';

/** One subscription of an OPML file. */
export interface OpmlOutline {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  /** The outline's `type` (`rss`, `atom`, `sitemap`, ...), lower-cased, or null. */
  type: string | null;
}

/**
 * Reads the subscriptions of an OPML document.
 * @throws UsageError naming the file when the root is not `<opml>` or the XML is broken
 */
export function parseOpml(text: string, file = '(opml)'): OpmlOutline[] {
  const out: OpmlOutline[] = [];
  let root: string | null = null;
  const p = sax.parser(true, { trim: true });
  p.onopentag = (node) => {
    const name = node.name.toLowerCase();
    root ??= name;
    if (name !== 'outline') return;
    const a = node.attributes as Record<string, string>;
    const get = (k: string) => a[k] ?? a[Object.keys(a).find((x) => x.toLowerCase() === k.toLowerCase()) ?? ''] ?? null;
    const xmlUrl = get('xmlUrl');
    if (!xmlUrl?.trim()) return;
    out.push({ xmlUrl: xmlUrl.trim(), title: (get('title') ?? get('text'))?.trim() || null, htmlUrl: get('htmlUrl')?.trim() || null, type: get('type')?.toLowerCase() ?? null });
  };
  try {
    p.write(text).close();
  } catch (err) {
    throw new UsageError(`${file}: not a well-formed OPML file (${(err as Error).message.split('\n')[0]})`);
  }
  if (root !== 'opml') throw new UsageError(`${file}: not an OPML file (root element <${root ?? 'none'}>, <opml> expected)`);
  return out;
}

/** The feeds an import adds, and the outlines it skipped with the reason. */
export interface OpmlImport {
  added: FeedConfig[];
  skipped: { xmlUrl: string; reason: 'already-configured' | 'bad-url' | 'duplicate' }[];
}

/**
 * The feeds an OPML file adds to a config (pure).
 * @param existing the config's feeds
 */
export function feedsFromOpml(outlines: OpmlOutline[], existing: readonly FeedConfig[]): OpmlImport {
  const ids = new Set(existing.map((f) => f.id));
  const urls = new Set(existing.map((f) => f.url));
  const added: FeedConfig[] = [];
  const skipped: OpmlImport['skipped'] = [];
  for (const o of outlines) {
    let url: string;
    try {
      const u = new URL(o.xmlUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      url = u.href;
    } catch {
      skipped.push({ xmlUrl: o.xmlUrl, reason: 'bad-url' });
      continue;
    }
    if (urls.has(url)) {
      skipped.push({ xmlUrl: o.xmlUrl, reason: added.some((f) => f.url === url) ? 'duplicate' : 'already-configured' });
      continue;
    }
    let id = feedIdOf(url);
    for (let n = 2; ids.has(id); n++) id = `${feedIdOf(url)}-${n}`;
    ids.add(id);
    urls.add(url);
    const type = o.type === 'sitemap' || o.type === 'news-sitemap' ? o.type : 'feed';
    added.push({ id, url, intervalMinutes: 15, type, ...(o.title ? { title: o.title } : {}) } as FeedConfig);
  }
  return { added, skipped };
}

/** The YAML lines of new feeds (only the keys an import sets). */
function plainFeed(f: FeedConfig): Record<string, unknown> {
  return { id: f.id, url: f.url, ...(f.title ? { title: f.title } : {}), ...(f.type !== 'feed' ? { type: f.type } : {}) };
}

/**
 * The text of an OPML file's bytes, decoded as an XML document with no Content-Type (see the
 * module comment): BOM, else the XML declaration's encoding, else UTF-8.
 */
export function decodeOpml(bytes: Buffer): string {
  return decodeBody(bytes, null, 'xml').text;
}

/**
 * The YAML text to write back over a config file whose text was `original`: the same byte
 * order mark and line breaks (CRLF when the file's first line break is CRLF) as before.
 * @param yaml the edited document (`Document.toString()`, LF line breaks)
 */
export function keepFileForm(original: string, yaml: string): string {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = /^[^\n]*\r\n/.test(original);
  return bom + (crlf ? yaml.replace(/\r?\n/g, '\r\n') : yaml);
}

/**
 * `feeds import`: reads the OPML file; with `write`, adds the new feeds to the config file
 * (comments, byte order mark and line breaks kept), else returns them as a YAML `feeds:` list
 * to paste.
 * @throws UsageError for a file that is not OPML; fs errors (ENOENT) as they come
 */
export function importOpml(opmlFile: string, cfg: Config, opts: { configFile?: string; write?: boolean }): { text: string; result: OpmlImport } {
  const result = feedsFromOpml(parseOpml(decodeOpml(readFileSync(opmlFile)), opmlFile), cfg.feeds);
  const skipped = result.skipped.length ? `# skipped: ${result.skipped.map((s) => `${s.xmlUrl} (${s.reason})`).join(', ')}\n` : '';
  if (!opts.write) return { text: `${skipped}${stringify({ feeds: result.added.map(plainFeed) })}`, result };
  if (!opts.configFile) throw new UsageError('feeds import --write needs a config file (-c FILE or NEWS_INGEST_CONFIG)');
  const original = readFileSync(opts.configFile, 'utf8');
  const doc = parseDocument(original.replace(/^\uFEFF/, ''));
  let feeds = doc.get('feeds');
  if (!isSeq(feeds)) {
    if (feeds !== undefined && feeds !== null) throw new UsageError(`${opts.configFile}: feeds is not a list`);
    doc.set('feeds', doc.createNode([]));
    feeds = doc.get('feeds');
  }
  if (!isMap(doc.contents)) throw new UsageError(`${opts.configFile}: not a YAML mapping`);
  for (const f of result.added) (feeds as { add(v: unknown): void }).add(doc.createNode(plainFeed(f)));
  writeFileSync(opts.configFile, keepFileForm(original, doc.toString()));
  return { text: `${skipped}added ${result.added.length} feeds to ${opts.configFile}\n`, result };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');

/** `feeds export`: the config's feeds as an OPML 2.0 document. */
export function exportOpml(cfg: Config, now = new Date()): string {
  const outlines = cfg.feeds.map((f) => {
    const name = esc(f.title ?? f.id);
    return `    <outline text="${name}" title="${name}" type="${f.type === 'feed' ? 'rss' : f.type}" xmlUrl="${esc(f.url)}"/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>news-ingest feeds</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>\n  <body>\n${outlines.join('\n')}\n  </body>\n</opml>\n`;
}
