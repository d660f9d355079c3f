/**
 * Generalisation check on a folder of page/text pairs from any public test suite:
 * `<dir>/html/<name>.html`, the expected body text in `<dir>/text/<name>.txt`, and optionally
 * `<dir>/urls.json` (`{ "<name>": "<page url>" }`). Scores this extractor and Mozilla Readability
 * 0.6 on linkedom side by side with a ROUGE-L F1 over tokens (the held-back benchmarks of issue 13
 * use ROUGE-LSum F1): per page, P = LCS / predicted tokens, R = LCS / expected tokens, F1 of the
 * two; the figures are the means over pages (an empty output scores 0). Tokens are lower-cased
 * runs of letters and digits; Han, kana and Hangul characters are one token each (else a Japanese
 * paragraph would be a single token); soft hyphens (U+00AD) are removed first (fundus's expected
 * texts keep them inside words, which would split "be­lieb­te" into three tokens). The LCS is over the whole text, not per sentence as in
 * ROUGE-LSum: close to it for prose, stricter when blocks come out in another order.
 *
 * Split: pages are grouped by site (the name without a trailing `_YYYY_MM_DD` date), and a fixed
 * fifth of the groups (sha-256 of the group, first byte mod 5 = 0) is held out: `--split held`
 * scores only those, `--split dev` the rest. Same-site pages never fall on both sides, so the
 * held part measures pages of sites never looked at.
 *
 * The data stays outside the repository. Used for flairNLP/fundus's parser test data (per
 * publisher HTML with its expected body), converted to this layout by a script kept with the data.
 *
 * Peers: Mozilla Readability 0.6 on linkedom, and readability-lxml (Python; bench/readability-lxml.py
 * run once over all pages) when a python3 that imports it is found, else that column is skipped
 * with a line saying why. The last line counts the pages whose output here is empty or under 20% of
 * the expected tokens while a peer's is not (issue 13: no empty output for a readable article).
 *
 * Usage: `PAIRS_DIR=/path/to/pairs npx tsx bench/extraction-pairs-eval.ts [--split dev|held]
 * [--no-readability] [--no-lxml] [--json FILE]`; without PAIRS_DIR it prints this usage and exits 0.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodePage } from '../src/extract/batch.js';
import { extractArticle } from '../src/extract/index.js';
import { findLxmlPython, runReadabilityLxml } from './lib/readability-lxml.js';

const args = process.argv.slice(2);
const dir = process.env.PAIRS_DIR ?? '';
if (!dir || !fs.existsSync(path.join(dir, 'html')) || !fs.existsSync(path.join(dir, 'text'))) {
  console.log('pairs eval: set PAIRS_DIR to a folder with html/<name>.html and text/<name>.txt (skipped)');
  process.exit(0);
}
const flag = (f: string): string | undefined => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = flag('--split');
const jsonOut = flag('--json');

/** The site a page belongs to: its name without a trailing `_YYYY_MM_DD` crawl date. */
export function siteOf(name: string): string {
  return name.replace(/_\d{4}_\d{2}_\d{2}$/, '');
}

/** A fixed fifth of the sites (sha-256 of the site name) kept out of development. */
export function isHeldSite(site: string): boolean {
  return createHash('sha256').update(site).digest()[0] % 5 === 0;
}

const vocab = new Map<string, number>();
/** Token ids of `s` (lower-cased letter/digit runs; each CJK character alone). */
function tokens(s: string): number[] {
  const t = s.replace(/\u00ad/g, '').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  return t.map((w) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  });
}

/** Length of the longest common subsequence of two token sequences (bit-parallel, Hyyrö 2004). */
function lcs(a: number[], b: number[]): number {
  const m = b.length;
  if (!m || !a.length) return 0;
  const words = (m + 31) >>> 5;
  const masks = new Map<number, Uint32Array>();
  for (let j = 0; j < m; j++) {
    let mk = masks.get(b[j]);
    if (!mk) masks.set(b[j], (mk = new Uint32Array(words)));
    mk[j >>> 5] |= 1 << (j & 31);
  }
  const v = new Uint32Array(words).fill(0xffffffff);
  for (const tok of a) {
    const mk = masks.get(tok);
    if (!mk) continue;
    let carry = 0;
    let borrow = 0;
    for (let w = 0; w < words; w++) {
      const u = (v[w] & mk[w]) >>> 0;
      const sum = v[w] + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      const diff = v[w] - u - borrow;
      borrow = diff < 0 ? 1 : 0;
      v[w] = ((sum >>> 0) | (diff >>> 0)) >>> 0;
    }
  }
  let ones = 0;
  for (let j = 0; j < m; j++) if (v[j >>> 5] & (1 << (j & 31))) ones++;
  return m - ones;
}

