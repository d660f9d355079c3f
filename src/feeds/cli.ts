/**
 * `news-ingest feed <url|file|-|feedId> [--url URL] [--json]`: shows a feed's normalized items
 * as the fetch-feed job sees them (same `readFeed`, same per-feed timezone), for an operator
 * asking "does this feed work?".
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config, FeedConfig } from '../config/schema.js';
import { IngestError, UsageError } from '../errors.js';
import { checkHttpUrlArg, checkInputFile } from '../cli/input.js';
import type { ParsedFeed } from '../types.js';
import { readFeed } from './index.js';
import { redactUrl } from '../log.js';

export interface ShowFeedOptions {
  /** The URL a file was fetched from: the base for its relative links (and its feed settings). */
  url?: string;
  /** Print one JSON object instead of the table. */
  json?: boolean;
  config: Config;
  /** GETs a URL with the service's HTTP module (src/http/fetch.ts), following redirects. */
  fetchBytes: (url: string) => Promise<{ body: Buffer; contentType: string | null; finalUrl: string }>;
  /** Reads the document given as `-` (default: process.stdin, up to `config.http.maxBytes`). */
  readStdin?: () => Promise<Buffer>;
}

/**
 * Reads a stream to its end, but no more than `maxBytes`: a file or stdin given to `feed` is
 * held to the cap the worker puts on a fetched feed (`http.maxBytes`, src/http/body.ts), read
 * in chunks so a huge file or an endless one (/dev/zero, a pipe) stops at the cap.
 * @param what how the message names the input (the file's path, `(stdin)`)
 * @throws IngestError `too-large` (exit 1) naming `what` and the cap, in bytes
 */
export async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new IngestError('too-large', `${what}: over ${maxBytes} bytes, the cap on a feed (http.maxBytes in the config, as for a fetched feed)`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

/** The JSON shape printed with `--json`. */
export interface FeedView {
  feed: ParsedFeed['feed'];
  items: {
    title: string | null;
    link: string | null;
    canonicalUrl: string | null;
    guid: string | null;
    publishedAt: string | null;
    summary: string | null;
    authors: string[];
    enclosures: ParsedFeed['items'][number]['enclosures'];
  }[];
  /** Items the feed job would skip, with the reason (`item-missing-link`, `duplicate-guid`, ...). */
  skipped: ParsedFeed['skipped'];
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** Where the bytes come from and which configured feed (if any) they belong to. */
function resolveTarget(target: string, opts: ShowFeedOptions): { kind: 'url' | 'file' | 'stdin'; where: string; feed: FeedConfig | undefined } {
  const byUrl = (u: string | undefined) => (u ? opts.config.feeds.find((f) => f.url === u) : undefined);
  if (target === '-') return { kind: 'stdin', where: '(stdin)', feed: byUrl(opts.url) };
  const byId = opts.config.feeds.find((f) => f.id === target);
  if (byId) return { kind: 'url', where: byId.url, feed: byId };
  if (isHttpUrl(target)) {
    checkHttpUrlArg('feed', target); // one that does not parse is bad usage (2), as for `reingest url`
    return { kind: 'url', where: target, feed: byUrl(target) };
  }
  const where = path.resolve(target);
  if (!existsSync(where)) {
    const ids = opts.config.feeds.map((f) => f.id);
    throw new UsageError(`"${target}" is not a configured feed id, an http(s) URL or a file${ids.length ? ` (configured feeds: ${ids.join(', ')})` : ''}`);
  }
  checkInputFile(target); // a folder, or a file this process may not read: named (exit 1)
  return { kind: 'file', where, feed: byUrl(opts.url) };
}

function clip(s: string | null, n: number): string {
  const t = s ?? '—';
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function render(parsed: ParsedFeed, source: string, feed: FeedConfig | undefined, timezone: string): string {
  const lines = [
    `feed      ${parsed.feed.title ?? '(no title)'}${feed ? `  [id ${feed.id}]` : ''}`,
    `source    ${redactUrl(source)}`, // a configured feed's URL may carry user:password
    `link      ${parsed.feed.link ?? '—'}`,
    `language  ${parsed.feed.language ?? '—'}    format ${parsed.format ?? '?'}    timezone ${timezone}`,
    `items     ${parsed.items.length}    skipped ${parsed.skipped.length}`,
    '',
  ];
  parsed.items.forEach((it, i) => {
    const date = it.publishedAt ? it.publishedAt.replace(/\.000Z$/, 'Z') : 'no date'.padEnd(20);
    lines.push(`${String(i + 1).padStart(3)}  ${date}  ${clip(it.title, 70)}`);
    lines.push(`     ${it.canonicalUrl ?? '(no link: stored from the feed text)'}${it.flags?.length ? `   (${it.flags.join(', ')})` : ''}`);
  });
  if (parsed.skipped.length) {
    lines.push('', 'skipped:');
    for (const s of parsed.skipped) lines.push(`  ${s.reason.padEnd(18)} ${clip(s.title ?? null, 60)}${s.guid ? `  guid ${s.guid}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Reads a feed from a URL, a file, stdin (`-`) or a configured feed id and renders its items.
 * A configured feed id (or a URL / `--url` equal to a configured feed's URL) uses that feed's
 * settings (`timezone`). A file is read with no Content-Type; its relative links resolve
 * against `--url` (without it, against the file's own file:// URL, so they are skipped as
 * `item-bad-link`).
 * @returns the text to print: the table, or `JSON.stringify(FeedView)` with `json`
 * @throws IngestError from fetching (`not-found`, `timeout`, ...) or parsing (`not-a-feed`,
 *   `invalid-feed`); `too-large` for a file or stdin over `http.maxBytes` (readCapped); a
 *   missing file throws the fs error (ENOENT)
 */
export async function showFeed(target: string, opts: ShowFeedOptions): Promise<string> {
  const t = resolveTarget(target, opts);
  const timezone = t.feed?.timezone ?? 'UTC';
  let body: Buffer;
  let contentType: string | null = null;
  let base: string;
  if (t.kind === 'url') {
    const res = await opts.fetchBytes(t.where);
    body = res.body;
    contentType = res.contentType;
    base = opts.url ?? res.finalUrl;
  } else if (t.kind === 'stdin') {
    body = await (opts.readStdin ?? (() => readCapped(process.stdin, opts.config.http.maxBytes, 'feed - (stdin)')))();
    if (body.length === 0) throw new UsageError('feed -: nothing on stdin (pipe a feed document in, or give a URL, a file or a feed id)');
    base = opts.url ?? 'file:///dev/stdin';
  } else {
    body = await readCapped(createReadStream(t.where), opts.config.http.maxBytes, t.where);
    base = opts.url ?? pathToFileURL(t.where).toString();
  }
  const parsed = await readFeed(body, contentType, { url: base, timezone, fetchedAt: new Date() });
  if (!opts.json) return render(parsed, t.kind !== 'file' ? t.where : `${t.where}${opts.url ? ` (as ${opts.url})` : ''}`, t.feed, timezone);
  const view: FeedView = {
    feed: parsed.feed,
    items: parsed.items.map((it) => ({
      title: it.title, link: it.link, canonicalUrl: it.canonicalUrl, guid: it.guid, publishedAt: it.publishedAt,
      summary: it.summary, authors: it.authors, enclosures: it.enclosures,
    })),
    skipped: parsed.skipped,
  };
  return `${JSON.stringify(view, null, 2)}\n`;
}
