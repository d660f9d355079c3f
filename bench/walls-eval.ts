/**
 * False walls on real articles: every source page of ../shared/corpus/extraction (the
 * readability test pages and the Zyte benchmark, all real articles) goes through the wall
 * check that pageToRecord applies (src/pipeline/walls.ts) after extraction; each page called
 * a wall is printed with its reason and the ground truth's word count.
 *
 *   npx tsx bench/walls-eval.ts
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/index.js';
import { decodeBody } from '../src/http/charset.js';
import { stripAmpAds } from '../src/pipeline/amp.js';
import { wallOf } from '../src/pipeline/walls.js';

const root = path.resolve(import.meta.dirname, '../../shared/corpus/extraction');
if (!existsSync(root)) {
  console.error(`${root} is absent: nothing to measure`);
  process.exit(1);
}
const rp = path.join(root, 'readability-pages');
const zy = path.join(root, 'zyte/html');
const files = [
  ...readdirSync(rp).map((d) => path.join(rp, d, 'source.html')).filter((f) => existsSync(f)),
  ...readdirSync(zy).map((f) => path.join(zy, f)),
];
const counts: Record<string, number> = {};
for (const f of files) {
  const raw = readFileSync(f);
  const html = stripAmpAds(decodeBody(f.endsWith('.gz') ? gunzipSync(raw) : raw, null, 'html').text);
  const ex = extractArticle(html, 'https://example.org/article');
  const wall = wallOf(html, 'https://example.org/article', ex);
  if (!wall) continue;
  counts[wall.reason] = (counts[wall.reason] ?? 0) + 1;
  console.log(`${path.relative(root, f)}  ${wall.reason}  ${wall.detail}`);
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`${total} of ${files.length} real article pages called walls ${JSON.stringify(counts)}`);
