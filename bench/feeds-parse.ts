/**
 * Feed parsing speed: readFeed (gunzip check, decode, sniff, sax tree, normalize) on the
 * corpus's large files and on the whole corpus, against rss-parser's parseString on the same
 * decoded text for reference. Prints figures; asserts nothing.
 *
 *   npx tsx bench/feeds-parse.ts [rounds=5]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { decodeBody } from '../src/http/charset.js';
import { readFeed } from '../src/feeds/index.js';
import { CORPUS_FETCHED_AT, corpusDir, describedHeaders, hasShared, manifestRows } from '../tests/helpers/feed-corpus.js';

if (!hasShared) {
  console.error('../shared/corpus/feeds is absent: nothing to measure');
  process.exit(1);
}
const rounds = Number(process.argv[2] ?? 5);
const rss = new Parser();

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
}

const large = ['rss-parser/input/giantbomb-podcast.rss', 'RSParser/russcox.atom', 'RSParser/dcrainmaker.xml', 'rss-parser/input/guardian.rss'];
console.log(`node ${process.version}, ${rounds} rounds each, ms per parse (mean)`);
console.log('file'.padEnd(42), 'KiB'.padStart(7), 'items'.padStart(6), 'readFeed'.padStart(9), 'rss-parser'.padStart(11));
for (const file of large) {
  const bytes = readFileSync(path.join(corpusDir, file));
  const opts = { url: `https://corpus.example.org/${file}`, fetchedAt: CORPUS_FETCHED_AT };
  const items = (await readFeed(bytes, null, opts)).items.length;
  const ours = await time(() => readFeed(bytes, null, opts));
  const text = decodeBody(bytes, null, 'xml').text;
  const theirs = await time(() => rss.parseString(text));
  console.log(file.padEnd(42), (bytes.length / 1024).toFixed(0).padStart(7), String(items).padStart(6), ours.toFixed(1).padStart(9), theirs.toFixed(1).padStart(11));
}

const all = manifestRows().map((m) => {
  const bytes = readFileSync(path.join(corpusDir, m.file));
  return { file: m.file, bytes, contentType: describedHeaders(bytes)['content-type'] ?? null };
});
const totalKiB = all.reduce((a, f) => a + f.bytes.length, 0) / 1024;
const whole = await time(async () => {
  for (const f of all) await readFeed(f.bytes, f.contentType, { url: `https://corpus.example.org/${f.file}`, fetchedAt: CORPUS_FETCHED_AT }).catch(() => null);
});
console.log(`whole corpus: ${all.length} files, ${totalKiB.toFixed(0)} KiB, ${whole.toFixed(0)} ms per pass (${(totalKiB / 1024 / (whole / 1000)).toFixed(1)} MiB/s)`);
