/**
 * Every file of ../shared/corpus/feeds (the 360 rows of its MANIFEST.md) read with readFeed,
 * checked against tests/fixtures/feed-corpus-table.json: the outcome (ok, not-a-feed,
 * invalid-feed: never a crash), the item count and skips, the feed title, and the first
 * item's title, link and date, and which reader parsed it (rss-parser, or the sax fallback
 * with its reason: docs/feeds.md). The table was built by tests/helpers/build-feed-corpus-table.ts
 * and checked by hand against the raw files as docs/feeds.md ("Corpus table") describes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestRows, readCorpusFile, repoRoot, type CorpusOutcome } from '../helpers/feed-corpus.js';
import { requireCorpus } from './require-corpus.js';

requireCorpus('corpus/feeds/MANIFEST.md');

interface Row extends CorpusOutcome {
  file: string;
  manifest: { format: string; items: number | null; nolink: number };
  checked?: string;
}

const table = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/feed-corpus-table.json'), 'utf8')) as { rows: Row[] };

describe('feed corpus table', () => {
  it('has one row per corpus file and only known outcomes', () => {
    expect(table.rows).toHaveLength(360);
    expect(new Set(table.rows.map((r) => r.file)).size).toBe(360);
    for (const r of table.rows) expect(['ok', 'not-a-feed', 'invalid-feed']).toContain(r.outcome);
  });

  it('gives not-a-feed for every HTML page and every JSON that is not a JSON Feed, per the MANIFEST', () => {
    // The MANIFEST's sniffer calls gofeed's version tests "JSON (other)"; its own note says
    // "JSON Feed version handling": JSON Feeds with a bare "1.0"/"1.1" version string.
    const jsonFeedsAnyway = new Set(['gofeed/parser/json/version_json_10.json', 'gofeed/parser/json/version_json_11.json', 'gofeed/parser/json/version_json_11_deprecated_author.json']);
    for (const r of table.rows) {
      if (jsonFeedsAnyway.has(r.file)) {
        expect(r.outcome, r.file).toBe('ok');
        continue;
      }
      if (r.manifest.format === 'HTML' || r.manifest.format === 'JSON (other)' || r.manifest.format === 'empty') expect(r.outcome, r.file).toBe('not-a-feed');
    }
  });
});

describe('feed corpus files', () => {
  it('lists the same files as the MANIFEST', () => {
    expect(manifestRows().map((m) => m.file)).toEqual(table.rows.map((r) => r.file));
  });

  it.each(table.rows.map((r) => [r.file, r] as const))('%s', async (_file, row) => {
    const got = await readCorpusFile(row.file);
    expect(got.outcome).toBe(row.outcome);
    if (row.outcome !== 'ok') return;
    expect(got.items).toBe(row.items);
    expect(got.skipped).toEqual(row.skipped);
    expect(got.feedTitle).toBe(row.feedTitle);
    expect(got.first).toEqual(row.first);
    expect(got.firstSkipped).toEqual(row.firstSkipped);
    expect(got.parsedBy).toBe(row.parsedBy);
  });
});
