/**
 * Evaluates the tagger on labeled tagging sets: precision, recall and F1 of `relevant` overall,
 * per language and per group, language identification accuracy, and signal precision/recall
 * per `expect` field (sets of canonical names).
 *
 * Sets, by default all three, each with its own table:
 * - ../shared/corpus/tagging/dev.jsonl (the shared dev split, 6 languages; tuned on);
 * - tests/fixtures/tagging/multilingual-dev.jsonl (written for issue 12, 14 languages; tuned on);
 * - tests/fixtures/tagging/multilingual-heldout.jsonl and multilingual-heldout2.jsonl (written
 *   for issue 12, 14 languages, each run once before any change; their first-run figures are
 *   in docs/tagging.md, later runs include fixes of the kinds of fault they showed);
 * - tests/fixtures/tagging/heldout-round2.jsonl (issue 12 round 2: 112 articles, 8 per language,
 *   committed before its first run; `--half=tune` / `--half=report` select its two halves:
 *   fixes were made on the tuning half only).
 * - tests/fixtures/tagging/heldout-round4.jsonl (issues 12/15 round 4: 210 articles, 15 per language
 *   in 14 languages, 8 positive / 5 hard-negative / 2 easy-negative each, written from public
 *   coverage 2020-2026 in our own words and committed before its first run; held out: not for tuning).
 * - tests/fixtures/tagging/heldout-round5.jsonl (round 5: 210 articles, 15 per language in the same 14 languages,
 *   8/5/2, written from public coverage by a helper that never read the tagger; committed before its first run;
 *   held out: not for tuning; see heldout-round5.md).
 *
 *   npm run eval:tagging                      # the three tables
 *   npm run eval:tagging -- --verbose         # plus every wrong item with its features
 *   npm run eval:tagging -- path/to/set.jsonl # other files in the same format
 *   npm run eval:tagging -- --half=report tests/fixtures/tagging/heldout-round2.jsonl
 *
 * Prints figures; not a test.
 */
import { compareNames } from './lib/signal-names.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { explainArticle, loadTopic } from '../src/tagging/index.js';

interface Item {
  id: string;
  lang: string;
  label: 0 | 1;
  group: string;
  title: string;
  text: string;
  /** Publication date (YYYY-MM-DD), passed to the tagger (round 16: guideline rule 1). */
  publishedAt?: string;
  expect: Record<'actors' | 'countries' | 'places' | 'mediators', string[]>;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const given = args.filter((a) => !a.startsWith('--'));
// --half=tune|report: heldout-round2's split (ids numbered 001/003 are the tuning half, 002/004 the report half).
const half = args.find((a) => a.startsWith('--half='))?.slice('--half='.length);
if (half && half !== 'tune' && half !== 'report') throw new Error(`--half must be tune or report, got "${half}"`);
// Without arguments: the shared dev split and every labeled set in tests/fixtures/tagging.
const fixtureDir = resolve(process.cwd(), 'tests/fixtures/tagging');
const files = given.length > 0 ? given : [
  resolve(process.cwd(), '../shared/corpus/tagging/dev.jsonl'),
  ...readdirSync(fixtureDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => resolve(fixtureDir, f)),
];
const summary: string[] = [];
const topic = loadTopic('armenia-azerbaijan-talks');
let first = true;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`no labeled set at ${file}${file.includes('shared') ? ' (the shared corpus is absent)' : ''}`);
    process.exitCode = 1;
    continue;
  }
  if (!first) console.log('');
  first = false;
  // A line without an id (a set's header comment, `{"_comment": ...}`) is not an item.
  const items = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item).filter((it) => typeof it.id === 'string');
  evaluate(half ? `${file} (${half} half)` : file, half ? items.filter((it) => (Number(it.id.slice(-3)) % 2 === 1) === (half === 'tune')) : items);
}