function score(pred: string, truth: string): { p: number; r: number; f: number } {
  const a = tokens(pred);
  const b = tokens(truth);
  const l = lcs(a, b);
  const p = a.length ? l / a.length : 0;
  const r = b.length ? l / b.length : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const urls: Record<string, string> = fs.existsSync(path.join(dir, 'urls.json'))
  ? JSON.parse(fs.readFileSync(path.join(dir, 'urls.json'), 'utf8'))
  : {};
const names = fs.readdirSync(path.join(dir, 'html')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5))
  .filter((n) => fs.existsSync(path.join(dir, 'text', `${n}.txt`)))
  .filter((n) => (split === 'held' ? isHeldSite(siteOf(n)) : split === 'dev' ? !isHeldSite(siteOf(n)) : true))
  .sort();
const pages = names.map((n) => ({
  name: n,
  html: decodePage(fs.readFileSync(path.join(dir, 'html', `${n}.html`))),
  truth: fs.readFileSync(path.join(dir, 'text', `${n}.txt`), 'utf8'),
  url: urls[n] ?? `http://${siteOf(n)}/article`,
}));
/** Each column's outputs, one text per page in `pages` order. */
const columns: Record<string, string[]> = {};
const guard = (fn: () => string): string => {
  try {
    return fn();
  } catch {
    return '';
  }
};
columns['news-ingest'] = pages.map((p) => guard(() => extractArticle(p.html, p.url).text));
if (!args.includes('--no-readability')) {
  columns['Readability 0.6 + linkedom'] = pages.map((p) => guard(() => {
    const { document } = parseHTML(p.html);
    try {
      Object.defineProperty(document, 'documentURI', { value: p.url });
    } catch {
      // linkedom documents without a settable URI: relative links stay relative
    }
    return new Readability(document as unknown as Document).parse()?.textContent ?? '';
  }));
}
if (!args.includes('--no-lxml') && !args.includes('--no-readability')) {
  const py = findLxmlPython();
  if ('reason' in py) console.log(`readability-lxml column skipped: ${py.reason}`);
  else columns['readability-lxml'] = runReadabilityLxml(py.python, pages.map((p) => ({ html: p.html, url: p.url }))).map((r) => r.text);
}
const perPage: Record<string, Record<string, { p: number; r: number; f: number; chars: number }>> = {};
const truthTokens = pages.map((p) => tokens(p.truth).length);
for (const [label, outs] of Object.entries(columns)) {
  let sp = 0, sr = 0, sf = 0, empty = 0;
  pages.forEach((pg, i) => {
    const out = outs[i] ?? '';
    if (!out.trim()) empty++;
    const s = score(out, pg.truth);
    sp += s.p;
    sr += s.r;
    sf += s.f;
    (perPage[pg.name] ??= {})[label] = { ...s, chars: out.length };
  });
  const k = names.length || 1;
  console.log(`${label.padEnd(28)} ${names.length} pages${split ? ` (${split})` : ''}: ROUGE-L F1 ${(sf / k).toFixed(3)} (P ${(sp / k).toFixed(3)}, R ${(sr / k).toFixed(3)}), empty ${empty}`);
}
// Issue 13: "no empty output for a page that has a readable article". A page counts when our text
// is empty or under 20% of the expected token count while some peer's reaches 20%.
const short = (i: number, outs: string[]): boolean => tokens(outs[i] ?? '').length < 0.2 * truthTokens[i];
const peers = Object.keys(columns).filter((c) => c !== 'news-ingest');
if (peers.length) {
  const lost = pages.filter((_, i) => short(i, columns['news-ingest']) && peers.some((c) => !short(i, columns[c]))).map((p) => p.name);
  console.log(`short or empty here (< 20% of the expected tokens) where a peer is not: ${lost.length}${lost.length ? ` (${lost.join(', ')})` : ''}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(perPage, null, 1));
