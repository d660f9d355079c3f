/**
 * The dev feed cases of ../shared/corpus/cases (feed-*, date-*, item-*, guid-*, atom-*,
 * cdata-*): each case's bytes and headers are served on loopback, fetched with the real
 * fetch code (src/http/fetch.ts), read with readFeed, and checked against its expected.json.
 * Where a case expects more than the feed stage decides (records, revisions, article jobs),
 * the test asserts the feed stage's part and says so.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { readFeed } from '../../src/feeds/index.js';
import { fetchResource } from '../../src/http/fetch.js';
import type { FeedItem, ParsedFeed } from '../../src/types.js';
import { casesDir } from '../helpers/feed-corpus.js';
import { requireCorpus } from './require-corpus.js';

requireCorpus('corpus/cases');

const PREFIXES = ['feed-', 'date-', 'item-', 'guid-', 'atom-', 'cdata-'];
const cases = readdirSync(casesDir).filter((d) => PREFIXES.some((p) => d.startsWith(p)));

interface Expected {
  split: string;
  input: { file?: string; files?: string[]; url?: string; http?: string };
  items?: number;
  firstItem?: Record<string, unknown>;
  secondItem?: Record<string, unknown>;
  links?: (string | null)[];
  publishedAt?: string[];
  textExcludes?: string[];
  record?: Record<string, unknown>;
}

interface HttpSpec {
  url: string;
  status: number;
  headers: Record<string, string>;
  bodyFile: string;
}

const CONTENT_TYPES: Record<string, string> = { '.xml': 'application/rss+xml', '.atom': 'application/atom+xml', '.json': 'application/feed+json' };

let server: Server;
let origin = '';
const http = HttpConfigSchema.parse({ allowPrivateNetworks: true, timeoutMs: 5000 });

beforeAll(async () => {
  // GET /<case>/<file>: the case's bytes, with http.json's status and headers when it has one.
  server = createServer((req, res) => {
    const [, name, file] = decodeURIComponent(req.url ?? '').split('/');
    const dir = path.join(casesDir, name ?? '');
    if (!cases.includes(name) || !file || !existsSync(path.join(dir, file))) {
      res.writeHead(404).end();
      return;
    }
    const spec = existsSync(path.join(dir, 'http.json')) ? (JSON.parse(readFileSync(path.join(dir, 'http.json'), 'utf8')) as HttpSpec) : null;
    const headers = spec && spec.bodyFile === file ? spec.headers : { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/xml' };
    res.writeHead(spec?.status ?? 200, headers).end(readFileSync(path.join(dir, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
});

/** Fetches one case file from the loopback server and reads it as the feed job does. */
async function load(name: string, file: string, feedUrl: string): Promise<ParsedFeed> {
  const res = await fetchResource(`${origin}/${name}/${file}`, { http, userAgent: 'news-ingest-test', kind: 'feed' });
  return readFeed(res.body, res.contentType, { url: feedUrl, fetchedAt: new Date('2026-01-01T00:00:00Z') });
}

function sameInstant(actual: string | null | undefined, expected: unknown): void {
  if (expected === null) expect(actual ?? null).toBeNull();
  else expect(actual ? Date.parse(actual) : NaN).toBe(Date.parse(String(expected)));
}

/** Compares the keys of a firstItem/secondItem block that the feed stage produces. */
function checkItem(item: FeedItem, exp: Record<string, unknown>): void {
  if ('title' in exp) expect(item.title).toBe(exp.title);
  if ('link' in exp) expect(item.link).toBe(exp.link);
  if ('publishedAt' in exp) sameInstant(item.publishedAt, exp.publishedAt);
  if ('updatedAt' in exp) sameInstant(item.updatedAt, exp.updatedAt);
  if ('author' in exp) expect(item.authors[0]).toBe(exp.author);
  if ('summaryText' in exp) expect(item.summary).toBe(exp.summaryText);
  // `peaceTalks` is the tagger's verdict (src/tagging), not the feed stage's.
}

describe('feed cases from ../shared/corpus/cases', () => {
  it('found the dev feed cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of cases) {
    const exp = JSON.parse(readFileSync(path.join(casesDir, name, 'expected.json'), 'utf8')) as Expected;
    const spec = exp.input.http ? (JSON.parse(readFileSync(path.join(casesDir, name, exp.input.http), 'utf8')) as HttpSpec) : null;
    const feedUrl = spec?.url ?? exp.input.url ?? `https://${name}.example.org/feed`;
    const files = exp.input.files ?? [spec?.bodyFile ?? exp.input.file ?? 'feed.xml'];

    it(`${name}: ${exp.split} case`, async () => {
      const feeds = [];
      for (const f of files) feeds.push(await load(name, f, feedUrl));
      const feed = feeds[0];
      // Every dev case is an ordinary feed: read by the one XML reader without repairs.
      for (const f of feeds) expect(f.parsedBy).toEqual({ parser: f.format === 'json' ? 'json-feed' : 'xml' });

      if (exp.links) {
        // The case lists every item in feed order, null where an item has no URL: every item is
        // kept (link-less ones are stored from the feed's text: tests/integration/traps-worker.test.ts).
        expect(feed.items.map((i) => i.link)).toEqual(exp.links);
        expect(feed.skipped).toEqual([]);
      } else if (exp.items !== undefined) {
        expect(feed.items).toHaveLength(exp.items);
      }
      if (exp.firstItem) checkItem(feed.items[0], exp.firstItem);
      if (exp.secondItem) checkItem(feed.items[1], exp.secondItem);
      if (exp.publishedAt) expect(feed.items.map((i) => i.publishedAt && new Date(i.publishedAt).getTime())).toEqual(exp.publishedAt.map((d) => Date.parse(d)));
      for (const bad of exp.textExcludes ?? []) {
        for (const item of feed.items) expect(JSON.stringify([item.title, item.summary, item.authors])).not.toContain(bad);
      }
      if (exp.record) {
        // A later poll of the same feed: the GUID changed with the headline, the canonical URL
        // (the record's identity) did not. Records and revisions are the pipeline's part.
        const last = feeds[feeds.length - 1].items[0];
        expect(new Set(feeds.map((f) => f.items[0].canonicalUrl)).size).toBe(1);
        expect(new Set(feeds.map((f) => f.items[0].guid)).size).toBe(feeds.length);
        checkItem(last, exp.record);
      }
      if (name === 'item-missing-link') {
        // fetchTwice: the second identical fetch gives the same items and skips.
        const again = await load(name, files[0], feedUrl);
        expect(again.items).toEqual(feed.items);
        expect(again.skipped).toEqual(feed.skipped);
      }
    });
  }
});