/** Prints the tables for one labeled set. */
function evaluate(file: string, items: Item[]): void {

  type Cell = { tp: number; fp: number; fn: number; tn: number };
  const cells = new Map<string, Cell>();
  const bump = (key: string, label: number, pred: boolean): void => {
    const c = cells.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    if (label && pred) c.tp++;
    else if (!label && pred) c.fp++;
    else if (label && !pred) c.fn++;
    else c.tn++;
    cells.set(key, c);
  };
  const fields = ['countries', 'actors', 'places', 'mediators'] as const;
  const sig = Object.fromEntries(fields.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof fields)[number], { tp: number; fp: number; fn: number }>;
  const exact = Object.fromEntries(fields.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof fields)[number], { tp: number; fp: number; fn: number }>;
  const wrong: string[] = [];
  const sigMisses: string[] = [];
  let langOk = 0;

  for (const it of items) {
    const r = explainArticle({ title: it.title, text: it.text, publishedAt: it.publishedAt }, topic);
    if (r.language === it.lang) langOk++;
    for (const key of ['all', `lang ${it.lang}`, `group ${it.group}`]) bump(key, it.label, r.relevant);
    if (r.relevant !== (it.label === 1)) {
      wrong.push(`${it.id} label=${it.label} score=${r.score} ${JSON.stringify(r.features)} terms=${r.signals.terms.join('|')}\n    ${it.title}`);
    }
    for (const f of fields) {
      const exp = new Set(it.expect[f] ?? []);
      const got = new Set(r.signals[f]);
      for (const x of exp) (got.has(x) ? exact[f].tp++ : exact[f].fn++);
      for (const x of got) if (!exp.has(x)) exact[f].fp++;
      const { tp, fp: extra, fn: miss } = compareNames(exp, got);
      sig[f].tp += tp.length;
      sig[f].fp += extra.length;
      sig[f].fn += miss.length;
      if (miss.length || extra.length) sigMisses.push(`${it.id} ${f}: missing [${miss.join(', ')}] extra [${extra.join(', ')}]`);
    }
  }

  const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
  const prf = (c: Cell): [number, number, number] => {
    const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN;
    const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN;
    return [p, r, p + r ? (2 * p * r) / (p + r) : NaN];
  };
  console.log(`tagging eval: ${items.length} items from ${file}`);
  console.log('scope              n    tp  fp  fn  tn   precision recall  f1');
  const keys = ['all', ...[...cells.keys()].filter((k) => k.startsWith('lang')).sort(), ...[...cells.keys()].filter((k) => k.startsWith('group')).sort()];
  for (const k of keys) {
    const c = cells.get(k)!;
    const [p, r, f] = prf(c);
    const n = c.tp + c.fp + c.fn + c.tn;
    console.log(`${k.padEnd(18)} ${String(n).padStart(3)}  ${[c.tp, c.fp, c.fn, c.tn].map((x) => String(x).padStart(3)).join(' ')}   ${pct(p)}     ${pct(r)}   ${pct(f)}`);
  }
  console.log(`\nlanguage detection: ${langOk}/${items.length} correct (records given without language)`);
  console.log('\nsignal      expected  found  precision recall   (names compared exactly: precision recall)');
  for (const f of fields) {
    const s = sig[f];
    const e = exact[f];
    console.log(`${f.padEnd(11)} ${String(s.tp + s.fn).padStart(8)} ${String(s.tp + s.fp).padStart(6)}  ${pct(s.tp / (s.tp + s.fp))}     ${pct(s.tp / (s.tp + s.fn))}    ${pct(e.tp / (e.tp + e.fp))}     ${pct(e.tp / (e.tp + e.fn))}`);
  }
  const [p, r, f1] = prf(cells.get('all')!);
  const worst = [...cells.keys()].filter((k) => k.startsWith('lang')).map((k) => [k.slice(5), prf(cells.get(k)!)[2]] as const)
    .filter(([, f]) => Number.isFinite(f)).sort((a, b) => a[1] - b[1])[0];
  summary.push(`${file.split('/').pop()!.padEnd(28)} ${String(items.length).padStart(4)}  ${pct(p)} ${pct(r)} ${pct(f1)}  ${worst ? `${worst[0]} ${pct(worst[1])}` : '-'}  `
    + fields.map((fl) => `${pct(sig[fl].tp / (sig[fl].tp + sig[fl].fp))}/${pct(sig[fl].tp / (sig[fl].tp + sig[fl].fn))}`).join(' '));
  if (verbose) {
    console.log(`\nwrong decisions (${wrong.length}):\n${wrong.join('\n')}`);
    console.log(`\nsignal differences:\n${sigMisses.join('\n')}`);
  }
}

if (summary.length > 1) {
  console.log('\nsummary: set, n, P R F1, lowest language F1, signals P/R countries actors places mediators');
  for (const line of summary) console.log(line);
}
