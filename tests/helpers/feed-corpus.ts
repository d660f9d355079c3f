/**
 * Helpers for the feed corpus at ../shared/corpus/feeds (360 files listed in its MANIFEST.md):
 * the file list with the MANIFEST's own columns, the HTTP headers that feedparser's test
 * files describe in their leading comment (`Header: Content-type: ...`), and the one call
 * that reads a file as the feed job would (`readFeed`). Used by the table builder
 * (tests/helpers/build-feed-corpus-table.ts) and by the corpus tier (tests/corpus/).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFeed } from '../../src/feeds/index.js';
import { reasonOf } from '../../src/errors.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const corpusDir = path.join(sharedDir, 'corpus/feeds');
export const casesDir = path.join(sharedDir, 'corpus/cases');
export const hasShared = existsSync(path.join(corpusDir, 'MANIFEST.md'));

/** A fixed fetch time for corpus runs, so no corpus date counts as "in the future". */
export const CORPUS_FETCHED_AT = new Date('2100-01-01T00:00:00Z');

/** One MANIFEST row. `items` is the MANIFEST's own count (null when "-"). */
export interface ManifestRow {
  /** Path under corpus/feeds, e.g. `rss-parser/input/guardian.rss`. */
  file: string;
  format: string;
  encoding: string;
  items: number | null;
  nolink: number;
  nodate: number;
  note: string;
}

/** The 360 rows of MANIFEST.md, in its order. */
export function manifestRows(): ManifestRow[] {
  const rows: ManifestRow[] = [];
  let origin = '';
  for (const line of readFileSync(path.join(corpusDir, 'MANIFEST.md'), 'utf8').split('\n')) {
    const h = /^## (\S+) \(\d+ files/.exec(line);
    if (h) origin = h[1];
    if (!line.startsWith('| `')) continue;
    const cols = line.split('|').map((c) => c.trim());
    const itemsCol = cols[4];
    const n = /^(\d+)/.exec(itemsCol);
    rows.push({
      file: `${origin}/${cols[1].replace(/`/g, '')}`,
      format: cols[2],
      encoding: cols[3],
      items: n ? Number(n[1]) : null,
      nolink: Number(/nolink (\d+)/.exec(itemsCol)?.[1] ?? 0),
      nodate: Number(/nodate (\d+)/.exec(itemsCol)?.[1] ?? 0),
      note: cols[6] ?? '',
    });
  }
  return rows;
}

/** Headers a feedparser test file says its server sent (`Header:` lines of its leading comment). */
export function describedHeaders(bytes: Buffer): Record<string, string> {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const comment = /<!--([\s\S]*?)-->/.exec(head);
  const out: Record<string, string> = {};
  if (!comment) return out;
  for (const m of comment[1].matchAll(/^Header:\s*([\w-]+):\s*(.*?)\s*$/gim)) out[m[1].toLowerCase()] = m[2];
  return out;
}

/** The URL a corpus file is read as coming from (the base for relative links). */
export function corpusUrl(file: string, headers: Record<string, string>): string {
  return headers['content-location'] ?? `https://corpus.example.org/${file}`;
}

/** What reading one corpus file gives, in the shape of the table's rows. */
export interface CorpusOutcome {
  outcome: 'ok' | string;
  items?: number;
  skipped?: Record<string, number>;
  feedTitle?: string | null;
  first?: { title: string | null; link: string | null; publishedAt: string | null } | null;
  /** The first skipped item, when there is one (its title is still normalized). */
  firstSkipped?: { reason: string; title: string | null } | null;
  /** The reader that parsed it: `xml`, `json-feed`, or `xml:repaired-<entities|tags>`. */
  parsedBy?: string;
}

/** Reads a corpus file the way the feed job reads a response: bytes + Content-Type -> readFeed. */
export async function readCorpusFile(file: string): Promise<CorpusOutcome> {
  const bytes = readFileSync(path.join(corpusDir, file));
  const headers = describedHeaders(bytes);
  try {
    const feed = await readFeed(bytes, headers['content-type'] ?? null, { url: corpusUrl(file, headers), fetchedAt: CORPUS_FETCHED_AT });
    const skipped: Record<string, number> = {};
    for (const s of feed.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    const f = feed.items[0];
    return {
      outcome: 'ok',
      items: feed.items.length,
      skipped,
      feedTitle: feed.feed.title,
      firstSkipped: feed.skipped[0] ? { reason: feed.skipped[0].reason, title: feed.skipped[0].title ?? null } : null,
      first: f ? { title: f.title, link: f.link, publishedAt: f.publishedAt } : null,
      parsedBy: feed.parsedBy?.repaired ? `${feed.parsedBy.parser}:repaired-${feed.parsedBy.repaired}` : feed.parsedBy?.parser,
    };
  } catch (err) {
    return { outcome: reasonOf(err) };
  }
}
