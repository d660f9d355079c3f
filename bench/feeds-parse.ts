/**
 * Feed parsing speed: readFeed (gunzip check, decode, detect the format, the one XML reader
 * and its mapping, normalize) on the corpus's large files and on the whole corpus, next to
 * rss-parser's bare parseString on the same decoded text (the baseline). Also counts how each
 * corpus file was read (repairs included).
 * Prints figures; asserts nothing.
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
  await fn(); // warm-up (JIT)
  await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
}

const large = ['rss-parser/input/giantbomb-podcast.rss', 'RSParser/russcox.atom', 'RSParser/dcrainmaker.xml', 'rss-parser/input/guardian.rss'];
console.log(`node ${process.version}, ${rounds} rounds each, ms per parse (mean)`);
console.log('file'.padEnd(42), 'KiB'.padStart(7), 'items'.padStart(6), 'reader'.padStart(11), 'readFeed'.padStart(9), 'parseString'.padStart(12));
for (const file of large) {
  const bytes = readFileSync(path.join(corpusDir, file));
  const opts = { url: `https://corpus.example.org/${file}`, fetchedAt: CORPUS_FETCHED_AT };
  const first = await readFeed(bytes, null, opts);
  const ours = await time(() => readFeed(bytes, null, opts));
  const text = decodeBody(bytes, null, 'xml').text;
  const theirs = await time(() => rss.parseString(text));
  console.log(
    file.padEnd(42), (bytes.length / 1024).toFixed(0).padStart(7), String(first.items.length).padStart(6), (first.parsedBy?.parser ?? '?').padStart(11),
    ours.toFixed(1).padStart(9), theirs.toFixed(1).padStart(12),
  );
}

const all = manifestRows().map((m) => {
  const bytes = readFileSync(path.join(corpusDir, m.file));
  return { file: m.file, bytes, contentType: describedHeaders(bytes)['content-type'] ?? null };
});
const totalKiB = all.reduce((a, f) => a + f.bytes.length, 0) / 1024;
const paths = new Map<string, number>();
for (const f of all) {
  const key = await readFeed(f.bytes, f.contentType, { url: `https://corpus.example.org/${f.file}`, fetchedAt: CORPUS_FETCHED_AT }).then(
    (p) => (p.parsedBy?.repaired ? `${p.parsedBy.parser} (repaired ${p.parsedBy.repaired})` : p.parsedBy?.parser ?? '?'),
    () => 'not-a-feed / invalid-feed',
  );
  paths.set(key, (paths.get(key) ?? 0) + 1);
}
console.log('readers over the corpus:', Object.fromEntries([...paths].sort((a, b) => b[1] - a[1])));
{
  const whole = await time(async () => {
    for (const f of all) await readFeed(f.bytes, f.contentType, { url: `https://corpus.example.org/${f.file}`, fetchedAt: CORPUS_FETCHED_AT }).catch(() => null);
  });
  console.log(`whole corpus, readFeed: ${all.length} files, ${totalKiB.toFixed(0)} KiB, ${whole.toFixed(0)} ms per pass (${(totalKiB / 1024 / (whole / 1000)).toFixed(1)} MiB/s)`);
}
