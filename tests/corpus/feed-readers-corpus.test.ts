/**
 * rss-parser's own parseString as an oracle on every file of ../shared/corpus/feeds (corpus
 * tier): where rss-parser reads a document, our one XML reader reads it too, and keeps or
 * skips (a repeated entry) every item rss-parser finds. The reverse does not hold: 52 files
 * only we read (gzip bodies, UTF-16/32, repaired XML, bare <channel> roots).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../../src/feeds/index.js';
import { decodeBody } from '../../src/http/charset.js';
import { CORPUS_FETCHED_AT, corpusDir, corpusUrl, describedHeaders, manifestRows } from '../helpers/feed-corpus.js';
import { requireCorpus } from './require-corpus.js';

requireCorpus('corpus/feeds/MANIFEST.md');

/** Files where rss-parser's item count is not ours, and why. */
const COUNT_DIFFERENCES: Record<string, string> = {
  'node-feedparser/complexNamespaceFeed.xml': 'its item is a prefixed element bound to the RSS 1.0 namespace; rss-parser looks for unprefixed <item> only',
};

describe("rss-parser's parseString as an oracle on every corpus file", () => {
  const rows = manifestRows().map((m) => [m.file] as const);
  it.each(rows)('%s', async (file) => {
    const bytes = readFileSync(path.join(corpusDir, file));
    const headers = describedHeaders(bytes);
    const ours = await readFeed(bytes, headers['content-type'] ?? null, { url: corpusUrl(file, headers), fetchedAt: CORPUS_FETCHED_AT }).catch(() => null);
    if (ours?.format === 'json') return; // rss-parser does not read JSON Feed
    const theirs = await new Parser({ defaultRSS: 2 } as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>)
      .parseString(decodeBody(bytes, headers['content-type'] ?? null, 'xml').text)
      .catch(() => null);
    if (theirs) expect(ours, 'rss-parser reads it, we do not').not.toBeNull();
    if (!ours || !theirs || file in COUNT_DIFFERENCES) return;
    expect(ours.items.length + ours.skipped.length).toBe(theirs.items.length);
  });

  it('lists only files of the corpus among its differences', () => {
    for (const file of Object.keys(COUNT_DIFFERENCES)) expect(rows.map((r) => r[0])).toContain(file);
  });
});
