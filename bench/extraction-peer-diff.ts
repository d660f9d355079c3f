/**
 * Where this extractor and Readability disagree, on folders of real pages that carry no expected
 * text (other extractors' test pages, date-extraction suites...): issue 13, round 16.
 *
 * For every `*.html`/`*.htm` file under each folder (recursively) it runs this extractor, Mozilla
 * Readability 0.6 on linkedom and (unless `--no-jsdom`) on jsdom, and prints per page the words
 * out of each and the word-level overlap of ours against Readability (bag-of-words precision,
 * recall and F1: ours as the prediction, Readability as the reference). Tokens are lower-cased
 * runs of letters and digits, each Han/kana/Hangul character alone (as bench/extraction-pairs-eval.ts).
 *
 * The reference is Readability on jsdom when it ran, else on linkedom. Flags (thresholds are this
 * round's choice, printed with the figures):
 * - `short`: the reference returns a readable article (≥ 100 words) and ours is empty or holds
 *   < 30 % of its words;
 * - `long`: ours holds ≥ 2× the reference's words and ≥ 150 more (boilerplate kept, or a story
 *   Readability cut short: read the page to tell).
 * Readability is not the truth: a flag is a page to read, not an error.
 *
 * The pages stay outside the repository. A page's URL is taken from `<folder>/urls.json`
 * (`{ "<file path relative to the folder>": "<url>" }`) when present, else `http://<file stem>/`.
 *
 * Usage: `npx tsx bench/extraction-peer-diff.ts [--no-jsdom] [--json FILE] [--tsv FILE]
 * [--cache FILE] [--flagged] <label>=<folder> ...` (`--cache`: Readability's texts are read from and
 * written to FILE, so a second run scores only this extractor again); without folders it prints this usage and exits 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { decodePage } from '../src/extract/batch.js';
import { extractArticle } from '../src/extract/index.js';

const args = process.argv.slice(2);
const flag = (f: string): string | undefined => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
const noJsdom = args.includes('--no-jsdom');
const jsonOut = flag('--json');
const tsvOut = flag('--tsv');
const cacheFile = flag('--cache');
const sets = args.filter((a, i) => a.includes('=') && !['--json', '--tsv', '--cache'].includes(args[i - 1] ?? ''));
/** Readability's texts by `<runner> <set>/<page>`, kept between runs with `--cache FILE` (the peer does not change). */
const cache: Record<string, string> = cacheFile && fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {};
const cached = (key: string, fn: () => string): string => (cache[key] ??= safe(fn));
if (!sets.length) {
  console.log('usage: npx tsx bench/extraction-peer-diff.ts [--no-jsdom] [--json FILE] [--tsv FILE] [--flagged] <label>=<folder> ...');
  process.exit(0);
}

/** Readable article: the reference returns at least this many words. */
const READABLE_WORDS = 100;
/** `short`: ours holds fewer than this share of the reference's words. */
const SHORT_SHARE = 0.3;
/** `long`: ours holds at least this multiple of the reference's words... */
const LONG_RATIO = 2;
/** ...and at least this many more words. */
const LONG_EXTRA = 150;

/** Lower-cased word tokens of `s` (letters/digits runs; CJK characters one by one). */
function tokens(s: string): string[] {
  return s.replace(/\u00ad/g, '').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}_]+/gu) ?? [];
}

