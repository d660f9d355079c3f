/**
 * Scores the extractor on trafilatura's evaluation set (github.com/adbar/trafilatura, folder
 * tests/: evaldata.json and the pages under tests/eval and tests/cache), with the rules of its
 * own scorer (tests/eval_common.py, `count_item` and `ConfusionMatrix`): per page, each
 * expected snippet ("with") found in the whitespace-normalized output is a true positive, each
 * missing one a false negative; each unwanted snippet ("without") found is a false positive,
 * each absent one a true negative. Counts are summed over all pages; F = 2TP / (2TP + FP + FN),
 * precision TP/(TP+FP), recall TP/(TP+FN), accuracy (TP+TN)/all. A page that throws counts as
 * a full miss. The text scored is `extractArticle(...).text` (trafilatura scores its own text
 * output, title and metadata excluded).
 *
 * The data stays outside this repository. Usage:
 *   TRAFILATURA_TESTS=/work/ext/trafilatura/tests npx tsx bench/extraction-trafilatura-eval.ts
 *   npx tsx bench/extraction-trafilatura-eval.ts /path/to/trafilatura/tests [--split dev|held] [--list-misses N] [--json FILE]
 * `npm run eval:extraction` runs it with `--optional`: without a data path it prints how to get
 * the data and exits 0 (the shared corpus sets still ran).
 * `--split held` scores only the pages whose URL hash puts them in the held-out fifth
 * (see `isHeldOut`), `dev` the other four fifths. `--readability` scores Mozilla Readability 0.6
 * on linkedom (its `textContent`) instead of this extractor, with the same rules, for a peer
 * figure on the same pages. Exit codes: 0 scored, 2 data not found.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodePage } from '../src/extract/batch.js';
import { extractArticle } from '../src/extract/index.js';

interface Item { file: string; with: string[]; without: string[] }

const args = process.argv.slice(2);
const flag = (name: string): string | null => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const dir = positional[0] ?? process.env.TRAFILATURA_TESTS;
if (!dir) {
  console.error('trafilatura set: not scored (no data path). Clone github.com/adbar/trafilatura outside this repository and set TRAFILATURA_TESTS=<clone>/tests, or pass that folder as an argument.');
  process.exit(args.includes('--optional') ? 0 : 2);
}
const dataFile = path.join(dir, 'evaldata.json');
if (!fs.existsSync(dataFile)) {
  console.error(`trafilatura set: ${dataFile} not found (expected trafilatura's tests/ folder)`);
  process.exit(2);
}
const split = flag('--split');
const listMisses = Number(flag('--list-misses') ?? 0);
const jsonOut = flag('--json');
const peer = args.includes('--readability');
/** The text scored: this extractor's, or Readability 0.6 + linkedom's with `--readability`. */
const extract = (html: string, url: string): string => {
  if (!peer) return extractArticle(html, url).text;
  const { document } = parseHTML(html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
};

/** A fixed fifth of the pages (by sha-256 of the URL) kept out of development: checked, never tuned on. */
export function isHeldOut(url: string): boolean {
  return createHash('sha256').update(url).digest()[0] % 5 === 0;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as Record<string, Item>;
let tp = 0, fp = 0, fn = 0, tn = 0, pages = 0, empty = 0, failed = 0;
const misses: { url: string; file: string; fn: number; fp: number; len: number }[] = [];
const t0 = process.hrtime.bigint();
for (const url of Object.keys(data).sort()) {
  if (split === 'held' && !isHeldOut(url)) continue;
  if (split === 'dev' && isHeldOut(url)) continue;
  const item = data[url];
  const file = ['cache', 'eval'].map((d) => path.join(dir, d, item.file)).find((p) => fs.existsSync(p));
  if (!file) {
    console.error(`trafilatura set: ${item.file} not found for ${url}`);
    process.exit(2);
  }
  pages++;
  let text = '';
  try {
    text = norm(extract(decodePage(fs.readFileSync(file)), url));
  } catch (err) {
    failed++;
    console.error(`${item.file}: ${(err as Error).message}`);
  }
  if (!text) empty++;
  const t = item.with.filter((w) => text.includes(norm(w))).length;
  const f = item.without.filter((w) => text.includes(norm(w))).length;
  tp += t;
  fp += f;
  fn += item.with.length - t;
  tn += item.without.length - f;
  if (t < item.with.length || f > 0) misses.push({ url, file: item.file, fn: item.with.length - t, fp: f, len: text.length });
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const p = tp + fp ? tp / (tp + fp) : 0;
const r = tp + fn ? tp / (tp + fn) : 0;
const f1 = 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0;
const acc = (tp + tn) / (tp + tn + fp + fn || 1);
console.log(`trafilatura set${split ? ` (${split})` : ''}${peer ? ', Readability 0.6 + linkedom' : ''}: ${pages} pages, F ${f1.toFixed(3)} (P ${p.toFixed(3)}, R ${r.toFixed(3)}, accuracy ${acc.toFixed(3)}); ` +
  `TP ${tp} FP ${fp} FN ${fn} TN ${tn}; empty text ${empty}, errors ${failed}; ${(pages / secs).toFixed(0)} pages/s`);
if (listMisses) {
  misses.sort((a, b) => b.fn + b.fp - (a.fn + a.fp));
  for (const m of misses.slice(0, listMisses)) console.log(`  fn ${m.fn} fp ${m.fp} len ${m.len}  ${m.file}  ${m.url}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ pages, tp, fp, fn, tn, f1, precision: p, recall: r, accuracy: acc, misses }, null, 1));
