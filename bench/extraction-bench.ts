/**
 * Side-by-side extraction speed on the Zyte benchmark pages, one process, pages in memory:
 * this extractor, Mozilla Readability 0.6 + linkedom, Readability + jsdom, and parse-only
 * cheerio/slim (htmlparser2) as the floor. Prints pages/s, ratios and peak RSS.
 * Usage: `npm run bench:extraction` or `npx tsx bench/extraction-bench.ts [--limit N] [--rounds N] [--warmup N] [--no-jsdom]`
 * (`--warmup`: pages each extractor runs untimed first; default all, one pass).
 * Figures depend on the machine and its load; quote them with the command and the date.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { load } from 'cheerio/slim';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/index.js';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const limit = opt('--limit', 0);
const rounds = opt('--rounds', 1);
const dir = path.resolve(import.meta.dirname, '../../shared/corpus/extraction/zyte');
if (!fs.existsSync(dir)) {
  console.error(`corpus not found: ${dir}`);
  process.exit(2);
}
const gt = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
let keys = Object.keys(gt).sort();
if (limit) keys = keys.slice(0, limit);
const pages = keys.map((k) => ({ url: gt[k].url, html: zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', `${k}.html.gz`))).toString('utf8') }));

// Rates are pages per CPU second of this process (user + system, all threads, GC included):
// on a shared machine wall time swings with other processes' load, CPU time much less. Wall
// rates are printed beside them.
// Warm-up: each extractor first runs over `--warmup` pages untimed (default: all of them, one
// pass), so every row is a steady-state rate as in a worker that extracts pages all day. Until
// issue 13 round 7 the warm-up was 5 pages: the first timed pass then also paid for compiling
// the extractor's code, which weighs more on a fast extractor's 1-2 CPU-seconds than on
// Readability's 5-30 (`--warmup 5` gives the old figures).
const warmup = opt('--warmup', pages.length);
function run(name: string, fn: (html: string, url: string) => unknown, n = rounds): number {
  for (const p of pages.slice(0, warmup)) fn(p.html, p.url);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < n; r++) for (const p of pages) fn(p.html, p.url);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rate = (pages.length * n) / cpu;
  console.log(`${name.padEnd(30)} ${rate.toFixed(1).padStart(7)} pages/CPU-s  ${((pages.length * n) / wall).toFixed(1).padStart(7)} pages/s wall  (${pages.length * n} pages, ${cpu.toFixed(2)} CPU-s, ${wall.toFixed(2)} s)`);
  return rate;
}

const vc = new VirtualConsole();
const ours = run('news-ingest extractArticle', (h, u) => extractArticle(h, u));
const parse = run('parse only (cheerio/slim)', (h) => load(h, null, true));
const lk = run('Readability 0.6 + linkedom', (h) => {
  const { document } = parseHTML(h);
  return new Readability(document as unknown as Document).parse();
});
// Each jsdom window is closed after use: left open, the warm-up pass alone held ~1.3 GB.
const jd = args.includes('--no-jsdom') ? NaN : run('Readability 0.6 + jsdom', (h, u) => {
  const dom = new JSDOM(h, { url: u, virtualConsole: vc });
  try {
    return new Readability(dom.window.document).parse();
  } finally {
    dom.window.close();
  }
}, 1);
console.log(`\nratios (CPU-s rates): vs Readability+linkedom: ${(ours / lk).toFixed(2)}x   vs Readability+jsdom: ${(ours / jd).toFixed(2)}x   share of parse-only speed: ${(ours / parse).toFixed(2)}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB   node ${process.version}   ${new Date().toISOString()}`);
console.log(`command: npx tsx bench/extraction-bench.ts${args.length ? ' ' + args.join(' ') : ''}`);