/** Bag-of-words overlap of `pred` against `ref`: P = common / pred, R = common / ref. */
function overlap(pred: string[], ref: string[]): { p: number; r: number; f: number } {
  const bag = new Map<string, number>();
  for (const t of ref) bag.set(t, (bag.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      common++;
      bag.set(t, n - 1);
    }
  }
  const p = pred.length ? common / pred.length : 0;
  const r = ref.length ? common / ref.length : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

function listPages(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listPages(p));
    else if (/\.html?$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const vc = new VirtualConsole();
function readabilityLinkedom(html: string, url: string): string {
  const { document } = parseHTML(html);
  try {
    Object.defineProperty(document, 'documentURI', { value: url });
  } catch {
    // linkedom documents without a settable URI: relative links stay relative
  }
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}
function readabilityJsdom(html: string, url: string): string {
  const dom = new JSDOM(html, { url, virtualConsole: vc });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}
const safe = (fn: () => string): string => {
  try {
    return fn();
  } catch {
    return '';
  }
};

/** One page's row. */
interface Row {
  set: string;
  page: string;
  ours: number;
  rdbLinkedom: number;
  rdbJsdom: number | null;
  p: number;
  r: number;
  f: number;
  flag: '' | 'short' | 'long';
}
const rows: Row[] = [];
for (const spec of sets) {
  const [label, dir] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
  const urls: Record<string, string> = fs.existsSync(path.join(dir, 'urls.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'urls.json'), 'utf8')) : {};
  for (const file of listPages(dir)) {
    const rel = path.relative(dir, file);
    const url = urls[rel] ?? `http://${path.basename(file).replace(/\.html?$/i, '').replace(/[^A-Za-z0-9.-]+/g, '-')}/`;
    const html = decodePage(fs.readFileSync(file));
    const ours = tokens(safe(() => extractArticle(html, url).text));
    const lk = tokens(cached(`linkedom ${label}/${rel}`, () => readabilityLinkedom(html, url)));
    const jd = noJsdom ? null : tokens(cached(`jsdom ${label}/${rel}`, () => readabilityJsdom(html, url)));
    const ref = jd ?? lk;
    const o = overlap(ours, ref);
    let f: Row['flag'] = '';
    if (ref.length >= READABLE_WORDS && ours.length < SHORT_SHARE * ref.length) f = 'short';
    else if (ours.length >= LONG_RATIO * ref.length && ours.length - ref.length >= LONG_EXTRA) f = 'long';
    rows.push({ set: label, page: rel, ours: ours.length, rdbLinkedom: lk.length, rdbJsdom: jd ? jd.length : null, ...o, flag: f });
  }
  process.stderr.write(`${label}: ${rows.filter((r) => r.set === label).length} pages\n`);
  if (cacheFile) fs.writeFileSync(cacheFile, JSON.stringify(cache));
}

const fx = (n: number) => n.toFixed(3);
if (args.includes('--flagged')) {
  for (const r of rows.filter((x) => x.flag)) {
    console.log(`${r.flag.padEnd(5)} ${r.set}/${r.page}  ours ${r.ours}  rdb-linkedom ${r.rdbLinkedom}  rdb-jsdom ${r.rdbJsdom ?? '-'}  P ${fx(r.p)} R ${fx(r.r)} F ${fx(r.f)}`);
  }
}
console.log(`reference: Readability 0.6 + ${noJsdom ? 'linkedom' : 'jsdom'}; short = ref ≥ ${READABLE_WORDS} words and ours < ${SHORT_SHARE * 100}%; long = ours ≥ ${LONG_RATIO}× ref and ≥ ${LONG_EXTRA} more`);
console.log('set'.padEnd(12), 'pages', 'short', ' long', ' mean F', 'mean P', 'mean R', 'words ours/ref');
for (const label of [...new Set(rows.map((r) => r.set)), 'all']) {
  const rs = label === 'all' ? rows : rows.filter((r) => r.set === label);
  const k = rs.length || 1;
  const mean = (g: (r: Row) => number) => rs.reduce((s, r) => s + g(r), 0) / k;
  const refWords = rs.reduce((s, r) => s + (r.rdbJsdom ?? r.rdbLinkedom), 0);
  const ourWords = rs.reduce((s, r) => s + r.ours, 0);
  console.log(label.padEnd(12), String(rs.length).padStart(5), String(rs.filter((r) => r.flag === 'short').length).padStart(5),
    String(rs.filter((r) => r.flag === 'long').length).padStart(5), fx(mean((r) => r.f)).padStart(7), fx(mean((r) => r.p)), fx(mean((r) => r.r)),
    (ourWords / (refWords || 1)).toFixed(3));
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
if (tsvOut) {
  const head = 'set\tpage\tflag\tours\trdb_linkedom\trdb_jsdom\tp\tr\tf';
  fs.writeFileSync(tsvOut, [head, ...rows.map((r) => [r.set, r.page, r.flag, r.ours, r.rdbLinkedom, r.rdbJsdom ?? '', fx(r.p), fx(r.r), fx(r.f)].join('\t'))].join('\n') + '\n');
}
