/**
 * Both XML readers (rss-parser and the sax adapter it falls back to, src/feeds) read every
 * file of ../shared/corpus/feeds and must give the same ParsedFeed. Corpus tier.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../../src/feeds/index.js';
import { CORPUS_FETCHED_AT, corpusDir, corpusUrl, describedHeaders, manifestRows } from '../helpers/feed-corpus.js';
import { requireCorpus } from './require-corpus.js';

requireCorpus('corpus/feeds/MANIFEST.md');

describe('both readers agree on every corpus file', () => {
  it.each(manifestRows().map((m) => [m.file]))('%s', async (file) => {
    const bytes = readFileSync(path.join(corpusDir, file));
    const headers = describedHeaders(bytes);
    const opts = { url: corpusUrl(file, headers), fetchedAt: CORPUS_FETCHED_AT };
    const read = (xmlReader: 'rss-parser' | 'sax') =>
      readFeed(bytes, headers['content-type'] ?? null, { ...opts, xmlReader }).then(
        ({ parsedBy: _p, ...rest }) => rest,
        (err: { code?: string }) => `error ${err.code}`,
      );
    expect(await read('rss-parser')).toEqual(await read('sax'));
  });
});
