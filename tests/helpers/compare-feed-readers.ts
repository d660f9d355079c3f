/**
 * Reads every corpus file with the default reader (rss-parser, sax fallback) and with the sax
 * adapter only, and prints how many files take each path (with the fallback reasons) and
 * every file where the two readers' ParsedFeeds differ (the reader field aside).
 *
 *   npx tsx tests/helpers/compare-feed-readers.ts [--diff]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFeed } from '../../src/feeds/index.js';
import { reasonOf } from '../../src/errors.js';
import { CORPUS_FETCHED_AT, corpusDir, corpusUrl, describedHeaders, hasShared, manifestRows } from './feed-corpus.js';

if (!hasShared) {
  console.error('../shared/corpus/feeds is absent: nothing to compare');
  process.exit(1);
}
const showDiff = process.argv.includes('--diff');
const paths = new Map<string, number>();
const diffs: string[] = [];
for (const m of manifestRows()) {
  const bytes = readFileSync(path.join(corpusDir, m.file));
  const headers = describedHeaders(bytes);
  const opts = { url: corpusUrl(m.file, headers), fetchedAt: CORPUS_FETCHED_AT };
  const read = async (xmlReader: 'rss-parser' | 'sax') => {
    try {
      const { parsedBy, ...rest } = await readFeed(bytes, headers['content-type'] ?? null, { ...opts, xmlReader });
      return { parsedBy, out: JSON.stringify(rest, null, 1) };
    } catch (err) {
      return { parsedBy: { parser: 'error' as const, fallback: reasonOf(err) }, out: `error ${reasonOf(err)}` };
    }
  };
  const a = await read('rss-parser');
  const b = await read('sax');
  const key = a.parsedBy?.parser === 'sax' ? `sax (${a.parsedBy.fallback})` : a.parsedBy?.parser ?? 'none';
  paths.set(key, (paths.get(key) ?? 0) + 1);
  if (a.out !== b.out) {
    diffs.push(m.file);
    if (showDiff) {
      const la = a.out.split('\n');
      const lb = b.out.split('\n');
      const i = la.findIndex((l, k) => l !== lb[k]);
      console.log(`--- ${m.file}: first difference at line ${i}\n  rss-parser: ${la.slice(Math.max(0, i - 3), i + 2).join(' | ')}\n  sax:        ${lb.slice(Math.max(0, i - 3), i + 2).join(' | ')}`);
    }
  }
}
console.log('paths:', Object.fromEntries([...paths].sort((x, y) => y[1] - x[1])));
console.log(`${diffs.length} files differ:`, diffs);
